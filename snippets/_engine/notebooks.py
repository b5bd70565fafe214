"""Jupyter notebooks generated from the pages (never edited by hand).

One page = one notebook, same stem: ``docs/<chapter>/<page>.<lang>.md`` becomes
``<chapter>/<page>.ipynb`` in the notebook folder of that language, for every
page that includes at least one snippet. :func:`page_to_notebook` turns the page
source into nbformat v4 cells:

* prose -> markdown cells: ``\\( \\)`` -> ``$ $``, ``\\[ \\]`` -> ``$$ $$``,
  links to pages that have a notebook ``x.md#a`` -> ``x.ipynb#a`` (links to pages
  without one, and to other files of the site, keep their text only),
  ``!!! type "title"`` admonitions ->
  blockquotes with a bold title, content tabs ``=== "x"`` -> bold label and
  the unindented body, headings get an ``<a id>`` with the site's anchor so
  ``#anchor`` links keep working;
* a fenced block that only includes ``<chapter>/<topic>.py`` -> a code cell
  with that file's exact source; the next included ``<chapter>/<topic>.out`` ->
  that cell's stored stdout (the golden file, byte for byte);
* any other included ``.py`` (e.g. from ``scripts/``) -> a code cell tagged
  ``skip-execution``;
* ``![caption](fig:<chapter>/<topic>.py::figure_x)`` -> a code cell
  ``figure_x("<lang>");`` when that snippet ran earlier in the notebook, else the
  caption only;
* a snippet that uses ``__file__`` (a kernel has none) is preceded by a cell
  tagged ``setup`` that sets it, relative to the snippet's folder;
* every snippet is written to run in a fresh interpreter. A notebook runs them
  in one kernel, so after a snippet that changes a process-wide default (print
  options, default dtype, deterministic algorithms) a *reset cell* tagged
  ``reset`` restores it before the next snippet cell.

The cell metadata names the source: ``{"snippet": "relu/x.py"}`` on snippet
cells, ``{"figure": "x.py::figure_x"}`` on figure cells, so tests can compare an
executed cell with its golden file.
"""
from __future__ import annotations

import ast
import functools
import json
import builtins
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import v4

from snippets._engine.catalog import DOCS, LANGS, ROOT, SNIPPETS, cache_dir, fingerprint, page_lang, page_stem, pages, rel
from snippets._engine.page import FIGURE_DIRECTIVE as DIRECTIVE, include_roots

INCLUDE_ROOTS = include_roots()

URL_DIR = "notebooks"  # <site>/notebooks/<lang>/<chapter>/<page>.ipynb
SKIP = "skip-execution"

TEXT = {
    "zh": {
        "generated": (
            "> 本笔记本由网站页面 `{page}` 及其代码片段自动生成，请勿手动编辑。"
            "从上到下依次运行即可；每个代码单元格下保存的输出就是网站上显示的输出，"
            "测试会重新运行本笔记本并逐字比较。"
        ),
        "figure_elsewhere": "（图见网站页面）",
        "figure_moved": "（这张图在上面，紧接在 `{snippet}` 之后绘制：后面的代码片段重新定义了它用到的变量）",
        "download": "下载本页的 Jupyter 笔记本",
        "download_this": "下载这个 Jupyter 笔记本",
        "file": "# 这个代码片段按自身所在的位置查找文件：请在仓库的 {folder} 文件夹中运行本笔记本",
        "reset": "# 恢复上一个代码片段修改过的全局设置（每个代码片段都假定在全新的 Python 中运行）",
        "index_head": "| 章节 | 页面 | 笔记本 |\n|---|---|---|",
        "index_read": "在网站上阅读",
        "index_view": "阅读",
    },
    "en": {
        "generated": (
            "> This notebook is generated from the site page `{page}` and its snippets; "
            "do not edit it by hand. Run it from top to bottom: the output stored under "
            "each code cell is the output shown on the site, and a test re-runs this "
            "notebook and compares it character for character."
        ),
        "figure_elsewhere": " (figure on the website page)",
        "figure_moved": " (drawn above, right after `{snippet}`: a later snippet redefines names it uses)",
        "download": "Download this page as a Jupyter notebook",
        "download_this": "Download this Jupyter notebook",
        "file": "# This snippet finds files relative to its own location: run this notebook in the repository's {folder} folder",
        "reset": "# Restore global settings changed by the previous snippet (every snippet assumes a fresh Python)",
        "index_head": "| Chapter | Page | Notebook |\n|---|---|---|",
        "index_read": "On the site",
        "index_view": "read",
    },
}

