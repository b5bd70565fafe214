"""Jupyter notebooks generated from the pages (never edited by hand).

One page = one notebook, same stem: ``docs/<chapter>/<page>.<lang>.md`` becomes
``<chapter>/<page>.ipynb`` in the notebook folder of that language, for every
page that includes at least one snippet. :func:`page_to_notebook` walks the
page's blocks (:mod:`snippets._engine.page`, the one parse of a page) and turns
them into nbformat v4 cells:

* ``Prose``, ``Math`` and ``Heading`` blocks -> markdown cells, one per heading:
  ``\\( \\)`` -> ``$ $``, ``\\[ \\]`` -> ``$$ $$``, links to pages that have a
  notebook ``x.md#a`` -> ``x.ipynb#a`` (links to pages without one, and to other
  files of the site, keep their text only), headings get an ``<a id>`` with the
  site's anchor so ``#anchor`` links keep working;
* ``Container`` blocks: admonitions and collapsibles -> blockquotes with a bold
  title, content tabs -> bold label and the body;
* a ``Fence`` that only includes ``<chapter>/<topic>.py`` -> a code cell with
  that file's exact source; the next included ``<chapter>/<topic>.out`` -> that
  cell's stored stdout (the golden file, byte for byte); any other included
  ``.py`` (e.g. from ``scripts/``) -> a code cell tagged ``skip-execution``;
  other fences -> Markdown code blocks, includes pasted by pymdownx.snippets
  itself (:func:`snippets._engine.page.read_include`);
* a ``Figure`` (``![caption](fig:<chapter>/<topic>.py::figure_x)``) -> a code
  cell ``figure_x("<lang>");`` when that snippet ran earlier in the notebook;
  when the page shows it before its snippet, the caption with a note there and
  the cell right after the snippet's cell and output; else (the page never runs
  that snippet) the caption only;
* a Markdown ``Include`` outside a fence -> its blocks, in place.

*Copy means copy*: every snippet cell is the snippet file as it is. A snippet
that reads files of the repository says so with a first comment line
``# Run from the repository root`` (:func:`snippets._engine.execute.needs_repository`);
its notebook then opens with a note (``extra.ui.<lang>.notebook.repository`` in
mkdocs.yml) that it must be run from the root of a clone, and the tests run it
there. Every other notebook runs in any folder.

Every snippet is written to run in a fresh interpreter. A notebook runs them in
one kernel, so after a snippet that changes a process-wide default (print
options, default dtype, deterministic algorithms) a *reset cell* tagged
``reset`` restores it before the next snippet cell. The Chinese notebooks with
figures start with a font cell tagged ``setup`` that prints nothing (its
stored output is empty, so running it shows what the rendered page shows).

The cell metadata names the source: ``{"snippet": "relu/x.py"}`` on snippet
cells, ``{"figure": "x.py::figure_x"}`` on figure cells, so tests can compare an
executed cell with its golden file. UI strings come from mkdocs.yml
(``extra.ui.<lang>.notebook``, :func:`snippets._engine.config.ui`).

This module only generates notebooks; rendering them as site pages is
:mod:`snippets._engine.notebook_pages`.
"""
from __future__ import annotations

import ast
import builtins
import functools
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import v4

from snippets._engine import config
from snippets._engine import page as page_model
from snippets._engine.catalog import DOCS, ROOT, SNIPPETS, page_lang, page_stem, pages, rel
from snippets._engine.execute import needs_repository
from snippets._engine.page import (
    CODE_SPAN,
    LINK,
    Block,
    Container,
    Fence,
    Figure,
    FrontMatter,
    Heading,
    Include,
    Math,
    PageError,
    Prose,
)


LANGS = config.languages()
URL_DIR = "notebooks"  # <site>/notebooks/<lang>/<chapter>/<page>.ipynb
SKIP = "skip-execution"


