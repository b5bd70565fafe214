"""The page model: a page's Markdown parsed once into typed blocks with line numbers.

Every consumer reads pages through this module: the MkDocs hook (include check,
figure expansion), the notebook generator (cells come from blocks), the
verification table and the site-wide rules test (``tests/test_pages.py``). No
other module matches Markdown with its own regular expression.

A page is a list of blocks, each with the 1-based line it starts on in the
page's source file:

=============== ============================================================
``FrontMatter`` the YAML between ``---`` lines at the top (``meta``)
``Heading``     ``## text {#id}`` (ATX only), ``level``, ``text``, ``anchor``
``Prose``       paragraphs, lists, tables, placeholders; ``numbers()``
``Fence``       a fenced code block: ``lang``, ``title``, ``body``,
                ``includes`` (``--8<--`` lines inside it)
``Include``     a ``--8<--`` line outside a fence (pasted in place)
``Figure``      ``![caption](fig:<chapter>/<topic>.py::figure_x)`` on its line;
                with ``?param=v1,v2,...`` a slider figure: one frame per value,
                ``figure_x(lang, param=v)`` (``param``, ``values``)
``Math``        a display formula ``\\[ ... \\]``
``Container``   an admonition ``!!! type "title"``, a collapsible
                ``??? type "title"`` or a content tab ``=== "label"``, with
                its indented body parsed into ``children``
=============== ============================================================

Why a line scanner of our own, and not markdown-it-py or Python-Markdown's
block parser: the blocks that matter here are not CommonMark
(pymdownx.snippets' ``--8<--`` lines, pymdownx admonitions, details and tabs,
arithmatex's ``\\[ \\]``, our ``fig:`` directive), and every consumer needs
source line numbers for its error messages, which Python-Markdown does not
keep. The grammar above is small and is the whole contract: a construct it
does not know stays prose. What an include *contains* is not re-implemented:
:func:`read_include` asks pymdownx.snippets itself (line ranges
``file:3:8``, sections ``file:name``, dedent), configured from mkdocs.yml.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from snippets._engine.catalog import DOCS, ROOT, SNIPPETS, page_lang, page_stem, rel

# --------------------------------------------------------------------------- syntax
# the only place in the project that spells these constructs
INCLUDE_LINE = re.compile(r'^[ \t]*--8<--[ \t]+"(?P<target>[^"]+)"[ \t]*$')
FIGURE_DIRECTIVE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(fig:(?P<path>[^)\s]+?)::(?P<func>\w+)"
                              r"(?:\?(?P<param>\w+)=(?P<values>[^)\s]*))?\)")
# a slider value: a plain decimal number (passed to the figure function as a Python literal)
_SLIDER_VALUE = re.compile(r"^-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?$")
_FIGURE_LINE = re.compile(r"^[ \t]*" + FIGURE_DIRECTIVE.pattern + r"[ \t]*$")
_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]+\{:?[ \t]*(?P<attrs>[^}]*)\})?[ \t]*#*[ \t]*$")
_ADMONITION = re.compile(r'^(?P<marker>!!!|\?\?\?\+?)[ \t]*(?P<type>[\w-]+)(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$')
_TAB = re.compile(r'^===\+?[ \t]+"(?P<label>[^"]*)"[ \t]*$')
_MATH_OPEN = re.compile(r"^[ \t]*\\\[")
_MATH_CLOSE = re.compile(r"\\\][ \t]*$")
_TITLE = re.compile(r'title="(?P<title>[^"]*)"')

# inline constructs, for reading prose
CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
INLINE_MATH = re.compile(r"\\\((.+?)\\\)", re.S)
LINK = re.compile(r'(?<!!)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<url>[^)\s]+)(?P<title>[ \t]+"[^"]*")?\)')
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:[ \t]+\"[^\"]*\")?\)")
_HTML_TAG = re.compile(r"<[^>\n]+>")
_ATTR_LIST = re.compile(r"\{:?[ \t]*[#.][^}\n]*\}")
_URL = re.compile(r"\bhttps?://\S+")

# a number as a reader reads it: 0.25, -1.1924, 4.54e-05, 1e-3, 12.5 (in 12.5%);
# not part of a word, a version string (2.13.0) or an identifier
NUMBER = re.compile(r"(?<![\w.])[-\u2212]?(?:\d+\.\d+(?:[eE][-+\u2212]?\d+)?|\d+[eE][-+\u2212]?\d+)(?![\w]|\.\d)")
# every number in printed output or code (integers too: a prose decimal may equal one)
ANY_NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


class PageError(Exception):
    """A page breaks the grammar; the message names the file and line."""


# --------------------------------------------------------------------------- blocks
@dataclass
class Block:
    line: int  # first source line, 1-based
    text: str  # the block's source, container indentation removed

    @property
    def end(self) -> int:
        return self.line + self.text.count("\n")


@dataclass
class FrontMatter(Block):
    meta: dict = field(default_factory=dict)


@dataclass
class Heading(Block):
    level: int = 1
    title: str = ""  # the heading text as written (inline Markdown kept)
    anchor: str | None = None  # an explicit {#id}, else None


@dataclass
class Prose(Block):
    def numbers(self) -> list[tuple[str, int]]:
        """Decimal numbers a reader reads in this prose, with their line: inline
        code, inline math, link targets, URLs, HTML tags and attribute lists
        are not prose."""
        return prose_numbers(self.text, self.line)


@dataclass
class Include(Block):
    """One ``--8<-- "target"`` line; ``target`` may select lines or a section."""

    target: str = ""

    @property
    def name(self) -> str:
        """The file part of the target (``a/b.py`` of ``a/b.py:3:8``)."""
        return self.target.split(":", 1)[0]

    @property
    def is_snippet(self) -> bool:
        """A runnable snippet: ``<chapter>/<topic>.py`` under snippets/ with a golden file."""
        return is_snippet(self.name) and self.name == self.target

    @property
    def is_output(self) -> bool:
        """The golden output of a snippet: ``<chapter>/<topic>.out``."""
        return self.name.endswith(".out") and self.name == self.target and (SNIPPETS / self.name).is_file()

    def file(self) -> Path | None:
        return resolve_include(self.name)

    def read(self) -> str:
        """What pymdownx.snippets pastes for this line."""
        return read_include(self.target)


@dataclass
class Fence(Block):
    info: str = ""
    lang: str = ""
    title: str | None = None
    body: str = ""  # the lines between the fences, fence indentation removed
    includes: list[Include] = field(default_factory=list)

    @property
    def only_include(self) -> Include | None:
        """The include when the block holds one ``--8<--`` line and nothing else."""
        content = [l for l in self.body.splitlines() if l.strip()]
        return self.includes[0] if len(content) == 1 and len(self.includes) == 1 else None


@dataclass
class Figure(Block):
    alt: str = ""
    snippet: str = ""  # relative to snippets/
    func: str = ""
    param: str = ""  # a slider figure: the keyword the slider sets ...
    values: tuple[str, ...] = ()  # ... and its values, as written (ascending)

    @property
    def ref(self) -> str:
        """``snippet::func``: the figure function (a slider's default frame is its plain call)."""
        return f"{self.snippet}::{self.func}"

    @property
    def target(self) -> str:
        """The directive's whole target: ``ref`` and a slider's ``?param=values``."""
        return self.ref + (f"?{self.param}={','.join(self.values)}" if self.param else "")

    def numbers(self) -> list[tuple[str, int]]:
        return prose_numbers(self.alt, self.line)


@dataclass
class Math(Block):
    @property
    def tex(self) -> str:
        return self.text.strip()[2:-2].strip()


@dataclass
class Container(Block):
    kind: str = ""  # "admonition" | "details" | "tab"
    type: str = ""  # note, warning, ... (admonitions and details)
    title: str | None = None  # the quoted title or tab label
    children: list[Block] = field(default_factory=list)


# --------------------------------------------------------------------------- page
@dataclass
class Page:
    path: Path
    lang: str | None
    stem: str  # "activation_basics/relu"
    blocks: list[Block]
    source: str

    @property
    def meta(self) -> dict:
        first = self.blocks[0] if self.blocks else None
        return first.meta if isinstance(first, FrontMatter) else {}

    @property
    def name(self) -> str:
        """The page as the messages name it: ``docs/activation_basics/relu.zh.md``."""
        return rel(self.path)

    def where(self, block_or_line: Block | int) -> str:
        line = block_or_line if isinstance(block_or_line, int) else block_or_line.line
        return f"{self.name}:{line}"

    def walk(self) -> Iterator[Block]:
        """Every block in source order, containers before their children."""
        yield from _walk(self.blocks)

    def of(self, kind: type) -> list:
        return [b for b in self.walk() if isinstance(b, kind)]

    def includes(self) -> list[Include]:
        """Every ``--8<--`` line, inside fences or not, in source order."""
        found: list[Include] = []
        for b in self.walk():
            if isinstance(b, Include):
                found.append(b)
            elif isinstance(b, Fence):
                found.extend(b.includes)
        return found

    def snippets(self) -> list[str]:
        return [i.name for i in self.includes() if i.is_snippet]

    def outputs(self) -> list[str]:
        return [i.name for i in self.includes() if i.is_output]

    def figures(self) -> list[Figure]:
        return self.of(Figure)

    def headings(self) -> list[Heading]:
        return self.of(Heading)

    def include_problems(self) -> list[str]:
        """'file:line: ...' for every include whose file does not exist."""
        return [
            f"{self.where(inc)}: included file {inc.name} does not exist in "
            + ", ".join(rel(b) + "/" for b in include_roots())
            for inc in self.includes()
            if inc.file() is None
        ]

    def title(self) -> str | None:
        h = next((h for h in self.headings() if h.level == 1), None)
        return h.title if h else None

    def prose_numbers(self) -> list[tuple[str, int, Heading | None]]:
        """(number as written, line, the heading it stands under) for every number
        in the page's prose, figure captions included."""
        found = []
        under: Heading | None = None
        for b in self.walk():
            if isinstance(b, Heading):
                under = b
                found += [(n, line, under) for n, line in prose_numbers(b.title, b.line)]
            elif isinstance(b, (Prose, Figure)):
                found += [(n, line, under) for n, line in b.numbers()]
            elif isinstance(b, Container) and b.title:
                found += [(n, line, under) for n, line in prose_numbers(b.title, b.line)]
        return found

    def shown_numbers(self) -> set[float]:
        """Every number the page shows in printed output or code: included files
        (outputs and snippets), the figures' snippets and inline code blocks."""
        texts = []
        for inc in self.includes():
            try:
                texts.append(inc.read())
            except PageError:
                pass
        for fig in self.figures():
            if (SNIPPETS / fig.snippet).is_file():
                texts.append((SNIPPETS / fig.snippet).read_text(encoding="utf-8"))
        texts += [f.body for f in self.of(Fence) if not f.includes]
        return {abs(float(n)) for t in texts for n in ANY_NUMBER.findall(t)}


def _walk(blocks: list[Block]) -> Iterator[Block]:
    for b in blocks:
        yield b
        if isinstance(b, Container):
            yield from _walk(b.children)


# --------------------------------------------------------------------------- parsing
def parse_text(text: str, path: Path | str = "<page>", docs: Path = DOCS) -> Page:
    """Parse a page's Markdown source."""
    path = Path(path)
    lines = text.splitlines()
    blocks: list[Block] = []
    start = 0
    if lines and lines[0].strip() == "---":
        try:
            end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        except StopIteration:
            raise PageError(f"{rel(path)}:1: front matter '---' is never closed") from None
        import yaml

        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
        blocks.append(FrontMatter(1, "\n".join(lines[: end + 1]), meta=meta))
        start = end + 1
    blocks += _parse(lines[start:], start + 1, path)
    try:
        stem = page_stem(path, docs)
    except ValueError:
        stem = path.name.rsplit(".", 2)[0]
    return Page(path=path, lang=page_lang(path), stem=stem, blocks=blocks, source=text)


def parse(path: Path | str, docs: Path = DOCS) -> Page:
    """Parse a page file (cached by path and content)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    return _parse_cached(str(path), text, str(docs))


@functools.lru_cache(maxsize=512)
def _parse_cached(path: str, text: str, docs: str) -> Page:
    return parse_text(text, path, Path(docs))


def _parse(lines: list[str], first: int, path: Path) -> list[Block]:
    """Blocks of ``lines``; ``first`` is the source line number of ``lines[0]``."""
    blocks: list[Block] = []
    prose: list[str] = []
    prose_at = 0

    def flush() -> None:
        nonlocal prose
        while prose and not prose[-1].strip():
            prose.pop()
        if prose:
            blocks.append(Prose(prose_at, "\n".join(prose)))
        prose = []

    i = 0
    while i < len(lines):
        line = lines[i]
        n = first + i
        fm = _FENCE_OPEN.match(line)
        if fm:
            flush()
            indent, fence = fm.group("indent"), fm.group("fence")
            close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
            j = i + 1
            while j < len(lines) and not close.match(lines[j]):
                j += 1
            if j == len(lines):
                raise PageError(f"{rel(path)}:{n}: code block opened with {fence} is never closed")
            body_lines = [l[len(indent):] if l.startswith(indent) else l.lstrip() for l in lines[i + 1 : j]]
            info = fm.group("info").strip()
            lang = (info.split() or [""])[0].lstrip(".{").rstrip("}")
            lang = lang if re.fullmatch(r"[\w+-]*", lang) else ""
            title = _TITLE.search(info)
            includes = [
                Include(n + 1 + k, l, target=m.group("target"))
                for k, l in enumerate(body_lines)
                if (m := INCLUDE_LINE.match(l))
            ]
            blocks.append(Fence(n, "\n".join(lines[i : j + 1]), info=info, lang=lang,
                                title=title.group("title") if title else None,
                                body="\n".join(body_lines), includes=includes))
            i = j + 1
            continue
        am, tm = _ADMONITION.match(line), _TAB.match(line)
        if am or tm:
            flush()
            body, nxt = _indented_body(lines, i + 1)
            children = _parse(body, n + 1, path)
            if am:
                kind = "admonition" if am.group("marker") == "!!!" else "details"
                block = Container(n, "\n".join(lines[i:nxt]), kind=kind, type=am.group("type"),
                                  title=am.group("title"), children=children)
            else:
                block = Container(n, "\n".join(lines[i:nxt]), kind="tab", title=tm.group("label"), children=children)
            blocks.append(block)
            i = nxt
            continue
        hm = _HEADING.match(line)
        if hm:
            flush()
            explicit = re.search(r"#([\w-]+)", hm.group("attrs") or "")
            blocks.append(Heading(n, line, level=len(hm.group("hashes")), title=hm.group("text"),
                                  anchor=explicit.group(1) if explicit else None))
            i += 1
            continue
        im = INCLUDE_LINE.match(line)
        if im:
            flush()
            blocks.append(Include(n, line, target=im.group("target")))
            i += 1
            continue
        gm = _FIGURE_LINE.match(line)
        if gm:
            flush()
            values = tuple(gm.group("values").split(",")) if gm.group("param") else ()
            bad = [v for v in values if not _SLIDER_VALUE.match(v)]
            if bad or len(values) == 1 or [float(v) for v in values] != sorted({float(v) for v in values}):
                raise PageError(f"{rel(path)}:{n}: slider values of {gm.group('func')} must be two or more "
                                f"distinct decimal numbers in ascending order, comma-separated: "
                                f"{gm.group('values')!r}")
            blocks.append(Figure(n, line, alt=gm.group("alt"), snippet=gm.group("path"), func=gm.group("func"),
                                 param=gm.group("param") or "", values=values))
            i += 1
            continue
        if FIGURE_DIRECTIVE.search(line):
            raise PageError(f"{rel(path)}:{n}: a figure directive must stand on a line of its own")
        if _MATH_OPEN.match(line):
            flush()
            j = i
            while j < len(lines) and not _MATH_CLOSE.search(lines[j] if j > i else lines[j].split("\\[", 1)[1]):
                j += 1
            if j == len(lines):
                raise PageError(f"{rel(path)}:{n}: display math \\[ is never closed with \\]")
            blocks.append(Math(n, "\n".join(lines[i : j + 1])))
            i = j + 1
            continue
        if not line.strip():
            if prose:
                flush()
            i += 1
            continue
        if not prose:
            prose_at = n
        prose.append(line)
        i += 1
    flush()
    return blocks


def _indented_body(lines: list[str], i: int) -> tuple[list[str], int]:
    """Lines indented by 4 spaces (or a tab) from ``i``, dedented; and the next index."""
    body = []
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            body.append("")
        elif line.startswith("    "):
            body.append(line[4:])
        elif line.startswith("\t"):
            body.append(line[1:])
        else:
            break
        i += 1
    while body and not body[-1]:
        body.pop()
        i -= 1
    # the body starts on the line after the marker; keep leading blanks so line numbers hold
    return body, i


# --------------------------------------------------------------------------- prose
def _blank(m: re.Match) -> str:
    """Replace a match by spaces, keeping its newlines (line numbers stay right)."""
    return re.sub(r"[^\n]", " ", m.group(0))


def strip_inline(text: str) -> str:
    """Prose with inline code, inline math, link targets, URLs, HTML tags and
    attribute lists blanked out (same length and lines)."""
    for pattern in (CODE_SPAN, INLINE_MATH, _LINK_TARGET, _URL, _HTML_TAG, _ATTR_LIST):
        text = pattern.sub(_blank, text)
    return text


def prose_numbers(text: str, first_line: int) -> list[tuple[str, int]]:
    plain = strip_inline(text)
    return [(m.group(0), first_line + plain.count("\n", 0, m.start())) for m in NUMBER.finditer(plain)]


def number_value(written: str) -> float:
    return float(written.replace("\u2212", "-"))


# --------------------------------------------------------------------------- includes
def include_roots() -> tuple[Path, ...]:
    """pymdownx.snippets' ``base_path`` from mkdocs.yml."""
    return tuple(ROOT / p for p in _snippets_config()["base_path"])


@functools.lru_cache(maxsize=None)
def _snippets_config() -> dict:
    from snippets._engine.config import markdown_extension

    cfg = dict(markdown_extension("pymdownx.snippets"))
    base = cfg.get("base_path", ["."])
    cfg["base_path"] = [base] if isinstance(base, str) else list(base)
    return cfg


def resolve_include(name: str) -> Path | None:
    for base in include_roots():
        if (base / name).is_file():
            return base / name
    return None


def is_snippet(name: str) -> bool:
    """``<chapter>/<topic>.py`` under snippets/ (not private), with a golden file."""
    p = SNIPPETS / name
    return (
        name.endswith(".py") and name.count("/") == 1 and not any(part.startswith("_") for part in name.split("/"))
        and p.is_file() and p.with_suffix(".out").is_file()
    )


@functools.lru_cache(maxsize=None)
def _snippet_preprocessor():
    import markdown

    cfg = _snippets_config()
    opts = {k: v for k, v in cfg.items() if k not in ("auto_append",)}
    opts["base_path"] = [str(ROOT / p) for p in cfg["base_path"]]
    opts["check_paths"] = True
    md = markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": opts})
    return md.preprocessors["snippet"]


def read_include(target: str) -> str:
    """The text pymdownx.snippets pastes for ``--8<-- "target"`` (line ranges and
    sections included); a missing file raises :class:`PageError`."""
    import pymdownx.snippets as snippets_ext

    if resolve_include(target.split(":", 1)[0]) is None:
        raise PageError(f"included file {target.split(':', 1)[0]} does not exist in "
                        + ", ".join(rel(b) + "/" for b in include_roots()))
    try:
        lines = _snippet_preprocessor().run([f'--8<-- "{target}"'])
    except snippets_ext.SnippetMissingError as exc:
        raise PageError(str(exc)) from None
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- the site
def site_pages(docs: Path = DOCS) -> list[Page]:
    """Every page of the site, parsed."""
    from snippets._engine.catalog import pages

    return [parse(p, docs) for p in pages(docs)]


def pairs(docs: Path = DOCS) -> dict[str, dict[str, Page]]:
    """stem -> {lang: page}."""
    found: dict[str, dict[str, Page]] = {}
    for page in site_pages(docs):
        if page.lang:
            found.setdefault(page.stem, {})[page.lang] = page
    return found
