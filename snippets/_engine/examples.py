"""Code blocks as a reader meets them: the example first, the plotting code folded.

A snippet that draws figures ends with its figure functions
(:mod:`snippets._engine.figures`). A reader copies the example first, so the built
page shows only the lines before the figure functions in the snippet's block (they
print the same output) and the whole file after the output, collapsed. The page
source keeps including the whole file, so notebooks and page rules see it whole.
(Not in figures.py: that module's source is part of every figure's cache key.)
"""
from __future__ import annotations

from snippets._engine.catalog import SNIPPETS


def example_end(source: str) -> int | None:
    """The last line of a snippet's example, when its figure functions (and private
    helpers) end the file: the lines before the first ``def figure_`` minus trailing
    blank and comment lines. ``None`` when the snippet has no figure function or
    other code follows them."""
    import ast

    body = ast.parse(source).body
    first = next((i for i, n in enumerate(body) if isinstance(n, ast.FunctionDef) and n.name.startswith("figure_")), None)
    if first is None or not all(isinstance(n, ast.FunctionDef) and n.name.startswith(("figure_", "_")) for n in body[first:]):
        return None
    node = body[first]
    lines = source.splitlines()[: min([node.lineno] + [d.lineno for d in node.decorator_list]) - 1]
    while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()
    return len(lines) or None


def split_figure_code(page, markdown: str, lang: str) -> str:
    """Keep plotting code out of the example a reader copies first: a code block that
    includes a whole snippet with figure functions shows the example lines only
    (``--8<-- "x.py:1:N"``, :func:`example_end`: it prints the same output), and the
    whole file follows the snippet's output in a collapsed block
    (``extra.ui.<lang>.figure_code``), so the figure still comes from the code
    beside it. Both blocks run as copied. The page source is unchanged: notebooks
    and page rules see the whole file."""
    from snippets._engine.config import ui
    from snippets._engine.page import Fence

    lines = markdown.split("\n")
    pos = 0
    for fence in page.of(Fence):
        inc = fence.only_include
        if inc is None or not inc.is_snippet:
            continue
        end = example_end((SNIPPETS / inc.name).read_text(encoding="utf-8"))
        needle = f'--8<-- "{inc.target}"'
        at = next((i for i in range(pos, len(lines)) if lines[i].strip() == needle), None)
        if end is None or at is None:
            continue
        indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
        lines[at] = f'{indent}--8<-- "{inc.name}:1:{end}"'
        # after the closing fence of this block, or of the snippet's output block
        close = next(j for j in range(at + 1, len(lines)) if lines[j].lstrip().startswith(("```", "~~~")))
        out = f'--8<-- "{inc.name[:-3]}.out"'
        nxt = next((j for j in range(close + 1, min(close + 6, len(lines))) if lines[j].strip() == out), None)
        if nxt is not None:
            close = next(j for j in range(nxt + 1, len(lines)) if lines[j].lstrip().startswith(("```", "~~~")))
        pad = lines[close][: len(lines[close]) - len(lines[close].lstrip())]
        # not syntax-highlighted: Pygments' spans made these blocks 3.9 MB of the
        # site's HTML for 0.7 MB of code; the example above is highlighted
        block = ["", f'{pad}??? example "{ui(lang)["figure_code"]}"', "",
                 f'{pad}    ```text title="snippets/{inc.name}"', f'{pad}    {needle}', f"{pad}    ```"]
        lines[close + 1 : close + 1] = block
        pos = close + len(block) + 1
    return "\n".join(lines)
