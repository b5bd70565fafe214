"""Thin MkDocs hook: everything it calls lives in ``snippets/_engine``.

* ``![alt](fig:<chapter>/<topic>.py::figure_x)`` -> light/dark SVG pair, drawn
  (or taken from the cache) in the background from the moment the list of pages is
  known (``on_files``) while every language's pages are built; once they are, the
  SVGs are copied into the site and the pages' ``<img>`` get their sizes.
* ``{{ verification_table }}`` -> the table of where each snippet was verified.
* every page that includes a snippet is also a Jupyter notebook
  (``snippets/_engine/notebooks.py``): written to
  ``<site>/notebooks/<lang>/<chapter>/<page>.ipynb`` for the language being built,
  with a download link at the end of the page; ``{{ notebook_list }}`` -> the
  table of all notebooks of the page's language. With the mkdocs-jupyter plugin
  configured, each notebook is also a page, ``notebooks/<lang>/<chapter>/<page>/``,
  rendered by ``snippets/_engine/notebook_pages.py`` (its docstring says why not by
  mkdocs-jupyter's own conversion); the Jupyter CSS and script are two site files
  linked from those pages.
* one search index per language: mkdocs-static-i18n merges all languages into
  ``search/search_index.json``, so an English reader's search listed Chinese
  pages. After the last language is built the index is split into
  ``search/`` (zh) and ``en/search/``, and English pages get the English root as
  Material's ``base`` (the search index and result links are resolved from it).
* every page gets a social card (``snippets/_engine/cards.py``: a PNG drawn
  offline, cached) with Open Graph / Twitter tags, a description taken from its
  first paragraph, and an ``apple-touch-icon``; generated notebook pages get no
  "edit this page" link (there is no source file to edit).
* the offline copy (Material's ``offline`` plugin, enabled by ``OFFLINE=true``,
  ``scripts/offline.py``): its search worker runs in an iframe through the vendored
  iframe-worker shim instead of the plugin's unpkg.com copy, and each language's
  index is also written as the ``search_index.js`` script that Material loads from
  ``file://``; the copy has no 404 page (no server serves it from ``file://``).
* ``{{ downloads }}`` (the home page) -> links to the PDFs and the offline zip
  when ``SITE_DOWNLOADS`` names the folder ``scripts/offline.py`` made them in
  (the files are published under ``downloads/``), else how to make them.
* formulas are rendered at build time as MathML by Temml (``snippets/_engine/tex.py``;
  no math script on any page but KaTeX's, for browsers without MathML), the math
  font is cut to the characters they show, and figure ``<img>`` tags get the SVG's
  ``width``/``height`` (``snippets/_engine/sizes.py``: no layout shift).
* per-page ``<link rel="alternate" hreflang>`` tags are dropped: Material's JS
  fetches ``sitemap.xml`` relative to each of them (a 404 per page view with
  mkdocs-static-i18n's per-page alternates); the header's language links already
  point to the same page in the other language.

Swapping MkDocs for another renderer means re-implementing these ~40 lines.
"""
from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
from pathlib import Path

import logging

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from snippets._engine import cards, examples, figures, notebook_pages, notebooks, sizes, tex, verification
from snippets._engine import page as page_model
from snippets._engine.catalog import DEFAULT_LANG, page_lang, page_stem
from snippets._engine.catalog import LANGS as _LANGS

log = logging.getLogger("mkdocs.hooks")
# figures: the requests of every language's pages, the site folders and the pages
# that show one; all finished in the last on_post_build (_finish_figures)
_pending: list[figures.Request] = []
_sites: list[Path] = []
_sized: list[tuple[Path, Path]] = []  # (page file, its site folder): sizes added once the SVGs are there
_notebooks: list[tuple[Path, str]] = []  # (page source, lang) of this language's build
_made: dict = {}  # (page source, lang) -> notebook generated for rendering, reused for download
_shown: dict = {}  # src_uri of a rendered notebook page -> the notebook it shows
_renderer: list[notebook_pages.Renderer] = []  # this build's renderer (none: no notebook pages)
_drawing: list = []  # the figures of every page, being drawn since on_files (a future)
_api_css: list[str] = []  # mkdocstrings' stylesheet, linked only from pages with API documentation


