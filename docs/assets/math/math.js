// The formulas' two scripts (one file: one request fewer on every page).
//
// 1. Copying a selection that holds formulas copies each formula as its TeX (from
// the <annotation> the build keeps in the MathML): $...$ inline, $$...$$ display.
// Temml's contrib/copy-tex (MIT, Temml 0.13.5; itself KaTeX's copy-tex), with one
// change: display formulas get the display delimiters (Temml's uses $...$ for both).
//
// 2. Formulas are MathML (rendered at build time, snippets/_engine/tex.py), which
// every browser released since 2023 lays out itself. A browser without MathML
// (Chromium before 109, e.g. an older in-app browser) gets the site's KaTeX instead:
// it renders each formula from the TeX kept in its <annotation>. Nothing happens,
// and nothing is loaded, anywhere else.
"use strict";
(function () {
  function closestMath(node) {
    const element = node instanceof Element ? node : node.parentElement;
    return element && element.closest("math");
  }
  function replaceMathWithTeX(fragment) {
    for (const element of fragment.querySelectorAll("math")) {
      const tex = element.querySelector('annotation[encoding="application/x-tex"]');
      if (!tex) continue;
      const d = element.getAttribute("display") === "block" ? "$$" : "$";
      element.replaceWith(document.createTextNode(d + tex.textContent + d));
    }
    return fragment;
  }
  document.addEventListener("copy", function (event) {
    const selection = window.getSelection();
    if (selection.isCollapsed || !event.clipboardData) return;
    const range = selection.getRangeAt(0);
    const startMath = closestMath(range.startContainer);
    if (startMath) range.setStartBefore(startMath);
    const endMath = closestMath(range.endContainer);
    if (endMath) range.setEndAfter(endMath);
    const fragment = range.cloneContents();
    if (!fragment.querySelector("annotation")) return;
    const html = Array.prototype.map.call(fragment.childNodes,
      (el) => (el instanceof Text ? el.textContent : el.outerHTML)).join("");
    event.clipboardData.setData("text/html", html);
    event.clipboardData.setData("text/plain", replaceMathWithTeX(fragment).textContent);
    event.preventDefault();
  });
})();

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
