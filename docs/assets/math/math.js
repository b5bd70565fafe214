// Formulas are MathML (rendered at build time, snippets/_engine/tex.py), which every
// browser released since 2023 lays out itself. A browser without MathML (Chromium
// before 109, e.g. an older in-app browser) gets the site's KaTeX instead: it
// renders each formula from the TeX kept in its <annotation>. Nothing happens, and
// nothing is loaded, anywhere else.
(function () {
  if ("MathMLElement" in window) return;
  var formulas = document.querySelectorAll("math");
  if (!formulas.length) return;
  var assets = document.currentScript.src.replace(/math\/math\.js(\?.*)?$/, "");
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = assets + "katex/katex.min.css";
  document.head.appendChild(css);
  var script = document.createElement("script");
  script.src = assets + "katex/katex.min.js";
  script.onload = function () {
    for (var i = 0; i < formulas.length; i++) {
      var math = formulas[i];
      var tex = math.querySelector('annotation[encoding="application/x-tex"]');
      if (!tex) continue;
      var span = document.createElement("span");
      katex.render(tex.textContent, span, { displayMode: math.getAttribute("display") === "block", throwOnError: false });
      math.parentNode.replaceChild(span.firstChild, math);
    }
  };
  document.head.appendChild(script);
})();
