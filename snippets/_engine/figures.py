"""Figures drawn by snippet modules, rendered at site-build time.

A snippet may define *figure functions*: ``def figure_<name>(lang="zh")`` that
build and return a ``matplotlib.figure.Figure`` with labels in ``lang``. They
use only torch and matplotlib, so a reader can call them too. The page asks
for one with::

    ![Sigmoid 及其导数](fig:activation_basics/sigmoid.py::figure_sigmoid)

and gets one SVG per language shown twice, as ``x.svg#only-light`` and
``x.svg#only-dark`` (Material shows the one of the reader's scheme). Colours,
fonts and sizes come from :data:`THEMES`, applied around the call, so figure
functions stay plain matplotlib. The themes differ in colours only, so each
figure is drawn once (light); its dark variant is the same drawing recoloured
(:func:`recolour`, compared with real dark drawings by the tests), and the
served file carries it as CSS rules that apply when the URL's fragment is
``#only-dark`` (:func:`themeable`). The SVG is optimized by scour (:func:`minify`).

Rendering rules:

* Each snippet module runs exactly as the tests run it: in a child forked from
  the snippet runner's fresh server (:class:`snippets._engine.execute.Runner`:
  :func:`~snippets._engine.execute.run_script`, re-seeded from OS entropy, in an
  empty working directory). Its figures are drawn in that child after its output is
  captured, and the run is kept in the run store, where the test suite finds it
  instead of running the snippet again (:class:`~snippets._engine.execute.RunStore`).
* Chinese text uses Noto Sans CJK SC from the ``noto-cjk-sans-otc`` package;
  a glyph missing from the fonts is an error, not a warning.
* SVG text is converted to paths and the SVG ids are salted with a constant,
  so output is byte-identical between builds and independent of readers' fonts.
* Output is cached in ``.cache/figures`` (``$SITE_CACHE/figures``) under a hash of the snippet source,
  this file, the library versions, the function, language and variant.
"""
from __future__ import annotations

import functools
import hashlib
import io
import logging
import os
import re
import traceback
import warnings
from dataclasses import dataclass, replace
from pathlib import Path

from snippets._engine.catalog import LANGS, ROOT, SNIPPETS, cache_dir, fingerprint, rel, write_atomic

CACHE = cache_dir("figures")
URL_DIR = "assets/figures"
FONT_FACE = "Noto Sans CJK SC"

_BASE = {
    "figure.figsize": (6.4, 3.6),
    "figure.dpi": 100,
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.bbox": "tight",
    "axes.grid": True,
    "grid.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 2.0,
    "font.size": 11,
    # matplotlib falls back glyph by glyph along this list: Latin and math from
    # DejaVu Sans, CJK from Noto Sans CJK SC
    "font.family": ["DejaVu Sans", FONT_FACE],
    "axes.unicode_minus": True,
    # mathtext has no glyph fallback: a label that contains $...$ must not contain
    # Chinese (its plain text is drawn by mathtext too); use Unicode (pₜ, γ, T²)
    # in zh labels instead. A missing glyph fails the build.
    "mathtext.fontset": "dejavusans",
    "svg.fonttype": "path",
    "svg.hashsalt": "activations-and-losses",
    "legend.frameon": False,
}
THEMES = {
    "light": {
        **_BASE,
        "text.color": "#1f2328",
        "axes.labelcolor": "#1f2328",
        "axes.edgecolor": "#57606a",
        "xtick.color": "#57606a",
        "ytick.color": "#57606a",
        "grid.color": "#d0d7de",
        "axes.prop_cycle": "cycler(color=['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'])",
    },
    "dark": {
        **_BASE,
        "text.color": "#e6edf3",
        "axes.labelcolor": "#e6edf3",
        "axes.edgecolor": "#8b949e",
        "xtick.color": "#8b949e",
        "ytick.color": "#8b949e",
        "grid.color": "#30363d",
        "axes.prop_cycle": "cycler(color=['#58a6ff', '#ff7b72', '#3fb950', '#ffa657', '#d2a8ff', '#e3b341', '#f778ba', '#39c5cf'])",
    },
}


