"""The site to take away (``scripts/offline.py``): the offline copy opened from
``file://`` in chromium, and the printed PDFs.

Built once per test session (shared by the xdist workers) from the chapters in
``OFFLINE_TEST_CHAPTERS`` (default ``activation_basics``, plus the top-level pages;
``all``: the whole site, as ``bash scripts/site.sh dist`` builds it), with the same
functions as that command: the strict offline build, the zip, unzipped as a reader
would, and both PDFs. The tests that need them are skipped, with the reason, where
chromium is not installed, like tests/test_browser.py.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import time
import unicodedata
import zipfile
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import chromium_skip_reason, launch_chromium
from filelock import FileLock

from scripts import offline
from snippets._engine.catalog import LANGS, ROOT

CHROMIUM = offline.CHROMIUM
ARTIFACTS = ROOT / "test-artifacts"


def _skip_reason() -> str | None:
    return chromium_skip_reason(CHROMIUM)


@pytest.fixture(scope="session")
def take_away(tmp_path_factory, built_site) -> dict:
    """{"site": unzipped copy, "zip": path, "pdf": {lang: path}, "config": path,
    "seconds": {...}}: built once per session, whichever worker asks first, after the
    session's site build (``built_site``), so that its figures, cards and notebook
    pages come from the build caches that build filled: built beside it, it drew
    the chapter's figures a second time (38 s instead of ~15 s in a fresh clone)."""
    if _skip_reason():
        pytest.skip(_skip_reason())
    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "offline"
    shared.mkdir(exist_ok=True)
    marker = shared / "result.json"
    with FileLock(str(shared / "lock")):
        if not marker.exists():
            # in a thread of its own: print_books drives chromium with playwright's sync
            # API, which refuses to start in a thread where a browser fixture already runs it
            try:
                with ThreadPoolExecutor(1) as pool:
                    info = pool.submit(_make_take_away, shared).result()
            except BaseException as exc:  # the other tests report this failure, not a half-made folder
                marker.write_text(json.dumps({"error": f"{type(exc).__name__}: {exc}"}))
                raise
            marker.write_text(json.dumps(info))
    info = json.loads(marker.read_text())
    if "error" in info:
        pytest.fail(f"making the offline copy and PDFs failed: {info['error']}", pytrace=False)
    print(f"offline copy and PDFs made in {', '.join(f'{k} {v:.1f} s' for k, v in info['seconds'].items())}")
    return info


def _make_take_away(shared: Path) -> dict:
    chapters = os.environ.get("OFFLINE_TEST_CHAPTERS", "activation_basics")
    config = ROOT / "mkdocs.yml" if chapters == "all" else offline.subset_config(chapters.split(","), shared / "config")
    seconds = {"build": offline.build(config, shared / "built")}
    start = time.perf_counter()
    offline.make_zip(shared / "built", shared / offline.ZIP_NAME)
    seconds["zip"] = time.perf_counter() - start
    with zipfile.ZipFile(shared / offline.ZIP_NAME) as zf:
        zf.extractall(shared / "unzipped")
    shutil.rmtree(shared / "built")
    site = shared / "unzipped" / offline.ZIP_TOP
    books = offline.print_books(site, config, shared, list(LANGS))
    seconds.update({f"pdf {b['lang']}": b["seconds"] for b in books})
    return {
        "site": str(site), "zip": str(shared / offline.ZIP_NAME), "config": str(config),
        "pdf": {lang: str(shared / offline.PDF_NAME.format(lang=lang)) for lang in LANGS},
        "seconds": seconds,
    }


