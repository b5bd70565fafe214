"""The built site (mkdocs build --strict of the real docs, built once per session).

Rules about the sources (translations, nav, snippets shown) are in tests/test_pages.py."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from snippets._engine.catalog import DOCS, LANGS, ROOT, SNIPPETS, golden_path, mkdocs_config, page_lang, page_stem, pages, snippet_files



def built_page(site: Path, stem: str, lang: str) -> Path:
    prefix = "" if lang == "zh" else f"{lang}/"
    if stem == "index":
        return site / prefix / "index.html"
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return site / prefix / stem / "index.html"


def stems() -> list[str]:
    return sorted({page_stem(p) for p in pages() if page_lang(p)})


# --------------------------------------------------------------------------- built output
def test_every_page_is_built_in_both_languages(built_site):
    missing = [
        f"{stem} ({lang})" for stem in stems() for lang in LANGS if not built_page(built_site, stem, lang).exists()
    ]
    assert not missing


def test_language_switch_points_to_the_same_page(built_site):
    html = built_page(built_site, "activation_basics/sigmoid", "zh").read_text(encoding="utf-8")
    assert '<a href="../../en/activation_basics/sigmoid/" hreflang="en"' in html
    html = built_page(built_site, "activation_basics/sigmoid", "en").read_text(encoding="utf-8")
    assert re.search(r'<a href="(\.\./)+activation_basics/sigmoid/" hreflang="zh"', html)


def test_site_name_and_nav_are_translated(built_site):
    zh = built_page(built_site, "index", "zh").read_text(encoding="utf-8")
    en = built_page(built_site, "index", "en").read_text(encoding="utf-8")
    assert "激活函数与损失函数" in zh and "<title>" in zh
    assert "Activations &amp; Losses in PyTorch" in en
    assert "Activation basics" in en and "激活函数基础" in zh


class _Resources(HTMLParser):
    """Collect URLs a browser fetches on its own (not links a reader clicks)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.urls.append(a["src"])
        if tag == "link" and a.get("href") and a.get("rel") not in ("canonical", "alternate"):
            self.urls.append(a["href"])
        for key in ("srcset", "poster", "data"):
            if a.get(key):
                self.urls.append(a[key])
        if a.get("style") and "url(" in a["style"]:
            self.urls += re.findall(r"url\(([^)]+)\)", a["style"])


EXTERNAL = re.compile(r"^\s*['\"]?(https?:)?//", re.I)


def test_no_request_leaves_the_site(built_site):
    """HTML and CSS reference only files of the site itself (no fonts, CDN or analytics)."""
    offenders = []
    for html in built_site.rglob("*.html"):
        p = _Resources()
        p.feed(html.read_text(encoding="utf-8"))
        offenders += [f"{html.relative_to(built_site)}: {u}" for u in p.urls if EXTERNAL.match(u)]
        if 'class="mermaid"' in html.read_text(encoding="utf-8"):
            offenders.append(f"{html.relative_to(built_site)}: mermaid diagram (Material loads it from unpkg)")
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        for u in re.findall(r"url\(([^)]+)\)", text) + re.findall(r"@import\s+['\"]([^'\"]+)", text):
            if EXTERNAL.match(u):
                offenders.append(f"{css.relative_to(built_site)}: {u}")
    cfg = mkdocs_config()
    assert cfg["theme"].get("font") is False, "Material would load Google Fonts"
    assert "repo_url" not in cfg, "Material would call the GitHub API (blocked in mainland China)"
    assert not offenders, "\n".join(offenders)