class FigureError(Exception):
    """A figure could not be drawn; the message names the file and line."""


DRAWN = "light"  # the theme matplotlib draws; every other theme is a recolouring of it


def _colour_pairs(theme: str) -> dict[str, str]:
    """Each colour :data:`DRAWN` sets, and the one ``theme`` sets in its place (same
    rcParams key; the prop cycle entry by entry). Raises :class:`FigureError` unless
    the two themes differ in colours only, one to one."""
    drawn, other = THEMES[DRAWN], THEMES[theme]
    pairs: dict[str, str] = {}
    for key in sorted(set(drawn) | set(other)):
        a, b = drawn.get(key), other.get(key)
        if "color" not in key and "prop_cycle" not in key:
            if a != b:
                raise FigureError(f"THEMES[{theme!r}][{key!r}] differs from THEMES[{DRAWN!r}]: themes may differ in colours only")
            continue
        ca, cb = (re.findall(r"#[0-9a-f]{6}\b", str(v).lower()) for v in (a, b))
        if len(ca) != len(cb) or re.sub(r"#[0-9a-f]{6}\b", "", str(a).lower()) != re.sub(r"#[0-9a-f]{6}\b", "", str(b).lower()):
            raise FigureError(f"THEMES[{theme!r}][{key!r}]: give colours as #rrggbb, one for each in THEMES[{DRAWN!r}]")
        for x, y in zip(ca, cb):
            if pairs.setdefault(x, y) != y:
                raise FigureError(f"THEMES[{theme!r}]: {x} becomes both {pairs[x]} and {y}")
    if theme != DRAWN and len(set(pairs.values())) != len(pairs):
        raise FigureError(f"THEMES[{theme!r}]: two colours of THEMES[{DRAWN!r}] become one")
    return pairs


# scour (a maintained SVG optimizer) on matplotlib's SVG: no metadata, comments or
# line breaks, short ids, coordinates to 4 significant digits (0.1 pt on a 400 pt
# figure). Measured on the site's 210 drawn figures: 11.8 MB -> 6.5 MB, ~70 ms each.
# Colours are left exactly as matplotlib wrote them (--disable-simplify-colors), so
# recolour() finds every theme colour in the optimized SVG.
_SCOUR_ARGS = [
    "--remove-metadata", "--strip-xml-prolog", "--enable-comment-stripping",
    "--enable-id-stripping", "--shorten-ids", "--no-line-breaks",
    "--set-precision=4", "--set-c-precision=4", "--disable-simplify-colors", "--quiet",
]


@functools.lru_cache(maxsize=1)
def _scour_options():
    from scour import scour

    return scour.parse_args(_SCOUR_ARGS)


def minify(svg: bytes) -> bytes:
    """``svg`` as scour optimizes it (:data:`_SCOUR_ARGS`)."""
    from scour import scour

    return scour.scourString(svg.decode("utf-8"), _scour_options()).encode("utf-8")


def recolour(svg: bytes, theme: str) -> bytes:
    """The ``theme`` variant of an SVG drawn in :data:`DRAWN`: each colour the drawn
    theme sets is replaced by the one ``theme`` sets in its place.

    The themes differ only in colours (same sizes, fonts and layout: checked by
    :func:`_colour_pairs`), so this is the SVG matplotlib would write under
    ``theme``, up to the names of its internal ids (matplotlib hashes the style
    into them); ``tests/test_engine.py`` compares it with real renderings. It
    halves the figure work of a cold build: each figure is drawn once per
    language, not once per language and theme."""
    pairs = {k: v for k, v in _colour_pairs(theme).items() if k != v}
    if not pairs:
        return svg
    pattern = re.compile(("(?:" + "|".join(map(re.escape, pairs)) + ")(?![0-9a-fA-F])").encode())
    return pattern.sub(lambda m: pairs[m.group(0).decode()].encode(), svg)


