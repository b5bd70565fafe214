"""Formulas rendered once, at build time, by the site's own KaTeX.

Pages write TeX between ``\\(`` ``\\)`` (inline) and ``\\[`` ``\\]`` (display):
pymdownx.arithmatex (generic mode) keeps it as text in ``<span|div
class="arithmatex">``, mkdocstrings' docstrings get the same delimiters from
:mod:`snippets._engine.griffe_math`, and the rendered notebooks' Markdown too
(:mod:`snippets._engine.notebook_pages`). :func:`render_page` replaces every
delimited formula in the text of a built page's ``<body>`` with KaTeX's HTML, as
KaTeX's auto-render did in each reader's browser before (the same delimiters, the
same elements skipped: ``pre``, ``code``, ``script``, ``style``, ``textarea``,
``noscript``, ``option``), so a page ships no KaTeX script and a phone does no
math work: only ``katex.min.css`` and the fonts it uses are loaded.

KaTeX runs in one Node.js process per build (``tex.js``), loading the vendored
``docs/assets/katex/katex.min.js`` (the same file and version as the CSS and
fonts the pages load; no npm package needed). A formula KaTeX cannot parse fails
the build, naming the page and the formula. Output is ``htmlAndMathml``: the
MathML keeps the TeX in ``<annotation encoding="application/x-tex">`` for screen
readers and for KaTeX's copy-tex script (``contrib/copy-tex.min.js``), which
copies a selected formula as its TeX.

Why not a Markdown extension such as markdown-katex: it starts the KaTeX command
line once per formula (~0.1 s each; the site has ~15,000 formula renderings per
build), and it would not reach mkdocstrings' docstrings, the rendered notebooks or
the table of contents (headings with formulas).

Rendered formulas are remembered per process (the zh and en builds share most
formulas) and cached on disk per page, keyed by the page's formulas and the
KaTeX and renderer sources (``.cache/tex``); errors are never cached.
"""
from __future__ import annotations

import atexit
import hashlib
import html as htmlmod
import json
import re
import shutil
import subprocess
import time
from pathlib import Path

from snippets._engine.catalog import ROOT, cache_dir, fingerprint, write_atomic

KATEX_JS = ROOT / "docs/assets/katex/katex.min.js"
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


class Katex:
    """One Node.js process running KaTeX; :meth:`render` takes a batch of formulas."""

    def __init__(self):
        node = shutil.which("node")
        if node is None:
            raise TexError(
                "Node.js (`node`) is needed to render the site's formulas at build time "
                "(snippets/_engine/tex.py): install Node.js 18 or newer (apt-get install nodejs)"
            )
        self.proc = subprocess.Popen(
            [node, str(SCRIPT), str(KATEX_JS)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
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
                raise TexError(f"the KaTeX process ({SCRIPT.name}) ended unexpectedly (exit code {self.proc.poll()})")
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


_KATEX: list[Katex] = []
STATS = {"pages": 0, "formulas": 0, "rendered": 0, "seconds": 0.0}  # this process, for the build log


def _katex() -> Katex:
    if not _KATEX or _KATEX[0].proc.poll() is not None:
        _KATEX[:] = [Katex()]
    return _KATEX[0]


def render_formulas(formulas: list[tuple[str, bool]]) -> list[str | Exception]:
    """KaTeX HTML of each ``(tex, display)``, or the error it raised: from the page
    cache when this exact list of formulas was rendered before."""
    if not formulas:
        return []
    key = hashlib.sha256(
        json.dumps([fingerprint((SCRIPT, KATEX_JS, Path(__file__)), ()), formulas], ensure_ascii=False).encode()
    ).hexdigest()
    path = cache_dir("tex") / f"{key[:32]}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        pass
    out = _katex().render(formulas)
    if not any(isinstance(o, Exception) for o in out):
        write_atomic(path, json.dumps(out, ensure_ascii=False).encode("utf-8"))
    return out


# the fonts nearly every formula uses: a page with formulas asks for them at once
# instead of after its CSS and layout (the formulas' text is invisible until then,
# and the first screen's paragraphs hold formulas: Lighthouse's LCP waited for them)
FONTS = ("assets/katex/fonts/KaTeX_Main-Regular.woff2", "assets/katex/fonts/KaTeX_Math-Italic.woff2")


def preload_fonts(html: str, page_url: str) -> str:
    """``html`` with ``<link rel="preload">`` for :data:`FONTS` if it shows a formula."""
    from mkdocs.utils import get_relative_url

    if 'class="katex"' not in html:
        return html
    tags = "".join(f'<link rel="preload" href="{get_relative_url(f, page_url)}" as="font" type="font/woff2" crossorigin>\n'
                   for f in FONTS)
    return html.replace("<link rel=\"stylesheet\"", tags + "<link rel=\"stylesheet\"", 1)


def render_page(html: str, where: str) -> str:
    """``html`` with every delimited formula of its body rendered by KaTeX.
    ``where`` names the page in errors."""
    start = time.perf_counter()
    pieces = split_page(html)
    formulas = [p for p in pieces if isinstance(p, tuple)]
    if not formulas:
        STATS["seconds"] += time.perf_counter() - start
        return html
    before = len(_KATEX[0].memo) if _KATEX else 0
    rendered = iter(render_formulas(formulas))
    STATS["pages"] += 1
    STATS["formulas"] += len(formulas)
    STATS["rendered"] += (len(_KATEX[0].memo) if _KATEX else 0) - before
    out = []
    problems = []
    for p in pieces:
        if isinstance(p, str):
            out.append(p)
            continue
        r = next(rendered)
        if isinstance(r, Exception):
            problems.append(f"{where}: KaTeX cannot render {'display' if p[1] else 'inline'} formula {p[0]!r}: {r}")
        else:
            out.append(r)
    if problems:
        raise TexError("\n".join(problems))
    STATS["seconds"] += time.perf_counter() - start
    return "".join(out)
