"""Turn a snippet run into a verdict with a message a contributor can act on."""
from __future__ import annotations

from pathlib import Path

from snippets._engine import compare
from snippets._engine.catalog import golden_path, regenerate_command, rel
from snippets._engine.execute import Result


def cpu_problem(snippet: Path, res: Result) -> str | None:
    """None if the CPU run matches the golden file exactly, else why not."""
    name = rel(snippet)
    if not res.ok:
        return (
            f"{name} failed (exit {res.returncode}) when run as a script:\n{res.stderr.rstrip()}"
        )
    if res.stderr:
        return (
            f"{name} wrote to stderr (a warning?). Catch it with warnings.catch_warnings(record=True) "
            f"and print it, so the page shows it:\n{res.stderr.rstrip()}"
        )
    gold = golden_path(snippet)
    if not gold.exists():
        return f"{name} has no golden output {rel(gold)}.\nCreate it with: {regenerate_command(snippet)}"
    expected = gold.read_text(encoding="utf-8")
    if expected != res.stdout:
        return (
            f"{name}: output differs from {rel(gold)}\n"
            + compare.unified_diff(expected, res.stdout, rel(gold))
            + f"\nIf the new output is right, regenerate it with: {regenerate_command(snippet)}"
        )
    return None


def device_problem(snippet: Path, res: Result, device: str) -> str | None:
    """None if an accelerator run matches the CPU golden file within tolerance."""
    name = rel(snippet)
    if not res.ok:
        return f"{name} failed on {device} (exit {res.returncode}):\n{res.stderr.rstrip()}"
    gold = golden_path(snippet)
    if not gold.exists():
        return f"{name} has no golden output {rel(gold)}"
    c = compare.close(gold.read_text(encoding="utf-8"), res.stdout)
    if not c.ok:
        return (
            f"{name} on {device} differs from the CPU golden output beyond "
            f"rtol={compare.RTOL}, atol={compare.ATOL}: {c.reason}\n"
            + compare.unified_diff(gold.read_text(encoding="utf-8"), res.stdout, rel(gold))
        )
    return None
