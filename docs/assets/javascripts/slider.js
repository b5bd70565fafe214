// Slider figures: a page writes ![caption](fig:x.py::figure_x?param=v1,v2,...) and the
// build draws one SVG per value by calling figure_x(lang, param=v) (the default value:
// figure_x(lang), the frame the page shows without JavaScript). The <figure> carries the
// frames' URLs, the values and the label text (extra.ui.<lang>.slider in mkdocs.yml) in
// data- attributes; this adds an <input type="range"> that swaps which file its two <img>
// (light and dark, told apart by the URL fragment) show. Frames load on first use.
document$.subscribe(({ body }) => {
  body.querySelectorAll("figure.snippet-slider").forEach((fig, n) => {
    if (fig.querySelector('input[type="range"]')) return;
    const { param, label, valuetext } = fig.dataset;
    const values = fig.dataset.values.split(" ");
    const frames = fig.dataset.frames.split(" ");
    const imgs = [...fig.querySelectorAll("img")];
    const id = `snippet-slider-${n}`;
    const row = document.createElement("div");
    row.className = "snippet-slider-controls";
    const caption = document.createElement("label");
    caption.htmlFor = id;
    caption.textContent = label;
    const input = Object.assign(document.createElement("input"), {
      type: "range", id, min: 0, max: values.length - 1, step: 1, value: fig.dataset.default,
    });
    const output = document.createElement("output");
    output.htmlFor = id;
    output.setAttribute("aria-live", "polite");
    const show = () => {
      const i = Number(input.value);
      const text = valuetext.replace("{param}", param).replace("{value}", values[i]);
      input.setAttribute("aria-valuetext", text);
      output.textContent = text;
      fig.dataset.frame = values[i];
      for (const img of imgs) {
        const fragment = img.getAttribute("src").split("#")[1];
        img.setAttribute("src", `${frames[i]}#${fragment}`);
      }
    };
    input.addEventListener("input", show);
    show();
    row.append(caption, input, output);
    fig.insertBefore(row, fig.querySelector("figcaption"));
  });
});
