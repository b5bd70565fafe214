"""The site's rules, each written once and applied to every page (``tests/test_pages.py``).

Every rule is a plain function that returns problems as ``file:line: message``
strings (an empty list when the rule holds), so a contributor reads where to
look and what to change. The inputs are explicit (pages, snippet files, nav
entries), so the fault-injection tests can hand a rule a broken copy.

Page rules (every page, or every zh/en pair):

* ``parity``: zh and en have the same heading levels in the same order, include
  the same files, show the same figures, have the same number of display
  formulas with the same TeX (words in ``\\text{}`` aside), quote the same set of
  numbers, and title their output blocks with their language's UI string;
* ``numbers``: every number in the prose (outside code, math, link targets) is
  one the page shows, in printed output or in its code, or is exempt in
  ``tests/number_exemptions.yml`` (with a reason);
* ``outputs``: an included snippet is followed by its golden output.

Site rules (with ``catalog.missing_translations``: every page exists in both
languages): every page is in the nav; every nav
entry exists; every snippet and its output are included by some page in every
language; every figure function is shown and every figure names a real one;
every ``nn.<Class>`` section of a chapter is a linked row of that chapter's
index table; every snippet follows the snippet rules (no explicit device, no
repository helper or unusual import, matplotlib imported inside figure
functions, no ``__file__``).
"""
from __future__ import annotations

import ast
import fnmatch
import posixpath
import re
import sys
from pathlib import Path

from snippets._engine.catalog import DOCS, LANGS, ROOT, SNIPPETS, rel, snippet_files
from snippets._engine.config import mkdocs_config, ui
from snippets._engine.page import (
    LINK,
    Container,
    Fence,
    Figure,
    Heading,
    Math,
    Page,
    PageError,
    is_snippet,
    number_value,
    parse,
    site_pages,
)

EXEMPTIONS = ROOT / "tests" / "number_exemptions.yml"


# --------------------------------------------------------------------------- pairs
def parity(zh: Page, en: Page) -> list[str]:
    """The two languages of a page show the same material."""
    problems: list[str] = []

    def where(page: Page, blocks: list, i: int) -> str:
        return page.where(blocks[min(i, len(blocks) - 1)]) if blocks else page.name

    compared = [
        ("heading level", Page.headings, lambda h: f"h{h.level}"),
        ("included file", Page.includes, lambda inc: inc.target),
        ("figure", Page.figures, lambda f: f.target),
        ("display formula", lambda p: p.of(Math), _tex),
    ]
    for what, blocks_of, key in compared:
        bz, be = blocks_of(zh), blocks_of(en)
        a, b = [key(x) for x in bz], [key(x) for x in be]
        i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), None)
        if i is not None:
            problems.append(f"{where(zh, bz, i)}: {what} differs from {where(en, be, i)}: {a[i]!r} vs {b[i]!r}")
        elif len(a) != len(b):
            n = min(len(a), len(b))
            longer, blocks, extra, other = (zh, bz, a[n], en) if len(a) > len(b) else (en, be, b[n], zh)
            problems.append(f"{where(longer, blocks, n)}: {what} {extra!r} has no counterpart in {other.name} "
                            f"({len(a)} in {zh.name}, {len(b)} in {en.name})")
    nz = {abs(number_value(n)): line for n, line, _ in reversed(zh.prose_numbers())}
    ne = {abs(number_value(n)): line for n, line, _ in reversed(en.prose_numbers())}
    for value in sorted(set(nz) - set(ne)):
        problems.append(f"{zh.where(nz[value])}: the number {value:g} is quoted here but not in {en.name}")
    for value in sorted(set(ne) - set(nz)):
        problems.append(f"{en.where(ne[value])}: the number {value:g} is quoted here but not in {zh.name}")
    for page in (zh, en):
        want = ui(page.lang)["output_title"]
        for fence in page.of(Fence):
            inc = fence.only_include
            if inc is not None and inc.is_output and fence.title != want:
                problems.append(f"{page.where(fence)}: the output block's title is {fence.title!r}, "
                                f'write title="{want}" on {page.lang} pages')
    return problems


_TEXT = re.compile(r"\\(?:text|mathrm|textrm|operatorname)\{[^{}]*\}")