# Chinese labels in figures need a CJK font next to matplotlib's DejaVu Sans
CJK_NOTE = (
    "图中的中文需要一种中文字体。下面的单元格优先使用 pip 包 `noto-cjk-sans-otc` 里的 "
    "Noto Sans CJK SC（`pip install noto-cjk-sans-otc`），其次使用系统中已安装的中文字体；"
    "都没有时，图中的汉字会显示成方框，代码和输出不受影响。"
)
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
cjk = [name for name in known if name in installed]
if cjk:
    plt.rcParams["font.family"] = ["DejaVu Sans", cjk[0]]  # Latin from DejaVu Sans, Chinese from cjk[0]
print(f"中文字体：{cjk[0] if cjk else '未找到'}")"""

# process-wide settings a snippet may change -> the line that restores the default
_STATE = [
    (re.compile(r"\btorch\.set_printoptions\("), 'torch.set_printoptions(profile="default", sci_mode=None)'),
    (re.compile(r"\btorch\.set_default_dtype\("), "torch.set_default_dtype(torch.float32)"),
    (re.compile(r"\btorch\.set_default_device\("), "torch.set_default_device(None)"),
    (re.compile(r"\btorch\.use_deterministic_algorithms\("), "torch.use_deterministic_algorithms(False)"),
    (re.compile(r"^torch\.set_grad_enabled\(", re.M), "torch.set_grad_enabled(True)"),
    (re.compile(r"\b(np|numpy)\.set_printoptions\("), "__import__('numpy').set_printoptions()"),
]

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?)[ \t]*(?P<type>[\w-]+)(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$')
TAB = re.compile(r'^===\+?[ \t]+"(?P<label>[^"]*)"[ \t]*$')
INCLUDE_LINE = re.compile(r'^[ \t]*--8<--[ \t]+"(?P<target>[^"]+)"[ \t]*$')
LINK = re.compile(r'(?<!!)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<url>[^)\s]+)(?P<title>[ \t]+"[^"]*")?\)')
HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]+\{:?[ \t]*(?P<attrs>[^}]*)\})?[ \t]*#*[ \t]*$")
MATH_TOKEN = re.compile(r"\\\\|\\\(|\\\)|\\\[|\\\]")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_ANCHOR_LINE = re.compile(r'^<a id="[^"]*"></a>\n#')
ABBREVIATION = re.compile(r"^\*\[[^\]]+\]:")


class NotebookError(Exception):
    """A page could not be turned into a notebook; the message names the page and line."""


# --------------------------------------------------------------------------- which pages
def page_file(stem: str, lang: str, docs: Path = DOCS) -> Path:
    return docs / f"{stem}.{lang}.md"


def snippet_includes(text: str) -> list[str]:
    """Snippets (``<chapter>/<topic>.py`` with a golden file) a page includes."""
    found = []
    for line in text.splitlines():
        m = INCLUDE_LINE.match(line)
        if m and _is_snippet(m.group("target")):
            found.append(m.group("target"))
    return found


def has_notebook(page: Path) -> bool:
    return page.is_file() and bool(snippet_includes(page.read_text(encoding="utf-8")))


def notebook_pages(lang: str, docs: Path = DOCS) -> list[Path]:
    """Pages of ``lang`` that get a notebook (those that include a snippet)."""
    return [p for p in pages(docs) if page_lang(p) == lang and has_notebook(p)]


def notebook_relpath(stem: str) -> str:
    """``activation_basics/relu`` -> ``activation_basics/relu.ipynb`` (inside notebooks/<lang>/)."""
    return f"{stem}.ipynb"


def notebook_url(stem: str, lang: str) -> str:
    """Site-relative URL of the downloadable notebook."""
    return f"{URL_DIR}/{lang}/{notebook_relpath(stem)}"


def _is_snippet(target: str) -> bool:
    p = SNIPPETS / target
    return target.endswith(".py") and p.is_file() and p.with_suffix(".out").is_file() and not p.name.startswith("_")


def _resolve_include(target: str) -> Path | None:
    for base in INCLUDE_ROOTS:
        if (base / target).is_file():
            return base / target
    return None


_SECTION = re.compile(r"^.*--8<--[ \t]*\[(start|end):[\w-]+\].*\n?", re.M)


def _read_include(spec: str) -> tuple[str, Path | None]:
    """Text of a pymdownx.snippets include: ``path``, ``path:a:b`` (lines) or ``path:name`` (section)."""
    path, _, sel = spec.partition(":")
    found = _resolve_include(path)
    if found is None:
        return "", None
    text = found.read_text(encoding="utf-8")
    if sel:
        lines = text.splitlines(keepends=True)
        if re.fullmatch(r"\d*(:\d*)?", sel):
            a, _, b = sel.partition(":")
            text = "".join(lines[(int(a) - 1 if a else 0) : (int(b) if b else None)])
        else:
            m = re.search(
                rf"^.*--8<--[ \t]*\[start:{re.escape(sel)}\].*\n(.*?)^.*--8<--[ \t]*\[end:{re.escape(sel)}\]",
                text,
                re.M | re.S,
            )
            text = m.group(1) if m else ""
    return _SECTION.sub("", text), found


# --------------------------------------------------------------------------- text conversion
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


def _outside_code(line: str, fn) -> str:
    """Apply ``fn`` to a line with its inline code spans held out (as placeholders)."""
    spans: list[str] = []

    def hold(m: re.Match) -> str:
        spans.append(m.group(0))
        return f"\x00{len(spans) - 1}\x00"

    done = fn(CODE_SPAN.sub(hold, line))
    return re.sub(r"\x00(\d+)\x00", lambda m: spans[int(m.group(1))], done)


def _heading_name(text: str) -> str:
    """The heading's text as Python-Markdown's toc sees it (markup removed)."""
    text = LINK.sub(lambda m: m.group("text"), text)
    text = CODE_SPAN.sub(lambda m: m.group(2), text)
    text = re.sub(r"(\*\*|\*)(.+?)\1", r"\2", text)
    text = re.sub(r"<[^>]+>", "", text)
    return text


@dataclass
class _Item:
    kind: str  # "md" | "code"
    text: str = ""
    metadata: dict = field(default_factory=dict)
    stdout: str | None = None


@dataclass
class _Ctx:
    page: Path
    stem: str
    lang: str
    docs: Path
    items: list[_Item] = field(default_factory=list)
    ran: set[str] = field(default_factory=set)  # snippets already in a code cell
    last_code: _Item | None = None
    ids: set[str] = field(default_factory=set)
    dirty: list[str] = field(default_factory=list)  # reset lines owed before the next snippet
    notebook_cache: dict = field(default_factory=dict)


def _slug(name: str, ids: set[str]) -> str:
    from markdown.extensions.toc import slugify, unique

    return unique(slugify(name, "-"), ids)


def _link_target(url: str, ctx: _Ctx) -> str | None:
    """New URL for a link in a notebook; None to keep the text only."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//|^#", url, re.I):
        return url
    path, _, frag = url.partition("#")
    if not path.endswith(".md"):
        return None  # a file of the site (data, image): not beside a downloaded notebook
    here = posixpath.dirname(ctx.stem)
    target_stem = posixpath.normpath(posixpath.join(here, path[: -len(".md")]))
    if target_stem not in ctx.notebook_cache:
        ctx.notebook_cache[target_stem] = has_notebook(page_file(target_stem, ctx.lang, ctx.docs))
    if not ctx.notebook_cache[target_stem]:
        return None
    new = path[: -len(".md")] + ".ipynb"
    return new + (f"#{frag}" if frag else "")


