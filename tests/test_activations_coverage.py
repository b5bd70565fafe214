"""Inventory: every activation class of ``torch.nn`` has a section in both languages.

The class list comes from ``torch.nn.modules.activation.__all__``, so a class
added in a new PyTorch release fails this test until someone writes about it.
A class counts as covered in a language when some Markdown heading line
(a line starting with ``#``, outside fenced code blocks) of a page
``docs/**/*.<lang>.md`` contains the class name as a whole word, e.g.
``## nn.ELU`` or ``# Sigmoid`` (``## nn.SELU`` does not cover ``ELU``).
"""
from __future__ import annotations

import pytest
import torch.nn.modules.activation as activation

from snippets._engine.catalog import DOCS, heading_lines, names_without_heading

# MultiheadAttention lives in torch/nn/modules/activation.py for historical
# reasons, but it is an attention layer with weights, not an element-wise
# activation function; the attention material belongs elsewhere.
NOT_ACTIVATIONS = {"MultiheadAttention"}

CLASSES = sorted(set(activation.__all__) - NOT_ACTIVATIONS)


def missing(lang: str) -> list[str]:
    return names_without_heading(CLASSES, heading_lines(sorted(DOCS.rglob(f"*.{lang}.md"))))


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
