"""Writing quality gates: Chinese typography (AutoCorrect) and English terminology.

AutoCorrect comes from npm (package.json; `bash scripts/test.sh` runs `npm install`
when CI=true). Where it is missing the AutoCorrect tests are skipped with the
reason. AutoCorrect treats indented admonition/tab bodies in Markdown as code
and skips them, so the built Chinese HTML is linted too.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from snippets._engine.catalog import DOCS, ROOT, page_lang, pages

AUTOCORRECT = ROOT / "node_modules/.bin/autocorrect"
needs_autocorrect = pytest.mark.skipif(
    not AUTOCORRECT.exists(), reason="AutoCorrect not installed: run `npm install` (CI=true bash scripts/test.sh does)"
)


def _lint(files: list[Path]) -> str:
    proc = subprocess.run(
        [str(AUTOCORRECT), "--lint", "--no-diff-bg-color", *map(str, files)],
        cwd=ROOT, capture_output=True, text=True,
    )
    return proc.returncode, proc.stdout + proc.stderr


@needs_autocorrect
def test_chinese_markdown_typography():
    files = [p for p in pages() if page_lang(p) == "zh"]
    code, out = _lint(files)
    assert code == 0, out


def _without_math(body: str) -> str:
    """A page body with each inline formula (MathML, rendered at build time)
    replaced by a placeholder word and each display formula removed."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(body, "html.parser")
    for el in soup.select("span.arithmatex"):
        el.replace_with("X")
    for el in soup.select("div.arithmatex, math[display=block]"):  # display (notebook pages: bare MathML)
        el.decompose()
    for el in soup.select("math"):
        el.replace_with("X")
    return str(soup)


@needs_autocorrect
def test_chinese_html_typography(built_site, tmp_path):
    """The built zh pages, with code blocks and math removed first."""
    files = []
    for html in built_site.rglob("index.html"):
        rel = html.relative_to(built_site)
        if rel.parts[0] == "en":
            continue
        text = html.read_text(encoding="utf-8")
        body = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', text, re.S)
        if not body:
            continue
        # code and math become a placeholder word, so spacing around them is still checked
        body = re.sub(r"<(pre|script|style|svg)\b.*?</\1>", "", body.group(1), flags=re.S)
        body = re.sub(r"<code\b.*?</code>", "X", body, flags=re.S)
        body = _without_math(body)
        out = tmp_path / (str(rel).replace("/", "__"))
        out.write_text(body, encoding="utf-8")
        files.append(out)
    assert files
    code, out = _lint(files)
    assert code == 0, out


# English terms spelled as in the glossary (../shared/STYLE.md); wrong variant -> right one
EN_TERMS = {
    r"\bcross entropy\b": "cross-entropy",
    r"\bback[- ]propagation\b|\bback-prop\b": "backpropagation",
    r"\bmulti[- ]layer perceptrons?\b": "multilayer perceptron",
    r"\bmini-batch": "minibatch",
    r"\bone hot\b": "one-hot",
    r"\bPytorch\b|\bpyTorch\b": "PyTorch",
    r"\bNumpy\b": "NumPy",
    r"\bGithub\b": "GitHub",
    r"\bRelu\b|\bReLu\b": "ReLU",
    r"\bGelu\b|\bSilu\b": "GELU / SiLU",
    r"\blog likelihood\b": "log-likelihood",
    r"\bmean square error\b": "mean squared error",
}


def _prose(markdown: str) -> str:
    markdown = re.sub(r"^(```|~~~).*?^\1", "", markdown, flags=re.S | re.M)
    markdown = re.sub(r"`[^`\n]*`", "", markdown)
    markdown = re.sub(r"\\\(.*?\\\)|\\\[.*?\\\]", "", markdown, flags=re.S)
    return re.sub(r"\]\([^)]*\)", "]", markdown)


def test_english_terms_follow_the_glossary():
    problems = []
    for page in pages():
        if page_lang(page) != "en":
            continue
        for n, line in enumerate(_prose(page.read_text(encoding="utf-8")).splitlines(), 1):
            for wrong, right in EN_TERMS.items():
                for m in re.finditer(wrong, line, flags=re.I if right.islower() else 0):
                    problems.append(f"{page.relative_to(ROOT)}: '{m.group(0)}' -> '{right}'")
    assert not problems, "\n".join(problems)
