"""The one verdict on a snippet run: does it match its golden file?

:func:`verdict` is used by everything that judges a run -- the test suite
(``tests/test_snippets.py``), the accelerator record
(:func:`snippets._engine.verification.check_record`, ``scripts/verify_device.py``)
and ``scripts/update_golden.py`` -- so the rules cannot drift apart:

1. the run must exit 0 (the message names the file and the line that raised);
2. it must write nothing to stderr (a snippet shows warnings by catching them);
3. its golden file must exist (``update_golden.py`` creates it; everything else
   fails);
4. on the CPU the output must equal the golden file exactly; on an accelerator
   it must match within ``compare.RTOL``/``compare.ATOL`` (``max_abs_dev`` says
   by how much it deviated).

Every failure message names the file and says how to fix it (the command that
regenerates the golden file, with a unified diff where the output differs).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from snippets._engine import compare
from snippets._engine.catalog import golden_path, regenerate_command, rel
from snippets._engine.execute import Result

PASS, FAIL = "pass", "fail"
# what went wrong, for callers that act on it (update_golden writes a golden file
# only for MISSING and DIFFERS)
FAILED, STDERR, MISSING, DIFFERS = "failed", "stderr", "missing", "differs"


@dataclass
class Verdict:
    status: str  # PASS or FAIL
    message: str = ""  # empty on PASS; first line: a one-line summary (records show it)
    problem: str | None = None  # FAILED, STDERR, MISSING or DIFFERS on FAIL
    max_abs_dev: float | None = None  # accelerator runs compared with the golden file

    @property
    def ok(self) -> bool:
        return self.status == PASS

    @property
    def summary(self) -> str:
        return self.message.splitlines()[0] if self.message else ""


def _raised_at(snippet: Path, stderr: str) -> str:
    """'snippets/x.py:LINE' for the last traceback frame in the snippet file."""
    names = {str(snippet), str(snippet.resolve())}
    line = None
    for m in re.finditer(r'^\s*File "([^"]+)", line (\d+)', stderr, re.M):
        if m.group(1) in names:
            line = m.group(2)
    return f"{rel(snippet)}:{line}" if line else rel(snippet)


def verdict(snippet: Path, result: Result, mode: str = "cpu") -> Verdict:
    """Judge one run of ``snippet`` (on the CPU, or with accelerator ``mode`` as
    default device) against its golden file."""
    name = rel(snippet)
    on = "" if mode == "cpu" else f" on {mode}"
    err = result.stderr.rstrip()
    if not result.ok:
        last = (err.splitlines() or [f"exit status {result.returncode}"])[-1].strip()
        return Verdict(FAIL, (
            f"{_raised_at(snippet, result.stderr)}: {last} (exit {result.returncode}{on})\n"
            f"{name} failed when run as a script{on}:\n{err}"
        ), FAILED)
    if err:
        first = err.splitlines()[0].strip()
        return Verdict(FAIL, (
            f"{name} wrote to stderr{on}: {first}\n"
            "A warning? Catch it with warnings.catch_warnings(record=True) and print it, "
            f"so the page shows it:\n{err}"
        ), STDERR)
    gold = golden_path(snippet)
    if not gold.exists():
        return Verdict(FAIL, (
            f"{name} has no golden output {rel(gold)}.\nCreate it with: {regenerate_command(snippet)}"
        ), MISSING)
    expected = gold.read_text(encoding="utf-8")
    if mode == "cpu":
        if expected != result.stdout:
            return Verdict(FAIL, (
                f"{name}: output differs from {rel(gold)}\n"
                + compare.unified_diff(expected, result.stdout, rel(gold))
                + f"\nIf the new output is right, regenerate it with: {regenerate_command(snippet)}"
            ), DIFFERS)
        return Verdict(PASS)
    c = compare.close(expected, result.stdout)
    if not c.ok:
        return Verdict(FAIL, (
            f"{name}{on} differs from the CPU golden output {rel(gold)} beyond "
            f"rtol={compare.RTOL}, atol={compare.ATOL}: {c.reason}\n"
            + compare.unified_diff(expected, result.stdout, rel(gold))
            + f"\nIf the CPU output changed too, regenerate it with: {regenerate_command(snippet)}"
        ), DIFFERS, c.max_abs_dev)
    return Verdict(PASS, max_abs_dev=c.max_abs_dev)