# the iframe-worker shim (MIT, npm iframe-worker 1.0.4, docs/assets/javascripts/
# iframe-worker/): Material's offline plugin adds unpkg.com's copy unless a polyfill
# named iframe-worker is configured already
_IFRAME_WORKER = "assets/javascripts/iframe-worker/shim.js"


def _offline(config) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


_dirty: list[bool] = []  # `mkdocs serve --dirty`: a rebuild renders only the edited pages


def on_startup(command, dirty, **kwargs):
    _dirty[:] = [dirty]


@event_priority(100)  # before the offline plugin's on_config
def on_config(config, **kwargs):
    if _offline(config):
        config.extra["polyfills"] = [_IFRAME_WORKER]
    return config


def _next_language(config) -> bool:
    """True while mkdocs-static-i18n builds a language after the first."""
    i18n = config.plugins.get("i18n")
    return bool(i18n is not None and i18n.building)


def on_pre_build(config, **kwargs):
    _notebooks.clear()
    _made.clear()
    _shown.clear()
    _renderer.clear()
    if not _next_language(config):  # a new build: every language's figures start here
        _pending.clear()
        _sites.clear()
        _sized.clear()
        _drawing.clear()
        tex.CHARS.clear()


@event_priority(-150)  # after mkdocs-static-i18n (-100) has re-registered this language's files
def on_files(files, config, **kwargs):
    """With the mkdocs-jupyter plugin configured, each notebook of the language being
    built is also a page, ``notebooks/<lang>/<chapter>/<page>/`` (an in-memory file,
    rendered in :func:`on_page_content`), and the pages' script is a site file (their
    stylesheet is written once every language is built, ``notebook_pages.write_css``)."""
    from mkdocs.structure.files import File

    # mkdocstrings' stylesheet only on the pages its API documentation is on (it
    # adds it to every page: one render-blocking request more for every reader)
    api = config.plugins.get("mkdocstrings")
    if api is not None and api.css_filename in config.extra_css:
        config.extra_css.remove(api.css_filename)
        _api_css[:] = [api.css_filename]
    # the figures every page asks for (every language: ensure_rendered draws all of a
    # snippet's languages), drawn from now on while the pages of every language are
    # read and written; the last on_post_build waits for them (_finish_figures)
    if not _drawing:
        pages = [f.abs_src_path for f in files.documentation_pages() if f.abs_src_path]
        _drawing.append(figures.render_in_background(figures.page_requests(pages, Path(config.docs_dir))))
    for name, path in _downloads().items():  # published beside the site (the home page links them)
        if files.get_file_from_path(f"{_DOWNLOADS}/{name}") is None:
            files.append(File.generated(config, f"{_DOWNLOADS}/{name}", abs_src_path=str(path)))
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is None:
        return files
    i18n = config.plugins.get("i18n")
    lang = i18n.current_language if i18n is not None else DEFAULT_LANG
    try:
        renderer = notebook_pages.renderer(dict(jupyter.config))
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    _renderer[:] = [renderer]
    docs = Path(config.docs_dir)
    for source in notebooks.notebook_pages(lang, docs):
        uri = notebooks.notebook_url(page_stem(source, docs), lang)
        nb = _generate(source, lang, docs)
        _made[(source.resolve(), lang)] = nb
        _shown[uri] = notebook_pages.for_site(nb, lang, uri, config.use_directory_urls)
        files.append(notebook_pages.NotebookPage.generated(config, uri, content=notebooks.dumps(_shown[uri])))
    for uri, content in renderer.assets().items():
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, content=content))
    return files


_DOWNLOADS = "downloads"