def ui(lang: str) -> dict:
    """The notebook strings of ``lang`` (``extra.ui.<lang>.notebook`` in mkdocs.yml)."""
    return config.ui(lang, "notebook")


# Chinese labels in figures need a CJK font next to matplotlib's DejaVu Sans.
# It prints nothing: the notebook stores no output for it, and the rendered page
# shows none.
CJK_SETUP = """\
import importlib.util
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib import font_manager

spec = importlib.util.find_spec("noto_cjk_sans_otc")
if spec is not None and spec.origin is not None:
    font_manager.fontManager.addfont(str(Path(spec.origin).parent / "NotoSansCJK-Regular.ttc"))
known = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "SimHei", "WenQuanYi Zen Hei"]
installed = {f.name for f in font_manager.fontManager.ttflist}
cjk = [name for name in known if name in installed]  # empty: Chinese labels show as boxes
if cjk:
    plt.rcParams["font.family"] = ["DejaVu Sans", cjk[0]]  # Latin from DejaVu Sans, Chinese from cjk[0]"""

# process-wide settings a snippet may change -> the line that restores the default
_STATE = [
    (re.compile(r"\btorch\.set_printoptions\("), 'torch.set_printoptions(profile="default", sci_mode=None)'),
    (re.compile(r"\btorch\.set_default_dtype\("), "torch.set_default_dtype(torch.float32)"),
    (re.compile(r"\btorch\.set_default_device\("), "torch.set_default_device(None)"),
    (re.compile(r"\btorch\.use_deterministic_algorithms\("), "torch.use_deterministic_algorithms(False)"),
    (re.compile(r"^torch\.set_grad_enabled\(", re.M), "torch.set_grad_enabled(True)"),
    (re.compile(r"\b(np|numpy)\.set_printoptions\("), "__import__('numpy').set_printoptions()"),
]

# inline conversions for Jupyter's Markdown (the page model does not define these)
MATH_TOKEN = re.compile(r"\\\\|\\\(|\\\)|\\\[|\\\]")  # \\ kept; \( \) -> $; \[ \] -> $$
ABBREVIATION = re.compile(r"^\*\[[^\]]+\]:")  # *[HTML]: ... (abbr extension) has no Jupyter equivalent
_HEADING_CELL = re.compile(r'\n(?=<a id="[^"]*"></a>\n#)')  # a markdown cell starts at each heading


class NotebookError(Exception):
    """A page could not be turned into a notebook; the message names the page and line."""


# --------------------------------------------------------------------------- which pages
def page_file(stem: str, lang: str, docs: Path = DOCS) -> Path:
    return docs / f"{stem}.{lang}.md"


def has_notebook(page: Path) -> bool:
    """The page includes at least one snippet (:meth:`snippets._engine.page.Page.snippets`)."""
    return page.is_file() and bool(page_model.parse(page).snippets())


def notebook_pages(lang: str, docs: Path = DOCS) -> list[Path]:
    """Pages of ``lang`` that get a notebook (those that include a snippet)."""
    return [p for p in pages(docs) if page_lang(p) == lang and has_notebook(p)]


def notebook_relpath(stem: str) -> str:
    """``activation_basics/relu`` -> ``activation_basics/relu.ipynb`` (inside notebooks/<lang>/)."""
    return f"{stem}.ipynb"


def notebook_url(stem: str, lang: str) -> str:
    """Site-relative URL of the downloadable notebook."""
    return f"{URL_DIR}/{lang}/{notebook_relpath(stem)}"


# --------------------------------------------------------------------------- inline conversion
def _convert_math(segment: str, in_table: bool) -> str:
    out, pos, inline = [], 0, False
    for m in MATH_TOKEN.finditer(segment):
        tok = m.group(0)
        piece = segment[pos : m.start()]
        if inline and in_table:
            piece = piece.replace("|", r"\vert ")
        out.append(piece)
        pos = m.end()
        if tok == "\\\\":
            out.append(tok)
        elif tok in ("\\(", "\\)"):
            out.append("$")
            inline = tok == "\\("
        else:
            out.append("$$")
    out.append(segment[pos:])
    return "".join(out)


