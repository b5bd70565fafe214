"""The site to take away: a copy that works from ``file://`` and one PDF per language.

    python scripts/offline.py zip            # dist/site-offline.zip
    python scripts/offline.py pdf            # dist/activations-losses-zh.pdf, -en.pdf
    python scripts/offline.py all            # both, from one build
    options: --out DIR (default dist/), -f CONFIG (default mkdocs.yml),
             --site DIR (print or zip an offline copy built before instead of building),
             --chapters a,b (only these chapters, for a quick look)

(``bash scripts/site.sh offline|pdf|dist`` run the same.) The offline copy is the
strict MkDocs build with ``OFFLINE=true``: Material's ``offline`` plugin (links to
``page.html`` files, the search index as a script) plus what the hook adds for it
(``scripts/mkdocs_hooks.py``: the vendored iframe-worker shim, each language's index
as ``search_index.js``). Unzipped, ``index.html`` opens in a browser without a server.

The PDFs are printed from that copy by headless chromium (Debian's, as in the
browser tests), so every page looks as it does on the site: MathML formulas rendered
by the site's own script, the light figures, highlighted code and outputs. For each
language, one tab opens every page of the nav in order, waits until its formulas are
rendered, its figures decoded and its fonts ready, and keeps the page's article.
Then the book is printed part by part (a cover with the table of contents, then each
chapter: a title page listing its pages, then the pages) and pypdf joins the parts,
turns links between pages into links inside the PDF (links elsewhere go to the
published site when ``SITE_URL`` is set, else they are dropped), writes the outline
(chapters and pages) and stamps the page numbers. Chinese text is set in Noto Sans
CJK SC (Debian's fonts-noto-cjk; the emoji of the verification page need
fonts-noto-color-emoji; the CI set-up installs both). A PDF with a font that is not
embedded or a glyph drawn as .notdef (an empty box) is refused (``font_problems``).

Not mkdocs-print-site-plugin (2.9): with mkdocs-static-i18n it writes both
languages' print page to the same ``print_page.html`` (the English build overwrote
the Chinese one), and it warns in strict mode because MkDocs puts the hook after it
in the plugin list. Not WeasyPrint (mkdocs-to-pdf): it runs no JavaScript, so the
formulas would stay raw TeX, and it needs Pango from the system.
"""
from __future__ import annotations

import argparse
import html
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ZIP_NAME = "site-offline.zip"
ZIP_TOP = "activations-losses"  # the folder the zip unpacks to
PDF_NAME = "activations-losses-{lang}.pdf"


# --------------------------------------------------------------------------- build and zip
def build(config: Path, site: Path) -> float:
    """Strict build of the offline copy into ``site``; returns the seconds it took."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "--site-dir", str(site)],
        cwd=ROOT, env={**os.environ, "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True,
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-8000:])
        raise SystemExit(f"the offline build failed (mkdocs build --strict -f {config}, OFFLINE=true)")
    return time.perf_counter() - start


def make_zip(site: Path, dest: Path) -> None:
    """``site`` as ``dest``, unpacking to one folder, ``activations-losses/``."""
    tmp = dest.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(site.rglob("*")):
            if path.is_file():
                zf.write(path, f"{ZIP_TOP}/{path.relative_to(site).as_posix()}")
    os.replace(tmp, dest)


def subset_config(chapters: list[str], workdir: Path) -> Path:
    """A config that builds only ``chapters`` (``scripts/build_chapter.py``'s stub
    pages for the others) with the nav kept for them and the top-level pages: what
    the tests build, in a fraction of the whole site's time."""
    import yaml

    from scripts.build_chapter import make_config
    from snippets._engine.config import mkdocs_config

    nav = []
    for item in mkdocs_config(ROOT / "mkdocs.yml")["nav"]:
        target = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(target, str) and "/" not in target:
            nav.append(item)
        elif isinstance(target, list) and all(str(p).split("/")[0] in chapters for p in target):
            nav.append(item)
    path = make_config(chapters, workdir)
    cfg = yaml.safe_load(path.read_text(encoding="utf-8"))
    cfg["nav"] = nav
    for plugin in cfg["plugins"]:
        if isinstance(plugin, dict) and "offline" in plugin:
            plugin["offline"]["enabled"] = True  # this config is for offline copies only
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the book's pages
def book_chapters(config: Path, lang: str) -> list[tuple[str, list[str]]]:
    """The nav as (chapter title in ``lang``, [pages' built paths]); a top-level page
    is a chapter of one page."""
    from snippets._engine.config import mkdocs_config

    cfg = mkdocs_config(config)
    default, translations = None, {}
    for plugin in cfg.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            for entry in plugin["i18n"]["languages"]:
                if entry.get("default"):
                    default = entry["locale"]
                if entry["locale"] == lang:
                    translations = entry.get("nav_translations") or {}
    prefix = "" if lang == default else f"{lang}/"

    def built(doc: str) -> str:
        return prefix + doc.removesuffix(".md") + ".html"

    chapters = []
    for item in cfg.get("nav") or []:
        (title, target), = item.items() if isinstance(item, dict) else ((None, item),)
        pages = target if isinstance(target, list) else [target]
        docs = [p if isinstance(p, str) else next(iter(p.values())) for p in pages]
        chapters.append((translations.get(title, title) or "", [built(d) for d in docs]))
    return chapters