def test_math_is_mathml_with_the_sites_own_font(built_site):
    """Formulas are MathML rendered at build time (snippets/_engine/tex.py): no page
    loads a math script, each page with a formula preloads the site's math font, and
    that font (cut by the build) has a glyph for every character any formula shows."""
    from fontTools.ttLib import TTFont

    from snippets._engine import tex

    html = built_page(built_site, "activation_basics/sigmoid", "zh").read_text(encoding="utf-8")
    assert 'class="arithmatex"><math' in html and "katex" not in html
    for asset in ("assets/math/math.css", "assets/math/math.js"):
        assert f'{asset}"' in html, f"the page does not load {asset}"
    assert re.search(r'<link rel="preload" href="[./]*assets/math/NotoSansMath.woff" as="font"', html)
    # a display formula scrolls sideways in its own box when it is wider than the
    # page: every such box is reachable with the keyboard
    assert '<div class="arithmatex" tabindex="0"><math display="block"' in html
    assert not re.search(r'<div class="arithmatex"><math', html)
    font = TTFont(built_site / tex.FONT_URL)
    assert "MATH" in font, "the math font lost its MATH table (stretchy brackets, big operators)"
    cmap = {chr(c) for c in font.getBestCmap()}
    assert len(cmap) < len(tex._font_chars()) / 4, "the math font is not cut to the formulas' characters"
    missing = {}
    for page in built_site.rglob("*.html"):
        for m in re.finditer(r"<math\b.*?</math>", page.read_text(encoding="utf-8"), re.S):
            for c in tex.missing_glyphs(tex._text_chars(m.group(0)), cmap):
                missing.setdefault(c, page.relative_to(built_site).as_posix())
    assert not missing, f"characters the served math font lacks (first page showing each): {missing}"
    # browsers without MathML render the annotations with the site's KaTeX (math.js)
    css = (built_site / "assets/katex/katex.min.css").read_text(encoding="utf-8")
    fonts = set(re.findall(r"url\((fonts/[^)]+)\)", css))
    assert fonts and (built_site / "assets/katex/katex.min.js").is_file()
    assert not [f for f in fonts if not (built_site / "assets/katex" / f).exists()]


def test_no_script_blocks_the_parser(built_site):
    """Every script a page loads is deferred (Material's by the hook, the site's in
    mkdocs.yml): none holds the first paint of the article (README, "Fast on a phone")."""
    blocking = []
    for page in sorted(built_site.rglob("*.html")):
        for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", page.read_text(encoding="utf-8")):
            if not re.search(r"\s(defer|async)\b", tag):
                blocking.append(f"{page.relative_to(built_site)}: {tag}")
    assert not blocking, "parser-blocking scripts:\n" + "\n".join(blocking[:20])


def test_api_stylesheet_only_where_the_api_documentation_is(built_site):
    """mkdocstrings' stylesheet is linked from every page that shows API documentation
    (before the site's own stylesheets, as mkdocstrings orders it) and from no other:
    each render-blocking request costs a phone's first paint."""
    link = re.compile(r'<link rel="stylesheet" href="([^"]*)">')
    with_api = []
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        css = [href.rsplit("/", 1)[-1] for href in link.findall(html)]
        where = page.relative_to(built_site).as_posix()
        if 'class="doc doc-' in html:
            with_api.append(where)
            assert "_mkdocstrings.css" in css and css.index("_mkdocstrings.css") < css.index("extra.css"), where
        else:
            assert "_mkdocstrings.css" not in css, where
    assert "reference/index.html" in with_api and "en/reference/index.html" in with_api
    assert (built_site / "assets/_mkdocstrings.css").stat().st_size > 0


def test_code_keeps_its_highlighting_without_spans_for_plain_names(built_site):
    """Highlighted code (pages and rendered notebooks) keeps its coloured tokens; the
    plain names, coloured like the code around them, and spaces are text (no
    <span class="n"> or <span class="w">)."""
    wrapped = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")
               if re.search(r'<span class="[nw]">', p.read_text(encoding="utf-8"))]
    assert not wrapped, f"plain names still wrapped on {wrapped[:5]}"
    for page in (built_page(built_site, "activation_basics/relu", "en"),
                 built_site / "notebooks/en/activation_basics/relu/index.html"):
        html = page.read_text(encoding="utf-8")
        assert '<span class="kn">import</span> <span class="nn">torch</span>' in html and '<span class="p">(</span>' in html, page


