"""Thin MkDocs hook: everything it calls lives in ``snippets/_engine``.

* ``![alt](fig:<chapter>/<topic>.py::figure_x)`` -> light/dark SVG pair,
  rendered (or taken from the cache) before any page is written.
* ``{{ verification_table }}`` -> the table of where each snippet was verified.
* one search index per language: mkdocs-static-i18n merges all languages into
  ``search/search_index.json``, so an English reader's search listed Chinese
  pages. After the last language is built the index is split into
  ``search/`` (zh) and ``en/search/``, and English pages get the English root as
  Material's ``base`` (the search index and result links are resolved from it).
* per-page ``<link rel="alternate" hreflang>`` tags are dropped: Material's JS
  fetches ``sitemap.xml`` relative to each of them (a 404 per page view with
  mkdocs-static-i18n's per-page alternates); the header's language links already
  point to the same page in the other language.

Swapping MkDocs for another renderer means re-implementing these ~40 lines.
"""
from __future__ import annotations

import json
import posixpath
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from snippets._engine import figures, verification  # noqa: E402
from snippets._engine.catalog import DEFAULT_LANG, page_lang  # noqa: E402

_pending: list[figures.Request] = []


def on_pre_build(config, **kwargs):
    _pending.clear()


def on_page_markdown(markdown, page, config, files, **kwargs):
    src = f"docs/{page.file.src_uri}"
    lang = page_lang(src) or DEFAULT_LANG
    try:
        figures.check_includes(markdown, src)
        markdown, reqs = figures.expand(markdown, src, lang, page.url)
    except figures.FigureError as exc:
        raise PluginError(str(exc)) from None
    _pending.extend(reqs)
    if "{{ verification_table }}" in markdown:
        stem = page.file.src_uri.rsplit(".", 2)[0]
        markdown = markdown.replace(
            "{{ verification_table }}", verification.table(lang, stem, Path(config.docs_dir))
        )
    return markdown


def on_env(env, config, files, **kwargs):
    # runs after every page's Markdown is rendered and before any page is written
    try:
        rendered = figures.ensure_rendered(_pending)
    except figures.FigureError as exc:
        raise PluginError(str(exc)) from None
    out = Path(config.site_dir) / figures.URL_DIR
    for req, cached in rendered.items():
        dest = out / req.filename()
        if not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, dest)
    return env


_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")')


def on_post_page(output, page, config, **kwargs):
    output = _ALTERNATE.sub("", output)
    lang = page_lang(page.file.src_uri)
    if lang and lang != DEFAULT_LANG:
        here = posixpath.dirname(page.url) if not page.url.endswith("/") else page.url.rstrip("/")
        base = posixpath.relpath(lang, here or ".")
        output = _BASE.sub(lambda m: m.group(1) + base + m.group(3), output, count=1)
    return output


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config, **kwargs):
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.building:
        return
    site = Path(config.site_dir)
    index_path = site / "search" / "search_index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    langs = [lang.locale for lang in i18n.config.languages if not lang.default]
    rest = []
    split = {lang: [] for lang in langs}
    for doc in index["docs"]:
        lang = doc["location"].split("/", 1)[0]
        if lang in split:
            split[lang].append({**doc, "location": doc["location"][len(lang) + 1 :]})
        else:
            rest.append(doc)
    for lang, docs in split.items():
        out = site / lang / "search" / "search_index.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({**index, "docs": docs}, ensure_ascii=False), encoding="utf-8")
    index_path.write_text(json.dumps({**index, "docs": rest}, ensure_ascii=False), encoding="utf-8")