# Runs in each page once it has loaded: formulas rendered, figures decoded, fonts ready.
_READY = """async () => {
  for (const img of document.images) img.loading = "eager";
  const shown = [...document.querySelectorAll("article img")].filter(i => i.getClientRects().length);
  await Promise.all(shown.map(i => i.decode().catch(() => { throw new Error("figure not loaded: " + i.src); })));
  await document.fonts.ready;
  return [...document.querySelectorAll(".arithmatex")].filter(e => !e.querySelector("math")).length;
}"""

# The page's article, with addresses made absolute and ids made unique in the book.
_ARTICLE = """(n) => {
  const art = document.querySelector("article.md-content__inner").cloneNode(true);
  art.querySelectorAll(".md-content__button, .md-source-file, a.headerlink").forEach(e => e.remove());
  // the folded whole file repeats the example with its plotting code: on the site only;
  // every other collapsed block (answers, details) is printed open
  art.querySelectorAll("details.example").forEach(e => e.remove());
  art.querySelectorAll("details").forEach(e => e.open = true);
  for (const e of art.querySelectorAll("[src]")) e.setAttribute("src", new URL(e.getAttribute("src"), location.href).href);
  for (const e of art.querySelectorAll("[href]")) e.setAttribute("href", new URL(e.getAttribute("href"), location.href).href);
  for (const e of art.querySelectorAll("[id]")) e.id = `p${n}-${e.id}`;
  for (const e of art.querySelectorAll("label[for]")) e.htmlFor = `p${n}-${e.htmlFor}`;
  for (const e of art.querySelectorAll("input[name]")) e.name = `p${n}-${e.name}`;
  const h1 = art.querySelector("h1");
  return {html: art.innerHTML, title: (h1 ? h1.textContent : document.title).replace("¶", "").trim(),
          url: location.href.split("#")[0]};
}"""

# In the book: a link to a page of the book goes to it, another one to the site.
# In a part of the book: a link to a page of the book becomes BOOK_LINK + its number
# (made a link inside the PDF once the parts are joined), another one a link to the
# site (or no link without SITE_URL).
BOOK_LINK = "https://book.invalid/p"
_LINKS = """([pages, online, prefix]) => {
  for (const a of document.querySelectorAll("#book a[href^='file:']")) {
    const [url, frag] = a.getAttribute("href").split("#");
    const n = pages[url];
    if (n !== undefined) a.setAttribute("href", prefix + n);
    else if (online[url]) a.setAttribute("href", online[url] + (frag ? "#" + frag : ""));
    else a.removeAttribute("href");
  }
}"""

