"""The generated notebooks as pages of the site (rendered HTML, table of contents,
links, download links, the notebook list).

:mod:`snippets._engine.notebooks` makes the notebooks; this module shows them on
the site. ``scripts/mkdocs_hooks.py`` adds one page per notebook of the language
being built, ``notebooks/<lang>/<chapter>/<page>/``, when mkdocs.yml configures
the mkdocs-jupyter plugin, and renders it with :class:`Renderer`.

Why our own renderer, and not mkdocs-jupyter's page rendering
----------------------------------------------------------------

mkdocs-jupyter stays a dependency and its plugin entry in mkdocs.yml switches
notebook pages on: its options ``theme``, ``no_prompt``, ``show_input``,
``no_input`` and ``toc_depth`` are honoured (others that would change a page are
refused unless at their defaults), and its Jinja template
(``mkdocs_html/notebook.html.j2``: the ``jupyter-wrapper``, the copy buttons,
cell tags) and CSS are what a notebook page is made of. What we do not use is its
per-page conversion (a notebook page is an in-memory :class:`NotebookPage`, which
its plugin leaves alone), for four reasons:

* **Cost.** ``mkdocs_jupyter.convert.nb2html`` builds a new nbconvert
  ``HTMLExporter`` for every notebook, so Jinja compiles the whole template
  chain again each time (a cProfile of a build: ~29 s of 72 s for 216
  notebooks), and it runs a second nbconvert pass to Markdown only for the
  table of contents. :class:`Renderer` builds one exporter per process and
  takes the table of contents from the rendered headings (measured on the
  project's 2-core machine, all 108 notebook pages, cold cache: 93 s before,
  47 s after).
* **Caching.** Its ``cache: true`` deletes, after every build, each entry that
  build did not use: the zh and en builds of one run (mkdocs-static-i18n) and a
  chapter build beside a full build delete each other's entries. Ours is keyed
  by content (notebook, template, options, library versions), never evicts
  during a build, and writes atomically (``.cache/notebook-html``). Getting
  either out of mkdocs-jupyter took monkeypatching its ``nb2html`` and the
  private ``_get_nb_toc_tokens``; nothing here patches anything.
* **Weight.** It inlines ~595 KB of JupyterLab CSS into every page. Here the
  CSS and the small copy-button script are site files (:data:`CSS`,
  :data:`SCRIPT`), written once and linked from each notebook page (median
  notebook page 697 KB -> 110 KB, 107 KB -> 17 KB gzip; the CSS is 87 KB gzip,
  fetched once). Most of that CSS styles the JupyterLab *application* (its
  Blueprint and Lumino widget toolkits), which a static notebook page never
  shows; :func:`prune_css` drops those rules and the custom properties nothing
  then reads (589 KB -> 207 KB, 88 -> 48 KB gzip; it blocks rendering, so a
  phone parses less before the first paint). Once every language is built, the
  site's copy keeps only the rules that can match a class its notebook pages have
  (:func:`write_css`: 17 KB, 3 KB gzip).
* **No request leaves the site.** Its template loads MathJax, mermaid and
  require.js from CDNs; our template extension leaves them out. The notebooks'
  ``$`` math is written with the site's delimiters (``\\(`` ``\\)``, ``\\[``
  ``\\]``, :class:`_SiteExporter`), so the build renders it as MathML like every
  other page (:mod:`snippets._engine.tex`).

What is left of HTML editing after rendering: each heading gets the site's
anchor (the ``<a id>`` the generator puts before it; nbconvert's own ids are
empty for Chinese headings), once per notebook, before caching. nbconvert's own
last step, a BeautifulSoup pass over the whole page, is left out
(:func:`_site_exporter`; the output parses to the same tree).
"""
from __future__ import annotations

import hashlib
import html as htmlmod
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url
from nbformat import v4

from snippets._engine import notebooks
from snippets._engine.catalog import DOCS, cache_dir, fingerprint, page_stem, write_atomic
from snippets._engine.notebooks import LANGS, URL_DIR, notebook_relpath, notebook_url, ui
from snippets._engine.page import CODE_SPAN, LINK

