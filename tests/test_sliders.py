"""Slider figures (``![caption](fig:x.py::figure_x?param=v1,v2,...)``): every frame
is an SVG drawn at build time by a real call ``figure_x(lang, param=v)``, and
docs/assets/javascripts/slider.js only switches between them.

The browser tests drive the built site in Debian's chromium (the fixtures and the
request/console recorder of tests/test_browser.py); the fault tests build a
minimal project (tests/test_engine.py's helpers)."""
from __future__ import annotations

import json
import re
import subprocess
from urllib.parse import urljoin

import pytest

from snippets._engine import figures, page as page_model
from snippets._engine.catalog import DOCS, LANGS, ROOT
from test_browser import CHROMIUM, Visit, _skip_reason, browser, server  # noqa: F401  (fixtures)
from test_audit import FLAGS, PA11Y, _missing
from test_engine import GOOD, build, both, make_project
from test_engine import PAGE as ENGINE_PAGE

browser_only = pytest.mark.skipif(_skip_reason() is not None, reason=_skip_reason() or "")


def slider_pages(lang: str) -> list[str]:
    """Site paths of the pages of ``lang`` with a slider figure (from the page sources)."""
    found = []
    for src in sorted(DOCS.rglob(f"*.{lang}.md")):
        page = page_model.parse(src)
        if any(f.param for f in page.figures()):
            stem = src.relative_to(DOCS).as_posix()[: -len(f".{lang}.md")]
            stem = stem[: -len("index")] if stem.endswith("index") else stem + "/"
            found.append(("" if lang == LANGS[0] else f"{lang}/") + stem)
    return found


def test_eight_pages_per_language_have_sliders():
    for lang in LANGS:
        assert len(slider_pages(lang)) >= 8, (lang, slider_pages(lang))


_STATE = """async (fig, scheme) => {
  const img = fig.querySelector(`img[src$="#only-${scheme}"]`);
  await img.decode();  // rejects if the frame cannot be loaded
  const slider = fig.querySelector('input[type="range"]');
  const box = img.getBoundingClientRect();
  return {
    index: Number(slider.value),
    shown: fig.querySelector("output").innerText,
    valuetext: slider.getAttribute("aria-valuetext"),
    src: img.src,
    loaded: img.complete && img.naturalWidth > 0,
    visible: box.width > 0 && box.height > 0 && img.checkVisibility({visibilityProperty: true}),
    box: {x: box.x, y: box.y, width: box.width, height: box.height},
  };
}"""


def _state(fig, scheme: str) -> dict:
    """What the reader sees of a slider figure, read in one call: the slider's index,
    the value text, the src of the image of ``scheme`` (absolute), whether it loaded
    and is visible, and its box in the viewport."""
    return fig.evaluate(_STATE, scheme)


def _check(fig, scheme: str, index: int, where: str, pixels: bool = False) -> bytes | None:
    """The figure shows frame ``index``: slider position, value text and image file
    agree with the frame list the page was built with; with ``pixels``, the image's
    pixels (a screenshot, for the checks that compare frames)."""
    param, values = fig.get_attribute("data-param"), fig.get_attribute("data-values").split()
    frames = fig.get_attribute("data-frames").split()
    s = _state(fig, scheme)
    assert s["index"] == index, f"{where}: slider at {s['index']}, expected {index}"
    assert s["shown"] == s["valuetext"] == f"{param} = {values[index]}", f"{where}: shows {s['shown']!r}"
    assert s["src"] == urljoin(fig.page.url, frames[index]) + f"#only-{scheme}", f"{where}: {s['src']}"
    assert s["loaded"] and s["visible"], f"{where}: frame {values[index]} not shown"
    # the frame file is the one drawn for this value (its name carries it, the default excepted)
    if index != int(fig.get_attribute("data-default")):
        assert f"-{param}{values[index].replace('.', '_')}." in frames[index], frames[index]
    # the image's box on the screen: a clip of the page is half the time of
    # locator.screenshot(), which first waits for the element to be stable
    return fig.page.screenshot(clip=s["box"]) if pixels else None


