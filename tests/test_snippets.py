"""Every snippet, run as a reader runs it, against its golden output.

CPU: exact match. Accelerators (CUDA, MPS): within the tolerance documented in
``snippets/_engine/compare.py``; skipped with the reason where there is none.
The verdict is :func:`snippets._engine.check.verdict`, the same one
``scripts/update_golden.py`` and the GPU record (``scripts/verify_device.py``) use.
"""
from __future__ import annotations

from functools import cache

import pytest

from snippets._engine import check
from snippets._engine.catalog import SNIPPETS, snippet_files
from snippets._engine.devices import available

SNIPPETS_ALL = snippet_files()
IDS = [p.relative_to(SNIPPETS).as_posix() for p in SNIPPETS_ALL]


def test_there_are_snippets():
    assert len(SNIPPETS_ALL) >= 5


@pytest.mark.parametrize("snippet", SNIPPETS_ALL, ids=IDS)
def test_cpu(snippet, snippet_runner):
    v = check.verdict(snippet, snippet_runner.run(snippet))
    if not v.ok:
        pytest.fail(v.message, pytrace=False)


@cache
def _accelerators():
    return available()


@pytest.mark.parametrize("device", ["cuda", "mps"])
@pytest.mark.parametrize("snippet", SNIPPETS_ALL, ids=IDS)
def test_accelerator(snippet, device, snippet_runner):
    if device not in _accelerators():
        pytest.skip(f"no {device.upper()} device on this machine; the CPU run is the check here")
    v = check.verdict(snippet, snippet_runner.run(snippet, mode=device), mode=device)
    if not v.ok:
        pytest.fail(v.message, pytrace=False)