CSS = "assets/stylesheets/jupyter-notebook.css"  # JupyterLab's CSS, once for all notebook pages
SCRIPT = "assets/javascripts/jupyter-notebook.js"  # copy buttons

# mkdocs-jupyter options that change what a page shows and that this renderer
# does not implement -> their defaults
_UNSUPPORTED = {
    "execute": False,  # the stored outputs are the golden files; tests execute the notebooks
    "include_source": False,  # the hook serves the .ipynb for download
    "include_requirejs": False,  # no require.js from a CDN
    "remove_tag_config": {},
    "highlight_extra_classes": "",
    "data_files": {},
}

# our extension of mkdocs-jupyter's template: nothing in <head>-like blocks (the
# site links CSS and SCRIPT), a download link above the notebook
_TEMPLATE = """\
{%- extends "mkdocs_html/notebook.html.j2" -%}
{%- block header -%}{%- endblock header -%}
{%- block body_header -%}
{{ resources.site.download }}
{{ super() }}
{%- endblock body_header -%}
"""
_TEMPLATE_NAME = "site_notebook.html.j2"
_COPY_BUTTON = re.compile(r'<clipboard-copy for="(cell-\d+)",? aria-label="Copy to Clipboard">')

# mkdocs-jupyter's template shows a notice when a copy button copied
_COPIED_NOTICE = """
document.addEventListener("clipboard-copy", (event) => {
  const notice = event.target.querySelector(".notice");
  notice.hidden = false;
  setTimeout(() => { notice.hidden = true; }, 1000);
});
"""

_HEADING_HTML = re.compile(
    r'(?:<p><a id="(?P<anchor>[^"]+)"></a></p>\s*)?<h(?P<level>[1-6]) id="(?P<old>[^"]*)">(?P<body>.*?)</h(?P=level)>', re.S
)


# --------------------------------------------------------------------------- URLs
def rendered_url(uri: str, use_directory_urls: bool = True) -> str:
    """Site URL of the page rendered from ``uri`` (``notebooks/zh/a/b.ipynb``)."""
    stem = uri[: -len(".ipynb")]
    if not use_directory_urls:
        return stem + ".html"
    if posixpath.basename(stem) == "index":
        return posixpath.dirname(stem) + "/"
    return stem + "/"


def rendered_lang(src_uri: str) -> str:
    """``notebooks/en/x/y.ipynb`` -> ``en``."""
    parts = src_uri.split("/")
    return parts[1] if len(parts) > 2 and parts[0] == URL_DIR and parts[1] in LANGS else LANGS[0]


def source_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """``notebooks/en/x/y.ipynb`` -> ``en/x/y/``: the URL of the page it was generated from."""
    lang = rendered_lang(src_uri)
    rest = src_uri.split("/", 2)[2]
    return rendered_url(("" if lang == LANGS[0] else f"{lang}/") + rest, use_directory_urls)


def download_name(stem: str) -> str:
    """File name a browser saves: ``activation_basics-relu.ipynb`` (unique, no folders)."""
    return stem.replace("/", "-") + ".ipynb"


def _download(href: str, stem: str, text: str) -> str:
    return (
        f'<p class="notebook-download"><a href="{href}" download="{download_name(stem)}">'
        f"{text}</a> (<code>{notebook_relpath(stem)}</code>)</p>"
    )


def download_link(stem: str, lang: str, page_url: str) -> str:
    """Raw-HTML download link for the end of a page (MkDocs does not check it)."""
    return "\n\n" + _download(get_relative_url(notebook_url(stem, lang), page_url), stem, ui(lang)["download"]) + "\n"