_BOOK_CSS = """
.md-header, .md-tabs, .md-sidebar, .md-footer, .md-top, .md-dialog, .md-search,
.verification-footer, .md-source-file { display: none !important; }
.md-main__inner { margin: 0 !important; }
.md-content { max-width: none !important; margin: 0 !important; }
.md-typeset { font-size: 10pt; }
.book-break { break-before: page; }
.book-cover h1 { font-size: 2.2em; margin: 3em 0 .4em; }
.book-cover .book-sub { font-size: 1.2em; color: #555; margin-bottom: 3em; }
.md-typeset .book-toc ol { list-style: none; margin: 0; padding-left: 0; }
.md-typeset .book-toc > ol > li { margin: .7em 0 .2em; font-weight: 700; }
.md-typeset .book-toc ol ol { padding-left: 1.5em; font-weight: 400; }
.md-typeset .book-toc ol ol li { margin: .1em 0; }
.md-typeset .book-toc a { color: inherit; text-decoration: none; }
.book-chapter h1 { font-size: 2em; margin-top: 6em; }
.md-typeset pre > code { white-space: pre-wrap; word-break: break-all; }
"""
# Chinese text in Noto Sans CJK SC (the Latin letters too: one consistent face)
_FONT_CSS = {
    "zh": ':root { --md-text-font-family: "Noto Sans CJK SC", sans-serif; '
          '--md-code-font-family: "DejaVu Sans Mono", monospace, "Noto Sans Mono CJK SC"; }',
    "en": ':root { --md-code-font-family: "DejaVu Sans Mono", monospace, "Noto Sans Mono CJK SC"; }',
}
_CONTENTS = {"zh": "目录", "en": "Contents"}
_MARGIN = {"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"}


def _online(url_path: str, site_url: str) -> str:
    """The published address of a built file (directory URLs, as the site is published)."""
    if url_path.endswith("index.html"):
        url_path = url_path[: -len("index.html")]
    elif url_path.endswith(".html"):
        url_path = url_path[: -len(".html")] + "/"
    return site_url.rstrip("/") + "/" + url_path


def log(message: str) -> None:
    if os.environ.get("OFFLINE_VERBOSE"):
        print(message, file=sys.stderr, flush=True)


def _language(config: Path, lang: str) -> tuple[str, str]:
    """(site name, description) in ``lang``."""
    from snippets._engine.config import mkdocs_config

    cfg = mkdocs_config(config)
    name, tagline = cfg["site_name"], cfg.get("site_description", "")
    for plugin in cfg.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            for entry in plugin["i18n"]["languages"]:
                if entry["locale"] == lang:
                    name, tagline = entry.get("site_name", name), entry.get("site_description", tagline)
    return name, tagline