def outside_code(text: str, fn) -> str:
    """Apply ``fn`` to ``text`` with its inline code spans held out (as placeholders)."""
    spans: list[str] = []

    def hold(m: re.Match) -> str:
        spans.append(m.group(0))
        return f"\x00{len(spans) - 1}\x00"

    done = fn(CODE_SPAN.sub(hold, text))
    return re.sub(r"\x00(\d+)\x00", lambda m: spans[int(m.group(1))], done)


def _math_line(line: str) -> str:
    if ABBREVIATION.match(line):
        return ""
    in_table = line.lstrip().startswith("|")
    return outside_code(line, lambda seg: _convert_math(seg, in_table))


def _inline(text: str, ctx: "_Ctx") -> str:
    """Prose for a markdown cell: math per line (a table row's ``|`` inside inline
    math becomes ``\\vert``), then links (a link's text may span lines)."""
    text = "\n".join(_math_line(line) for line in text.split("\n"))

    def link(m: re.Match) -> str:
        new = _link_target(m.group("url"), ctx)
        if new is None:
            return m.group("text")
        return f"[{m.group('text')}]({new}{m.group('title') or ''})"

    return outside_code(text, lambda seg: LINK.sub(link, seg))


def _heading_name(text: str) -> str:
    """The heading's text as Python-Markdown's toc sees it (markup removed)."""
    text = LINK.sub(lambda m: m.group("text"), text)
    text = CODE_SPAN.sub(lambda m: m.group(2), text)
    text = re.sub(r"(\*\*|\*)(.+?)\1", r"\2", text)
    text = re.sub(r"<[^>]+>", "", text)
    return text


def _slug(name: str, ids: set[str]) -> str:
    from markdown.extensions.toc import slugify, unique

    return unique(slugify(name, "-"), ids)