def index_table(lang: str, page_src_uri: str, page_url: str, docs: Path = DOCS, rendered: bool = False) -> str:
    """Markdown table of every notebook of ``lang``: chapter, page (link), download
    (and, with ``rendered``, a link to the notebook rendered as a site page).

    ``page_src_uri`` (``notebooks.zh.md``) and ``page_url`` locate the page that shows
    the table, so both the Markdown links and the raw-HTML links are relative.
    """
    from snippets._engine.page import parse

    text = ui(lang)
    here_src = posixpath.dirname(page_src_uri) or "."
    head = text["index_head"]
    if rendered:
        head = head.replace(" |\n", f" | {text['index_read']} |\n", 1) + "---|"
    rows = [head]
    for page in notebooks.notebook_pages(lang, docs):
        stem = page_stem(page, docs)
        chapter = stem.split("/")[0] if "/" in stem else ""
        index = notebooks.page_file(f"{chapter}/index", lang, docs)
        chapter_title = (parse(index, docs).title() if index.is_file() else None) or chapter
        title = parse(page, docs).title() or stem
        md = posixpath.relpath(f"{stem}.md", here_src)
        href = get_relative_url(notebook_url(stem, lang), page_url)
        cells = [_cell(chapter_title), f"[{_cell(title)}]({md})",
                 f'<a href="{href}" download="{download_name(stem)}">{notebook_relpath(stem)}</a>']
        if rendered:
            view = get_relative_url(rendered_url(notebook_url(stem, lang), not page_url.endswith(".html")), page_url)
            cells.append(f'<a href="{view}">{text["index_view"]}</a>')
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")  # a table cell's text


def alternates(alternate: list[dict], src_uri: str, use_directory_urls: bool = True) -> list[dict]:
    """Material's language menu (``extra.alternate``) for a rendered notebook: each
    language's entry leads to the same notebook in that language."""
    rest = src_uri.split("/", 2)[2]
    return [
        {**alt, "link": rendered_url(f"{URL_DIR}/{alt['lang']}/{rest}", use_directory_urls)}
        if alt.get("lang") in LANGS else alt
        for alt in alternate
    ]


def head_tags(page_url: str) -> str:
    """What a rendered notebook page adds to its ``<head>``: the Jupyter CSS and script."""
    return (
        f'<link rel="stylesheet" href="{get_relative_url(CSS, page_url)}">\n'
        f'<script src="{get_relative_url(SCRIPT, page_url)}" defer></script>\n'
    )


# --------------------------------------------------------------------------- the notebook shown
_WRITTEN: dict[str, str] = {}  # destination -> digest of the notebook last built there (this process)


class NotebookPage(File):
    """A generated notebook (in memory) that MkDocs builds as a page:
    ``notebooks/<lang>/<chapter>/<page>.ipynb`` -> ``.../<page>/index.html``."""

    def is_documentation_page(self) -> bool:
        return True

    def is_modified(self) -> bool:
        """For ``mkdocs serve --dirty``: an in-memory file counts as modified on every
        rebuild; this page only when its notebook changed since this process built it."""
        return _WRITTEN.get(self.abs_dest_path) != self._digest() or not Path(self.abs_dest_path).is_file()

    def built(self) -> None:
        """Record that this page's notebook is what its destination now shows."""
        _WRITTEN[self.abs_dest_path] = self._digest()

    def _digest(self) -> str:
        return hashlib.sha256(self.content_bytes).hexdigest()


def for_site(nb: nbformat.NotebookNode, lang: str, src_uri: str, use_directory_urls: bool = True) -> nbformat.NotebookNode:
    """A copy of ``nb`` as the site shows it: figure cells show the site's figure SVG
    (light and dark: :func:`snippets._engine.figures.themeable`) as their output
    (the downloadable notebook has none: a reader draws them by running the
    cell), and links to other notebooks (``x.ipynb#a``) go to their
    rendered pages."""
    from snippets._engine.figures import SERVED, URL_DIR as FIGURES, Request

    page_url = rendered_url(src_uri, use_directory_urls)
    here = posixpath.dirname(src_uri)
    out = nbformat.from_dict(nb)

    def link(m: re.Match) -> str:
        url = m.group("url")
        path, _, frag = url.partition("#")
        if re.match(r"^[a-z][a-z0-9+.-]*:|^//|^/", url, re.I) or not path.endswith(".ipynb"):
            return m.group(0)
        target = posixpath.normpath(posixpath.join(here, path))
        new = get_relative_url(rendered_url(target, use_directory_urls), page_url) + (f"#{frag}" if frag else "")
        return f"[{m.group('text')}]({new}{m.group('title') or ''})"

    for i, cell in enumerate(out.cells):
        if cell.cell_type == "markdown":
            cell.source = notebooks.outside_code(cell.source, lambda seg: LINK.sub(link, seg))
            continue
        fig = cell.metadata.get("figure")
        if not fig:
            continue
        snippet, func = fig.split("::")
        after = out.cells[i + 1] if i + 1 < len(out.cells) else None
        m = re.match(r"\*(.+?)\*", after.source) if after is not None and after.cell_type == "markdown" else None
        alt = htmlmod.escape(re.sub(r"[$`]", "", m.group(1)) if m else func, quote=True)
        src = get_relative_url(f"{FIGURES}/{Request(snippet, func, lang, SERVED, src_uri).filename()}", page_url)
        imgs = [f'<img src="{src}#only-{theme}" alt="{alt}" loading="lazy">' for theme in ("light", "dark")]
        html = '<figure class="snippet-figure">\n' + "\n".join(imgs) + "\n</figure>"
        cell.outputs = [v4.new_output("display_data", data={"text/html": html})]
    return out


