"""Consistency checks for the losses_in_depth chapter.

* every page exists in both languages, and both include the same snippets,
  outputs and figures, in the same order;
* every snippet of the chapter is shown on a page together with its output, every
  figure function is used, and every figure directive names a real function;
* every decimal number in the prose (outside code and math) is printed by an
  output, or written in a snippet, included on the same page;
* snippet hygiene: seeded, no explicit device, matplotlib imported only inside
  figure functions, no change of torch's thread settings;
* the imbalance experiment reports several seeds (never a single run).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = "losses_in_depth"
DOCS = ROOT / "docs" / CHAPTER
SNIPPETS = ROOT / "snippets" / CHAPTER
PAGES = ["index", "regression_losses", "classification_losses", "imbalanced", "gradient_norms", "which_loss"]

INCLUDE = re.compile(r'--8<--\s+"([^"]+)"')
FIGURE = re.compile(r"!\[[^\]]*\]\(fig:([^)\s]+?)::(\w+)\)")
# a decimal number in prose: 0.5514, -0.324, 1.375e-05 (not part of a word or a version string)
PROSE_NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.\d+(?:e[-+]?\d+)?)(?![\w.]*\d)")
ANY_NUMBER = re.compile(r"[-+]?\d+\.\d*(?:e[-+]?\d+)?|[-+]?\d+e[-+]?\d+|[-+]?\d+")


def page(stem: str, lang: str) -> str:
    return (DOCS / f"{stem}.{lang}.md").read_text(encoding="utf-8")


def snippet_files() -> list[Path]:
    return sorted(p for p in SNIPPETS.glob("*.py") if not p.name.startswith("_"))


def prose(text: str) -> str:
    """The page without code blocks, inline code, math, figures and link targets."""
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"\\\[.*?\\\]", " ", text, flags=re.S)
    text = re.sub(r"\\\(.*?\\\)", " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    text = FIGURE.sub(" ", text)
    return re.sub(r"\]\([^)]*\)", "]", text)


def numbers_shown(text: str) -> set[float]:
    """Every number printed by an included output or written in an included snippet."""
    shown: set[float] = set()
    for inc in INCLUDE.findall(text):
        shown.update(float(m) for m in ANY_NUMBER.findall((ROOT / "snippets" / inc).read_text(encoding="utf-8")))
    return shown


def test_chapter_pages_exist():
    found = sorted({p.name.split(".")[0] for p in DOCS.glob("*.md")})
    assert found == sorted(PAGES)


@pytest.mark.parametrize("stem", PAGES)
def test_both_languages_show_the_same_material(stem):
    for lang in ("zh", "en"):
        assert (DOCS / f"{stem}.{lang}.md").is_file(), f"docs/{CHAPTER}/{stem}.{lang}.md is missing"
    zh, en = page(stem, "zh"), page(stem, "en")
    assert INCLUDE.findall(zh) == INCLUDE.findall(en), f"{stem}: zh and en include different files"
    assert FIGURE.findall(zh) == FIGURE.findall(en), f"{stem}: zh and en show different figures"
    if INCLUDE.search(zh):
        assert 'title="输出"' in zh and 'title="Output"' not in zh
        assert 'title="Output"' in en and 'title="输出"' not in en


def test_every_snippet_output_and_figure_is_shown():
    shown, figures = set(), set()
    for stem in PAGES:
        text = page(stem, "zh")
        shown.update(INCLUDE.findall(text))
        figures.update(FIGURE.findall(text))
    for snip in snippet_files():
        rel = f"{CHAPTER}/{snip.name}"
        assert rel in shown, f"{rel} is not included on any page"
        assert rel.replace(".py", ".out") in shown, f"the output of {rel} is not shown on any page"
        tree = ast.parse(snip.read_text(encoding="utf-8"))
        for f in (n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("figure_")):
            assert (rel, f) in figures, f"{rel}::{f} is never shown"
    for rel, func in figures:
        path = ROOT / "snippets" / rel
        assert path.is_file(), f"figure from missing snippet {rel}"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert func in {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}, f"{rel} has no {func}"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("stem", PAGES)
def test_prose_numbers_come_from_the_page(stem, lang):
    text = page(stem, lang)
    shown = numbers_shown(text)
    missing = [n for n in PROSE_NUMBER.findall(prose(text)) if float(n) not in shown]
    assert not missing, f"docs/{CHAPTER}/{stem}.{lang}.md quotes numbers that no output or snippet on the page shows: {missing}"


@pytest.mark.parametrize("snippet", snippet_files(), ids=lambda p: p.name)
def test_snippet_hygiene(snippet):
    src = snippet.read_text(encoding="utf-8")
    assert "torch.manual_seed(" in src, f"{snippet.name}: no torch.manual_seed"
    assert "device=" not in src and ".cuda(" not in src, f"{snippet.name}: chooses a device explicitly"
    assert "set_num_threads" not in src, f"{snippet.name}: changes torch's thread settings"
    assert "generator=" not in src, f"{snippet.name}: use the global seeded RNG (the GPU harness draws it on the CPU)"
    tree = ast.parse(src)
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            assert not any(n.startswith("matplotlib") for n in names), (
                f"{snippet.name}: import matplotlib inside the figure functions, not at the top"
            )
            modules = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            assert all(m.split(".")[0] in {"torch", "numpy", "matplotlib", "sklearn", "warnings", "math"}
                       for m in modules), f"{snippet.name}: imports something a reader may not have"


def test_imbalance_experiment_uses_several_seeds():
    out = (SNIPPETS / "imbalanced.out").read_text(encoding="utf-8")
    m = re.search(r"mean ± std over (\d+) seeds", out)
    assert m and int(m.group(1)) >= 5, "report the imbalance experiment over at least 5 seeds"
    assert out.count("±") >= 15, "every recall is reported as mean ± std"
