"""Every rule of the site, on every page (rules in ``snippets/_engine/rules.py``).

A new page or chapter is covered without writing a test: the pages come from
``docs/``, the snippets from ``snippets/``, the nav from ``mkdocs.yml``. The
fault-injection tests at the end show that each rule fails, naming file and line.
"""
from __future__ import annotations

import pytest

from snippets._engine import rules
from snippets._engine.catalog import DOCS, LANGS, ROOT, SNIPPETS, missing_translations, snippet_files
from snippets._engine.page import parse, parse_text

PAGES, PARSE_PROBLEMS = rules.parse_all()
PAIRS: dict[str, dict] = {}
for _p in PAGES:
    if _p.lang:
        PAIRS.setdefault(_p.stem, {})[_p.lang] = _p
STEMS = sorted(PAIRS)
SNIPPETS_ALL = snippet_files()


def report(problems: list[str]) -> None:
    if problems:
        pytest.fail(f"{len(problems)} problem(s):\n" + "\n".join(problems), pytrace=False)


def test_there_are_pages_and_snippets():
    assert len(STEMS) >= 50 and len(SNIPPETS_ALL) >= 100


def test_every_page_parses():
    report(PARSE_PROBLEMS)


def test_every_page_exists_in_every_language():
    report(missing_translations())


def test_every_page_is_in_the_nav():
    report(rules.nav(PAGES, rules.nav_entries()))


def test_every_snippet_and_figure_is_shown():
    report(rules.coverage(PAGES, SNIPPETS_ALL))


def test_every_section_is_in_its_chapter_index():
    report(rules.index_tables(PAGES))


def test_every_snippet_is_copyable():
    report(rules.snippet_rules(SNIPPETS_ALL))


def test_exemptions_file_is_valid():
    assert rules.load_exemptions()


@pytest.mark.parametrize("stem", STEMS)
def test_zh_and_en_show_the_same_material(stem):
    pair = PAIRS[stem]
    if set(pair) != set(LANGS):
        pytest.fail(f"{stem}: only {sorted(pair)}", pytrace=False)
    report(rules.parity(pair["zh"], pair["en"]))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("stem", STEMS)
def test_prose_numbers_are_printed(stem, lang):
    page = PAIRS[stem].get(lang)
    if page is None:
        pytest.fail(f"{stem}: no {lang} page", pytrace=False)
    report(rules.numbers(page) + rules.outputs_follow_snippets(page))


# --------------------------------------------------------------------------- faults
def edited(path: str, old: str, new: str):
    """The page at ``path`` with one edit, parsed as if it were on disk."""
    text = (ROOT / path).read_text(encoding="utf-8")
    assert old in text, f"{path} no longer contains {old!r}: update this test"
    return parse_text(text.replace(old, new, 1), ROOT / path, DOCS)


def test_fault_number_not_printed_names_file_and_line():
    page = edited("docs/activations/smooth.zh.md", "\n## ", "\n它的值是 0.123456。\n\n## ")
    problems = rules.numbers(page)
    assert any(p.startswith("docs/activations/smooth.zh.md:") and "0.123456" in p for p in problems), problems
    line = int(next(p for p in problems if "0.123456" in p).split(":")[1])
    assert page.source.splitlines()[line - 1] == "它的值是 0.123456。"


def test_fault_heading_in_one_language_only_names_file_and_line():
    stem = "concepts/roles"
    zh = edited(f"docs/{stem}.zh.md", "\n## ", "\n## 多出来的一节\n\n文字。\n\n## ")
    problems = rules.parity(zh, parse(DOCS / f"{stem}.en.md"))
    assert any(p.startswith(f"docs/{stem}.zh.md:") and "heading" in p for p in problems), problems


def test_fault_page_missing_from_nav_names_the_page(tmp_path):
    entries = [e for e in rules.nav_entries() if e != "activations/smooth.md"]
    problems = rules.nav(PAGES, entries)
    assert any(p.startswith("docs/activations/smooth.zh.md:1:") and "nav" in p for p in problems), problems
    assert any(p.startswith("docs/activations/smooth.en.md:1:") for p in problems), problems


def test_fault_snippet_never_included_names_the_snippet(tmp_path):
    root = tmp_path / "snippets"
    (root / "activations").mkdir(parents=True)
    orphan = root / "activations" / "orphan.py"
    orphan.write_text("print(1)\n\n\ndef figure_orphan(lang='zh'):\n    pass\n", encoding="utf-8")
    orphan.with_suffix(".out").write_text("1\n", encoding="utf-8")
    problems = rules.coverage(PAGES, [orphan], root=root)
    assert any("activations/orphan.py is not included by any zh page" in p for p in problems), problems
    assert any("figure_orphan() is shown on no page" in p for p in problems), problems


def test_fault_section_missing_from_index_table():
    index = edited("docs/activations/index.en.md", "| `nn.ELU` |", "| `nn.ELUX` |")
    pages = [index if (p.stem, p.lang) == (index.stem, index.lang) else p for p in PAGES]
    problems = rules.index_tables(pages)
    assert any("nn.ELU has a section" in p and p.startswith("docs/activations/relu_variants.en.md:") for p in problems), problems


def test_fault_snippet_with_file_and_device(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import torch\nimport matplotlib.pyplot as plt\nx = torch.ones(2, device='cuda')\nprint(__file__)\n"
                   "torch.set_num_threads(4)\n")
    problems = rules.snippet_rules([bad])
    assert any(":2:" in p and "matplotlib" in p for p in problems)
    assert any(":3:" in p and "device" in p for p in problems)
    assert any(":4:" in p and "__file__" in p for p in problems)
    assert any(":5:" in p and "set_num_threads" in p for p in problems)