# --------------------------------------------------------------------------- rendering
@dataclass
class Rendered:
    html: str
    toc: list[dict]  # MkDocs table-of-contents tokens (mkdocs.structure.toc.get_toc)
    title: str | None


class _Highlight:
    """The template's ``highlight_code`` filter: Pygments HTML with the
    ``highlight-ipynb`` class mkdocs-jupyter's CSS expects, followed by the hidden
    source text the cell's copy button copies (a ``<pre>``, as the site's code)."""

    def __init__(self):
        self.count = 0

    def __call__(self, source: str, language: str | None = None, metadata=None) -> str:
        from pygments import highlight
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import get_lexer_by_name

        self.count += 1  # the template numbers the copy buttons the same way
        language = language or "python"
        formatter = HtmlFormatter(cssclass=f"highlight-ipynb hl-{language}")
        code = highlight(source or " ", get_lexer_by_name(language), formatter)
        text = htmlmod.escape(source, quote=False)
        return f'{code}<pre class="clipboard-copy-txt" id="cell-{self.count}">{text}</pre>\n'


def _site_exporter():
    """nbconvert's ``HTMLExporter`` whose Markdown cells write math with the site's
    delimiters, in the ``arithmatex`` elements the site's pages use: ``\\(..\\)``
    and ``\\[..\\]`` instead of nbconvert's ``$..$`` and ``$$..$$``, so the build
    renders them like the pages' formulas (:mod:`snippets._engine.tex`; ``$`` is no
    delimiter there: prose may hold a dollar sign). ``markdown2html`` is
    ``HTMLExporter.markdown2html`` (nbconvert 7) with this renderer."""
    from jinja2 import pass_context
    from nbconvert.exporters.html import HTMLExporter
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

    class SiteMath(IPythonRenderer):
        def inline_math(self, body: str) -> str:
            return f'<span class="arithmatex">\\({self.escape_html(body)}\\)</span>'

        def block_math(self, body: str) -> str:
            # a span: nbconvert puts display math inside the paragraph around it
            return f'<span class="arithmatex">\\[{self.escape_html(body)}\\]</span>'

        def latex_environment(self, name: str, body: str) -> str:
            return self.block_math(f"\\begin{{{name}}}{body}\\end{{{name}}}")

    class SiteExporter(HTMLExporter):
        @pass_context
        def markdown2html(self, context, source):
            cell = context.get("cell", {})
            renderer = SiteMath(
                escape=False,
                attachments=cell.get("attachments", {}),
                embed_images=self.embed_images,
                path=context.get("resources", {}).get("metadata", {}).get("path", ""),
                anchor_link_text=self.anchor_link_text,
                exclude_anchor_links=self.exclude_anchor_links,
                **self.lexer_options,
            )
            return MarkdownWithMath(renderer=renderer).render(source)

        def from_notebook_node(self, nb, resources=None, **kw):
            # HTMLExporter.from_notebook_node (nbconvert 7.17, pinned) without its
            # last step, which re-parses the whole page with BeautifulSoup's
            # html.parser only to give <img> without alt a placeholder (every image
            # of ours has its alt) and the input and output areas tabindex="0" (done
            # here on the template's own markup, :data:`_FOCUSABLE`): ~25 of the
            # ~40 CPU-s a cold build spent in nbconvert. Same filters as its method.
            from nbconvert.exporters.templateexporter import TemplateExporter
            from nbconvert.filters.highlight import Highlight2HTML
            from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            self.register_filter("highlight_code", self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return _FOCUSABLE.sub(r'\1 tabindex="0">', html), resources

    return SiteExporter


# nbconvert's lab template writes each cell's input area and each output area as
# <div class="... jp-Cell-inputWrapper|jp-OutputArea-output ..." ...>: keyboard users
# reach (and scroll) them with tabindex="0", as HTMLExporter's own pass sets it
_FOCUSABLE = re.compile(r'(<div class="(?:[^"]* )?jp-(?:Cell-inputWrapper|OutputArea-output)(?: [^"]*)?"[^>]*)>')


class Renderer:
    """Notebook -> page HTML and table of contents, with one nbconvert exporter
    (its Jinja templates compiled once) and a content-keyed cache.

    ``options`` are the mkdocs-jupyter plugin's options from mkdocs.yml."""

    def __init__(self, options: dict):
        from jinja2 import DictLoader
        from mkdocs_jupyter.config import settings
        from traitlets.config import Config

        bad = {k: options[k] for k, default in _UNSUPPORTED.items() if options.get(k, default) != default}
        if bad:
            raise ValueError(f"mkdocs.yml: mkdocs-jupyter options not supported by the site's notebook pages: {bad}")
        self.options = {k: options.get(k, d) for k, d in
                        (("theme", ""), ("no_prompt", False), ("show_input", True), ("no_input", False),
                         ("toc_depth", 6))}
        o = self.options
        no_prompt = o["no_prompt"] or o["no_input"]
        self._highlight = _Highlight()
        self.exporter = _site_exporter()(
            config=Config({"TemplateExporter": {
                "exclude_input": o["no_input"] or not o["show_input"],
                "exclude_input_prompt": no_prompt,
                "exclude_output_prompt": no_prompt,
            }}),
            template_file=_TEMPLATE_NAME,
            extra_loaders=[DictLoader({_TEMPLATE_NAME: _TEMPLATE})],
            extra_template_paths=[settings.templates_dir],
            filters={"highlight_code": self._highlight},
            theme=o["theme"] or "light",
        )
        self._key = fingerprint((Path(__file__),), ("mkdocs-jupyter", "nbconvert", "pygments", "mistune", "jinja2"))

    def render(self, nb: nbformat.NotebookNode, src_uri: str, use_directory_urls: bool = True) -> Rendered:
        """The page body of ``nb`` (:func:`for_site`'s copy), shown at ``src_uri``."""
        lang = rendered_lang(src_uri)
        stem = src_uri.split("/", 2)[2][: -len(".ipynb")]
        href = get_relative_url(src_uri, rendered_url(src_uri, use_directory_urls))
        download = _download(href, stem, ui(lang)["download_this"])
        source = notebooks.dumps(nb)
        key = hashlib.sha256("\n".join([self._key, json.dumps(self.options, sort_keys=True), download, source]).encode())
        path = cache_dir("notebook-html") / f"{key.hexdigest()[:32]}.json"
        try:
            return Rendered(**json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            pass
        self._highlight.count = 0
        body, _ = self.exporter.from_notebook_node(nb, resources={"site": {"download": download}})
        # the copy buttons with the attributes their script would set on load (each
        # change restyled the whole page: a long task on a phone), named in the
        # page's language; the template's stray comma dropped
        label = htmlmod.escape(ui(lang)["copy"], quote=True)
        body = _COPY_BUTTON.sub(f'<clipboard-copy for="\\1" aria-label="{label}" tabindex="0" role="button">', body)
        body, toc = fix_rendered_headings(body, self.options["toc_depth"])
        title = next((t["name"] for t in toc if t["level"] == 1), None)
        done = Rendered(body, toc, title)
        write_atomic(path, json.dumps(done.__dict__).encode("utf-8"))
        return done

    def jupyter_css(self) -> str:
        """JupyterLab's CSS as mkdocs-jupyter's template would inline it (unpruned)."""
        from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
        from pygments.formatters import HtmlFormatter

        env = self.exporter.environment
        theme = "dark" if self.options["theme"] == "dark" else "light"
        css = [env.loader.get_source(env, f"mkdocs_html/assets/{name}")[0] for name in ("index.css", f"theme-{theme}.css")]
        # Pygments' classes in nbconvert's style, last (mkdocs-jupyter appended them after the page)
        css.append(HtmlFormatter(style=CSSHTMLHeaderPreprocessor().style).get_style_defs(".highlight-ipynb"))
        return "\n".join(css)

    def assets(self) -> dict[str, str]:
        """The site file every notebook page links (:func:`head_tags`) that can be
        written before the pages: the copy-button script. The stylesheet, :data:`CSS`,
        depends on the pages and is written after them (:func:`write_css`)."""
        env = self.exporter.environment
        js = env.loader.get_source(env, "mkdocs_html/assets/clipboard.umd.js")[0]
        return {SCRIPT: js + _COPIED_NOTICE}


def classes_on_pages(site: Path) -> frozenset[str]:
    """Every class a rendered notebook page under ``site`` has in its markup."""
    used: set[str] = set()
    for page in (site / URL_DIR).rglob("*.html"):
        for attr in re.findall(r'class="([^"]*)"', page.read_text(encoding="utf-8")):
            used.update(attr.split())
    return frozenset(used)


def write_css(site: Path, renderer: "Renderer") -> None:
    """Write the notebook pages' stylesheet into the built ``site``: JupyterLab's CSS
    (:meth:`Renderer.jupyter_css`) with only the rules that can match one of its
    rendered notebook pages (:func:`prune_css` with :func:`classes_on_pages`).
    Called once every language is built (a language build writes the site files
    before the next language's pages exist). About 17 KB of the 589 KB: the rest
    styles the JupyterLab application and output types (widgets, LaTeX, errors, ...)
    no notebook of the site has; a notebook that gains one gets its rules back on the
    next build. No rendered notebook page, no stylesheet."""
    used = classes_on_pages(site)
    if used:
        write_atomic(site / CSS, pruned_css(renderer.jupyter_css(), used).encode("utf-8"))


def pruned_css(css: str, used: frozenset[str]) -> str:
    """:func:`prune_css`, cached by content in ``.cache/notebook-html`` (parsing the
    stylesheet takes ~1 s: every build, and each rebuild of ``mkdocs serve``, asks)."""
    key = hashlib.sha256("\n".join([fingerprint((Path(__file__),), ("tinycss2",)), css,
                                    " ".join(sorted(used))]).encode()).hexdigest()[:32]
    path = cache_dir("notebook-html") / f"{key}.css"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = prune_css(css, used)
        write_atomic(path, text.encode("utf-8"))
        return text


# class prefixes of JupyterLab's application toolkits: Blueprint (``bp3-``: menus,
# buttons, dialogs), Lumino (``lm-``: panels, tabs) and Lumino's former name
# PhosphorJS (``p-``). nbconvert's static HTML uses none of them (a built-site test
# checks the rendered notebook pages' classes against this).
UNSHOWN_CLASSES = re.compile(r"\.(?:bp3|lm|p)-[\w-]")


def _selectors(prelude: list) -> list[list]:
    """A rule's selector list split at its top-level commas."""
    parts: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


_NOT = re.compile(r":not\([^()]*\)")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")


def _shown(selector: str, used: "frozenset[str] | None") -> bool:
    """Whether ``selector`` can match on a page: it needs no class of
    :data:`UNSHOWN_CLASSES` and, given the classes ``used`` on the pages, none
    outside ``used`` (a class inside ``:not()`` needs nothing)."""
    if UNSHOWN_CLASSES.search(selector):
        return False
    return used is None or set(_CLASS.findall(_NOT.sub("", selector))) <= used


def prune_css(css: str, used: "frozenset[str] | None" = None) -> str:
    """``css`` without the selectors that need a class of :data:`UNSHOWN_CLASSES`
    or, given ``used`` (the classes the pages have), a class no page has (a rule
    left with none goes, an emptied ``@media`` too) and without the custom
    properties (``--x: ...``) and ``@keyframes`` that no remaining ``var(--x)`` or
    ``animation`` reads, repeated until none is left to drop (a property read only
    by a dropped one goes as well)."""
    import tinycss2

    def rules(nodes, keep_var, keep_frames) -> list[str]:
        out = []
        for node in nodes:
            if node.type == "qualified-rule":
                kept = [s for s in _selectors(node.prelude) if _shown(tinycss2.serialize(s), used)]
                if not kept:
                    continue
                body = tinycss2.parse_declaration_list(node.content, skip_comments=True, skip_whitespace=True)
                if all(d.type == "declaration" for d in body):
                    decls = [d for d in body if not d.name.startswith("--") or keep_var(d.name)]
                    if not decls:
                        continue
                    content = ";".join(f"{d.name}:{tinycss2.serialize(d.value).strip()}"
                                       + ("!important" if d.important else "") for d in decls)
                else:  # something this function does not read: kept as it is
                    content = tinycss2.serialize(node.content)
                out.append(",".join(tinycss2.serialize(s).strip() for s in kept) + "{" + content + "}")
            elif node.type == "at-rule" and node.lower_at_keyword.endswith("keyframes") and not keep_frames(
                    tinycss2.serialize(node.prelude).strip()):
                continue
            elif node.type == "at-rule" and node.content is not None and node.lower_at_keyword in ("media", "supports"):
                inner = rules(tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True), keep_var,
                              keep_frames)
                if inner:
                    out.append(f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}{{{''.join(inner)}}}")
            elif node.type not in ("whitespace", "comment"):
                out.append(tinycss2.serialize([node]))
        return out

    nodes = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    text = "".join(rules(nodes, lambda name: True, lambda name: True))
    while True:
        read = set(re.findall(r"var\(\s*(--[\w-]+)", text))
        # animation names: every word of an animation / animation-name value
        frames = {w for v in re.findall(r"animation(?:-name)?\s*:([^;}]*)", text) for w in re.findall(r"[\w-]+", v)}
        pruned = "".join(rules(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True),
                               lambda name: name in read, lambda name: name in frames))
        if pruned == text:
            return text
        text = pruned


