"""Does a snippet print the same on every x86-64 CPU? Run it under several kernel paths.

    python scripts/check_portability.py snippets/experiments/depth.py [...]

The tests run every snippet with one set of vector kernels
(``snippets._engine.execute.REPRODUCIBLE_ENV``), but that does not make two CPUs
agree bit for bit: MKL honours its AVX2 reproducibility branch only on Intel CPUs
(on others it runs its own code path), and MKL and oneDNN choose block sizes by
the CPU's caches, which changes the order of sums. A golden file made on an Intel
Xeon failed on an AMD EPYC for that reason (2026-12-07: four training snippets,
third decimal). This script cannot borrow another CPU, so it runs each snippet
with each library pushed onto another code path that this CPU has (MKL's SSE2
``COMPATIBLE`` branch, oneDNN capped at SSE4.1, torch's default kernels instead
of AVX2) and reports a snippet whose output changes: such a snippet will fail on
some other machine, and should compute in float64 (or print what float noise
cannot reach). Exit status 1 if any output differs.
"""
from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

from snippets._engine.catalog import rel
from snippets._engine.execute import child_env, working_directory

VARIANTS = {  # name -> what changes from the tests' environment
    "tests' kernels": {},
    "MKL SSE2 (COMPATIBLE)": {"MKL_CBWR": "COMPATIBLE"},
    "oneDNN SSE4.1": {"ONEDNN_MAX_CPU_ISA": "SSE41"},
    "torch default kernels": {"ATEN_CPU_CAPABILITY": "default"},
}


def run(path: Path, change: dict) -> str:
    env = {**child_env(), **change}
    script = str(path.resolve())
    with working_directory(path) as cwd:
        proc = subprocess.run([sys.executable, script], cwd=cwd, env=env,
                              capture_output=True, text=True)
    if proc.returncode:
        sys.exit(f"{rel(path)} failed under {change or 'the tests environment'}:\n{proc.stderr[-3000:]}")
    return proc.stdout


def main(argv: list[str]) -> int:
    if not argv:
        sys.exit(__doc__)
    bad = 0
    for arg in argv:
        path = Path(arg)
        outputs = {name: run(path, change) for name, change in VARIANTS.items()}
        base = outputs["tests' kernels"]
        differ = [name for name, out in outputs.items() if out != base]
        if not differ:
            print(f"same    {rel(path)} under {len(VARIANTS)} kernel paths")
            continue
        bad += 1
        print(f"DIFFERS {rel(path)} under {', '.join(differ)}")
        for name in differ:
            for line in difflib.unified_diff(base.splitlines(), outputs[name].splitlines(),
                                             "tests' kernels", name, lineterm="", n=0):
                print("        " + line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
