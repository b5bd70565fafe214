"""Inventory: every activation class of ``torch.nn`` has a section in both languages.

The class list comes from ``torch.nn.modules.activation.__all__``, so a class
added in a new PyTorch release fails this test until someone writes about it.
A class counts as covered in a language when some Markdown heading line
(a line starting with ``#``, outside fenced code blocks) of a page
``docs/**/*.<lang>.md`` contains the class name as a whole word, e.g.
``## nn.ELU`` or ``# Sigmoid`` (``## nn.SELU`` does not cover ``ELU``).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import torch.nn.modules.activation as activation

DOCS = Path(__file__).resolve().parents[1] / "docs"

# MultiheadAttention lives in torch/nn/modules/activation.py for historical
# reasons, but it is an attention layer with weights, not an element-wise
# activation function; the attention material belongs elsewhere.
NOT_ACTIVATIONS = {"MultiheadAttention"}

CLASSES = sorted(set(activation.__all__) - NOT_ACTIVATIONS)
FENCE = re.compile(r"^\s*(```|~~~)")


def heading_lines(lang: str) -> list[str]:
    """Heading lines of every ``*.<lang>.md`` page under docs/, code fences skipped."""
    found = []
    for page in sorted(DOCS.rglob(f"*.{lang}.md")):
        in_fence = False
        for line in page.read_text(encoding="utf-8").splitlines():
            if FENCE.match(line):
                in_fence = not in_fence
                continue
            if not in_fence and line.startswith("#"):
                found.append(line)
    return found


def missing(lang: str) -> list[str]:
    headings = heading_lines(lang)
    return [
        name
        for name in CLASSES
        if not any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", h) for h in headings)
    ]


def test_class_list_is_the_real_one():
    assert "MultiheadAttention" in activation.__all__
    assert {"ReLU", "GELU", "Softmax", "PReLU"} <= set(CLASSES)
    assert len(CLASSES) >= 25


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_activation_has_a_section(lang):
    gaps = missing(lang)
    if gaps:
        pytest.fail(
            f"{len(gaps)} torch.nn activation class(es) have no heading in docs/**/*.{lang}.md "
            f"(language: {lang}): {', '.join(gaps)}. Add a section such as '## nn.{gaps[0]}'.",
            pytrace=False,
        )