@browser_only
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
def test_sliders_swap_frames_by_keyboard_and_pointer(browser, server, lang, scheme):  # noqa: F811
    v = Visit(browser, server, scheme)
    pages = slider_pages(lang)
    assert len(pages) >= 8
    for path in pages:
        page = v.goto(path)
        figs = page.locator("figure.snippet-slider")
        assert figs.count() >= 1, f"{path}: no slider figure"
        for k in range(figs.count()):
            fig = figs.nth(k)
            where = f"{path} slider {k} ({scheme})"
            fig.scroll_into_view_if_needed()
            slider = fig.locator('input[type="range"]')
            assert slider.count() == 1, f"{where}: slider.js built no slider"
            label = fig.locator("label")
            assert label.inner_text() and label.get_attribute("for") == slider.get_attribute("id")
            n = len(fig.get_attribute("data-values").split())
            default = int(fig.get_attribute("data-default"))
            _check(fig, scheme, default, where)
            pixels = {}
            # keyboard: Home, then ArrowRight to the end, ArrowLeft back once, End
            slider.focus()
            page.keyboard.press("Home")
            pixels[0] = _check(fig, scheme, 0, f"{where} Home", pixels=True)
            for i in range(1, n):
                page.keyboard.press("ArrowRight")
                pixels[i] = _check(fig, scheme, i, f"{where} ArrowRight to {i}", pixels=True)
                assert pixels[i] != pixels[i - 1], f"{where}: frames {i - 1} and {i} look the same"
            page.keyboard.press("ArrowLeft")
            _check(fig, scheme, n - 2, f"{where} ArrowLeft")
            page.keyboard.press("End")
            _check(fig, scheme, n - 1, f"{where} End")
            # pointer: drag the thumb from the right end to the left end, then to the middle
            box = slider.bounding_box()
            y = box["y"] + box["height"] / 2
            page.mouse.move(box["x"] + box["width"] - 2, y)
            page.mouse.down()
            page.mouse.move(box["x"] + 1, y, steps=8)
            page.mouse.up()
            assert _check(fig, scheme, 0, f"{where} drag left", pixels=True) == pixels[0]
            # to the middle value: a thumb of about 16 px travels width - 16 px in n - 1 steps
            middle = (n - 1) // 2
            page.mouse.move(box["x"] + 1, y)
            page.mouse.down()
            page.mouse.move(box["x"] + 8 + middle * (box["width"] - 16) / (n - 1), y, steps=8)
            page.mouse.up()
            _check(fig, scheme, middle, f"{where} drag to the middle")
    v.close()  # no request left 127.0.0.1, no console error


@browser_only
def test_without_javascript_the_default_frame_is_an_ordinary_image(browser, server):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in slider_pages(LANGS[-1])[:2]:
        page.goto(f"{server}/{path}")
        fig = page.locator("figure.snippet-slider").first
        assert fig.locator('input[type="range"]').count() == 0
        frames = fig.get_attribute("data-frames").split()
        src = fig.locator("img").first.get_attribute("src")
        assert src == frames[int(fig.get_attribute("data-default"))] + "#only-light"
        # the default frame is the plain call figure_x(lang): the file a notebook page shows
        assert "-" not in src.rsplit("/", 1)[1].split(".")[1], src
    context.close()


@pytest.mark.skipif(_missing(PA11Y) is not None, reason=_missing(PA11Y) or "")
@pytest.mark.parametrize("path", ["activation_basics/leaky_relu/", "en/losses/regression/"])
def test_slider_controls_have_no_accessibility_violations(server, path, tmp_path):  # noqa: F811
    """axe (pa11y, as tests/test_audit.py runs it) on the slider figures as slider.js
    builds them: label, range input and output (the rest of the page is test_audit's)."""
    cfg = tmp_path / "pa11y.json"
    cfg.write_text(json.dumps({"chromeLaunchConfig": {"executablePath": CHROMIUM, "args": FLAGS},
                               "timeout": 60000, "rootElement": "figure.snippet-slider"}))
    proc = subprocess.run([str(PA11Y), "--runner", "axe", "--config", str(cfg), "--reporter", "json",
                           f"{server}/{path}"], capture_output=True, text=True, timeout=180, cwd=ROOT)
    try:
        issues = json.loads(proc.stdout or "[]")
    except json.JSONDecodeError:
        pytest.fail(f"pa11y did not report: {proc.stderr[-2000:]}")
    found = [i for i in issues if not i.get("runnerExtras", {}).get("needsFurtherReview")]
    assert not found, "\n".join(f"{i['code']}: {i['message']} @ {i['selector']}" for i in found)


