// Render the TeX that pymdownx.arithmatex (generic mode) leaves in the page.
// KaTeX is served from this site (assets/katex); nothing is fetched from a CDN.
document$.subscribe(({ body }) => {
  renderMathInElement(body, {
    delimiters: [
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    throwOnError: true,
  });
});