def test_every_formula_is_rendered_at_build_time_and_figures_have_sizes(built_site):
    """No page (notebook pages and the API reference included) is left with TeX
    between KaTeX's delimiters, and every figure <img> has width and height (no
    layout shift while it loads)."""
    from snippets._engine import tex

    left, unsized = [], []
    for html_path in sorted(built_site.rglob("*.html")):
        html = html_path.read_text(encoding="utf-8")
        rel = html_path.relative_to(built_site).as_posix()
        raw = [p[0] for p in tex.split_page(html) if isinstance(p, tuple)]
        if raw:
            left.append(f"{rel}: {raw[:3]}")
        unsized += [f"{rel}: {img}" for img in re.findall(r'<img src="[^"]*assets/figures/[^"]*"[^>]*>', html)
                    if " width=" not in img or " height=" not in img]
    assert not left, "TeX not rendered:\n" + "\n".join(left[:20])
    assert not unsized, "figures without width/height:\n" + "\n".join(unsized[:20])


def _search_docs(site: Path, lang: str) -> list[dict]:
    prefix = "" if lang == "zh" else f"{lang}/"
    return json.loads((site / prefix / "search/search_index.json").read_text(encoding="utf-8"))["docs"]


def test_each_language_has_its_own_search_index(built_site):
    zh, en = _search_docs(built_site, "zh"), _search_docs(built_site, "en")
    assert zh and en
    assert not [d["location"] for d in zh if d["location"].startswith("en/")]
    assert {d["location"].split("#")[0] for d in en} <= {d["location"].split("#")[0] for d in zh}


@pytest.mark.parametrize("lang", LANGS)
def test_search_leaves_out_outputs_and_whole_files(built_site, lang):
    """Output blocks and the collapsed whole files are not in the search index
    (mkdocs_hooks._not_searched): no golden output is found in it, and no plotting
    code (the whole files are the only code blocks with figure functions), while the
    examples' code still is."""
    from html import unescape

    code = [unescape(c) for d in _search_docs(built_site, lang)
            for c in re.findall(r"<pre><code>(.*?)</code></pre>", d.get("text", ""), re.S)]
    outputs = {golden_path(s): golden_path(s).read_text(encoding="utf-8").strip() for s in snippet_files()}
    indexed = sorted(str(path.relative_to(SNIPPETS)) for path, text in outputs.items()
                     if len(text) > 40 and any(text in c for c in code))
    assert not indexed, f"outputs in the {lang} search index: {indexed}"
    assert not [c[:80] for c in code if "def figure_" in c], f"whole files in the {lang} search index"
    assert any("import torch" in c for c in code), f"no example code in the {lang} search index"


@pytest.mark.parametrize("word,lang", [("激活函数", "zh"), ("饱和", "zh"), ("activation", "en"), ("saturation", "en")])
def test_search_index_has_words_as_tokens(built_site, word, lang):
    """Chinese is segmented by jieba (zero-width spaces) so a word inside a sentence is a token."""
    sep = re.compile(r"[\s\u200b\-_,:!=\[\]()\"`/。，、；：？！（）“”]+")
    hits = []
    for doc in _search_docs(built_site, lang):
        tokens = {t.lower() for t in sep.split(doc.get("title", "") + " " + doc.get("text", ""))}
        if word in tokens:
            hits.append(doc["location"])
    assert hits, f"{word!r} is not a search token on any {lang} page"


def test_figures_have_light_and_dark_variants_that_exist(built_site):
    problems = []
    count = 0
    for html in built_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for fig in re.findall(r'<figure class="snippet-figure">(.*?)</figure>', text, re.S):
            srcs = re.findall(r'<img src="([^"#]+)#only-(light|dark)"', fig)
            if sorted(t for _, t in srcs) != ["dark", "light"]:
                problems.append(f"{html}: {srcs}")
            for src, _ in srcs:
                count += 1
                if not (html.parent / src).resolve().is_file():
                    problems.append(f"{html.relative_to(built_site)}: missing {src}")
    assert count >= 10 and not problems, "\n".join(problems)


def test_verification_page_lists_every_snippet(built_site):
    for lang in LANGS:
        html = built_page(built_site, "verification", lang).read_text(encoding="utf-8")
        assert "{{" not in html
        for snip in snippet_files():
            assert snip.relative_to(SNIPPETS).as_posix() in html, (lang, snip)


