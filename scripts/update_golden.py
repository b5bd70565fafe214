"""Regenerate golden output files (``snippets/**/<topic>.out``) from real runs.

    python scripts/update_golden.py                      # every snippet
    python scripts/update_golden.py snippets/a/b.py ...  # just these

Writes golden files only (never prose), and only when a snippet ran cleanly
(exit 0, nothing on stderr) and gave the same output twice. Prints what changed. Exit status 1 if any snippet
failed.
"""
from __future__ import annotations

import difflib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from snippets._engine.catalog import golden_path, rel, snippet_files  # noqa: E402
from snippets._engine.execute import Runner  # noqa: E402


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
            if not res.ok or res.stderr:
                failed += 1
                print(f"FAILED  {rel(snip)} (exit {res.returncode}); golden file left as it was")
                print("".join("        " + line for line in res.stderr.splitlines(keepends=True)))
                continue
            again = runner.run(snip)
            if again.stdout != res.stdout:
                failed += 1
                print(f"FAILED  {rel(snip)}: output differs between two runs "
                      "(unseeded randomness? call torch.manual_seed first); golden file left as it was")
                continue
            gold = golden_path(snip)
            old = gold.read_text(encoding="utf-8") if gold.exists() else None
            if old == res.stdout:
                print(f"same    {rel(gold)}")
                continue
            gold.write_text(res.stdout, encoding="utf-8")
            changed += 1
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
