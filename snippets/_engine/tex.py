"""Formulas rendered once, at build time, as MathML.

Pages write TeX between ``\\(`` ``\\)`` (inline) and ``\\[`` ``\\]`` (display):
pymdownx.arithmatex (generic mode) keeps it as text in ``<span|div
class="arithmatex">``, mkdocstrings' docstrings get the same delimiters from
:mod:`snippets._engine.griffe_math`, and the rendered notebooks' Markdown too
(:mod:`snippets._engine.notebook_pages`). :func:`render_page` replaces every
delimited formula in the text of a built page's ``<body>`` with MathML, as
KaTeX's auto-render did in each reader's browser before (the same delimiters, the
same elements skipped: ``pre``, ``code``, ``script``, ``style``, ``textarea``,
``noscript``, ``option``), so a phone does no math work and loads no math script.

The converter is Temml (``vendor/temml.min.js``, MIT), KaTeX's parser with MathML
Core output: every browser released since 2023 lays MathML out itself (Chromium 109,
Firefox, Safari), with the site's own math font (Noto Sans Math,
``vendor/NotoSansMath-Regular.woff``, served from ``assets/math`` cut to the
characters the formulas use: :func:`subset_font`). It replaced KaTeX's HTML output, whose nested spans were 9 of
the site's 48 MB and ~60% of a formula-heavy page's elements. The TeX stays in
``<annotation encoding="application/x-tex">`` for screen readers, for copying
(``docs/assets/math/math.js``: a selected formula copies as its TeX) and for
browsers without MathML, where the same script loads the site's
KaTeX and renders each formula from it. A formula Temml cannot parse fails the
build, naming the page and the formula.

Temml runs in one Node.js process per build (``tex.js``).
Why not a Markdown extension such as markdown-katex: it starts the KaTeX command
line once per formula (~0.1 s each; the site has ~15,000 formula renderings per
build), and it would not reach mkdocstrings' docstrings, the rendered notebooks or
the table of contents (headings with formulas).

Rendered formulas are remembered per process (the zh and en builds share most
formulas) and cached on disk per page, keyed by the page's formulas and the
Temml and renderer sources (``.cache/tex``); errors are never cached.
"""
from __future__ import annotations

import atexit
import functools
import hashlib
import html as htmlmod
import io
import json
import re
import shutil
import subprocess
import time
import unicodedata
from pathlib import Path

from snippets._engine.catalog import cache_dir, fingerprint, write_atomic

TEMML_JS = Path(__file__).with_name("vendor") / "temml.min.js"
SCRIPT = Path(__file__).with_name("tex.js")
DELIMITERS = ((r"\(", r"\)", False), (r"\[", r"\]", True))  # (left, right, display)