def _downloads() -> dict[str, Path]:
    """The files of ``SITE_DOWNLOADS`` to publish (name -> path); none when unset.
    A missing one fails the build: the workflow that sets it made them just before."""
    folder = os.environ.get("SITE_DOWNLOADS")
    if not folder:
        return {}
    from scripts.offline import PDF_NAME, ZIP_NAME

    names = [ZIP_NAME] + [PDF_NAME.format(lang=lang) for lang in _LANGS]
    found = {name: Path(folder) / name for name in names}
    missing = [str(p) for p in found.values() if not p.is_file()]
    if missing:
        raise PluginError(f"SITE_DOWNLOADS={folder}: missing {', '.join(missing)} (bash scripts/site.sh dist makes them)")
    return found


def _downloads_markdown(lang: str) -> str:
    from scripts.offline import PDF_NAME, ZIP_NAME
    from snippets._engine.config import ui

    text = ui(lang, "downloads")
    if not _downloads():
        return text["none"]
    other = [code for code in _LANGS if code != lang]
    lines = [f"- [{text['pdf']}]({_DOWNLOADS}/{PDF_NAME.format(lang=lang)})"]
    lines += [f"- [{text['pdf_other']}]({_DOWNLOADS}/{PDF_NAME.format(lang=code)})" for code in other]
    lines.append(f"- [{text['zip']}]({_DOWNLOADS}/{ZIP_NAME})")
    return "\n".join(lines)


def _generate(source: Path, lang: str, docs: Path):
    try:
        return notebooks.page_to_notebook(source, lang, docs)
    except Exception as exc:  # a generator bug must name the page
        raise PluginError(f"{source}: notebook generation failed: {type(exc).__name__}: {exc}") from None


def on_page_markdown(markdown, page, config, files, **kwargs):
    if page.file.src_uri in _shown:
        return ""  # a rendered notebook: on_page_content renders it
    src = f"docs/{page.file.src_uri}"
    lang = page_lang(src) or DEFAULT_LANG
    try:
        model = page_model.parse(page.file.abs_src_path, Path(config.docs_dir))
        problems = model.include_problems()
        if problems:
            raise PluginError("\n".join(problems))
        markdown, reqs = figures.expand(model, markdown, lang, page.url)
        markdown = examples.split_figure_code(model, markdown, lang)
    except (figures.FigureError, page_model.PageError) as exc:
        raise PluginError(str(exc)) from None
    _pending.extend(reqs)
    if "{{ verification_table }}" in markdown:
        stem = page.file.src_uri.rsplit(".", 2)[0]
        markdown = markdown.replace(
            "{{ verification_table }}", verification.table(lang, stem, Path(config.docs_dir))
        )
    if "{{ downloads }}" in markdown:
        markdown = markdown.replace("{{ downloads }}", _downloads_markdown(lang))
    if "{{ notebook_list }}" in markdown:
        markdown = markdown.replace(
            "{{ notebook_list }}",
            notebook_pages.index_table(
                lang, page.file.src_uri, page.url, Path(config.docs_dir), "mkdocs-jupyter" in config.plugins
            ),
        )
    source = Path(page.file.abs_src_path)
    if notebooks.has_notebook(source):
        _notebooks.append((source, lang))
        stem = page_stem(source, Path(config.docs_dir))
        markdown += notebook_pages.download_link(stem, lang, page.url)
    return markdown


def on_page_content(html, page, config, files, **kwargs):
    if page.file.src_uri in _shown:  # a generated notebook shown as a page
        from mkdocs.structure.toc import get_toc

        rendered = _renderer[0].render(_shown[page.file.src_uri], page.file.src_uri, config.use_directory_urls)
        html = rendered.html
        page.toc = get_toc(rendered.toc)
        if rendered.title:
            page.meta["title"] = rendered.title
        page.edit_url = None  # generated: there is no source file to edit
        page.meta["search"] = {"exclude": True}  # its page is indexed already
    else:
        html = _not_searched(html, page_lang(page.file.src_uri) or DEFAULT_LANG)
    html = _code(html)
    if not page.meta.get("description"):
        description = first_paragraph(html)
        if description:
            page.meta["description"] = description
    return html