def fix_rendered_headings(html: str, toc_depth: int = 6) -> tuple[str, list[dict]]:
    """Give each heading of a rendered notebook the site's id (the ``<a id>`` the
    generator put before it; nbconvert's own ids are empty for Chinese headings) and
    return the table-of-contents tokens for those ids."""
    flat: list[dict] = []

    def fix(m: re.Match) -> str:
        new = m.group("anchor") or m.group("old")
        body = m.group("body").replace(f'href="#{m.group("old")}"', f'href="#{new}"', 1)
        # text as BeautifulSoup would print it: character references decoded, & < > escaped
        text = htmlmod.unescape(re.sub(r"<[^>]+>", "", re.sub(r"(?:¶|&#182;|&para;)</a>", "</a>", body)))
        name = htmlmod.escape(text, quote=False).strip()
        level = int(m.group("level"))
        if level <= toc_depth:
            flat.append({"level": level, "id": new, "name": name, "children": []})
        return f'<h{m.group("level")} id="{new}">{body}</h{m.group("level")}>'

    html = _HEADING_HTML.sub(fix, html)
    tokens: list[dict] = []
    stack: list[dict] = []
    for tok in flat:
        while stack and stack[-1]["level"] >= tok["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(tok)
        stack.append(tok)
    return html, tokens


_RENDERERS: dict[str, Renderer] = {}


def renderer(options: dict) -> Renderer:
    """The process's renderer for these mkdocs-jupyter options (built once: each
    language's build and every rebuild while serving reuse its compiled templates)."""
    key = json.dumps(options, sort_keys=True, default=repr)
    if key not in _RENDERERS:
        _RENDERERS[key] = Renderer(options)
    return _RENDERERS[key]