def _tex(m: Math) -> str:
    """A display formula's TeX for comparison: whitespace folded, words in \\text{} dropped."""
    tex = " ".join(_TEXT.sub(r"\\text{}", m.tex).split())
    return re.sub(r"\s*[,.;]$", "", tex)  # a sentence's punctuation after a formula is language


# --------------------------------------------------------------------------- numbers
def load_exemptions(path: Path = EXEMPTIONS) -> list[dict]:
    import yaml

    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for k, e in enumerate(entries):
        if not e.get("reason") or not e.get("page") or not ("numbers" in e or "heading" in e):
            raise ValueError(f"{rel(path)}: entry {k + 1} needs page, reason and numbers or heading: {e}")
    return entries


def numbers(page: Page, exemptions: list[dict] | None = None) -> list[str]:
    """Every number in the prose is shown by the page's outputs or code, or exempt."""
    exemptions = load_exemptions() if exemptions is None else exemptions
    mine = [e for e in exemptions if fnmatch.fnmatch(page.stem, e["page"])]
    exempt_values = {abs(float(v)) for e in mine for v in e.get("numbers", [])}
    exempt_headings = [re.compile(e["heading"]) for e in mine if "heading" in e]
    shown = page.shown_numbers()
    problems = []
    for written, line, under in page.prose_numbers():
        value = abs(number_value(written))
        if value in shown or value in exempt_values:
            continue
        if under is not None and any(h.search(under.title) for h in exempt_headings):
            continue
        problems.append(
            f"{page.where(line)}: {written} is not printed by any output or code on this page: quote the "
            f"printed value, print it from the snippet, or exempt it in {rel(EXEMPTIONS)} with a reason"
        )
    return problems


def outputs_follow_snippets(page: Page) -> list[str]:
    """An included snippet is followed by its golden output (the next include)."""
    incs = page.includes()
    problems = []
    for i, inc in enumerate(incs):
        if inc.is_snippet:
            want = inc.name[:-3] + ".out"
            nxt = incs[i + 1].target if i + 1 < len(incs) else None
            if nxt != want:
                problems.append(f"{page.where(inc)}: {inc.name} is not followed by its output {want}")
    return problems


# --------------------------------------------------------------------------- site
def nav_entries(cfg: dict | None = None) -> list[str]:
    """Page files the nav names (``activation_basics/relu.md``)."""
    cfg = mkdocs_config() if cfg is None else cfg

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                yield from walk(value)
            else:
                yield value

    return list(walk(cfg.get("nav", [])))


def nav(pages: list[Page], entries: list[str], docs: Path = DOCS) -> list[str]:
    """Every page is in the nav, and every nav entry has a page in every language."""
    listed = {e[: -len(".md")] for e in entries}
    problems = []
    for page in pages:
        if page.lang and page.stem not in listed:
            problems.append(f"{page.name}:1: the page is not in mkdocs.yml's nav: add '{page.stem}.md' "
                            "where readers should find it (MkDocs itself only logs this at info level)")
    for entry in entries:
        for lang in LANGS:
            if not (docs / entry.replace(".md", f".{lang}.md")).is_file():
                problems.append(f"mkdocs.yml: nav entry {entry} has no page {rel(docs / entry.replace('.md', f'.{lang}.md'))}")
    return problems


def _figure_functions(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("figure_")}


def coverage(pages: list[Page], snippets: list[Path], root: Path = SNIPPETS) -> list[str]:
    """Every snippet and its output are shown in every language; every figure
    function is shown; every figure names a function its snippet defines."""
    problems = []
    shown = {lang: set() for lang in LANGS}
    figures: dict[tuple[str, str], str] = {}
    for page in pages:
        if not page.lang:
            continue
        for inc in page.includes():
            shown[page.lang].add(inc.name)
        for fig in page.figures():
            figures.setdefault((fig.snippet, fig.func), page.where(fig))
            path = root / fig.snippet
            if not path.is_file():
                problems.append(f"{page.where(fig)}: figure from missing snippet snippets/{fig.snippet}")
            elif fig.func not in {n.name for n in ast.parse(path.read_text(encoding='utf-8')).body
                                  if isinstance(n, ast.FunctionDef)}:
                problems.append(f"{page.where(fig)}: snippets/{fig.snippet} has no function {fig.func}()")
    for snip in snippets:
        name = snip.relative_to(root).as_posix()
        for lang in LANGS:
            for f in (name, name[:-3] + ".out"):
                if f not in shown[lang]:
                    problems.append(f"{rel(snip)}:1: {f} is not included by any {lang} page "
                                    f"(add it to a docs/<chapter>/<page>.{lang}.md)")
        for func in sorted(_figure_functions(snip)):
            if (name, func) not in figures:
                problems.append(f"{rel(snip)}:1: figure function {func}() is shown on no page "
                                f"(add ![caption](fig:{name}::{func}) to a page)")
    return problems