def _not_searched(html: str, lang: str) -> str:
    """Output blocks and the collapsed whole files (examples.split_figure_code) out of
    the search index (Material's ``data-search-exclude``): printed numbers are not
    what a reader searches for, and a whole file repeats the example above it plus
    plotting code. The two indexes, which a phone downloads on its first search,
    went 1.64 + 1.48 MB -> 1.15 + 0.99 MB (697 -> 570 KB gzip)."""
    from snippets._engine.config import ui

    words = ui(lang)
    for opening in (f'<div class="highlight"><span class="filename">{words["output_title"]}</span>',
                    f'<details class="example">\n<summary>{words["figure_code"]}</summary>'):
        html = html.replace(opening, opening.replace(">", " data-search-exclude>", 1))
    return html


_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_MATH = re.compile(r'<span class="arithmatex">\\\((.*?)\\\)</span>', re.S)
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_CJK_GAP = re.compile(f"(?<=[{_WIDE}])\\s+(?=[{_WIDE}])")


def first_paragraph(html: str, width: int = 200) -> str:
    """Plain text of the page's first prose paragraph, for ``<meta name="description">``:
    simple inline formulas (no TeX commands) kept as text, paragraphs with other
    formulas or images skipped, cut at a sentence end within ``width`` columns
    (a Chinese character counts two)."""
    from html import unescape

    for m in _PARAGRAPH.finditer(html):
        body = m.group(1)
        if "<img" in body or any("\\" in tex for tex in _MATH.findall(body)):
            continue
        body = _MATH.sub(lambda t: t.group(1), body)
        if "arithmatex" in body:
            continue
        text = " ".join(unescape(re.sub(r"<[^>]+>", "", body)).split())
        text = _CJK_GAP.sub("", text)  # a soft line break inside Chinese text is no space
        if len(text) < 20:
            continue
        cols, limit = 0, len(text)
        for i, ch in enumerate(text):
            cols += 2 if re.match(f"[{_WIDE}]", ch) else 1
            if cols > width:
                limit = i
                break
        if limit < len(text):
            cut = max(text.rfind(end, 0, limit) for end in ("。", "；", ". ", "; "))
            text = text[: cut + 1] if cut > limit // 3 else text[: limit - 1].rstrip() + "…"
        return text.strip()
    return ""


_TOUCH_ICON = "assets/apple-touch-icon.png"


def _social(output: str, page, config, lang: str) -> str:
    """Draw (or reuse) the page's social card and add its meta tags to <head>. A
    rendered notebook shares the card of the page it was generated from (same title;
    216 fewer PNGs, 1.9 MB)."""
    section = page.ancestors[-1].title if page.ancestors else ""
    card = cards.Card(
        title=page.title or config.site_name,
        section=section or "",
        site=config.site_name,
        tagline=config.site_description or "",
        lang=lang,
    )
    notebook = page.file.src_uri in _shown
    url = notebook_pages.source_url(page.file.src_uri, config.use_directory_urls) if notebook else page.url
    rel = f"{cards.URL_DIR}/{url.rstrip('/') or 'index'}.png"
    if not notebook:
        try:
            cached = cards.ensure(card)
        except cards.CardError as exc:
            raise PluginError(f"docs/{page.file.src_uri}: social card: {exc}") from None
        dest = Path(config.site_dir) / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, dest)
    if config.site_url:
        from urllib.parse import urljoin

        image = urljoin(config.site_url if config.site_url.endswith("/") else config.site_url + "/", rel)
    else:  # no site_url: crawlers need absolute URLs, readers' browsers do not
        image = get_relative_url(rel, page.url)
    tags = cards.meta_tags(
        title=card.title,
        description=page.meta.get("description") or config.site_description or "",
        image_url=image,
        page_url=page.canonical_url,
        lang=lang,
        site=config.site_name,
    )
    icon = get_relative_url(_TOUCH_ICON, page.url)
    tags += f'<link rel="apple-touch-icon" href="{icon}">\n'
    return output.replace("</head>", tags + "</head>", 1)