# --------------------------------------------------------------------------- faults
SLIDER = GOOD.replace('def figure_good(lang="zh"):', 'def figure_good(lang="zh", k=1.0):').replace(
    "ax.plot([0, 1], [0, 1])", "ax.plot([0, 1], [0, k])\n    if k == 3.0:\n        raise ValueError('k too large')")
PAGE = ENGINE_PAGE.replace("![a figure](fig:ch/good.py::figure_good)",
                           "![drag k](fig:ch/good.py::figure_good?k=0.5,1.0,2)")
assert PAGE != ENGINE_PAGE


def test_slider_project_builds_one_svg_per_frame(tmp_path):
    proj = make_project(tmp_path, both(PAGE), {"ch/good.py": SLIDER, "ch/good.out": "hello\n"})
    proc = build(proj)
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name.split(".")[1] for p in (proj / "out/assets/figures/ch").iterdir())
    assert names == sorted(["figure_good", "figure_good-k0_5", "figure_good-k2"] * 2)
    html = (proj / "out/ch/page/index.html").read_text(encoding="utf-8")
    assert 'data-values="0.5 1.0 2"' in html and 'data-default="1"' in html
    assert 'src="../../assets/figures/ch/good.figure_good.zh.' in html  # the default frame, without JS


def test_fault_figure_raising_for_one_value_names_snippet_function_and_value(tmp_path):
    page = PAGE.replace("k=0.5,1.0,2)", "k=0.5,1.0,3.0)")
    proj = make_project(tmp_path, both(page), {"ch/good.py": SLIDER, "ch/good.out": "hello\n"})
    proc = build(proj)
    assert proc.returncode != 0
    assert re.search(r"snippets/ch/good\.py:\d+: figure_good\(lang='(zh|en)', k=3\.0\) raised ValueError: k too large",
                     proc.stderr), proc.stderr[-3000:]


@pytest.mark.parametrize("values,message", [
    ("0.5,2", "the default k=1.0 of figure_good() is not one of the slider values 0.5, 2"),
    ("2,1.0", "ascending order"),
    ("1.0", "two or more"),
    ("1.0,abc", "decimal numbers"),
])
def test_fault_bad_slider_values_name_the_page_line(tmp_path, values, message):
    page = PAGE.replace("k=0.5,1.0,2)", f"k={values})")
    proj = make_project(tmp_path, both(page), {"ch/good.py": SLIDER, "ch/good.out": "hello\n"})
    proc = build(proj)
    assert proc.returncode != 0
    assert "docs/ch/page.zh.md:11" in proc.stderr and message in proc.stderr, proc.stderr[-3000:]


def test_fault_slider_parameter_the_function_lacks(tmp_path):
    page = PAGE.replace("?k=", "?nope=")
    proj = make_project(tmp_path, both(page), {"ch/good.py": SLIDER, "ch/good.out": "hello\n"})
    proc = build(proj)
    assert proc.returncode != 0
    assert "docs/ch/page.zh.md:11" in proc.stderr and "has no parameter nope" in proc.stderr, proc.stderr[-3000:]


def test_request_key_includes_the_value():
    a = figures.Request("activation_basics/leaky_relu.py", "figure_leaky_relu", "zh", "light-dark", "t",
                        "negative_slope", "0.1")
    b = figures.Request(*[getattr(a, f) for f in ("snippet", "func", "lang", "theme", "origin", "param")], "0.2")
    assert a.key() != b.key() and a.filename() != b.filename()
