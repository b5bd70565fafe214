"""Inventory: every activation and loss class of ``torch.nn`` has a section, in both languages.

The class lists come from ``torch.nn.modules.activation.__all__`` and
``torch.nn.modules.loss.__all__``, so a class added by a new PyTorch release (as
``LinearCrossEntropyLoss`` was) fails here until someone writes about it. A class
is covered in a language when a Markdown heading of a page in its chapters
contains the class name as a whole word (``## nn.SmoothL1Loss`` does not cover
``L1Loss``). That each section is a row of its chapter's index table is a
site-wide rule (tests/test_pages.py, ``index_tables``).
"""
from __future__ import annotations


import pytest
import torch.nn.modules.activation as activation
import torch.nn.modules.loss as loss

from snippets._engine.catalog import DOCS, LANGS, heading_lines, names_without_heading

KINDS = {
    # MultiheadAttention lives in torch/nn/modules/activation.py for historical
    # reasons; it is an attention layer with weights, not an element-wise activation.
    "activation": (activation.__all__, {"MultiheadAttention"}, "**"),
    # NLLLoss2d is a deprecated alias (a subclass of NLLLoss that adds nothing); the
    # NLLLoss section mentions it.
    "loss": (loss.__all__, {"NLLLoss2d"}, "losses"),
}


def classes(kind: str) -> list[str]:
    names, excluded, _ = KINDS[kind]
    return sorted(set(names) - excluded)


def test_class_lists_are_the_real_ones():
    assert "MultiheadAttention" in activation.__all__ and issubclass(loss.NLLLoss2d, loss.NLLLoss)
    assert {"ReLU", "GELU", "Softmax", "PReLU"} <= set(classes("activation")) and len(classes("activation")) >= 25
    assert {"CrossEntropyLoss", "MSELoss", "CTCLoss", "LinearCrossEntropyLoss"} <= set(classes("loss"))
    assert len(classes("loss")) >= 22


def test_whole_word_rule():
    assert names_without_heading(["L1Loss"], ["## nn.SmoothL1Loss"]) == ["L1Loss"]
    assert names_without_heading(["NLLLoss"], ["## nn.PoissonNLLLoss"]) == ["NLLLoss"]
    assert names_without_heading(["NLLLoss"], ["## nn.NLLLoss"]) == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_class_has_a_section(kind, lang):
    folder = KINDS[kind][2]
    gaps = names_without_heading(classes(kind), heading_lines(sorted(DOCS.glob(f"{folder}/*.{lang}.md"))))
    if gaps:
        pytest.fail(
            f"{len(gaps)} torch.nn {kind} class(es) have no heading in docs/{folder}/*.{lang}.md: "
            f"{', '.join(gaps)}. Add a section such as '## nn.{gaps[0]}' and a row in the chapter's index table.",
            pytrace=False,
        )
