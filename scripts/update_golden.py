"""Regenerate golden output files (``snippets/**/<topic>.out``) from real runs.

    python scripts/update_golden.py                      # every snippet
    python scripts/update_golden.py snippets/a/b.py ...  # just these

Writes golden files only (never prose), and only when a snippet ran cleanly
(exit 0, nothing on stderr) and gave the same output twice. Each run is judged by
``snippets._engine.check.verdict``, the verdict the tests and the GPU record use:
a missing or different golden file is (re)written and that verdict printed, any
other failed verdict is reported and nothing is written, and a passing snippet is
left alone. Prints what changed. Exit status 1 if any snippet failed.
"""
from __future__ import annotations

import difflib
import sys
from pathlib import Path

from snippets._engine.catalog import golden_path, rel, snippet_files
from snippets._engine.check import DIFFERS, MISSING, verdict
from snippets._engine.execute import Runner


def _indent(text: str) -> str:
    return "".join("        " + line for line in text.rstrip("\n").splitlines(keepends=True))


def main(argv: list[str]) -> int:
    targets = [Path(a).resolve() for a in argv] or snippet_files()
    failed = changed = 0
    with Runner() as runner:
        for snip in targets:
            if snip.suffix != ".py" or not snip.is_file():
                print(f"not a snippet file: {snip}")
                failed += 1
                continue
            res = runner.run(snip)
            v = verdict(snip, res)
            if not v.ok and v.problem not in (MISSING, DIFFERS):
                failed += 1
                print(f"FAILED  {rel(snip)}; golden file left as it was")
                print(_indent(v.message))
                continue
            again = runner.run(snip)
            if again.stdout != res.stdout:
                failed += 1
                print(f"FAILED  {rel(snip)}: output differs between two runs "
                      "(unseeded randomness? call torch.manual_seed first); golden file left as it was")
                continue
            gold = golden_path(snip)
            if v.ok:
                print(f"same    {rel(gold)}")
                continue
            old = gold.read_text(encoding="utf-8") if gold.exists() else None
            gold.write_text(res.stdout, encoding="utf-8")
            changed += 1
            print(f"verdict {v.summary}")
            if old is None:
                print(f"new     {rel(gold)} ({len(res.stdout.splitlines())} lines)")
            else:
                diff = list(difflib.unified_diff(old.splitlines(), res.stdout.splitlines(), lineterm="", n=0))
                n = sum(1 for d in diff if d[:1] in "+-" and d[:3] not in ("+++", "---"))
                print(f"updated {rel(gold)} ({n} lines changed)")
                for d in diff[2:]:
                    print("        " + d)
    print(f"{len(targets)} snippets: {changed} golden files written, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