# --------------------------------------------------------------------------- the home page's links
def _hook():
    import importlib.util

    spec = importlib.util.spec_from_file_location("offline_test_hooks", ROOT / "scripts" / "mkdocs_hooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_home_page_links_the_downloads_only_when_they_exist(tmp_path, monkeypatch):
    hooks = _hook()
    monkeypatch.delenv("SITE_DOWNLOADS", raising=False)
    assert "bash scripts/site.sh dist" in hooks._downloads_markdown("zh")  # a local build: how to make them
    monkeypatch.setenv("SITE_DOWNLOADS", str(tmp_path))
    with pytest.raises(Exception, match=r"missing .*site-offline\.zip"):  # the workflow's build: all or fail
        hooks._downloads_markdown("zh")
    for name in [offline.ZIP_NAME] + [offline.PDF_NAME.format(lang=lang) for lang in LANGS]:
        (tmp_path / name).write_bytes(b"x")
    links = re.findall(r"\]\((downloads/[^)]+)\)", hooks._downloads_markdown("en"))
    assert links[0] == "downloads/activations-losses-en.pdf" and len(links) == len(LANGS) + 1


# --------------------------------------------------------------------------- the copy, statically
class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") in ("canonical", "alternate")):
                self.refs.append(a[key])


def test_zip_unpacks_to_one_folder_with_the_home_page(take_away):
    with zipfile.ZipFile(take_away["zip"]) as zf:
        names = zf.namelist()
    assert all(n.startswith(f"{offline.ZIP_TOP}/") for n in names)
    assert f"{offline.ZIP_TOP}/index.html" in names and f"{offline.ZIP_TOP}/en/index.html" in names


def test_every_link_of_the_copy_opens_a_file(take_away):
    """From file:// a link to a folder shows the folder, not its index.html: every
    internal link, image, script and stylesheet must name an existing file."""
    site = Path(take_away["site"])
    broken = []
    for html in sorted(site.rglob("*.html")):
        p = _Refs()
        p.feed(html.read_text(encoding="utf-8"))
        for ref in p.refs:
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith(("//", "mailto:", "javascript:")) or not parts.path:
                continue
            target = (html.parent / unquote(parts.path)).resolve()
            if not target.is_file():
                broken.append(f"{html.relative_to(site)}: {ref}")
    assert not broken, "\n".join(broken[:40])


def test_search_indexes_are_also_scripts(take_away):
    """Material reads search/search_index.js from file://: one per language, the same
    documents as the JSON index beside it."""
    site = Path(take_away["site"])
    for prefix in ("", "en/"):
        js = (site / prefix / "search/search_index.js").read_text(encoding="utf-8")
        assert js.startswith("var __index = ")
        assert json.loads(js[len("var __index = "):]) == json.loads((site / prefix / "search/search_index.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- the copy in chromium
@pytest.fixture(scope="module")
def browser():
    if _skip_reason():
        pytest.skip(_skip_reason())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p, CHROMIUM)
        yield b
        b.close()


class FileVisit:
    """A tab on the unzipped copy, recording requests that leave file:// and console errors."""

    def __init__(self, browser, site: Path, scheme: str = "light"):
        self.context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 1000})
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.site = site
        self.external: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "blob:", "about:")) else self.external.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def url(self, rel: str) -> str:
        return (self.site / rel).as_uri()

    def goto(self, rel: str):
        self.page.goto(self.url(rel))
        self.page.wait_for_load_state("load")
        return self.page

    def close(self):
        self.context.close()
        assert not self.external, f"requests left file://: {self.external}"
        assert not self.errors, f"console errors: {self.errors}"


def _first_page(take_away) -> str:
    """The first chapter page after the home page in the tested nav (zh path)."""
    chapters = offline.book_chapters(Path(take_away["config"]), LANGS[0])
    return next(p for _, pages in chapters for p in pages if "/" in p and not p.endswith("index.html"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_navigation_math_and_figures_from_file_urls(browser, take_away, scheme):
    site = Path(take_away["site"])
    v = FileVisit(browser, site, scheme)
    page = v.goto("index.html")
    target = _first_page(take_away)
    chapter = target.split("/")[0] + "/index.html"
    # the chapter from the home page's navigation, then its first page from the chapter's
    page.locator(f'a[href$="{chapter}"]').first.click()
    page.wait_for_url(v.url(chapter))
    page.locator(f'nav a[href$="{target.split("/")[-1]}"]').first.click()
    page.wait_for_url(v.url(target))
    page.wait_for_load_state("load")
    text = page.inner_text("article")
    assert "\\(" not in text and "\\frac" not in text, f"raw TeX visible on {target}"
    math = page.locator(".arithmatex")
    assert math.count() and page.locator(".arithmatex math").count() == math.count(), target
    shown = page.locator(f'.snippet-figure img[src$="#only-{scheme}"]')
    assert shown.count(), f"{target}: no {scheme} figure"
    img = shown.first
    img.scroll_into_view_if_needed()
    img.evaluate("e => e.decode()")
    assert img.evaluate("e => e.naturalWidth > 0") and img.is_visible()
    other = "dark" if scheme == "light" else "light"
    assert not page.locator(f'.snippet-figure img[src$="#only-{other}"]').first.is_visible()
    # the drawing follows the theme: the dark one's background is dark
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"offline-figure-{scheme}.png"
    img.screenshot(path=str(shot))
    from PIL import Image

    with Image.open(shot) as im:
        corner = im.convert("L").getpixel((2, 2))
    assert (corner > 128) == (scheme == "light"), f"{scheme} figure drawn with a {corner} background"
    v.close()


# (page language, query, the other language's path prefix that must not appear)
SEARCHES = [("zh", "激活函数"), ("en", "activation function")]


@pytest.mark.parametrize("lang,query", SEARCHES)
def test_search_from_file_urls(browser, take_away, lang, query):
    """Material's search worker cannot start from file://: the iframe-worker shim runs
    it, with the language's index loaded as a script."""
    site = Path(take_away["site"])
    v = FileVisit(browser, site)
    prefix = "" if lang == LANGS[0] else f"{lang}/"
    page = v.goto(prefix + "index.html")
    page.locator("input.md-search__input").click()
    page.keyboard.insert_text(query)  # Material's search waits for a keyup
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=20_000)
    links = page.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.href)")
    assert links
    for link in links:
        path = Path(unquote(urlsplit(link).path))
        assert path.is_file(), f"search result {link} is no file"
        rel = path.relative_to(site).as_posix()
        assert rel.startswith("en/") == (lang == "en"), f"{query}: a result in the other language: {rel}"
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state("load")
    assert page.url.split("?")[0].split("#")[0] == links[0].split("?")[0].split("#")[0]
    v.close()