def _convert_line(line: str, ctx: _Ctx) -> str:
    if ABBREVIATION.match(line):
        return ""
    anchor = ""
    m = HEADING.match(line)
    if m:
        text = m.group("text")
        attrs = m.group("attrs") or ""
        explicit = re.search(r"#([\w-]+)", attrs)
        if explicit:
            ctx.ids.add(explicit.group(1))
            ident = explicit.group(1)
        else:
            ident = _slug(_heading_name(text), ctx.ids)
        anchor = f'<a id="{ident}"></a>\n'
        line = f"{m.group('hashes')} {text}"
    in_table = line.lstrip().startswith("|")

    return anchor + _outside_code(line, lambda seg: _convert_math(seg, in_table))


_FENCED = re.compile(r"^([ \t>]*)(`{3,}|~{3,}).*?^\1\2[ \t]*$", re.M | re.S)


def _convert_links(text: str, ctx: _Ctx) -> str:
    """Links of a markdown cell (link text may span lines), code held out."""

    def link(lm: re.Match) -> str:
        new = _link_target(lm.group("url"), ctx)
        if new is None:
            return lm.group("text")
        return f"[{lm.group('text')}]({new}{lm.group('title') or ''})"

    out, pos = [], 0
    for m in _FENCED.finditer(text):
        out.append(_outside_code(text[pos : m.start()], lambda seg: LINK.sub(link, seg)))
        out.append(m.group(0))
        pos = m.end()
    out.append(_outside_code(text[pos:], lambda seg: LINK.sub(link, seg)))
    return "".join(out)


