"""Write every page's Jupyter notebook into a folder (no site build needed).

    python scripts/make_notebooks.py [--out DIR] [--lang zh|en]

Writes ``DIR/<lang>/<chapter>/<page>.ipynb`` (default DIR: ``notebooks``) for
every page that includes a snippet, exactly as the site build does
(``snippets/_engine/notebooks.py``). Links between notebooks are relative, so
the folder can be opened as a whole in Jupyter.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from snippets._engine.catalog import LANGS
from snippets._engine.notebooks import write_notebooks


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("notebooks"), help="output folder (default: notebooks)")
    ap.add_argument("--lang", choices=LANGS, action="append", help="only this language (repeatable)")
    args = ap.parse_args(argv)
    written = write_notebooks(args.out, tuple(args.lang or LANGS))
    for lang in args.lang or LANGS:
        n = sum(1 for p in written if p.relative_to(args.out).parts[0] == lang)
        print(f"{lang}: {n} notebooks in {args.out / lang}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
