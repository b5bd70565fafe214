// Accessibility fixes for Material's markup, found by axe (tests/test_audit.py).
document$.subscribe(({ body }) => {
  // The search overlay is a dialog without an accessible name.
  const dialog = document.querySelector('.md-search[role="dialog"]');
  if (dialog && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", document.documentElement.lang === "zh" ? "搜索" : "Search");
  }
  // The last five blocks of a page and cells of a notebook are always drawn
  // (extra.css explains why, and why not with a selector).
  const drawn = [...body.querySelectorAll(".md-content__inner > *")].slice(-5);
  for (const cell of [...body.querySelectorAll(".jupyter-wrapper .jp-Cell")].slice(-5)) {
    drawn.push(cell, ...cell.querySelectorAll(".jp-RenderedMarkdown > *"));
  }
  drawn.forEach((el) => { el.style.contentVisibility = "visible"; });
  // Code blocks that scroll sideways must be reachable with the keyboard.
  body.querySelectorAll(".md-typeset pre > code").forEach((code) => {
    if (!code.hasAttribute("tabindex")) code.setAttribute("tabindex", "0");
  });
});