def print_book(browser, site: Path, config: Path, lang: str, dest: Path) -> dict:
    """Print ``lang``'s book from the offline copy ``site`` into ``dest``.

    One print of the whole book (about 550 pages) did not finish within 5 minutes
    on this project's busy 2-core machine; printed chapter by chapter it takes about
    2.5 minutes, says how far it got and keeps chromium's memory bounded. pypdf
    joins the parts; links between pages, the outline (chapters and pages) and the
    page numbers are added then."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, NameObject, NullObject

    start = time.perf_counter()
    chapters = book_chapters(config, lang)
    site_name, tagline = _language(config, lang)
    context = browser.new_context(color_scheme="light", viewport={"width": 1100, "height": 1400})
    problems: list[str] = []
    tab = context.new_page()
    tab.on("pageerror", lambda e: problems.append(f"{tab.url}: {e}"))
    tab.on("console", lambda m: problems.append(f"{tab.url}: {m.text}") if m.type == "error" else None)
    tab.on("request", lambda r: None if r.url.startswith(("file:", "data:", "blob:"))
           else problems.append(f"{tab.url}: request to {r.url}"))
    articles, toc = [], []
    for title, pages in chapters:
        entries = []
        for rel in pages:
            path = site / rel
            if not path.is_file():
                raise SystemExit(f"{path}: a page of the nav is missing from the offline copy")
            tab.goto(path.as_uri(), wait_until="load")
            raw = tab.evaluate(_READY)
            if raw:
                problems.append(f"{rel}: {raw} formula(s) not rendered as MathML")
            art = tab.evaluate(_ARTICLE, len(articles))
            articles.append(art)
            entries.append(f'<li><a href="{BOOK_LINK}{len(articles) - 1}">{html.escape(art["title"])}</a></li>')
            log(f"  {lang}: {len(articles)} pages read ({rel}, {time.perf_counter() - start:.0f} s)")
        toc.append((title, entries))
    if problems:
        raise SystemExit("printing the book failed:\n" + "\n".join(problems[:20]))
    # the parts: the cover with the contents, then each chapter (its title page, if
    # it has several pages, listing them); a hidden link to each page's start makes
    # chromium write it as a named destination, p<n>, which says where the page starts
    cover = [f'<section class="book-cover"><h1>{html.escape(site_name)}</h1>'
             f'<p class="book-sub">{html.escape(tagline)}</p></section>',
             f'<section class="book-toc"><h2>{_CONTENTS.get(lang, "Contents")}</h2><ol>']
    cover += [f"<li>{html.escape(t)}<ol>{''.join(e)}</ol></li>" for t, e in toc]
    cover.append("</ol></section>")
    parts, n = [("", "".join(cover), [])], 0
    for (title, pages), (_, entries) in zip(chapters, toc):
        body, numbers = [], []
        if len(pages) > 1:
            body.append(f'<section class="book-chapter"><h1>{html.escape(title)}</h1><ol>{"".join(entries)}</ol></section>')
        for _ in pages:
            body.append(f'<section class="book-page{" book-break" if body else ""}" id="p{n}">'
                        f'<a href="#p{n}" style="position:absolute;font-size:1px;color:transparent">.</a>'
                        f'{articles[n]["html"]}</section>')
            numbers.append(n)
            n += 1
        parts.append((title, "".join(body), numbers))
    pages_map = {art["url"]: i for i, art in enumerate(articles)}
    site_url = os.environ.get("SITE_URL", "")
    online = {}
    if site_url:
        for path in site.rglob("*.html"):
            online[path.as_uri()] = _online(path.relative_to(site).as_posix(), site_url)
    tab.goto((site / chapters[0][1][0]).as_uri(), wait_until="load")  # the language's home page: its head
    tab.evaluate("""(css) => {
      document.querySelector("article.md-content__inner").id = "book";
      const style = document.createElement("style"); style.textContent = css; document.head.append(style);
    }""", _BOOK_CSS + _FONT_CSS.get(lang, ""))
    tab.emulate_media(media="print")
    writer = PdfWriter()
    starts: dict[int, int] = {}
    chapter_starts = []
    for title, body, numbers in parts:
        tab.evaluate("(body) => { document.getElementById('book').innerHTML = body; }", body)
        tab.evaluate(_LINKS, [pages_map, online, BOOK_LINK])
        tab.evaluate(_READY)
        data = tab.pdf(format="A4", print_background=True, margin=_MARGIN,
                       tagged=os.environ.get("PDF_TAGGED") == "1")
        reader = PdfReader(io.BytesIO(data))
        offset = len(writer.pages)
        for name, target in reader.named_destinations.items():
            if name.lstrip("/").startswith("p") and name.lstrip("/")[1:].isdigit():
                starts[int(name.lstrip("/")[1:])] = offset + reader.get_destination_page_number(target)
        writer.append(reader, import_outline=False)
        chapter_starts.append((title, offset, numbers))
        log(f"  {lang}: {title or 'cover'} printed, {len(reader.pages)} pages ({time.perf_counter() - start:.0f} s)")
    context.close()
    if problems:
        raise SystemExit("printing the book failed:\n" + "\n".join(problems[:20]))
    missing = [i for i in range(len(articles)) if i not in starts]
    if missing:
        raise SystemExit(f"printing the book failed: no start found for pages {missing}")
    # links between pages, as links inside the PDF
    for page in writer.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            uri = str(action.get_object().get("/URI", "")) if action is not None else ""
            if uri.startswith(BOOK_LINK):
                target = writer.pages[starts[int(uri[len(BOOK_LINK):])]]
                del annot[NameObject("/A")]
                annot[NameObject("/Dest")] = ArrayObject([target.indirect_reference, NameObject("/XYZ"),
                                                          NullObject(), NullObject(), NullObject()])
    # the outline: chapters, their pages
    for title, offset, numbers in chapter_starts[1:]:
        if len(numbers) == 1:
            writer.add_outline_item(title=title or articles[numbers[0]]["title"], page_number=starts[numbers[0]])
            continue
        parent = writer.add_outline_item(title=title, page_number=offset)
        for i in numbers:
            writer.add_outline_item(title=articles[i]["title"], page_number=starts[i], parent=parent)
    _number_pages(browser, writer, site_name)
    for page in writer.pages:  # the stamped pages' content is written uncompressed
        page.compress_content_streams()
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    writer.add_metadata({"/Title": site_name, "/Subject": tagline})
    writer.page_mode = "/UseOutlines"
    tmp = dest.with_suffix(".pdf.tmp")
    with open(tmp, "wb") as fh:
        writer.write(fh)
    problems += font_problems(tmp)
    if problems:
        raise SystemExit(f"printing the book failed ({tmp} kept):\n" + "\n".join(problems[:20]))
    os.replace(tmp, dest)
    return {"lang": lang, "pages": len(PdfReader(dest).pages), "bytes": dest.stat().st_size,
            "seconds": time.perf_counter() - start}


def _number_pages(browser, writer, site_name: str) -> None:
    """Stamp "n / total" at the foot of every page after the first, and the book's
    name at the head: one PDF of numbered blank pages, printed by chromium, laid over."""
    from pypdf import PdfReader

    total = len(writer.pages)
    style = "position:absolute;left:0;right:0;text-align:center;font:8pt 'DejaVu Sans',sans-serif;color:#666"
    sheets = "".join(
        f'<div style="position:relative;height:297mm;break-after:page">'
        f'<div style="{style};top:6mm">{html.escape(site_name)}</div>'
        f'<div style="{style};bottom:7mm">{i} / {total}</div></div>'
        for i in range(1, total + 1))
    page = browser.new_page()
    page.set_content(f"<html><body style='margin:0'>{sheets}</body></html>")
    numbers = PdfReader(io.BytesIO(page.pdf(format="A4", margin={"top": "0", "bottom": "0", "left": "0", "right": "0"})))
    page.close()
    for i, target in enumerate(writer.pages):
        if i:  # the cover goes without
            target.merge_page(numbers.pages[i])


def _glyph_names(font) -> dict[int, str]:
    """A Type 3 font's code -> glyph name (chromium names a glyph g<id in hex>)."""
    names, code = {}, 0
    encoding = font.get("/Encoding")
    for item in (encoding.get_object().get("/Differences", []) if encoding is not None else []):
        if isinstance(item, int):
            code = item
        else:
            names[code] = str(item)
            code += 1
    return names


