"""Inventory: every loss class of ``torch.nn`` has a section in the losses chapter, in both languages.

The class list comes from ``torch.nn.modules.loss.__all__``, so a loss added in a
new PyTorch release (as ``LinearCrossEntropyLoss`` was) fails this test until
someone writes about it. A class counts as covered in a language when a Markdown
heading line (a line starting with ``#``, outside fenced code blocks) of a page
``docs/losses/*.<lang>.md`` contains the class name as a whole word, e.g.
``## nn.CrossEntropyLoss``. Whole word means ``## nn.SmoothL1Loss`` does not
cover ``L1Loss`` and ``## nn.PoissonNLLLoss`` does not cover ``NLLLoss``.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import torch.nn.modules.loss as loss

from snippets._engine.catalog import heading_lines, names_without_heading

CHAPTER = Path(__file__).resolve().parents[1] / "docs" / "losses"
LANGS = ("zh", "en")

# NLLLoss2d is a deprecated alias kept for backward compatibility: it is a
# subclass of NLLLoss that adds nothing, and NLLLoss itself takes (N, C, H, W)
# input. It is mentioned in the NLLLoss section, not given its own heading.
DEPRECATED_ALIASES = {"NLLLoss2d"}

CLASSES = sorted(set(loss.__all__) - DEPRECATED_ALIASES)


def whole_word(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


def missing(lang: str) -> list[str]:
    return names_without_heading(CLASSES, heading_lines(sorted(CHAPTER.glob(f"*.{lang}.md"))))


def test_class_list_is_the_real_one():
    assert "NLLLoss2d" in loss.__all__
    assert issubclass(loss.NLLLoss2d, loss.NLLLoss)
    assert {"CrossEntropyLoss", "MSELoss", "CTCLoss", "LinearCrossEntropyLoss"} <= set(CLASSES)
    assert len(CLASSES) >= 22


def test_whole_word_rule():
    assert not whole_word("L1Loss").search("## nn.SmoothL1Loss")
    assert not whole_word("NLLLoss").search("## nn.PoissonNLLLoss")
    assert not whole_word("CrossEntropyLoss").search("## nn.LinearCrossEntropyLoss")
    assert whole_word("NLLLoss").search("## nn.NLLLoss")


def test_every_loss_has_a_section_in_both_languages():
    gaps = {lang: missing(lang) for lang in LANGS}
    if any(gaps.values()):
        lines = [
            f"  {lang} (docs/losses/*.{lang}.md): {len(names)} missing: {', '.join(names)}"
            for lang, names in gaps.items()
            if names
        ]
        pytest.fail(
            "torch.nn loss classes without a heading such as '## nn.<ClassName>':\n"
            + "\n".join(lines),
            pytrace=False,
        )


def test_index_table_lists_every_loss_in_both_languages():
    """The chapter landing page has one table row per loss class, in each language."""
    gaps = {}
    for lang in LANGS:
        rows = [
            line
            for line in (CHAPTER / f"index.{lang}.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("|")
        ]
        gaps[lang] = [name for name in CLASSES if not any(whole_word(f"nn.{name}").search(r) for r in rows)]
    if any(gaps.values()):
        pytest.fail(
            "loss classes missing from the table in docs/losses/index.<lang>.md:\n"
            + "\n".join(f"  {lang}: {', '.join(names)}" for lang, names in gaps.items() if names),
            pytrace=False,
        )