def on_env(env, config, files, **kwargs):
    # runs after every page's Markdown is rendered and before any page is written
    if Path(config.site_dir) not in _sites:
        _sites.append(Path(config.site_dir))
    icon = Path(config.site_dir) / _TOUCH_ICON
    if not icon.exists():
        icon.parent.mkdir(parents=True, exist_ok=True)
        icon.write_bytes(cards.touch_icon())
    docs = Path(config.docs_dir)
    for source, lang in _notebooks:
        nb = _made.get((source.resolve(), lang)) or _generate(source, lang, docs)
        notebooks.write(nb, Path(config.site_dir) / notebooks.notebook_url(page_stem(source, docs), lang))
    return env


_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


# Material's script, made `defer` like the site's own (mkdocs.yml: extra_javascript):
# a parser-blocking script at the end of <body> ran before the browser's first paint
# of the article whenever it arrived early, and its ~100 ms (400 ms on Lighthouse's
# throttled phone) held that paint; deferred, it runs after the page is parsed, in
# order before the site's scripts, which use its `document$`, and before
# DOMContentLoaded, which it waits for. Lighthouse mobile, six runs each: the
# experiment page 87, 98, 98, 85, 88 -> 98-99 in all six; losses/margin/ unchanged.
_BUNDLE = re.compile(r'(<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js")></script>')


def _defer_bundle(output: str, where: str) -> str:
    output, n = _BUNDLE.subn(r"\1 defer></script>", output)
    if n != 1:
        raise PluginError(f"{where}: expected Material's bundle <script> once, found it {n} times "
                          "(scripts/mkdocs_hooks.py, _BUNDLE: has Material's template changed?)")
    return output


_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")')


@event_priority(-50)  # after mkdocs-static-i18n, which leaves a generated page the last page's menu
def on_page_context(context, page, config, nav, **kwargs):
    # mkdocs-static-i18n sets the language menu as an attribute of config.extra,
    # which the template reads before the key
    menu = getattr(config.extra, "alternate", None) or config.extra.get("alternate")
    if page.file.src_uri in _shown and menu:
        # the language menu leads to the same notebook in the other language
        config.extra.alternate = notebook_pages.alternates(menu, page.file.src_uri, config.use_directory_urls)
    return context


# Whitespace-only text between two tags, outside <pre>/<script>/<style>/<textarea>,
# shrunk to one newline: the templates' indentation was 1.6 MB of the site's HTML.
# It renders the same (a run of whitespace between tags is one space or nothing,
# as before). Not minify-html: it also unquotes attributes and drops optional
# closing tags, which this saves no more than a few percent on and other tools
# (tests, pa11y, link checks) read.
_VERBATIM = re.compile(r"(<(pre|script|style|textarea)\b.*?</\2>)", re.S | re.I)
_INDENT = re.compile(r">[ \t]*\n\s*<")
# In highlighted code, Pygments wraps every plain name in <span class="n"> and each
# run of spaces in <span class="w">: neither Material's nor the notebooks' stylesheet
# colours a name apart from the code around it (Material: --md-code-hl-name-color is
# --md-code-fg-color), and spaces show no colour. ~95,000 elements and 2 MB of the
# site's HTML that only cost a phone style and layout work.
_NAME = re.compile(r'<span class="[nw]">([^<]*)</span>')
# Each <pre> says how many lines it has (style="--lines:N"): extra.css lays out a code
# block far down a page only when the reader scrolls near it, and until then it
# takes the height those lines will have, so the page's length, the scroll bar and
# a jump to a heading are right before the block is drawn.
_PRE = re.compile(r"<pre\b.*?</pre>", re.S | re.I)
_PRE_OPEN = re.compile(r"<pre\b(?![^>]*\bstyle=)", re.I)
_TRAILING_TAGS = re.compile(r"(?:</\w+>|\s)+$")


