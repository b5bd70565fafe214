"""Consistency checks for the activations_in_depth chapter.

* every page exists in both languages, and both include the same snippets,
  golden outputs and figures;
* every snippet of the chapter is shown on a page, with its output, and every
  figure function is used; every figure directive names a real function;
* every decimal number in the prose (outside code and math) is printed by an
  output included on the same page: prose never quotes a number that the page
  does not show;
* snippet hygiene: seeded, no explicit device, matplotlib imported only inside
  figure functions.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = "activations_in_depth"
DOCS = ROOT / "docs" / CHAPTER
SNIPPETS = ROOT / "snippets" / CHAPTER

INCLUDE = re.compile(r'--8<--\s+"([^"]+)"')
FIGURE = re.compile(r"!\[[^\]]*\]\(fig:([^)\s]+?)::(\w+)\)")
NUMBER = re.compile(r"(?<![\w.])-?(?:\d+\.\d+(?:e[-+]?\d+)?|\d+e[-+]?\d+)(?!\w)(?!\.\d)")
OUT_NUMBER = re.compile(r"-?\d+\.\d*(?:e[-+]?\d+)?|-?\d+e[-+]?\d+")


def stems() -> list[str]:
    return sorted({p.name.split(".")[0] for p in DOCS.glob("*.md")})


def page(stem: str, lang: str) -> str:
    return (DOCS / f"{stem}.{lang}.md").read_text(encoding="utf-8")


def snippet_files() -> list[Path]:
    return sorted(p for p in SNIPPETS.glob("*.py") if not p.name.startswith("_"))


def prose(text: str) -> str:
    """The page without code blocks, inline code, math, links' targets and figures."""
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"\\\[.*?\\\]", " ", text, flags=re.S)
    text = re.sub(r"\\\(.*?\\\)", " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    text = FIGURE.sub(" ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return text


def test_chapter_has_pages():
    assert "index" in stems()
    assert len(stems()) >= 8


@pytest.mark.parametrize("stem", stems())
def test_both_languages_show_the_same_material(stem):
    for lang in ("zh", "en"):
        assert (DOCS / f"{stem}.{lang}.md").is_file(), f"docs/{CHAPTER}/{stem}.{lang}.md is missing"
    zh, en = page(stem, "zh"), page(stem, "en")
    assert INCLUDE.findall(zh) == INCLUDE.findall(en), f"{stem}: zh and en include different files"
    assert FIGURE.findall(zh) == FIGURE.findall(en), f"{stem}: zh and en show different figures"
    assert 'title="输出"' in zh or not INCLUDE.search(zh)
    assert 'title="Output"' in en or not INCLUDE.search(en)


def test_every_snippet_and_figure_is_shown():
    shown = set()
    figures = set()
    for stem in stems():
        text = page(stem, "zh")
        shown.update(INCLUDE.findall(text))
        figures.update(FIGURE.findall(text))
    for snip in snippet_files():
        rel = f"{CHAPTER}/{snip.name}"
        assert rel in shown, f"{rel} is not included on any page"
        assert rel.replace(".py", ".out") in shown, f"the output of {rel} is not shown on any page"
        tree = ast.parse(snip.read_text(encoding="utf-8"))
        funcs = {n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("figure_")}
        for f in funcs:
            assert (rel, f) in figures, f"{rel}::{f} is never shown"
    for rel, func in figures:
        path = ROOT / "snippets" / rel
        assert path.is_file(), f"figure from missing snippet {rel}"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert func in {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}, f"{rel} has no {func}"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("stem", stems())
def test_prose_numbers_come_from_outputs(stem, lang):
    text = page(stem, lang)
    printed = set()
    for inc in INCLUDE.findall(text):
        if inc.endswith(".out"):
            out = (ROOT / "snippets" / inc).read_text(encoding="utf-8")
            printed.update(float(m) for m in OUT_NUMBER.findall(out))
    missing = [n for n in NUMBER.findall(prose(text)) if float(n) not in printed]
    assert not missing, f"docs/{CHAPTER}/{stem}.{lang}.md quotes numbers no output on the page prints: {missing}"


@pytest.mark.parametrize("snippet", snippet_files(), ids=lambda p: p.name)
def test_snippet_hygiene(snippet):
    src = snippet.read_text(encoding="utf-8")
    assert "torch.manual_seed(" in src, f"{snippet.name}: no torch.manual_seed"
    assert "device=" not in src, f"{snippet.name}: creates tensors with an explicit device"
    tree = ast.parse(src)
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            assert not any(n.startswith("matplotlib") for n in names), (
                f"{snippet.name}: import matplotlib inside the figure functions, not at the top"
            )
