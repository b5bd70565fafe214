// Renders TeX with the site's own KaTeX (the vendored katex.min.js, argv[2]) for
// snippets/_engine/tex.py: one process per build. Each stdin line is a JSON array
// of [tex, displayMode] pairs; each stdout line is the JSON array of results,
// {"html": ...} or {"error": ...}, in the same order.
"use strict";
const katex = require(process.argv[2]);
const readline = require("readline");

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  const out = JSON.parse(line).map(([tex, display]) => {
    try {
      // htmlAndMathml (KaTeX's default): the MathML carries the TeX in an
      // <annotation encoding="application/x-tex"> (screen readers, copy-tex)
      return { html: katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "htmlAndMathml" }) };
    } catch (e) {
      return { error: String(e && e.message ? e.message : e) };
    }
  });
  process.stdout.write(JSON.stringify(out) + "\n");
});
