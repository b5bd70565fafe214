"""The built site in a real browser: Debian's chromium driven by Playwright.

Skipped, with the reason, where chromium is not installed (a contributor machine);
`bash scripts/test.sh` installs it with apt when CI=true. Screenshots go to
test-artifacts/ (git-ignored).
"""
from __future__ import annotations

import base64
import functools
import http.server
import re
import shutil
import socketserver
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import chromium_skip_reason, launch_chromium

from snippets._engine.catalog import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"


def _skip_reason() -> str | None:
    return chromium_skip_reason(CHROMIUM)


pytestmark = pytest.mark.skipif(_skip_reason() is not None, reason=_skip_reason() or "")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(built_site):
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(built_site)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p, CHROMIUM)
        yield b
        b.close()


class Visit:
    """A page with every request and console error recorded."""

    def __init__(self, browser, base: str, scheme: str = "light"):
        self.context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 1000})
        self.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.base = base
        self.external: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:")) else self.external.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def goto(self, path: str):
        # "load": the page, its stylesheets, scripts and the images not marked lazy
        # are in. Not "networkidle", which waits a further 0.5 s of quiet every visit
        # (a third of the slider tests' time); a check that needs a lazy image waits
        # for that image (img.decode()), and requests and console errors are recorded
        # until close()
        self.page.goto(f"{self.base}/{path}", wait_until="load")
        return self.page

    def shot(self, name: str):
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)

    def close(self):
        self.context.close()
        assert not self.external, f"requests left 127.0.0.1: {self.external}"
        assert not self.errors, f"console errors: {self.errors}"