_NN_HEADING = re.compile(r"nn\.(\w+)")


def index_tables(pages: list[Page]) -> list[str]:
    """A chapter page with ``nn.<Class>`` section headings is listed, per class, in a
    table row of its chapter's index page that links to it."""
    by_stem = {(p.stem, p.lang): p for p in pages}
    problems = []
    for page in pages:
        if not page.lang or "/" not in page.stem or page.stem.endswith("/index"):
            continue
        chapter = page.stem.split("/")[0]
        index = by_stem.get((f"{chapter}/index", page.lang))
        if index is None:
            continue
        rows = [line for line in index.source.splitlines() if line.lstrip().startswith("|")]
        if not any(_NN_HEADING.search(r.split("|")[1]) for r in rows if r.count("|") > 2):
            continue  # no reference table: no row starts with a class name
        for h in page.headings():
            m = _NN_HEADING.match(h.title.strip("` "))
            for cls in [m.group(1)] if m else []:
                linked = False
                for row in rows:
                    if not re.search(rf"(?<!\w)nn\.{re.escape(cls)}(?!\w)", row.split("|")[1]):
                        continue
                    for m in LINK.finditer(row):
                        target = m.group("url").split("#")[0]
                        stem = posixpath.normpath(posixpath.join(chapter, target))[: -len(".md")]
                        if stem == page.stem:
                            linked = True
                if not linked:
                    problems.append(f"{page.where(h)}: nn.{cls} has a section here but no row in the table of "
                                    f"{index.name} linking to {posixpath.basename(page.stem)}.md")
    return problems


_ALLOWED_IMPORTS = {"torch", "numpy", "matplotlib", "sklearn"}


def snippet_rules(snippets: list[Path]) -> list[str]:
    """What makes a snippet copyable: plain imports, no chosen device, no ``__file__``,
    matplotlib imported inside the figure functions (a reader without it runs the rest)."""
    problems = []
    for snip in snippets:
        src = snip.read_text(encoding="utf-8")
        tree = ast.parse(src)
        where = rel(snip)
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                mods = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                for m in mods:
                    top = m.split(".")[0]
                    if top not in _ALLOWED_IMPORTS and top not in sys.stdlib_module_names:
                        problems.append(f"{where}:{node.lineno}: imports {m}: a snippet uses only torch, numpy, "
                                        "matplotlib, scikit-learn and the standard library")
            elif isinstance(node, ast.keyword) and node.arg == "device":
                problems.append(f"{where}:{node.lineno}: chooses a device (device=...): the GPU run sets the "
                                "default device instead")
            elif isinstance(node, ast.Attribute) and node.attr == "cuda" and isinstance(getattr(node, "ctx", None), ast.Load) \
                    and not (isinstance(node.value, ast.Name) and node.value.id == "torch"):
                problems.append(f"{where}:{node.lineno}: .cuda() moves to a device explicitly")
            elif isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "set_num_threads" and not (
                    node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value == 1):
                problems.append(f"{where}:{node.lineno}: set_num_threads other than 1: the output must not depend "
                                "on the reader's core count (1 thread, as the experiments pin it)")
            elif isinstance(node, ast.Name) and node.id == "__file__":
                problems.append(f"{where}:{node.lineno}: uses __file__, which a reader's pasted code does not "
                                "have; see README 'A snippet'")
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                mods = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                if any(m.startswith("matplotlib") for m in mods):
                    problems.append(f"{where}:{node.lineno}: import matplotlib inside the figure functions, "
                                    "not at the top (the printed part must run without it)")
    return problems


def parse_all(docs: Path = DOCS) -> tuple[list[Page], list[str]]:
    """Every page parsed, and the pages that break the grammar."""
    from snippets._engine.catalog import pages as page_files

    parsed, problems = [], []
    for f in page_files(docs):
        try:
            parsed.append(parse(f, docs))
        except PageError as exc:
            problems.append(str(exc))
    return parsed, problems
