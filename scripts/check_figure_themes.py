"""Check that every figure's dark SVG equals its light drawing recoloured.

The build draws each figure once, in the light theme, and derives the dark SVG by
swapping the theme colours (``snippets._engine.figures.recolour``). This script
draws every figure function of every snippet in both themes for real and compares
(up to the names of SVG ids). The test suite runs the same comparison on a sample
(``tests/test_engine.py``); run this after adding a figure that computes colours
from the theme (blends, colormaps built from rcParams):

    python scripts/check_figure_themes.py
"""
from __future__ import annotations

import multiprocessing
import sys
import time

from snippets._engine.catalog import SNIPPETS
from snippets._engine.figures import recolour_mismatches


def _check(snippet: str) -> list[str]:
    import torch

    torch.set_num_threads(1)
    try:
        return recolour_mismatches(snippet)
    except Exception as exc:  # a snippet that fails is the build's and tests' business
        return [f"{snippet}: {type(exc).__name__}: {exc}"]


def main() -> int:
    snippets = sorted(
        p.relative_to(SNIPPETS).as_posix() for p in SNIPPETS.glob("*/*.py")
        if not p.name.startswith("_") and "def figure_" in p.read_text(encoding="utf-8")
    )
    start = time.time()
    problems = []
    with multiprocessing.get_context("fork").Pool(maxtasksperchild=1) as pool:
        for k, found in enumerate(pool.imap_unordered(_check, snippets), 1):
            problems += found
            print(f"{k}/{len(snippets)} snippets checked", end="\r", flush=True)
    print(f"\n{len(snippets)} snippets with figures, {len(problems)} mismatches, {time.time() - start:.0f} s")
    print("\n".join(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