def _link_target(url: str, ctx: "_Ctx") -> str | None:
    """New URL for a link in a notebook; None to keep the text only."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//|^#", url, re.I):
        return url
    path, _, frag = url.partition("#")
    if not path.endswith(".md"):
        return None  # a file of the site (data, image): not beside a downloaded notebook
    here = posixpath.dirname(ctx.page.stem)
    target_stem = posixpath.normpath(posixpath.join(here, path[: -len(".md")]))
    if target_stem not in ctx.has_notebook:
        ctx.has_notebook[target_stem] = has_notebook(page_file(target_stem, ctx.lang, ctx.docs))
    if not ctx.has_notebook[target_stem]:
        return None
    new = path[: -len(".md")] + ".ipynb"
    return new + (f"#{frag}" if frag else "")


# --------------------------------------------------------------------------- blocks -> cells
@dataclass
class _Item:
    kind: str  # "md" | "code"
    text: str = ""
    metadata: dict = field(default_factory=dict)
    stdout: str | None = None


@dataclass
class _Ctx:
    page: page_model.Page
    lang: str
    docs: Path
    items: list[_Item] = field(default_factory=list)
    ran: set[str] = field(default_factory=set)  # snippets already in a code cell
    last_code: _Item | None = None
    ids: set[str] = field(default_factory=set)
    dirty: list[str] = field(default_factory=list)  # reset lines owed before the next snippet
    needs_repository: bool = False  # a snippet cell reads files of the repository
    has_notebook: dict[str, bool] = field(default_factory=dict)  # linked stem -> has a notebook
    deferred: dict[str, list[Figure]] = field(default_factory=dict)  # snippet -> figures shown before it


def _add_md(ctx: _Ctx, text: str) -> None:
    if ctx.items and ctx.items[-1].kind == "md":
        ctx.items[-1].text += "\n" + text
    else:
        ctx.items.append(_Item("md", text))


def _add_code(ctx: _Ctx, source: str, metadata: dict, stdout: str | None = None) -> _Item:
    item = _Item("code", source.rstrip("\n"), metadata, stdout)
    ctx.items.append(item)
    ctx.last_code = item
    return item


def _state_resets(source: str) -> list[str]:
    return [reset for pattern, reset in _STATE if pattern.search(source)]


def _snippet_cell(ctx: _Ctx, target: str, where: str) -> None:
    if ctx.dirty:
        lines = [ui(ctx.lang)["reset"], "import torch", *dict.fromkeys(ctx.dirty)]
        _add_code(ctx, "\n".join(lines), {"tags": ["reset"]})
        ctx.dirty = []
    source = (SNIPPETS / target).read_text(encoding="utf-8")
    ctx.needs_repository |= needs_repository(source)
    _add_code(ctx, source, {"snippet": target, "origin": where})
    ctx.ran.add(target)
    ctx.dirty = _state_resets(source)


def _read(ctx: _Ctx, inc: Include) -> str:
    try:
        return inc.read()
    except PageError as exc:
        raise NotebookError(f"{ctx.page.where(inc)}: {exc}") from None


def _fence(ctx: _Ctx, f: Fence) -> None:
    inc = f.only_include
    if inc is not None:
        if inc.is_snippet:
            _snippet_cell(ctx, inc.name, ctx.page.where(f))
            return
        if inc.target.endswith(".out") and ctx.last_code is not None:
            owner = ctx.last_code.metadata.get("snippet")
            if owner and owner[:-3] + ".out" == inc.target and ctx.last_code.stdout is None:
                ctx.last_code.stdout = (SNIPPETS / inc.target).read_text(encoding="utf-8")
                for fig in ctx.deferred.pop(owner, []):  # figures the page shows before the code
                    _figure_cell(ctx, fig)
                return
        text, found = _read(ctx, inc), inc.file()
        if found is not None and (f.lang in ("python", "py") or (not f.lang and found.suffix == ".py")):
            _add_code(ctx, text, {"tags": [SKIP], "include": rel(found)})
            return
        body = text.rstrip("\n").splitlines()
    else:  # inline code, with any include pasted in place (as pymdownx.snippets does)
        at = {inc.line - f.line - 1: inc for inc in f.includes}
        body = []
        for k, line in enumerate(f.body.split("\n") if f.end - f.line > 1 else []):
            body += _read(ctx, at[k]).rstrip("\n").splitlines() if k in at else [line]
    opening = f.text.split("\n", 1)[0].lstrip()
    marker = opening[: len(opening) - len(opening.lstrip(opening[0]))]  # ``` or ~~~~ as written
    _add_md(ctx, "\n".join([f"{marker}{f.lang}", *body, marker]))


def _figure_cell(ctx: _Ctx, fig: Figure) -> None:
    _add_code(ctx, f'{fig.func}("{ctx.lang}");', {"figure": fig.ref})
    _add_md(ctx, f"*{_inline(fig.alt, ctx)}*")


def _figure(ctx: _Ctx, fig: Figure) -> None:
    """A figure cell where the page shows the figure, once its snippet has run. A page
    may show a figure before its code (intuition first): the notebook then keeps the
    caption there, with a note, and draws the figure right after the snippet's cell
    and output. A figure whose snippet the page never runs keeps its caption only."""
    if fig.snippet in ctx.ran:
        _figure_cell(ctx, fig)
    elif fig.snippet in ctx.page.snippets():
        ctx.deferred.setdefault(fig.snippet, []).append(fig)
        note = ui(ctx.lang)["figure_below"].format(snippet=posixpath.basename(fig.snippet))
        _add_md(ctx, f"*{_inline(fig.alt, ctx)}*{note}")
    else:
        _add_md(ctx, f"*{_inline(fig.alt, ctx)}*{ui(ctx.lang)['figure_elsewhere']}")


def _heading(ctx: _Ctx, h: Heading) -> None:
    if h.anchor:
        ctx.ids.add(h.anchor)
        ident = h.anchor
    else:
        ident = _slug(_heading_name(h.title), ctx.ids)
    _add_md(ctx, f'<a id="{ident}"></a>\n' + _inline(f"{'#' * h.level} {h.title}", ctx))


def _container(ctx: _Ctx, c: Container) -> None:
    if c.kind == "tab":
        _add_md(ctx, f"**{_inline(c.title or '', ctx)}**\n")
        _blocks(ctx, c.children, c.line)
        return
    # admonition / collapsible: a blockquote with a bold title
    title = c.type.replace("-", " ").capitalize() if c.title is None else c.title
    start = len(ctx.items)
    ctx.items.append(_Item("md", f"**{_inline(title, ctx)}**\n" if title else ""))
    _blocks(ctx, c.children, c.line)
    for item in ctx.items[start:]:
        if item.kind == "md":
            item.text = "\n".join("> " + l if l else ">" for l in item.text.split("\n")) + "\n"
    _merge_md(ctx, start)


def _merge_md(ctx: _Ctx, start: int) -> None:
    """Merge adjacent markdown items from ``start`` on (and with the one before it)."""
    merged: list[_Item] = []
    for item in ctx.items[max(0, start - 1) :]:
        if merged and merged[-1].kind == "md" and item.kind == "md":
            merged[-1].text += "\n" + item.text
        else:
            merged.append(item)
    ctx.items[max(0, start - 1) :] = merged


def _blocks(ctx: _Ctx, blocks: list[Block], after: int) -> None:
    """Cells for ``blocks``; ``after`` is the source line just before the first
    (blank source lines between blocks are kept as blank Markdown lines)."""
    prev_end = after
    for b in blocks:
        for _ in range(b.line - prev_end - 1):
            _add_md(ctx, "")
        prev_end = b.end
        if isinstance(b, FrontMatter):
            continue
        if isinstance(b, Heading):
            _heading(ctx, b)
        elif isinstance(b, Prose):
            _add_md(ctx, _inline(b.text, ctx))
        elif isinstance(b, Math):
            _add_md(ctx, "\n".join(_math_line(line) for line in b.text.split("\n")))
        elif isinstance(b, Fence):
            _fence(ctx, b)
        elif isinstance(b, Figure):
            _figure(ctx, b)
        elif isinstance(b, Container):
            _container(ctx, b)
        elif isinstance(b, Include):  # Markdown outside a fence: its blocks, in place
            try:
                pasted = page_model.parse_text(_read(ctx, b), ctx.page.path, ctx.docs)
            except PageError as exc:
                raise NotebookError(f"{ctx.page.where(b)}: in {b.target}: {exc}") from None
            _blocks(ctx, pasted.blocks, 0)
        else:
            raise NotebookError(f"{ctx.page.where(b)}: no notebook cell for a {type(b).__name__} block")


# --------------------------------------------------------------------------- figures and globals
@functools.lru_cache(maxsize=None)
def _module_globals_read_by(source: str, func: str) -> frozenset[str]:
    """Module-level names a figure function reads (not its own locals or builtins)."""
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == func:
            local = {a.arg for a in ast.walk(node.args) if isinstance(a, ast.arg)}
            loads = set()
            for sub in ast.walk(node):
                if isinstance(sub, ast.Name):
                    (loads if isinstance(sub.ctx, ast.Load) else local).add(sub.id)
                elif isinstance(sub, (ast.Import, ast.ImportFrom)):
                    local |= {(a.asname or a.name).split(".")[0] for a in sub.names}
                elif isinstance(sub, (ast.FunctionDef, ast.Lambda, ast.ClassDef)) and sub is not node:
                    if hasattr(sub, "name"):
                        local.add(sub.name)
            return frozenset(loads - local - set(dir(builtins)))
    return frozenset()


@functools.lru_cache(maxsize=None)
def _module_binds(source: str) -> dict[str, tuple]:
    """Names a script binds at module level -> how (an import of the same module
    binds the same object, so it is no clash)."""
    names: dict[str, tuple] = {}

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.Import):
            for a in node.names:
                names[a.asname or a.name.split(".")[0]] = ("import", a.name if a.asname else a.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            for a in node.names:
                names[a.asname or a.name] = ("from", node.module, a.name)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name] = ("value", source, node.lineno, node.col_offset)
            return  # its body binds local names
        elif isinstance(node, ast.Lambda):
            return
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names[node.id] = ("value", source, node.lineno, node.col_offset)
        for child in ast.iter_child_nodes(node):
            visit(child)

    for node in ast.parse(source).body:
        visit(node)
    return names


def _clashes(nb: nbformat.NotebookNode) -> list[tuple[int, int, str]]:
    """(figure cell, first later snippet cell that rebinds a global the figure function
    reads, message) for every figure cell drawn from the wrong data."""
    found = []
    owner_at: dict[str, int] = {}
    for idx, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if cell.metadata.get("snippet"):
            owner_at[cell.metadata["snippet"]] = idx
        fig = cell.metadata.get("figure")
        if not fig:
            continue
        snip, func = fig.split("::")
        source = (SNIPPETS / snip).read_text(encoding="utf-8")
        own = _module_binds(source)
        reads = (_module_globals_read_by(source, func) | {func}) & set(own)
        for later_idx in range(owner_at.get(snip, idx) + 1, idx):
            later = nb.cells[later_idx]
            other = later.metadata.get("snippet") if later.cell_type == "code" else None
            if other and other != snip:
                theirs = _module_binds(later.source)
                clash = sorted(n for n in reads if n in theirs and theirs[n] != own[n])
                if clash:
                    found.append((idx, later_idx, f"{fig}: {', '.join(clash)} rebound by {other}"))
                    break
    return found


def shadowed_figures(nb: nbformat.NotebookNode) -> list[str]:
    """Figure cells whose function reads a module global that a snippet cell between
    its own snippet and the figure rebinds (so it would draw the wrong data).
    Generated notebooks have none: :func:`_move_shadowed_figures` moves such a cell."""
    return [msg for _, _, msg in _clashes(nb)]


def _move_shadowed_figures(nb: nbformat.NotebookNode, lang: str) -> None:
    """Move a shadowed figure cell (and its caption) to just before the snippet that
    rebinds its data; the page's place of the figure keeps the caption and a note."""
    while True:
        clashes = _clashes(nb)
        if not clashes:
            return
        fig_idx, later_idx, _ = clashes[0]
        fig = nb.cells[fig_idx]
        snip = fig.metadata["figure"].split("::")[0]
        note = ui(lang)["figure_moved"].format(snippet=posixpath.basename(snip))
        after = nb.cells[fig_idx + 1] if fig_idx + 1 < len(nb.cells) else None
        if after is not None and after.cell_type == "markdown" and after.source.startswith("*"):
            caption, _, rest = after.source.partition("\n")
            moved = [fig, _markdown_cell(caption)]
            after.source = caption + note + ("\n" + rest if rest else "")
            del nb.cells[fig_idx]
        else:
            moved = [fig]
            nb.cells[fig_idx] = _markdown_cell(note.strip())
        # before the rebinding snippet (and its reset cell), or before the heading of
        # the section that introduces it
        at = later_idx
        while at > 0 and "reset" in nb.cells[at - 1].metadata.get("tags", []):
            at -= 1
        back = at
        while back > 0 and nb.cells[back - 1].cell_type == "markdown":
            back -= 1
            if _HEADING_CELL.match("\n" + nb.cells[back].source):  # the cell starts with a heading
                at = back
                break
        nb.cells[at:at] = moved