# --------------------------------------------------------------------------- block parser
def _indented_body(lines: list[str], i: int) -> tuple[list[str], int]:
    """Lines indented by 4 spaces (or a tab) from ``i``; returns them dedented and the next index."""
    body = []
    while i < len(lines):
        line = lines[i]
        if line.strip() == "":
            body.append("")
        elif line.startswith("    "):
            body.append(line[4:])
        elif line.startswith("\t"):
            body.append(line[1:])
        else:
            break
        i += 1
    while body and body[-1] == "":
        body.pop()
        i -= 1
    return body, i


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
        lines = [TEXT[ctx.lang]["reset"], "import torch", *dict.fromkeys(ctx.dirty)]
        _add_code(ctx, "\n".join(lines), {"tags": ["reset"]})
        ctx.dirty = []
    source = (SNIPPETS / target).read_text(encoding="utf-8")
    if re.search(r"\b__file__\b", source):  # a kernel has no __file__; a script does
        folder, name = posixpath.split(target)
        comment = TEXT[ctx.lang]["file"].format(folder=f"snippets/{folder}/")
        _add_code(ctx, f'{comment}\n__file__ = "{name}"', {"tags": ["setup"]})
    _add_code(ctx, source, {"snippet": target, "origin": where})
    ctx.ran.add(target)
    ctx.dirty = _state_resets(source)


def _fence(ctx: _Ctx, indent: str, fence: str, info: str, body: list[str], where: str) -> None:
    lang = (info.strip().split() or [""])[0].lstrip(".{").rstrip("}")
    lang = lang if re.fullmatch(r"[\w+-]*", lang) else ""
    content = [l for l in body if l.strip()]
    only = INCLUDE_LINE.match(content[0]) if len(content) == 1 else None
    if only:
        target = only.group("target")
        if _is_snippet(target):
            _snippet_cell(ctx, target, where)
            return
        if target.endswith(".out") and ctx.last_code is not None:
            owner = ctx.last_code.metadata.get("snippet")
            if owner and owner[:-3] + ".out" == target and ctx.last_code.stdout is None:
                ctx.last_code.stdout = (SNIPPETS / target).read_text(encoding="utf-8")
                return
        text, found = _read_include(target)
        if found is not None and (lang in ("python", "py") or (not lang and found.suffix == ".py")):
            _add_code(ctx, text, {"tags": [SKIP], "include": rel(found)})
            return
        body = text.rstrip("\n").splitlines()
    else:  # inline code, with any include expanded in place (as pymdownx.snippets does)
        expanded = []
        for line in body:
            m = INCLUDE_LINE.match(line)
            expanded += _read_include(m.group("target"))[0].rstrip("\n").splitlines() if m else [line]
        body = expanded
    _add_md(ctx, "\n".join([f"{fence}{lang}", *body, fence]))


def _figure_line(ctx: _Ctx, line: str) -> None:
    pos = 0
    for m in DIRECTIVE.finditer(line):
        before = line[pos : m.start()]
        if before.strip():
            _add_md(ctx, _convert_line(before, ctx))
        caption = _convert_line(m.group("alt"), ctx)
        snippet, func = m.group("path"), m.group("func")
        if snippet in ctx.ran:
            _add_code(ctx, f'{func}("{ctx.lang}");', {"figure": f"{snippet}::{func}"})
            _add_md(ctx, f"*{caption}*")
        else:
            _add_md(ctx, f"*{caption}*{TEXT[ctx.lang]['figure_elsewhere']}")
        pos = m.end()
    after = line[pos:]
    if after.strip():
        _add_md(ctx, _convert_line(after, ctx))


