// Copying a selection that holds formulas copies each formula as its TeX (from the
// <annotation> the build keeps in the MathML): $...$ inline, $$...$$ display.
// Temml's contrib/copy-tex (MIT, Temml 0.13.5; itself KaTeX's copy-tex), with one
// change: display formulas get the display delimiters (Temml's uses $...$ for both).
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