# --------------------------------------------------------------------------- notebook
# Cells built directly: nbformat's v4.new_*_cell validate every cell against the
# schema (half of the generation time); page_to_notebook validates the whole
# notebook once instead.
def _markdown_cell(source: str) -> nbformat.NotebookNode:
    return nbformat.from_dict({"cell_type": "markdown", "metadata": {}, "source": source})


def _code_cell(source: str, metadata: dict | None = None, outputs: list | None = None) -> nbformat.NotebookNode:
    return nbformat.from_dict(
        {"cell_type": "code", "execution_count": None, "metadata": metadata or {}, "outputs": outputs or [], "source": source}
    )


def page_to_notebook(page_path: Path | str, lang: str | None = None, docs: Path = DOCS) -> nbformat.NotebookNode:
    """The notebook of one page (``docs/<chapter>/<page>.<lang>.md``)."""
    path = Path(page_path)
    if not path.is_absolute():
        path = (ROOT / path) if (ROOT / path).exists() else docs / path
    try:
        page = page_model.parse(path, docs)
    except PageError as exc:
        raise NotebookError(str(exc)) from None
    lang = lang or page.lang
    if lang not in LANGS:
        raise NotebookError(f"{page.name}: unknown language {lang!r}")
    ctx = _Ctx(page=page, lang=lang, docs=docs)
    _blocks(ctx, page.blocks, 0)

    text = ui(lang)
    cells = [_markdown_cell(text["generated"].format(page=f"docs/{page.stem}.{lang}.md"))]
    for item in ctx.items:
        if item.kind == "md":  # one markdown cell per heading
            for part in _HEADING_CELL.split(item.text):
                part = re.sub(r"\n{3,}", "\n\n", part).strip("\n")
                if part.strip():
                    cells.append(_markdown_cell(part))
        else:
            outputs = []
            if item.stdout:
                outputs.append({"output_type": "stream", "name": "stdout", "text": item.stdout})
            meta = {k: v for k, v in item.metadata.items() if k != "origin"}
            cells.append(_code_cell(item.text, meta, outputs))
    head = []
    if ctx.needs_repository:
        head.append(_markdown_cell(text["repository"]))
    if text.get("cjk_note") and any(c.cell_type == "code" and "figure" in c.metadata for c in cells):
        head += [_markdown_cell(text["cjk_note"]), _code_cell(CJK_SETUP, {"tags": ["setup"]})]
    cells[1:1] = head
    nb = nbformat.from_dict({
        "nbformat": v4.nbformat,
        "nbformat_minor": v4.nbformat_minor,
        "cells": cells,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
            "generated_from": f"docs/{page.stem}.{lang}.md",
        },
    })
    _move_shadowed_figures(nb, lang)
    for n, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{n}"  # deterministic, so a rebuild produces the same file
    nbformat.validate(nb)
    return nb


def needs_repository_root(nb: nbformat.NotebookNode) -> bool:
    """A snippet cell of ``nb`` reads files of the repository: run it from the root of a clone."""
    return any(
        c.cell_type == "code" and c.metadata.get("snippet") and needs_repository(c.source) for c in nb.cells
    )


def write_notebooks(out_dir: Path, langs=LANGS, docs: Path = DOCS) -> list[Path]:
    """Write ``<out_dir>/<lang>/<chapter>/<page>.ipynb`` for every page with a snippet."""
    written = []
    for lang in langs:
        for page in notebook_pages(lang, docs):
            nb = page_to_notebook(page, lang, docs)
            dest = out_dir / lang / notebook_relpath(page_stem(page, docs))
            write(nb, dest)
            written.append(dest)
    return written


def dumps(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def write(nb: nbformat.NotebookNode, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    text = dumps(nb)
    if not dest.exists() or dest.read_text(encoding="utf-8") != text:
        dest.write_text(text, encoding="utf-8")