def _parse(lines: list[str], ctx: _Ctx, origin_line: int = 1) -> None:
    i = 0
    page = rel(ctx.page)
    while i < len(lines):
        line = lines[i]
        where = f"{page}:{origin_line + i}"
        fm = FENCE.match(line)
        if fm:
            indent, fence = fm.group("indent"), fm.group("fence")
            close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
            j = i + 1
            while j < len(lines) and not close.match(lines[j]):
                j += 1
            body = [l[len(indent) :] if l.startswith(indent) else l.lstrip() for l in lines[i + 1 : j]]
            _fence(ctx, indent, fence, fm.group("info"), body, where)
            i = j + 1
            continue
        am = ADMONITION.match(line)
        tm = TAB.match(line)
        if am or tm:
            body, nxt = _indented_body(lines, i + 1)
            if am:
                title = am.group("title")
                title = am.group("type").replace("-", " ").capitalize() if title is None else title
                start = len(ctx.items)
                ctx.items.append(_Item("md", f"**{_convert_line(title, ctx)}**\n" if title else ""))
                _parse(body, ctx, origin_line + i + 1)
                for item in ctx.items[start:]:
                    if item.kind == "md":
                        item.text = "\n".join("> " + l if l else ">" for l in item.text.split("\n")) + "\n"
                _merge_md(ctx, start)
            else:
                _add_md(ctx, f"**{_convert_line(tm.group('label'), ctx)}**\n")
                _parse(body, ctx, origin_line + i + 1)
            i = nxt
            continue
        im = INCLUDE_LINE.match(line)
        if im:  # Markdown include outside a fence: pasted in place
            text, _ = _read_include(im.group("target"))
            lines = lines[:i] + text.rstrip("\n").splitlines() + lines[i + 1 :]
            continue
        if DIRECTIVE.search(line):
            _figure_line(ctx, line)
        else:
            _add_md(ctx, _convert_line(line, ctx))
        i += 1


def _merge_md(ctx: _Ctx, start: int) -> None:
    """Merge adjacent markdown items from ``start`` on (and with the one before it)."""
    merged: list[_Item] = []
    for item in ctx.items[max(0, start - 1) :]:
        if merged and merged[-1].kind == "md" and item.kind == "md":
            merged[-1].text += "\n" + item.text
        else:
            merged.append(item)
    ctx.items[max(0, start - 1) :] = merged


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
        note = TEXT[lang]["figure_moved"].format(snippet=posixpath.basename(snip))
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
            if _ANCHOR_LINE.match(nb.cells[back].source):
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
    page = Path(page_path)
    if not page.is_absolute():
        page = (ROOT / page) if (ROOT / page).exists() else docs / page
    lang = lang or page_lang(page)
    if lang not in LANGS:
        raise NotebookError(f"{page}: unknown language {lang!r}")
    ctx = _Ctx(page=page, stem=page_stem(page, docs), lang=lang, docs=docs)
    lines = page.read_text(encoding="utf-8").splitlines()
    start = 0
    if lines and lines[0] == "---":  # YAML front matter (MkDocs page meta): not prose
        start = lines.index("---", 1) + 1
    _parse(lines[start:], ctx, origin_line=start + 1)

    cells = [_markdown_cell(TEXT[lang]["generated"].format(page=f"docs/{ctx.stem}.{lang}.md"))]
    for item in ctx.items:
        if item.kind == "md":  # one markdown cell per heading
            for part in re.split(r"\n(?=<a id=\"[^\"]*\"></a>\n#)", _convert_links(item.text, ctx)):
                text = re.sub(r"\n{3,}", "\n\n", part).strip("\n")
                if text.strip():
                    cells.append(_markdown_cell(text))
        else:
            outputs = []
            if item.stdout:
                outputs.append({"output_type": "stream", "name": "stdout", "text": item.stdout})
            meta = {k: v for k, v in item.metadata.items() if k != "origin"}
            cells.append(_code_cell(item.text, meta, outputs))
    if lang == "zh" and any(c.cell_type == "code" and "figure" in c.metadata for c in cells):
        cells[1:1] = [_markdown_cell(CJK_NOTE), _code_cell(CJK_SETUP, {"tags": ["setup"]})]
    nb = nbformat.from_dict({
        "nbformat": v4.nbformat,
        "nbformat_minor": v4.nbformat_minor,
        "cells": cells,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
            "generated_from": f"docs/{ctx.stem}.{lang}.md",
        },
    })
    _move_shadowed_figures(nb, lang)
    for n, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{n}"  # deterministic, so a rebuild produces the same file
    nbformat.validate(nb)
    return nb


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