def test_language_switch_keeps_the_page(browser, take_away):
    site = Path(take_away["site"])
    target = _first_page(take_away)
    v = FileVisit(browser, site)
    page = v.goto(target)
    page.locator('a.md-select__link[hreflang="en"]').first.dispatch_event("click")
    page.wait_for_url(v.url("en/" + target))
    page.locator('a.md-select__link[hreflang="zh"]').first.dispatch_event("click")
    page.wait_for_url(v.url(target))
    v.close()


def test_notebook_download_links_open_files(browser, take_away):
    site = Path(take_away["site"])
    v = FileVisit(browser, site)
    page = v.goto(_first_page(take_away))
    hrefs = page.locator('a[href$=".ipynb"]').evaluate_all("els => els.map(e => e.href)")
    assert hrefs, "no notebook download link"
    for href in hrefs:
        nb = json.loads(Path(unquote(urlsplit(href).path)).read_text(encoding="utf-8"))
        assert nb["cells"], href
    v.close()
    # no server answers a missing file with the 404 page, whose addresses start at /
    assert not (site / "404.html").exists()


# --------------------------------------------------------------------------- the PDFs
def _radicals() -> dict[int, str]:
    """Radical code point -> the ideograph drawn with the same glyph in Noto Sans CJK
    SC. The PDF's text maps such a glyph to the radical (⻚ for 页; chromium writes
    the ideograph only as ActualText, which pypdf does not read)."""
    from fontTools.ttLib import TTCollection

    from snippets._engine.cards import SC_INDEX
    from snippets._engine.figures import cjk_font_path

    with TTCollection(str(cjk_font_path()), lazy=True) as coll:
        cmap = coll.fonts[SC_INDEX].getBestCmap()
    by_glyph: dict[str, int] = {}
    for code, glyph in sorted(cmap.items()):
        if 0x4E00 <= code <= 0x9FFF:
            by_glyph.setdefault(glyph, code)
    return {code: chr(by_glyph[glyph]) for code, glyph in cmap.items()
            if 0x2E80 <= code <= 0x2FDF and glyph in by_glyph}


def _text(pdf: Path) -> str:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    return unicodedata.normalize("NFKC", text.translate(_radicals()))


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_has_every_chapter_and_page(take_away, lang):
    from pypdf import PdfReader

    pdf = Path(take_away["pdf"][lang])
    chapters = offline.book_chapters(Path(take_away["config"]), lang)
    pages = sum(len(p) for _, p in chapters)
    count = len(PdfReader(pdf).pages)
    print(f"{pdf.name}: {count} pages, {pdf.stat().st_size / 1e6:.1f} MB")
    assert count >= pages + 1, f"{pdf.name}: {count} PDF pages for {pages} pages of the nav and the contents"
    text = re.sub(r"\s+", "", _text(pdf))
    missing = [title for title, _ in chapters if re.sub(r"\s+", "", title) not in text]
    assert not missing, f"{pdf.name}: chapter titles not in the text: {missing}"
    assert "\ufffd" not in text, f"{pdf.name}: U+FFFD in the text"
    # raw TeX is not looked for in the text: the API reference prints docstrings'
    # reST math as source code. print_book refuses a page with a formula not rendered as MathML.


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_fonts_are_embedded_and_draw_every_glyph(take_away, lang):
    from pypdf import PdfReader

    pdf = Path(take_away["pdf"][lang])
    assert offline.font_problems(pdf) == []
    if lang == "zh":  # Chinese text in Noto Sans CJK SC
        names = set()
        for page in PdfReader(pdf).pages[:5]:
            for font in (page["/Resources"].get("/Font") or {}).values():
                desc = font.get_object().get("/FontDescriptor")
                if desc is not None:
                    names.add(str(desc.get_object().get("/FontName")))
        assert any("NotoSansCJKsc" in n for n in names), names


def test_font_check_finds_a_missing_glyph(browser, tmp_path):
    """The check the PDFs pass can fail: a character that no installed font has is
    printed as an empty box, and the check names its page."""
    page = browser.new_page()
    page.set_content('<p style="font-family: \'Noto Sans CJK SC\'">激活函数 \U000f0000 ok</p>')  # a private-use character
    page.pdf(path=str(tmp_path / "tofu.pdf"))
    page.close()
    problems = offline.font_problems(tmp_path / "tofu.pdf")
    assert problems and problems[0].startswith("page 1: missing glyph"), problems