_STRING = rb"<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)"
_TEXT_OPS = re.compile(rb"/([^\s/<>\[\]()]+)\s+[-\d.]+\s+Tf|(" + _STRING + rb")\s*(?:Tj|')|\[((?:" + _STRING + rb"|[^\]<(])*)\]\s*TJ")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _string_bytes(token: bytes) -> bytes:
    """A PDF string token (``<hex>`` or ``(literal)``) as bytes."""
    if token.startswith(b"<"):
        return bytes.fromhex(re.sub(rb"\s", b"", token[1:-1]).decode())

    def unescape(m):
        e = m.group(1)
        if e[:1].isdigit():
            return bytes([int(e, 8) & 0xFF])
        return _ESCAPES.get(e, e if e not in (b"\n", b"\r") else b"")

    return re.sub(rb"\\([0-7]{1,3}|.)", unescape, token[1:-1], flags=re.S)


def font_problems(pdf: Path) -> list[str]:
    """Fonts that are not embedded, and glyphs drawn as .notdef (a character no font
    had, shown as an empty box): one line each, naming the page and the font.
    The text operators are read with a regular expression, in a fraction of pypdf's
    content-stream parser's time."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    problems: set[str] = set()
    glyphs: dict[int, dict[int, str]] = {}

    def font_name(font) -> str:
        desc = font.get("/FontDescriptor")
        if desc is None and "/DescendantFonts" in font:
            desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
        return str(desc.get_object().get("/FontName") if desc is not None else font.get("/BaseFont"))

    def check(resources, data: bytes, number: int):
        fonts = {str(name)[1:]: ref.get_object() for name, ref in (resources.get("/Font") or {}).items()}
        for font in fonts.values():
            kind = font.get("/Subtype")
            if kind == "/Type3":
                continue  # its glyphs are drawings inside the file
            desc = font["/DescendantFonts"][0].get_object() if kind == "/Type0" else font
            descriptor = desc.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.add(f"page {number}: font {font.get('/BaseFont')} is not embedded")
        current = None
        for m in _TEXT_OPS.finditer(data):
            if m.group(1):
                current = fonts.get(m.group(1).decode("latin-1"))
                continue
            if current is None:
                continue
            tokens = [m.group(2)] if m.group(2) is not None else re.findall(_STRING, m.group(3))
            for token in tokens:
                raw = _string_bytes(token)
                if current.get("/Subtype") == "/Type0":  # Identity-H: a two-byte code is a glyph id
                    bad = [i for i in range(0, len(raw) - 1, 2) if raw[i : i + 2] == b"\0\0"]
                else:  # Type 3: code -> glyph name, g<glyph id in hex>; g0 is .notdef
                    key = id(current)
                    names = glyphs[key] if key in glyphs else glyphs.setdefault(key, _glyph_names(current))
                    bad = [c for c in raw if names.get(c) == "/g0"]
                if bad:
                    problems.add(f"page {number}: missing glyph (.notdef) in font {font_name(current)}")
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                check(xobject["/Resources"].get_object(), xobject.get_data(), number)

    for number, page in enumerate(reader.pages, 1):
        contents = page.get_contents()
        if contents is not None:
            check(page.get("/Resources", {}).get_object(), contents.get_data(), number)
    return sorted(problems)


def print_books(site: Path, config: Path, out: Path, langs: list[str]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: the PDFs are printed by Debian's chromium (apt-get install chromium fonts-noto-cjk)")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"],
        )
        try:
            return [print_book(browser, site, config, lang, out / PDF_NAME.format(lang=lang)) for lang in langs]
        finally:
            browser.close()


def main() -> int:
    from snippets._engine.config import languages

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("what", choices=["zip", "pdf", "all"])
    ap.add_argument("--out", type=Path, default=ROOT / "dist")
    ap.add_argument("-f", "--config", type=Path, default=ROOT / "mkdocs.yml")
    ap.add_argument("--site", type=Path, help="an offline copy built before (skips the build)")
    ap.add_argument("--chapters", help="only these chapters (comma-separated), for a quick look")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="offline-site-", dir=ROOT) as tmp:
        if args.chapters:
            args.config = subset_config(args.chapters.split(","), Path(tmp) / "config")
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            print(f"offline build: {build(args.config, site):.1f} s", flush=True)
        if args.what in ("zip", "all"):
            start = time.perf_counter()
            make_zip(site, args.out / ZIP_NAME)
            size = (args.out / ZIP_NAME).stat().st_size
            print(f"{args.out / ZIP_NAME}: {size / 1e6:.1f} MB ({time.perf_counter() - start:.1f} s)", flush=True)
        if args.what in ("pdf", "all"):
            for info in print_books(site, args.config, args.out, languages()):
                print(f"{args.out / PDF_NAME.format(lang=info['lang'])}: {info['pages']} pages, "
                      f"{info['bytes'] / 1e6:.1f} MB ({info['seconds']:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