# --------------------------------------------------------------------------- site helpers
def render_cache_dir() -> Path:
    """Where the site build caches the HTML of rendered notebooks
    (``.cache/notebook-html``, ``$SITE_CACHE/notebook-html``)."""
    return cache_dir("notebook-html")


def render_key(nb_path: Path, options: dict) -> str:
    """Cache key of a notebook's rendered HTML: its bytes, the render options and
    the versions of the libraries that render it."""
    import hashlib

    h = hashlib.sha256(nb_path.read_bytes())
    h.update(json.dumps(options, sort_keys=True, default=repr).encode())
    h.update(fingerprint((), ("mkdocs-jupyter", "nbconvert", "pygments", "mistune")).encode())
    return h.hexdigest()[:32]


_STAGE: list[Path] = []


def stage_dir() -> Path:
    """A folder of this process for the notebooks the site renders as pages
    (per process: a chapter build and a full build may run side by side)."""
    if not _STAGE:
        import atexit
        import shutil
        import tempfile

        _STAGE.append(Path(tempfile.mkdtemp(prefix="site-notebooks-")))
        atexit.register(shutil.rmtree, _STAGE[0], True)
    return _STAGE[0]


def stage_rendered(lang: str, docs: Path, stage: Path, use_directory_urls: bool = True, made: dict | None = None) -> list[str]:
    """Write the notebooks of ``lang`` that the site renders as pages into ``stage``
    (figure cells show the site's SVGs); return their URIs ``notebooks/<lang>/...``.
    ``made`` (if given) receives each generated notebook under ``(page path, lang)``."""
    uris = []
    for page in notebook_pages(lang, docs):
        uri = notebook_url(page_stem(page, docs), lang)
        nb = page_to_notebook(page, lang, docs)
        if made is not None:
            made[(page.resolve(), lang)] = nb
        write(with_site_figures(nb, lang, uri, use_directory_urls), stage / uri)
        uris.append(uri)
    return uris


def rendered_lang(src_uri: str) -> str:
    """``notebooks/en/x/y.ipynb`` -> ``en``."""
    parts = src_uri.split("/")
    return parts[1] if len(parts) > 2 and parts[0] == URL_DIR and parts[1] in LANGS else LANGS[0]


def download_link(stem: str, lang: str, page_url: str) -> str:
    """Raw-HTML download link, relative to the page's URL (MkDocs does not check it)."""
    here = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    href = posixpath.relpath(notebook_url(stem, lang), here.rstrip("/") or ".")
    return (
        f'\n\n<p class="notebook-download"><a href="{href}" download="{download_name(stem)}">'
        f"{TEXT[lang]['download']}</a> (<code>{notebook_relpath(stem)}</code>)</p>\n"
    )


def download_name(stem: str) -> str:
    """File name a browser saves: ``activation_basics-relu.ipynb`` (unique, no folders)."""
    return stem.replace("/", "-") + ".ipynb"


def index_table(lang: str, page_src_uri: str, page_url: str, docs: Path = DOCS, rendered: bool = False) -> str:
    """Markdown table of every notebook of ``lang``: chapter, page (link), download
    (and, with ``rendered``, a link to the notebook rendered as a site page).

    ``page_src_uri`` (``notebooks.zh.md``) and ``page_url`` locate the page that shows
    the table, so both the Markdown links and the raw-HTML links are relative.
    """
    here_src = posixpath.dirname(page_src_uri) or "."
    head = TEXT[lang]["index_head"]
    if rendered:
        head = head.replace(" |\n", f" | {TEXT[lang]['index_read']} |\n", 1) + "---|"
    rows = [head]
    for page in notebook_pages(lang, docs):
        stem = page_stem(page, docs)
        chapter = stem.split("/")[0] if "/" in stem else ""
        chapter_title = _title(page_file(f"{chapter}/index", lang, docs)) or chapter
        title = _title(page) or stem
        md = posixpath.relpath(f"{stem}.md", here_src)
        href = _relative(notebook_url(stem, lang), page_url)
        row = f'| {chapter_title} | [{title}]({md}) | <a href="{href}" download="{download_name(stem)}">{notebook_relpath(stem)}</a> |'
        if rendered:
            view = _relative(_rendered_url(notebook_url(stem, lang), not page_url.endswith(".html")), page_url)
            row += f' <a href="{view}">{TEXT[lang]["index_view"]}</a> |'
        rows.append(row)
    return "\n".join(rows)