for _theme in THEMES:
    _colour_pairs(_theme)  # fail on import, not halfway through a build


SERVED = "light-dark"  # the file a page shows: the DRAWN drawing, dark at #only-dark
_SVG = "{http://www.w3.org/2000/svg}"
_HREF = ("{http://www.w3.org/1999/xlink}href", "href")
_PAINT = ("fill", "stroke")


def themeable(svg: bytes, where: str = "figure") -> bytes:
    """One SVG for both themes: the :data:`DRAWN` drawing as it is, and each other
    theme's colours (:func:`_colour_pairs`) when the SVG is opened with that theme's
    Material fragment, ``x.svg#only-dark``: a ``<style>`` of ``:target`` rules that
    set ``fill``/``stroke`` on every element whose attribute holds a theme colour
    (CSS beats SVG presentation attributes). A page then ships one file per figure
    and language instead of two. ``tests/test_browser.py`` checks in chromium that
    ``x.svg#only-dark`` shows the pixels of :func:`recolour`'s dark SVG.

    Rules do not reach the copies that ``<use>`` makes of a ``<defs>`` element, so a
    theme colour set on such an element is dropped when every ``<use>`` of it
    inherits the same colour anyway (matplotlib's markers); otherwise, or where a
    theme colour sits in any other attribute, this raises :class:`FigureError`
    rather than publish a figure that keeps light colours in the dark theme."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(svg)
    parent = {child: node for node in root.iter() for child in node}
    themed = {t: {k: v for k, v in _colour_pairs(t).items() if k != v} for t in THEMES if t != DRAWN}
    colours = {c for pairs in themed.values() for c in pairs}

    def inherited(node, prop):
        while node is not None:
            if node.get(prop):
                return node.get(prop)
            node = parent.get(node)
        return None

    uses: dict[str, list] = {}
    for node in root.iter(f"{_SVG}use"):
        ref = next((node.get(a) for a in _HREF if node.get(a)), "")
        uses.setdefault(ref.lstrip("#"), []).append(node)
    drop: list[tuple[str, str, str]] = []
    for defs in root.iter(f"{_SVG}defs"):
        for node in defs.iter():
            for prop in _PAINT:
                value = node.get(prop)
                if value not in colours or node is defs:
                    continue
                users = uses.get(node.get("id", ""), [])
                if not all(inherited(u, prop) == value for u in users):
                    raise FigureError(f"{where}: <defs> element id={node.get('id')!r} sets {prop}={value} "
                                      "but a <use> of it does not inherit that colour: cannot be themed")
                drop.append((node.get("id", ""), prop, value))
    for node in root.iter():
        for attr, value in node.attrib.items():
            if attr not in _PAINT and any(c in value.lower() for c in colours):
                raise FigureError(f"{where}: theme colour in {attr}={value!r} of <{node.tag.split('}')[-1]}>: "
                                  "only fill and stroke can be themed")
    text = svg.decode("utf-8")
    for ident, prop, value in drop:
        text = re.sub(rf'<[^>]*\sid="{re.escape(ident)}"[^>]*>',
                      lambda m: m.group(0).replace(f' {prop}="{value}"', "", 1), text, count=1)
    rules = "".join(
        f'#only-{theme}:target~[{prop}="{a}"],#only-{theme}:target~* [{prop}="{a}"]{{{prop}:{b}}}'
        for theme, pairs in themed.items() for a, b in pairs.items() for prop in _PAINT
    )
    targets = "".join(f'<g id="only-{theme}"/>' for theme in themed)
    start = text.index(">", text.index("<svg")) + 1
    return (text[:start] + f"<style>{rules}</style>{targets}" + text[start:]).encode("utf-8")


@dataclass(frozen=True)
class Request:
    snippet: str  # relative to snippets/, e.g. "activation_basics/sigmoid.py"
    func: str
    lang: str
    theme: str
    origin: str  # "docs/x.zh.md:12", where the page asked for it
    param: str = ""  # a slider frame: figure_x(lang, param=value); "" for figure_x(lang)
    value: str = ""  # the value as the page writes it (a decimal literal)

    @property
    def path(self) -> Path:
        return SNIPPETS / self.snippet

    def key(self) -> str:
        h = hashlib.sha256()
        h.update(self.path.read_bytes())
        h.update(_fingerprint().encode())
        h.update(f"{self.func}|{self.lang}|{self.theme}".encode())
        if self.param:
            h.update(f"|{self.param}={self.value}".encode())
        return h.hexdigest()[:12]

    def filename(self) -> str:
        stem = self.snippet[:-3]
        # a slider frame: no dot in its name part, which is still "<func>" up to the first dot
        frame = f"-{self.param}{self.value.replace('.', '_')}" if self.param else ""
        return f"{stem}.{self.func}{frame}.{self.lang}.{self.theme}.{self.key()}.svg"

    def call(self) -> str:
        """The call this request draws, as a message names it."""
        kw = f", {self.param}={self.value}" if self.param else ""
        return f"{self.func}(lang={self.lang!r}{kw})"


def _fingerprint() -> str:
    """Everything besides the snippet that changes how a figure looks."""
    return fingerprint((Path(__file__),), ("matplotlib", "torch", "noto-cjk-sans-otc", "scour"))


def cjk_font_path() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("noto_cjk_sans_otc")
    if spec is None or spec.origin is None:
        raise FigureError(
            "CJK font missing: the package noto-cjk-sans-otc is not installed "
            "(it is in requirements.txt; run the README's setup command)"
        )
    path = Path(spec.origin).parent / "NotoSansCJK-Regular.ttc"
    if not path.is_file():
        raise FigureError(f"CJK font missing: {path} not found")
    return path


def setup_fonts() -> None:
    from matplotlib import font_manager

    if FONT_FACE not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(cjk_font_path()))
    if FONT_FACE not in {f.name for f in font_manager.fontManager.ttflist}:
        raise FigureError(f"CJK font missing: face {FONT_FACE!r} not found in {cjk_font_path()}")


# what the build's snippet servers import before they fork (Runner(preload=...)):
# each figure job would otherwise import matplotlib and scour and load the fonts again
PRELOAD = "matplotlib.pyplot,scour.scour,snippets._engine.figures:warm"


def warm() -> None:
    """Load what every figure job needs: matplotlib's Agg backend, the fonts (a first
    drawing with Latin, CJK and mathtext loads their faces and glyph caches), scour's
    options. Called once by a snippet server before it forks."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    setup_fonts()
    _scour_options()
    with matplotlib.rc_context(THEMES[DRAWN]):
        fig, ax = plt.subplots()
        ax.plot([0, 1], [0, 1], label="$x^2$")
        ax.set_title("激活 ReLU")
        ax.legend()
        buf = io.BytesIO()
        fig.savefig(buf, format="svg")
        plt.close("all")
    minify(buf.getvalue())


