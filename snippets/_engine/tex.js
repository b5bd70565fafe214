// Renders TeX as MathML with Temml (the vendored temml.min.js, argv[2]) for
// snippets/_engine/tex.py: one process per build. Each stdin line is a JSON array
// of [tex, displayMode] pairs; each stdout line is the JSON array of results,
// {"html": ...} or {"error": ...}, in the same order.
"use strict";
const fs = require("fs");
const vm = require("vm");
const readline = require("readline");

// temml.min.js defines a global `temml` (a browser build); evaluate it here
const temml = vm.runInThisContext(fs.readFileSync(process.argv[2], "utf8") + "\ntemml;", { filename: process.argv[2] });

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  const out = JSON.parse(line).map(([tex, display]) => {
    try {
      // annotate: the TeX in <annotation encoding="application/x-tex">, for screen
      // readers, copying as TeX and the KaTeX fallback (docs/assets/math/math.js)
      return { html: temml.renderToString(tex, { displayMode: display, throwOnError: true, annotate: true }) };
    } catch (e) {
      return { error: String(e && e.message ? e.message : e) };
    }
  });
  process.stdout.write(JSON.stringify(out) + "\n");
});