KEY_PAGES = ["", "activation_basics/", "activation_basics/sigmoid/", "activation_basics/relu/", "verification/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_key_pages_render_math_and_figures_offline(browser, server, lang, scheme):
    v = Visit(browser, server, scheme)
    for path in KEY_PAGES:
        page = v.goto(("en/" if lang == "en" else "") + path)
        # blocks below the first screen are laid out only near the reader
        # (content-visibility in extra.css) and innerText leaves them out: show all
        page.add_style_tag(content="* { content-visibility: visible !important; }")
        text = page.inner_text("article")
        assert "\\(" not in text and "\\frac" not in text and "$$" not in text, f"raw TeX visible on {path}"
        if page.locator(".arithmatex").count():
            assert page.locator(".arithmatex math").count() == page.locator(".arithmatex").count(), path
        imgs = page.locator(f'.snippet-figure img[src$="#only-{scheme}"]')
        for i in range(imgs.count()):
            img = imgs.nth(i)
            img.scroll_into_view_if_needed()  # figures are loading="lazy"
            img.evaluate("e => e.decode()")  # rejects if the SVG cannot be loaded
            assert img.evaluate("e => e.naturalWidth > 0"), f"{path}: figure failed to load"
            assert img.is_visible(), f"{path}: {scheme} figure hidden"
        other = "dark" if scheme == "light" else "light"
        for i in range(page.locator(f'.snippet-figure img[src$="#only-{other}"]').count()):
            assert not page.locator(f'.snippet-figure img[src$="#only-{other}"]').nth(i).is_visible()
    page = v.goto(("en/" if lang == "en" else "") + "activation_basics/sigmoid/")
    page.locator(".snippet-figure").first.scroll_into_view_if_needed()
    v.shot(f"sigmoid-{lang}-{scheme}")
    # a phone (390 px wide): the page itself never scrolls sideways (wide code,
    # tables and formulas scroll inside their own boxes)
    page.set_viewport_size({"width": 390, "height": 844})
    for path in KEY_PAGES:
        page = v.goto(("en/" if lang == "en" else "") + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path}: the page is {width} px wide on a 390 px screen"
    page = v.goto(("en/" if lang == "en" else "") + "activation_basics/sigmoid/")
    page.locator(".snippet-figure").first.scroll_into_view_if_needed()
    v.shot(f"sigmoid-{lang}-{scheme}-390px")
    v.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_code_blocks_far_down_have_their_height_before_they_are_drawn(browser, server, width):
    """extra.css leaves code blocks below the first screen undrawn until the reader
    scrolls near them, sized from the line count the build writes on each <pre>: on the
    longest pages that size is the drawn block's, so nothing moves when one is drawn."""
    v = Visit(browser, server)
    v.page.set_viewport_size({"width": width, "height": 800})
    for path in ("losses/classification/", "en/losses/classification/"):
        page = v.goto(path)
        pres = "[...document.querySelectorAll('.md-content__inner > .highlight > pre')]"
        heights = pres + ".map(e => e.getBoundingClientRect().height)"
        undrawn = page.evaluate(pres + ".filter(e => !e.querySelector('code').checkVisibility({contentVisibilityAuto: true})).length")
        before = page.evaluate(heights)
        page.add_style_tag(content="* { content-visibility: visible !important; }")
        after = page.evaluate(heights)
        assert undrawn > 5, f"{path}: {undrawn} code blocks wait to be drawn (extra.css's rule no longer applies)"
        off = [(i, round(b), round(a)) for i, (b, a) in enumerate(zip(before, after)) if abs(a - b) > 1]
        assert not off, f"{path} at {width} px: (block, height before drawn, drawn) {off}"
    v.close()


def test_no_heading_waits_to_be_drawn(browser, server):
    """Material's table of contents reads every heading's position at load: a heading
    inside a block that extra.css leaves undrawn makes the browser lay that block out
    there and then (half a second of a phone's load of a notebook page)."""
    v = Visit(browser, server)
    v.page.set_viewport_size({"width": 390, "height": 844})
    for path in ("losses/classification/", "en/losses/margin/", "notebooks/zh/activations/relu_variants/",
                 "notebooks/en/losses/classification/"):
        page = v.goto(path)
        waiting = page.evaluate("""[...document.querySelectorAll('.md-sidebar--secondary a.md-nav__link')]
            .map(a => document.getElementById(decodeURIComponent(a.hash.slice(1))))
            .filter(h => h && !h.checkVisibility({contentVisibilityAuto: true})).map(h => h.id)""")
        undrawn = page.evaluate("[...document.querySelectorAll('.md-content p > *')]"
                                ".filter(e => !e.checkVisibility({contentVisibilityAuto: true})).length")
        assert undrawn > 5, f"{path}: only {undrawn} elements in paragraphs wait to be drawn (extra.css no longer applies)"
        assert not waiting, f"{path}: headings inside blocks waiting to be drawn: {waiting}"
    v.close()


def test_formula_copies_as_its_tex(browser, server):
    """Formulas are MathML rendered at build time; selecting one and copying gives its
    TeX (docs/assets/math/math.js): $...$ inline, $$...$$ display."""
    v = Visit(browser, server)
    page = v.goto("activation_basics/sigmoid/")
    for selector, delimiter in ((".arithmatex math:not([display=block])", "$"), ("math[display=block]", "$$")):
        formula = page.locator(selector).first
        tex = formula.locator('annotation[encoding="application/x-tex"]').text_content()
        formula.evaluate("""e => { const r = document.createRange(); r.selectNode(e);
            getSelection().removeAllRanges(); getSelection().addRange(r); document.execCommand("copy"); }""")
        assert page.evaluate("navigator.clipboard.readText()") == f"{delimiter}{tex}{delimiter}", selector
    v.close()


def test_a_browser_without_mathml_gets_the_formulas_from_katex(browser, server):
    """math.js: where MathML is missing (Chromium before 109), each formula is
    rendered by the site's KaTeX from its annotation; no raw TeX, no error."""
    v = Visit(browser, server)
    v.context.add_init_script("delete window.MathMLElement")
    page = v.goto("losses/regression/")
    count = page.locator(".arithmatex").count()
    page.wait_for_function(f"document.querySelectorAll('.arithmatex .katex').length === {count}")
    assert page.locator("math:not(.katex-mathml math)").count() == 0
    page.add_style_tag(content="* { content-visibility: visible !important; }")
    text = page.inner_text("article")
    assert "\\(" not in text and "\\frac" not in text and "\\beta" not in text
    v.close()


def test_language_switch_keeps_the_page(browser, server):
    v = Visit(browser, server)
    page = v.goto("activation_basics/relu/")
    page.locator('a.md-select__link[hreflang="en"]').first.dispatch_event("click")
    page.wait_for_url(re.compile(r"/en/activation_basics/relu/$"))
    assert page.locator("h1").first.inner_text().rstrip("¶").strip() == "ReLU"
    page.locator('a.md-select__link[hreflang="zh"]').first.dispatch_event("click")
    page.wait_for_url(f"{server}/activation_basics/relu/")
    v.close()


# (language prefix, query, the page it must land on, within how many result pages)
SEARCHES = [
    ("", "激活函数", "activation_basics/", 3),  # on nearly every page: the chapter is near the top
    ("en/", "activation function", "en/activation_basics/", 3),
    ("", "饱和", "activations_in_depth/saturation/", 1),
    ("en/", "saturation", "en/activations_in_depth/saturation/", 1),
    ("en/", "dying ReLU", "en/activations_in_depth/dead_relu/", 1),
    ("", "交叉熵", "losses/classification/", 1),
    ("en/", "cross entropy", "en/losses/classification/", 1),
]


@pytest.mark.parametrize("prefix,query,expected,within", SEARCHES)
def test_search_finds_pages(browser, server, prefix, query, expected, within):
    v = Visit(browser, server)
    page = v.goto(prefix)
    page.locator("input.md-search__input").click()
    # keyboard.type/fill of Chinese text fires no keyup, which Material's search waits for
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    links = page.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.href)")
    pages = [re.split(r"[?#]", link)[0] for link in links]
    ranked = list(dict.fromkeys(pages))  # result pages in order (a page's sections come together)
    assert f"{server}/{expected}" in ranked[:within], ranked
    other = [p for p in pages if (p.startswith(f"{server}/en/") != prefix.startswith("en/"))]
    assert not other, f"results in the other language: {other}"
    v.close()