def _where(exc: BaseException, path: Path) -> str:
    """'snippets/x.py:LINE' for the deepest frame inside the snippet file."""
    line = None
    for fs in traceback.extract_tb(exc.__traceback__):
        if Path(fs.filename).resolve() == path.resolve():
            line = fs.lineno
    return f"{rel(path)}:{line}" if line else rel(path)


def load_module(path: Path) -> dict:
    """Execute a snippet as a script (stdout discarded) and return its namespace.

    Runs it the one way every snippet runs (:func:`snippets._engine.execute.run_script`):
    re-seeded from OS entropy like a fresh interpreter, in an empty working
    directory unless it declares it needs the repository."""
    import contextlib

    from snippets._engine.execute import run_script

    try:
        with contextlib.redirect_stdout(io.StringIO()):
            return run_script(path)
    except BaseException as exc:
        raise FigureError(
            f"{_where(exc, path)}: snippet raised {type(exc).__name__}: {exc}"
        ) from None


def render_module(requests: list[Request]) -> list[tuple[Request, bytes]]:
    """Render all requested figures of one snippet module (same process)."""
    import matplotlib

    matplotlib.use("Agg", force=True)

    setup_fonts()
    return _render_ns(load_module(requests[0].path), requests)


def _render_ns(ns: dict, requests: list[Request]) -> list[tuple[Request, bytes]]:
    """The requested figures drawn from a snippet's namespace ``ns``."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    setup_fonts()
    # matplotlib reports glyphs missing in mathtext through logging, not warnings
    glyph_log = _GlyphLog()
    logging.getLogger("matplotlib").addHandler(glyph_log)
    done, drawn = [], {}
    for req in requests:
        key = (req.func, req.lang, req.param, req.value)
        if key not in drawn:
            drawn[key] = _draw(ns, req, glyph_log)
        svg = drawn[key]
        done.append((req, themeable(svg, f"{req.snippet}: {req.call()}")
                     if req.theme == SERVED else recolour(svg, req.theme)))
    return done


def recolour_mismatches(snippet: str, langs=LANGS) -> list[str]:
    """Draw every figure function of ``snippet`` in every theme for real and compare
    with :func:`recolour` of the :data:`DRAWN` drawing, up to the names of SVG ids;
    what differs, one line per figure (``scripts/check_figure_themes.py`` runs it
    over every snippet, the test suite over a sample)."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    setup_fonts()
    path = SNIPPETS / snippet
    ns = load_module(path)
    glyph_log = _GlyphLog()
    logging.getLogger("matplotlib").addHandler(glyph_log)
    problems = []
    for func in sorted(n for n in ns if n.startswith("figure_") and callable(ns[n])):
        for lang in langs:
            req = Request(snippet, func, lang, DRAWN, "recolour check")
            drawn = _draw(ns, req, glyph_log)
            for theme in (t for t in THEMES if t != DRAWN):
                real = _draw(ns, req, glyph_log, theme)
                if _canonical_ids(recolour(drawn, theme)) != _canonical_ids(real):
                    problems.append(f"{snippet}: {func}(lang={lang!r}) in theme {theme!r} is not the {DRAWN} drawing recoloured")
    return problems