def _title(page: Path) -> str | None:
    if not page.is_file():
        return None
    for line in page.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^#[ \t]+(.*?)(?:[ \t]+\{[^}]*\})?[ \t]*$", line)
        if m:
            return m.group(1).replace("|", "\\|")
    return None


_EXTERNAL_SCRIPT = re.compile(r'<script[^>]*\ssrc="(?:(?:https?:)?//[^"]*)?"[^>]*>\s*</script>\n?')
_MATHJAX_CONFIG = re.compile(r'<script type="text/x-mathjax-config">.*?</script>\n?', re.S)
_MODULE_SCRIPT = re.compile(r'<script type="module">(?:(?!</script>).)*?(?:https?:)?//(?:(?!</script>).)*</script>\n?', re.S)
_NB_LINK = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|/|#)([^"#]*?)\.ipynb(#[^"]*)?"')
_HEADING_HTML = re.compile(
    r'(?:<p><a id="(?P<anchor>[^"]+)"></a></p>\s*)?<h(?P<level>[1-6]) id="(?P<old>[^"]*)">(?P<body>.*?)</h(?P=level)>', re.S
)
_LANG_LINK = re.compile(r'<a href="[^"]*" hreflang="(\w+)" class="md-select__link">')
_NB_IMG = re.compile(r'<img alt="([^"]*)" loading="([^"]*)" src="([^"]*#only-(?:light|dark))"/>')
_COPY_TEXT = re.compile(r'<div class="clipboard-copy-txt" id="([^"]*)">(.*?)</div>', re.S)
_WRAPPER = '<div class="jupyter-wrapper">'
# the site's KaTeX (assets/katex) renders the notebook's $...$ and $$...$$, as
# katex-init.js does for the pages' \( \) and \[ \]
_KATEX_DOLLARS = """<script>
document.addEventListener("DOMContentLoaded", () => {
  for (const el of document.querySelectorAll(".jupyter-wrapper .jp-MarkdownOutput")) {
    renderMathInElement(el, {
      delimiters: [
        { left: "$$", right: "$$", display: true },
        { left: "$", right: "$", display: false },
      ],
      throwOnError: true,
    });
  }
});
</script>
"""


def with_site_figures(nb: nbformat.NotebookNode, lang: str, src_uri: str, use_directory_urls: bool = True) -> nbformat.NotebookNode:
    """A copy of ``nb`` whose figure cells show the site's light/dark SVGs as their
    output, for the page mkdocs-jupyter renders (the downloadable notebook has none:
    a reader draws them by running the cell)."""
    from snippets._engine.figures import URL_DIR as FIGURES, Request

    page_url = _rendered_url(src_uri, use_directory_urls)
    import html as htmlmod

    out = nbformat.from_dict(nb)
    for i, cell in enumerate(out.cells):
        fig = cell.metadata.get("figure") if cell.cell_type == "code" else None
        if not fig:
            continue
        snippet, func = fig.split("::")
        after = out.cells[i + 1] if i + 1 < len(out.cells) else None
        m = re.match(r"\*(.+?)\*", after.source) if after is not None and after.cell_type == "markdown" else None
        alt = htmlmod.escape(re.sub(r"[$`]", "", m.group(1)) if m else func, quote=True)
        imgs = [
            f'<img src="{_relative(f"{FIGURES}/{Request(snippet, func, lang, theme, src_uri).filename()}", page_url)}'
            f'#only-{theme}" alt="{alt}" loading="lazy">'
            for theme in ("light", "dark")
        ]
        html = '<figure class="snippet-figure">\n' + "\n".join(imgs) + "\n</figure>"
        cell.outputs = [v4.new_output("display_data", data={"text/html": html})]
    return out