def test_copy_button_copies_code_that_prints_the_page_output(browser, server, tmp_path):
    v = Visit(browser, server)
    page = v.goto("en/activation_basics/tanh/")
    block = page.locator(".highlight").filter(has=page.locator("span.filename", has_text="tanh.py")).first
    block.hover()
    block.locator('button.md-code__button[title="Copy to clipboard"]').click()
    code = page.evaluate("navigator.clipboard.readText()")
    shown = page.locator(".highlight").filter(has=page.locator("span.filename", has_text="Output")).first.locator("code").inner_text()
    script = tmp_path / "copied.py"
    script.write_text(code, encoding="utf-8")
    ran = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == shown.strip()
    assert "def figure_" not in code  # the plotting code is folded away below the output
    # the collapsed whole file (figure code included) runs as copied too, printing the same
    details = page.locator("details.example", has=page.locator("span.filename", has_text="tanh.py")).first
    details.locator("summary").click()
    whole = details.locator(".highlight").first
    whole.hover()
    whole.locator('button.md-code__button[title="Copy to clipboard"]').click()
    code = page.evaluate("navigator.clipboard.readText()")
    assert "def figure_" in code
    script.write_text(code, encoding="utf-8")
    ran = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == shown.strip()
    v.close()


def _pixels(page, url: str) -> bytes:
    page.set_content(f'<body style="margin:0;background:#1e2129"><img id="f" src="{url}"></body>')
    page.wait_for_function("document.getElementById('f').complete")
    return page.locator("#f").screenshot()


def test_one_figure_file_shows_each_theme_exactly(browser, server, built_site):
    """A figure ships as one SVG (snippets/_engine/figures.py: themeable). Opened as
    ``x.svg#only-dark`` it must show, pixel for pixel, the dark drawing (the light
    one recoloured, which tests/test_engine.py compares with real dark renderings),
    and as ``x.svg#only-light`` the light drawing. A sample: the largest figure of
    each chapter in each language (the most markers, legends and glyphs; all 210
    figures passed when this was written, in 42 s)."""
    from snippets._engine import figures

    largest: dict = {}
    for svg in (built_site / figures.URL_DIR).rglob(f"*.{figures.SERVED}.*.svg"):
        key = (svg.parent, svg.name.split(".")[2])  # chapter folder, language
        if key not in largest or svg.stat().st_size > largest[key].stat().st_size:
            largest[key] = svg
    served = sorted(largest.values())
    assert len(served) >= 16  # 2 languages x the chapters that have figures
    context = browser.new_context(device_scale_factor=1)
    page = context.new_page()
    page.goto(f"{server}/")  # same origin: the figures load from the server
    problems = []
    for svg in served:
        text = svg.read_bytes()
        url = f"{server}/{svg.relative_to(built_site).as_posix()}"
        light = re.sub(rb"<style>[^<]*</style>(<g id=\"only-[a-z]+\"/>)+", b"", text, count=1)
        expected = {"dark": figures.recolour(light, "dark"), "light": light}
        for theme, want in expected.items():
            reference = "data:image/svg+xml;base64," + base64.b64encode(want).decode()
            if _pixels(page, f"{url}#only-{theme}") != _pixels(page, reference):
                problems.append(f"{svg.relative_to(built_site)}#only-{theme} differs from the {theme} drawing")
    context.close()
    assert not problems, "\n".join(problems)
