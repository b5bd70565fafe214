// Accessibility fixes for Material's markup, found by axe (tests/test_audit.py).
document$.subscribe(({ body }) => {
  // The search overlay is a dialog without an accessible name.
  const dialog = document.querySelector('.md-search[role="dialog"]');
  if (dialog && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", document.documentElement.lang === "zh" ? "搜索" : "Search");
  }
  // The last five blocks of a page and cells of a notebook are always drawn
  // (extra.css explains why, and why not with a selector).
  for (const blocks of [".md-content__inner > *", ".jupyter-wrapper .jp-Cell"]) {
    [...body.querySelectorAll(blocks)].slice(-5).forEach((el) => { el.style.contentVisibility = "visible"; });
  }
  // Code blocks that scroll sideways must be reachable with the keyboard.
  body.querySelectorAll(".md-typeset pre > code").forEach((code) => {
    if (!code.hasAttribute("tabindex")) code.setAttribute("tabindex", "0");
  });
});