def fix_rendered_headings(html: str) -> tuple[str, list[dict]]:
    """Give each heading of a rendered notebook the site's id (the ``<a id>`` the
    generator put before it; mkdocs-jupyter's own ids are empty for Chinese
    headings) and return the table-of-contents tokens for those ids."""
    flat: list[dict] = []

    def fix(m: re.Match) -> str:
        new = m.group("anchor") or m.group("old")
        body = m.group("body").replace(f'href="#{m.group("old")}"', f'href="#{new}"', 1)
        name = re.sub(r"<[^>]+>", "", body.replace('¶</a>', "</a>")).strip()
        flat.append({"level": int(m.group("level")), "id": new, "name": name, "children": []})
        return f'<h{m.group("level")} id="{new}">{body}</h{m.group("level")}>'

    html = _HEADING_HTML.sub(fix, html)
    tokens: list[dict] = []
    stack: list[dict] = []
    for tok in flat:
        while stack and stack[-1]["level"] >= tok["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(tok)
        stack.append(tok)
    return html, tokens


def _rendered_url(uri: str, use_directory_urls: bool = True) -> str:
    """Site URL of the page rendered from ``uri`` (``notebooks/zh/a/b.ipynb``)."""
    stem = uri[: -len(".ipynb")]
    if not use_directory_urls:
        return stem + ".html"
    if posixpath.basename(stem) == "index":
        return posixpath.dirname(stem) + "/"
    return stem + "/"


def _relative(target: str, page_url: str) -> str:
    here = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    rel_url = posixpath.relpath(target.rstrip("/") or ".", here.rstrip("/") or ".")
    return rel_url + ("/" if target.endswith("/") else "")


def postprocess_rendered(html: str, src_uri: str, use_directory_urls: bool = True) -> str:
    """Fix a notebook page rendered by mkdocs-jupyter for this site:

    * no request leaves the site: the MathJax and mermaid loaders of nbconvert's
      template (a CDN, or ``src=""`` when no URL is set) are removed, and the
      site's own KaTeX renders the ``$`` math;
    * links to other notebooks (``x.ipynb#a``) go to their rendered pages;
    * figure ``<img>`` tags are written like the pages' (``src`` first), and the
      copy button's hidden source text is a ``<pre>`` (code, for the linters);
    * the language switch goes to the same notebook in the other language;
    * a download link to the ``.ipynb`` heads the notebook.
    """
    lang = rendered_lang(src_uri)
    page_url = _rendered_url(src_uri, use_directory_urls)
    here_dir = posixpath.dirname(src_uri)

    html = _EXTERNAL_SCRIPT.sub("", html)
    html = _MATHJAX_CONFIG.sub("", html)
    html = _MODULE_SCRIPT.sub("", html)

    def link(m: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(here_dir, m.group(1) + ".ipynb"))
        return f'href="{_relative(_rendered_url(target, use_directory_urls), page_url)}{m.group(2) or ""}"'

    html = _NB_LINK.sub(link, html)
    # the copy button's hidden source text is code: a <pre>, as the site's code blocks
    html = _COPY_TEXT.sub(r'<pre class="clipboard-copy-txt" id="\1">\2</pre>', html)
    # nbconvert writes <img alt= loading= src=/>; the site's figures are <img src= alt= loading=>
    html = _NB_IMG.sub(lambda m: f'<img src="{m.group(3)}" alt="{m.group(1)}" loading="{m.group(2)}">', html)

    def switch(m: re.Match) -> str:
        other = m.group(1)
        if other not in LANGS:
            return m.group(0)
        uri = f"{URL_DIR}/{other}/" + src_uri.split("/", 2)[2]
        href = _relative(_rendered_url(uri, use_directory_urls), page_url)
        return f'<a href="{href}" hreflang="{other}" class="md-select__link">'

    html = _LANG_LINK.sub(switch, html)
    stem = src_uri.split("/", 2)[2][: -len(".ipynb")]
    download = _relative(src_uri, page_url)
    head = (
        f'<p class="notebook-download"><a href="{download}" download="{download_name(stem)}">'
        f"{TEXT[lang]['download_this']}</a> (<code>{notebook_relpath(stem)}</code>)</p>\n"
    )
    html = html.replace(_WRAPPER, head + _WRAPPER, 1)
    return html.replace("</body>", _KATEX_DOLLARS + "</body>", 1)