def test_golden_output_is_on_the_page(built_site):
    """What readers see under the code is the golden file, character for character."""
    import html as htmlmod

    page = built_page(built_site, "activation_basics/relu", "en").read_text(encoding="utf-8")
    text = htmlmod.unescape(re.sub(r"<[^>]+>", "", page))
    for line in golden_path(SNIPPETS / "activation_basics/relu.py").read_text(encoding="utf-8").splitlines():
        assert line in text


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag in ("img", "script") and a.get("src"):
            self.links.append(a["src"].split("#only-")[0])
        if tag == "link" and a.get("href"):
            self.links.append(a["href"])
        if tag == "meta" and (a.get("property") or a.get("name")) in ("og:image", "twitter:image"):
            self.links.append(a["content"])


def test_link_check_of_the_built_site(built_site):
    """Every internal link, image, script and stylesheet resolves; every #anchor exists."""
    from urllib.parse import unquote, urlsplit

    parsed: dict[Path, _Links] = {}

    def parse(path: Path) -> _Links:
        if path not in parsed:
            p = _Links()
            p.feed(path.read_text(encoding="utf-8"))
            parsed[path] = p
        return parsed[path]

    broken = []
    for html in sorted(built_site.rglob("*.html")):
        for href in parse(html).links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("//", "mailto:", "javascript:")):
                continue
            if parts.path.startswith("/"):  # 404.html links from the site root
                target = built_site / unquote(parts.path).lstrip("/")
            else:
                target = (html.parent / unquote(parts.path)).resolve() if parts.path else html
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{html.relative_to(built_site)}: {href}")
                continue
            if parts.fragment and target.suffix == ".html" and parts.fragment not in parse(target).ids:
                broken.append(f"{html.relative_to(built_site)}: {href} (no such anchor)")
    assert not broken, "\n".join(broken[:50])


# --------------------------------------------------------------------------- reader comforts
class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.edit: list[str] = []
        self.icons: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta[a.get("property") or a.get("name")] = a.get("content", "")
        if tag == "a" and a.get("rel") == "edit":
            self.edit.append(a["href"])
        if tag == "link" and a.get("rel") == "apple-touch-icon":
            self.icons.append(a["href"])


def _head(path: Path) -> _Head:
    p = _Head()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_every_page_has_an_edit_link_to_its_own_source(built_site):
    """With SITE_EDIT_URI set (as the Pages workflow does), each Markdown page links
    to its own source file; generated notebook pages have no such link."""
    from conftest import EDIT_URI

    problems, count = [], 0
    for page in pages():
        lang = page_lang(page)
        if not lang:
            continue
        src = page.relative_to(DOCS).as_posix()
        edits = _head(built_page(built_site, page_stem(page), lang)).edit
        count += 1
        if edits != [EDIT_URI + src]:
            problems.append(f"docs/{src}: edit links {edits}")
    rendered = 0
    for html in built_site.rglob("index.html"):
        rel = html.relative_to(built_site).as_posix()
        if re.search(r"(^|/)notebooks/(zh|en)/", rel):
            rendered += 1
            if _head(html).edit:
                problems.append(f"{rel}: a generated notebook page has an edit link")
    assert count > 100 and rendered > 100 and not problems, "\n".join(problems)


def test_every_page_has_a_social_card_and_its_own_description(built_site):
    """Open Graph tags name a 1200x630 PNG that exists; descriptions come from the
    page (not the site's tagline) and carry no raw TeX."""
    from PIL import Image

    problems, seen = [], set()
    site_descriptions = {"激活函数与损失函数", "PyTorch activation and loss functions"}
    for page in pages():
        lang = page_lang(page)
        if not lang:
            continue
        html = built_page(built_site, page_stem(page), lang)
        head = _head(html)
        where = f"docs/{page.relative_to(DOCS).as_posix()}"
        image = head.meta.get("og:image", "")
        card = (html.parent / image).resolve()
        if not image.endswith(".png") or not card.is_file():
            problems.append(f"{where}: og:image {image!r} missing")
            continue
        if card in seen:
            problems.append(f"{where}: shares its card {image}")
        seen.add(card)
        with Image.open(card) as img:
            if img.size != (1200, 630):
                problems.append(f"{where}: card is {img.size}")
        for key in ("og:title", "og:description", "twitter:card", "twitter:image", "og:locale"):
            if not head.meta.get(key):
                problems.append(f"{where}: no {key}")
        desc = head.meta.get("description", "")
        if "\\" in desc or "$" in desc:
            problems.append(f"{where}: description has TeX: {desc!r}")
        if lang == "zh" and re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", desc):
            problems.append(f"{where}: description has a space between Chinese characters: {desc!r}")
        if page_stem(page) != "index" and any(desc.startswith(s) for s in site_descriptions):
            problems.append(f"{where}: description is the site's tagline, not the page's")
        if not head.icons or not (html.parent / head.icons[0]).resolve().is_file():
            problems.append(f"{where}: apple-touch-icon {head.icons} missing")
    assert len(seen) > 100 and not problems, "\n".join(problems[:40])