def _canonical_ids(svg: bytes) -> bytes:
    """``svg`` with its ids renamed in order of appearance (matplotlib derives them from styles)."""
    ids: dict[bytes, bytes] = {}
    for found in re.findall(rb'\bid="([^"]+)"', svg):
        ids.setdefault(found, b"id%d" % len(ids))
    if not ids:
        return svg
    pattern = re.compile(b"|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True)))
    return pattern.sub(lambda m: ids[m.group(0)], svg)


def _draw(ns: dict, req: Request, glyph_log: "_GlyphLog", theme: str = DRAWN) -> bytes:
    """Call ``req``'s figure function in ``theme``; the SVG bytes."""
    import matplotlib
    import matplotlib.pyplot as plt

    path = req.path
    fn = ns.get(req.func)
    if not callable(fn):
        raise FigureError(f"{req.origin}: {rel(path)} has no figure function {req.func}()")
    import ast

    kwargs = {req.param: ast.literal_eval(req.value)} if req.param else {}
    with warnings.catch_warnings(record=True) as caught, matplotlib.rc_context(THEMES[theme]):
        warnings.simplefilter("always")
        try:
            fig = fn(req.lang, **kwargs)
            buf = io.BytesIO()
            fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
        except BaseException as exc:
            raise FigureError(
                f"{_where(exc, path)}: {req.call()} raised "
                f"{type(exc).__name__}: {exc} (asked for by {req.origin})"
            ) from None
        finally:
            plt.close("all")
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    missing += glyph_log.take()
    if missing:
        raise FigureError(f"{rel(path)}: {req.call()}: {missing[0]}")
    return minify(buf.getvalue())


class _GlyphLog(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.found: list[str] = []

    def emit(self, record):
        msg = record.getMessage()
        if "does not have a glyph" in msg:
            self.found.append(msg)

    def take(self) -> list[str]:
        found, self.found = self.found, []
        return found


def draw_after_run(keep: dict, path: str, arg: dict) -> None:
    """Called by the snippet runner's child after it ran snippet ``path``
    (:func:`snippets._engine.execute._run_child`): draw the figures of ``arg["requests"]``
    from the snippet's namespace into ``arg["dir"]/<n>.svg``, or write why not to
    ``arg["dir"]/error``."""
    global SNIPPETS
    from snippets._engine.execute import working_directory

    SNIPPETS = Path(arg["snippets"])
    out = Path(arg["dir"])
    requests = [Request(**r) for r in arg["requests"]]
    try:
        if "ns" not in keep:
            exc = keep.get("exc")
            if isinstance(exc, SystemExit):
                raise FigureError(f"{rel(Path(path))}: snippet exited with status {exc.code}")
            raise FigureError(f"{_where(exc, Path(path))}: snippet raised {type(exc).__name__}: {exc}")
        # the figure functions run where a module runs: an empty directory (or the
        # repository root for a snippet that declares it needs it)
        with working_directory(path):
            done = _render_ns(keep["ns"], requests)
    except FigureError as exc:
        (out / "error").write_text(str(exc), encoding="utf-8")
        return
    for n, (_, svg) in enumerate(done):
        (out / f"{n}.svg").write_bytes(svg)


def _render_job(runner, requests: list[Request]) -> tuple[list | None, str | None]:
    """Run one snippet in ``runner``'s fork server and draw its requested figures in
    the same child: (figures, None) or (None, error)."""
    import shutil
    import tempfile
    from dataclasses import asdict

    out = Path(tempfile.mkdtemp(prefix="figures-"))
    try:
        arg = {"requests": [asdict(r) for r in requests], "snippets": str(SNIPPETS), "dir": str(out)}
        after = {"call": "snippets._engine.figures:draw_after_run", "arg": arg, "log": str(out / "log")}
        runner.run(requests[0].path, "cpu", after=after)
        if (out / "error").exists():
            return None, (out / "error").read_text(encoding="utf-8")
        files = [out / f"{n}.svg" for n in range(len(requests))]
        if not all(f.exists() for f in files):  # pragma: no cover - engine bug
            log = (out / "log").read_text(encoding="utf-8", errors="replace") if (out / "log").exists() else ""
            return None, f"{requests[0].snippet}: figures not drawn:\n{log[-3000:]}"
        return [(r, f.read_bytes()) for r, f in zip(requests, files)], None
    finally:
        shutil.rmtree(out, ignore_errors=True)


def ensure_rendered(requests: list[Request], workers: int | None = None) -> dict[Request, Path]:
    """Render what is not cached yet; return the cached file for every request."""
    CACHE.mkdir(parents=True, exist_ok=True)
    files = {r: CACHE / r.filename() for r in requests}
    todo: dict[str, list[Request]] = {}
    for r, f in files.items():
        if not f.exists():
            todo.setdefault(r.snippet, []).append(r)
    # every page exists in every language, so draw all languages while the
    # module is loaded: the next language's build then finds them cached
    for snippet, reqs in todo.items():
        for r in list(reqs):
            for lang in LANGS:
                twin = replace(r, lang=lang)
                if twin not in files and twin not in reqs:
                    reqs.append(twin)
                    files[twin] = CACHE / twin.filename()
    if todo:
        import queue
        from concurrent.futures import ThreadPoolExecutor, as_completed

        from snippets._engine.execute import Runner, RunStore, run_key

        jobs = list(todo.values())
        workers = workers or min(len(jobs), os.cpu_count() or 1)
        total = sum(len(j) for j in jobs)
        log = logging.getLogger("mkdocs.hooks.figures")
        log.info(f"figures: making {total} SVGs from {len(jobs)} snippets on {workers} processes "
                 f"({len(files) - total} cached in {rel(CACHE)})")
        # each snippet runs in a fork of a fresh server, exactly as the tests run it,
        # and its figures are drawn in that child; the run is stored for the tests
        store = RunStore()
        runners: queue.Queue = queue.Queue()
        for _ in range(workers):
            runners.put(Runner(fresh=False, store=store, preload=PRELOAD))

        def job(reqs):
            runner = runners.get()
            try:
                return _render_job(runner, reqs)
            finally:
                runners.put(runner)

        results, drawn, step = [], 0, max(1, len(jobs) // 10)
        try:
            # claimed: a test that wants one of these runs meanwhile waits for it
            with store.claim(run_key(j[0].path) for j in jobs), ThreadPoolExecutor(max_workers=workers) as pool:
                for k, future in enumerate(as_completed([pool.submit(job, j) for j in jobs]), 1):
                    result = future.result()
                    results.append(result)
                    drawn += len(result[0] or [])
                    if k % step == 0 or k == len(jobs):
                        log.info(f"figures: {drawn}/{total} made ({k}/{len(jobs)} snippets)")
        finally:
            while not runners.empty():
                runners.get().close()
        errors = [err for _, err in results if err]
        if errors:
            raise FigureError("\n".join(errors))
        for done, _ in results:
            for req, svg in done:
                write_atomic(files[req], svg)
    return {r: files[r] for r in requests}


def page_requests(paths, docs: Path) -> list[Request]:
    """Every figure request of the pages ``paths`` (Markdown files under ``docs``), read
    from the page model as :func:`expand` reads it. A page or figure that cannot be
    read is left out: :func:`expand` reports it, naming the page and line."""
    from snippets._engine import page as page_model
    from snippets._engine.catalog import DEFAULT_LANG

    requests: list[Request] = []
    for path in paths:
        try:
            page = page_model.parse(path, docs)
            for fig in page.figures():
                if (SNIPPETS / fig.snippet).is_file():
                    requests += frames(fig, page.lang or DEFAULT_LANG, page.where(fig))[0]
        except (FigureError, page_model.PageError, OSError, UnicodeDecodeError):
            continue
    return requests


def render_in_background(requests: list[Request]):
    """:func:`ensure_rendered` in a thread of its own, started now: the build starts its
    figure jobs when it has the list of pages, and reads the Markdown of every page
    meanwhile instead of before. A future: ``.result()`` re-raises what it raised.
    The thread is a daemon: a build that fails on a page exits without waiting for it
    (its snippet servers end with their input)."""
    import threading
    from concurrent.futures import Future

    future: Future = Future()

    def work():
        try:
            future.set_result(ensure_rendered(requests))
        except BaseException as exc:
            future.set_exception(exc)

    threading.Thread(target=work, name="figures", daemon=True).start()
    return future


def slider_default(fig, origin: str) -> str:
    """Of a slider figure's values, the one that is its figure function's default for
    the slider's keyword (read from the snippet's source): the frame drawn by the plain
    call ``figure_x(lang)``, shown without JavaScript and in the notebooks."""
    import ast

    tree = ast.parse((SNIPPETS / fig.snippet).read_text(encoding="utf-8"))
    fn = next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == fig.func), None)
    if fn is None:
        raise FigureError(f"{origin}: snippets/{fig.snippet} has no figure function {fig.func}()")
    positional = fn.args.posonlyargs + fn.args.args
    defaults = dict(zip([a.arg for a in positional][::-1], fn.args.defaults[::-1]))
    defaults.update({a.arg: d for a, d in zip(fn.args.kwonlyargs, fn.args.kw_defaults) if d is not None})
    if fig.param not in defaults:
        raise FigureError(f"{origin}: {fig.func}() in snippets/{fig.snippet} has no parameter "
                          f"{fig.param} with a default value, which the slider would set")
    try:
        default = ast.literal_eval(defaults[fig.param])
    except ValueError:
        default = None
    found = [v for v in fig.values if isinstance(default, (int, float)) and float(v) == default]
    if not found:
        raise FigureError(f"{origin}: the default {fig.param}={ast.unparse(defaults[fig.param])} of {fig.func}() "
                          f"is not one of the slider values {', '.join(fig.values)} (the page without "
                          "JavaScript and the notebook show the default)")
    return found[0]


def frames(fig, lang: str, origin: str) -> tuple[list[Request], int]:
    """The requests of a figure block, one per slider value (one for a plain figure),
    and the index of the default one; the default frame is the plain call."""
    if not fig.param:
        return [Request(fig.snippet, fig.func, lang, SERVED, origin)], 0
    default = slider_default(fig, origin)
    reqs = [Request(fig.snippet, fig.func, lang, SERVED, origin, *(() if v == default else (fig.param, v)))
            for v in fig.values]
    return reqs, fig.values.index(default)


def expand(page, markdown: str, lang: str, page_url: str) -> tuple[str, list[Request]]:
    """Replace the page's figure blocks (:class:`snippets._engine.page.Figure`) in
    ``markdown`` (the page's text as MkDocs hands it to the hook) with light/dark
    ``<img>`` pairs; return the requests.

    A slider figure shows its default frame the same way; its ``<figure>`` carries
    the other frames' URLs and the slider's values and label (``extra.ui.<lang>.slider``)
    in ``data-`` attributes, from which ``docs/assets/javascripts/slider.js`` builds
    the ``<input type="range">`` that swaps the two ``<img>``'s files."""
    import html as htmlmod
    from posixpath import relpath

    from snippets._engine.config import ui

    requests: list[Request] = []
    base = page_url if page_url.endswith("/") or not page_url else os.path.dirname(page_url)
    base = base.rstrip("/") or "."
    lines = markdown.split("\n")
    pos = 0
    for fig in page.figures():
        origin = page.where(fig)
        if not (SNIPPETS / fig.snippet).is_file():
            raise FigureError(f"{origin}: figure source snippets/{fig.snippet} does not exist")
        try:
            pos = lines.index(fig.text, pos)
        except ValueError:
            raise FigureError(f"{origin}: figure line not found in the Markdown MkDocs rendered") from None
        alt = fig.alt.replace('"', "&quot;")
        reqs, default = frames(fig, lang, origin)
        requests += reqs
        urls = [relpath(f"{URL_DIR}/{req.filename()}", base) for req in reqs]
        # one file, two <img>: Material shows the one whose fragment names the
        # reader's scheme, and the fragment selects the SVG's colours (themeable)
        imgs = [f'<img src="{urls[default]}#only-{theme}" alt="{alt}" loading="lazy">' for theme in ("light", "dark")]
        head = '<figure class="snippet-figure">'
        if fig.param:
            strings = ui(lang, "slider")
            data = {"param": fig.param, "values": " ".join(fig.values), "frames": " ".join(urls),
                    "default": str(default), "label": strings["label"].format(param=fig.param),
                    "valuetext": strings["valuetext"]}
            head = '<figure class="snippet-figure snippet-slider"' + "".join(
                f' data-{k}="{htmlmod.escape(v, quote=True)}"' for k, v in data.items()) + ">"
        indent = fig.text[: len(fig.text) - len(fig.text.lstrip())]
        html = head + "\n" + "\n".join(imgs) + f"\n<figcaption>{fig.alt}</figcaption>\n</figure>"
        lines[pos] = "\n".join(indent + l for l in html.split("\n"))
        pos += 1
    return "\n".join(lines), requests