# the elements whose text auto-render left alone (its ignoredTags; and comments),
# and a tag (quoted attribute values may hold ">")
_SKIP = re.compile(r"<(pre|code|script|style|textarea|noscript|option)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"""(<[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>)""")


class TexError(Exception):
    pass


def _end(text: str, start: int, right: str) -> int:
    """Index of ``right`` closing the formula that starts at ``start``, at brace level
    0 and not escaped (auto-render's findEndOfMath), or -1."""
    level, i = 0, start
    while i < len(text):
        if level <= 0 and text.startswith(right, i):
            return i
        ch = text[i]
        if ch == "\\":
            i += 1
        elif ch == "{":
            level += 1
        elif ch == "}":
            level -= 1
        i += 1
    return -1


def split_text(text: str) -> list:
    """Text (HTML-escaped, as in the page) -> pieces: strings and ``(tex, display)``
    formulas (TeX unescaped). Delimiters without their closing half stay text."""
    pieces: list = []
    pos = done = 0
    while True:
        starts = [(text.find(left, pos), left, right, disp) for left, right, disp in DELIMITERS]
        starts = [s for s in starts if s[0] >= 0]
        if not starts:
            break
        at, left, right, display = min(starts)
        end = _end(text, at + len(left), right)
        if end < 0:
            pos = at + len(left)
            continue
        pieces.append(text[done:at])
        pieces.append((htmlmod.unescape(text[at + len(left) : end]).strip(), display))
        pos = done = end + len(right)
    pieces.append(text[done:])
    return [p for p in pieces if p != ""]


def split_page(html: str) -> list:
    """A page -> strings and ``(tex, display)`` formulas found in its ``<body>`` text."""
    body = html.find("<body")
    if body < 0 or ("\\(" not in html and "\\[" not in html):
        return [html]
    pieces: list = [html[:body]]
    pos = body
    for m in list(_SKIP.finditer(html, body)) + [None]:
        chunk = html[pos : m.start() if m else len(html)]
        if "\\(" in chunk or "\\[" in chunk:
            for i, part in enumerate(_TAG.split(chunk)):
                pieces.extend(split_text(part) if i % 2 == 0 and "\\" in part else [part])
        else:
            pieces.append(chunk)
        if m:
            pieces.append(m.group(0))
            pos = m.end()
    return pieces


class Temml:
    """One Node.js process running Temml; :meth:`render` takes a batch of formulas."""

    def __init__(self):
        node = shutil.which("node")
        if node is None:
            raise TexError(
                "Node.js (`node`) is needed to render the site's formulas at build time "
                "(snippets/_engine/tex.py): install Node.js 18 or newer (apt-get install nodejs)"
            )
        self.proc = subprocess.Popen(
            [node, str(SCRIPT), str(TEMML_JS)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, encoding="utf-8", bufsize=1,
        )
        self.memo: dict[tuple[str, bool], str] = {}
        atexit.register(self.close)

    def render(self, formulas: list[tuple[str, bool]]) -> list[str | Exception]:
        todo = list(dict.fromkeys(f for f in formulas if f not in self.memo))
        errors = {}
        if todo:
            self.proc.stdin.write(json.dumps(todo, ensure_ascii=False) + "\n")
            self.proc.stdin.flush()
            line = self.proc.stdout.readline()
            if not line:
                raise TexError(f"the Temml process ({SCRIPT.name}) ended unexpectedly (exit code {self.proc.poll()})")
            for f, out in zip(todo, json.loads(line)):
                if "html" in out:
                    self.memo[f] = out["html"]
                else:
                    errors[f] = TexError(out["error"])
        return [self.memo.get(f) or errors[f] for f in formulas]

    def close(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)


_TEMML: list[Temml] = []
STATS = {"pages": 0, "formulas": 0, "rendered": 0, "seconds": 0.0}  # this process, for the build log


def _temml() -> Temml:
    if not _TEMML or _TEMML[0].proc.poll() is not None:
        _TEMML[:] = [Temml()]
    return _TEMML[0]


def render_formulas(formulas: list[tuple[str, bool]]) -> list[str | Exception]:
    """MathML of each ``(tex, display)``, or the error it raised: from the page
    cache when this exact list of formulas was rendered before."""
    if not formulas:
        return []
    key = hashlib.sha256(
        json.dumps([fingerprint((SCRIPT, TEMML_JS, Path(__file__)), ()), formulas], ensure_ascii=False).encode()
    ).hexdigest()
    path = cache_dir("tex") / f"{key[:32]}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        pass
    out = _temml().render(formulas)
    if not any(isinstance(o, Exception) for o in out):
        write_atomic(path, json.dumps(out, ensure_ascii=False).encode("utf-8"))
    return out


# The math font: Noto Sans Math (OFL 1.1, from the @fontsource/noto-sans-math 5.3.0
# package; WOFF, so fontTools reads it without a Brotli module). A full build serves
# it cut to the characters its formulas show (subset_font); `mkdocs serve --dirty`,
# which renders only the edited pages, serves it whole.
FONT_SOURCE = Path(__file__).with_name("vendor") / "NotoSansMath-Regular.woff"
FONT_URL = "assets/math/NotoSansMath.woff"
CHARS: set[str] = set()  # the characters of every formula rendered in this process
_BOX = 'class="arithmatex">'  # the end of the element arithmatex puts a formula in
_ANNOTATION = re.compile(r"<annotation\b.*?</annotation>", re.S)


def _text_chars(mathml: str) -> set[str]:
    """The characters a formula shows (its annotation, the TeX, is not shown)."""
    return set(htmlmod.unescape(_TAG.sub("", _ANNOTATION.sub("", mathml))))


def _fallback_char(ch: str) -> bool:
    """Characters the page's own fonts draw: spaces and CJK (Chinese in ``\\text``)."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") or unicodedata.east_asian_width(ch) in "WF"


@functools.lru_cache(maxsize=None)
def _font_chars() -> frozenset[str]:
    """The characters the whole math font (:data:`FONT_SOURCE`) has glyphs for."""
    from fontTools.ttLib import TTFont

    return frozenset(chr(c) for c in TTFont(FONT_SOURCE).getBestCmap())


def missing_glyphs(chars: set[str], font_chars: frozenset[str] | set[str] | None = None) -> list[str]:
    """The characters among a formula's ``chars`` (:func:`_text_chars`) that the math
    font lacks (``font_chars``: the whole font's by default, or a served subset's) and
    no page font supplies: the browser would draw them in some other font."""
    if font_chars is None:
        font_chars = _font_chars()
    return sorted(c for c in chars - font_chars if not _fallback_char(c))


def subset_font(chars: set[str]) -> bytes:
    """The math font cut to ``chars`` (and the glyphs its MATH table builds them from:
    stretched brackets, big operators, radicals), as WOFF; cached by content."""
    from fontTools import subset  # fontTools comes with matplotlib
    from fontTools.ttLib import TTFont

    wanted = "".join(sorted(c for c in chars if c in _font_chars()))
    key = hashlib.sha256(json.dumps([fingerprint((FONT_SOURCE, Path(__file__)), ("fonttools",)), wanted]).encode()).hexdigest()
    path = cache_dir("tex") / f"font-{key[:32]}.woff"
    if path.exists():
        return path.read_bytes()
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]  # ssty (script-size glyphs), flac, dtls, ...
    options.name_IDs = ["*"]  # the font's names and its OFL notice
    options.notdef_outline = True
    font = TTFont(FONT_SOURCE)
    sub = subset.Subsetter(options)
    sub.populate(text=wanted)
    sub.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    write_atomic(path, buf.getvalue())
    return buf.getvalue()


def write_font(site: Path, whole: bool) -> int:
    """Put the math font into the built site: cut to :data:`CHARS`, or ``whole``
    (a build that rendered only some pages). Returns its size in bytes."""
    data = FONT_SOURCE.read_bytes() if whole else subset_font(CHARS)
    dest = site / FONT_URL
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data)
    return len(data)


def preload_fonts(html: str, page_url: str) -> str:
    """``html`` with a ``<link rel="preload">`` for the math font if it shows a
    formula: the formulas' text waits for the font (CSS, then layout, then the font
    request) and the first screen's paragraphs hold formulas (Lighthouse's LCP)."""
    from mkdocs.utils import get_relative_url

    if "<math" not in html:
        return html
    tag = f'<link rel="preload" href="{get_relative_url(FONT_URL, page_url)}" as="font" type="font/woff" crossorigin>\n'
    return html.replace("<link rel=\"stylesheet\"", tag + "<link rel=\"stylesheet\"", 1)


def render_page(html: str, where: str) -> str:
    """``html`` with every delimited formula of its body rendered as MathML.
    ``where`` names the page in errors."""
    start = time.perf_counter()
    pieces = split_page(html)
    formulas = [p for p in pieces if isinstance(p, tuple)]
    if not formulas:
        STATS["seconds"] += time.perf_counter() - start
        return html
    before = len(_TEMML[0].memo) if _TEMML else 0
    rendered = iter(render_formulas(formulas))
    STATS["pages"] += 1
    STATS["formulas"] += len(formulas)
    STATS["rendered"] += (len(_TEMML[0].memo) if _TEMML else 0) - before
    out = []
    problems = []
    for p in pieces:
        if isinstance(p, str):
            out.append(p)
            continue
        r = next(rendered)
        kind = "display" if p[1] else "inline"
        if isinstance(r, Exception):
            problems.append(f"{where}: Temml cannot render {kind} formula {p[0]!r}: {r}")
            continue
        chars = _text_chars(r)
        missing = missing_glyphs(chars)
        if missing:
            problems.append(f"{where}: the math font ({FONT_SOURCE.name}) has no glyph for "
                            f"{', '.join(f'{c!r} (U+{ord(c):04X})' for c in missing)} in {kind} formula {p[0]!r}")
        CHARS.update(chars)
        if p[1] and out and out[-1].endswith(_BOX):
            # the display formula's own box scrolls sideways when it is wider than the
            # page (Material's div.arithmatex, math.css for a notebook's span): let
            # the keyboard reach it, as a11y.js does for code blocks (axe's
            # scrollable-region-focusable)
            out[-1] = out[-1][: -len(_BOX)] + _BOX[:-1] + ' tabindex="0">'
        out.append(r)
    if problems:
        raise TexError("\n".join(problems))
    STATS["seconds"] += time.perf_counter() - start
    return "".join(out)