def test_404_page_speaks_both_languages_and_links_home(built_site):
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert "找不到页面" in html and "Page not found" in html
    menu = dict((lang, href) for href, lang in re.findall(r'<a href="([^"]*)" hreflang="([a-z]+)" class="md-select__link"', html))
    assert menu == {"zh": "/", "en": "/en/"}, menu
    assert 'rel="alternate"' not in html


def test_every_page_names_the_torch_its_outputs_were_verified_with(built_site):
    """Each built page (notebook pages too) says in its footer which PyTorch produced and
    checked its outputs -- the installed one, which the tests run -- and links to the
    verification page of its language."""
    from snippets._engine.verification import torch_version

    version = torch_version()
    line = re.compile(r'<div class="md-copyright__highlight verified-with">(.*?)</div>', re.S)
    problems, count = [], 0
    for html in sorted(built_site.rglob("*.html")):
        rel = html.relative_to(built_site).as_posix()
        if rel == "404.html" or "assets/" in rel:
            continue
        count += 1
        text = html.read_text(encoding="utf-8")
        found = line.findall(text)
        if len(found) != 1:
            problems.append(f"{rel}: {len(found)} verification lines in the footer")
            continue
        hrefs = re.findall(r'href="([^"]+)"', found[0])
        target = (html.parent / hrefs[0]).resolve() if hrefs else None
        lang = re.search(r'<html lang="([a-z]+)', text).group(1)
        if f"PyTorch {version}" not in found[0]:
            problems.append(f"{rel}: footer does not name PyTorch {version}: {found[0]!r}")
        if not target or target != built_page(built_site, "verification", lang).parent.resolve():
            problems.append(f"{rel}: footer links to {hrefs}, not the verification page")
    assert count > 200 and not problems, "\n".join(problems[:20])


def test_plotting_code_is_folded_away_from_the_example(built_site):
    """On every page, a snippet with figure functions shows its example lines first
    (ending where figures.example_end says) and the whole file, figure code
    included, in a collapsed block after its output."""
    from html import unescape

    from snippets._engine.examples import example_end

    block = re.compile(r'<span class="filename">snippets/([^<]+\.py)</span><pre[^>]*>.*?<code>(.*?)</code>', re.S)
    problems, checked = [], 0
    for page in pages():
        lang = page_lang(page)
        if not lang:
            continue
        html = built_page(built_site, page_stem(page), lang).read_text(encoding="utf-8")
        shown: dict[str, list[str]] = {}
        for name, code in block.findall(html):
            shown.setdefault(name, []).append(unescape(re.sub(r"<[^>]+>", "", code)).rstrip("\n"))
        for name, texts in shown.items():
            source = (SNIPPETS / name).read_text(encoding="utf-8")
            end = example_end(source)
            if end is None:
                continue
            checked += 1
            example = "\n".join(source.splitlines()[:end])
            if texts[0] != example:
                problems.append(f"{page.relative_to(DOCS)}: the first block of {name} is not its example (lines 1-{end})")
            if source.rstrip("\n") not in texts[1:]:
                problems.append(f"{page.relative_to(DOCS)}: {name} is not shown whole after its example")
            elif '<details class="example"' not in html:
                problems.append(f"{page.relative_to(DOCS)}: the whole file of {name} is not in a collapsed block")
    assert checked > 100 and not problems, "\n".join(problems[:20])