def _pre(match: re.Match) -> str:
    block = match.group(0)
    lines = _TRAILING_TAGS.sub("", block).count("\n") + 1
    return _PRE_OPEN.sub(f'<pre style="--lines:{lines}"', block, count=1)


def _code(html: str) -> str:
    """A page's content with plain names in code unwrapped and each <pre>'s line
    count: in on_page_content, so that the search plugin, which parses every page's
    content with html.parser, reads ~95,000 elements fewer too."""
    return _PRE.sub(_pre, _NAME.sub(r"\1", html))


def _tidy(html: str) -> str:
    """The template's indentation between tags collapsed."""
    parts = _VERBATIM.split(html)
    # split() returns text, (whole match, tag name) pairs, text, ...
    out = []
    for i in range(0, len(parts), 3):
        out.append(_INDENT.sub(">\n<", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)


def on_post_page(output, page, config, **kwargs):
    output = _ALTERNATE.sub("", output)
    lang = page_lang(page.file.src_uri)
    if page.file.src_uri in _shown:
        lang = notebook_pages.rendered_lang(page.file.src_uri)
        output = output.replace("</head>", notebook_pages.head_tags(page.url) + "</head>", 1)
        page.file.built()  # `mkdocs serve --dirty` skips it until its notebook changes
    shown_lang = lang or DEFAULT_LANG
    output = _social(output, page, config, shown_lang)
    target = ("" if shown_lang == DEFAULT_LANG else shown_lang + "/") + (
        "verification/" if config.use_directory_urls else "verification.html")
    try:
        output = verification.footer(output, shown_lang, get_relative_url(target, page.url))
    except ValueError as exc:
        raise PluginError(f"docs/{page.file.src_uri}: {exc}") from None
    where = f"docs/{page.file.src_uri}"
    try:
        output = tex.render_page(output, where)
        if not _offline(config):  # chromium refuses a crossorigin font preload from file://
            output = tex.preload_fonts(output, page.url)
    except tex.TexError as exc:
        raise PluginError(str(exc)) from None
    if _api_css and 'class="doc doc-' in output:  # before the site's own stylesheets, as mkdocstrings puts it
        first = f'<link rel="stylesheet" href="{get_relative_url(config.extra_css[0], page.url)}">'
        if first not in output:
            raise PluginError(f"{where}: no link to {config.extra_css[0]} to put {_api_css[0]} before")
        output = output.replace(first, f'<link rel="stylesheet" href="{get_relative_url(_api_css[0], page.url)}">\n'
                                + first, 1)
    if f"{figures.URL_DIR}/" in output:  # its figures' sizes once they are drawn (_finish_figures)
        _sized.append((Path(page.file.abs_dest_path), Path(config.site_dir)))
    output = _defer_bundle(_tidy(output), where)
    if lang and lang != DEFAULT_LANG:
        here = posixpath.dirname(page.url) if not page.url.endswith("/") else page.url.rstrip("/")
        base = posixpath.relpath(lang, here or ".")
        output = _BASE.sub(lambda m: m.group(1) + base + m.group(3), output, count=1)
    return output


_LANG_LINK = re.compile(r'href="[^"]*"( hreflang="([a-z]+)" class="md-select__link")')


def on_post_template(output, template_name, config, **kwargs):
    """404.html: Material fills its language menu from the last page built (any page);
    point it at the two home pages instead. The host serves 404.html at any path,
    so the links are absolute from the site root, like the page's own links."""
    if template_name != "404.html":
        return output
    from urllib.parse import urlsplit

    root = urlsplit(config.site_url or "/").path.rstrip("/")

    def home(m):
        lang = m.group(2)
        return f'href="{root}/{"" if lang == DEFAULT_LANG else lang + "/"}"{m.group(1)}'

    return _defer_bundle(_ALTERNATE.sub("", _LANG_LINK.sub(home, output)), "404.html")


_RENDERED = tuple(f"{notebooks.URL_DIR}/{code}/" for code in notebooks.LANGS)  # rendered notebook pages


# Files the theme copies that no reader's browser loads: lunr's language plugins
# (the search runs lunr's English pipeline only, `lang: en` in mkdocs.yml, so
# Material's search worker never fetches them; 0.9 MB, most of it Thai
# segmentation) and the source maps of Material's minified bundles (1.2 MB, fetched
# only by a browser's developer tools).
_UNREAD = ("assets/javascripts/lunr",)
_UNREAD_GLOB = "assets/**/*.min.js.map", "assets/**/*.min.css.map"


def _drop_unread(site: Path) -> None:
    for rel in _UNREAD:
        if (site / rel).is_dir():
            shutil.rmtree(site / rel)
        elif (site / rel).exists():
            (site / rel).unlink()
    for pattern in _UNREAD_GLOB:
        for path in site.glob(pattern):
            path.unlink()


def _finish_figures() -> None:
    """Wait for the figures of every language's pages (drawn since on_files while the
    pages were built), copy them into the site and give the pages that show them each
    figure's width and height. A figure that cannot be drawn fails the build here:
    the pages are written already, but a failed build publishes nothing
    (``scripts/site.sh build`` replaces ``site/`` only after a build that succeeded)."""
    try:
        for drawing in _drawing:
            drawing.result()
        rendered = figures.ensure_rendered(_pending)  # any request the early list missed
    except figures.FigureError as exc:
        raise PluginError(str(exc)) from None
    for site in _sites:
        out = site / figures.URL_DIR
        for req, cached in rendered.items():
            dest = out / req.filename()
            if not dest.exists():
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(cached, dest)
    for page, site in _sized:
        html = page.read_text(encoding="utf-8")
        sized = sizes.add_sizes(html, page.parent, site)
        if sized != html:
            page.write_text(sized, encoding="utf-8")


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config, **kwargs):
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return
    _finish_figures()
    site = Path(config.site_dir)
    whole = bool(_dirty and _dirty[0])
    size = tex.write_font(site, whole)
    log.info(f"math font: {tex.FONT_URL} {size / 1024:.0f} KB "
             + ("(whole: a --dirty build renders only some pages)" if whole else f"({len(tex.CHARS)} characters)"))
    if i18n is None:
        return
    st = tex.STATS  # every language of this build
    log.info(f"formulas: {st['formulas']} on {st['pages']} pages in {st['seconds']:.1f} s "
             f"({st['rendered']} distinct ones rendered by Temml, the rest remembered or cached in .cache/tex)")
    st.update(pages=0, formulas=0, rendered=0, seconds=0.0)
    _drop_unread(site)
    if _renderer:  # the notebook pages' stylesheet, cut to what their pages use
        notebook_pages.write_css(site, _renderer[0])
    if _offline(config):
        # no server answers a missing page with 404.html from file://, and its
        # addresses are absolute from the site root (/assets/...)
        (site / "404.html").unlink(missing_ok=True)
    index_path = site / "search" / "search_index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    langs = [lang.locale for lang in i18n.config.languages if not lang.default]
    rest = []
    split = {lang: [] for lang in langs}
    for doc in index["docs"]:
        if doc["location"].startswith(_RENDERED):
            continue  # rendered notebooks repeat their pages' text
        lang = doc["location"].split("/", 1)[0]
        if lang in split:
            split[lang].append({**doc, "location": doc["location"][len(lang) + 1 :]})
        else:
            rest.append(doc)
    outputs = {site / lang / "search" / "search_index.json": {**index, "docs": docs} for lang, docs in split.items()}
    outputs[index_path] = {**index, "docs": rest}
    for out, data in outputs.items():
        out.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, ensure_ascii=False)
        out.write_text(text, encoding="utf-8")
        if _offline(config):  # what Material loads instead when the page is a file:// URL
            out.with_suffix(".js").write_text(f"var __index = {text}", encoding="utf-8")
