"""Compare a snippet's printed output with its golden file.

CPU runs must match the golden file exactly (the golden file *is* a CPU run).

Accelerator runs are compared within a tolerance, because GPU kernels may sum
in a different order. Before comparing, device annotations are removed
(``device='cuda:0'``, ``torch.cuda.FloatTensor``), then the text is split into numbers and the rest:

* the non-numeric skeleton must be identical (whitespace runs are collapsed,
  since a tensor's column width depends on its widest number);
* every pair of numbers must satisfy ``|gpu - cpu| <= ATOL + RTOL * |cpu|``
  (``nan`` matches ``nan``, ``inf`` matches ``inf`` of the same sign).

The tolerance is documented on the verification page.
"""
from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass

RTOL = 1e-3
ATOL = 1e-3

_DEVICE = re.compile(r",?\s*device='(?:cuda|mps)(?::\d+)?'")
_TYPE_PREFIX = re.compile(r"\btorch\.(?:cuda|mps)\.")
_NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|[-+]?\binf\b|\bnan\b")


def unified_diff(expected: str, actual: str, golden_name: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=f"{golden_name} (golden)",
        tofile=f"{golden_name} (this run)",
    )
    return "".join(lines)


def normalise_devices(text: str) -> str:
    """Drop device annotations: ``device='cuda:0'`` and ``torch.cuda.FloatTensor``."""
    return _TYPE_PREFIX.sub("torch.", _DEVICE.sub("", text))


def _split(text: str) -> tuple[list[str], list[float]]:
    parts = _NUMBER.split(text)
    nums = [float(m) for m in _NUMBER.findall(text)]
    skeleton = [" ".join(p.split()) for p in parts]
    return skeleton, nums


@dataclass
class Closeness:
    ok: bool
    max_abs_dev: float
    reason: str = ""


def close(expected: str, actual: str, rtol: float = RTOL, atol: float = ATOL) -> Closeness:
    """Tolerant comparison of an accelerator run with the CPU golden text."""
    sk_e, num_e = _split(normalise_devices(expected))
    sk_a, num_a = _split(normalise_devices(actual))
    if sk_e != sk_a or len(num_e) != len(num_a):
        return Closeness(False, math.inf, "text differs apart from numbers")
    worst = 0.0
    for e, a in zip(num_e, num_a):
        if math.isnan(e) or math.isnan(a):
            if not (math.isnan(e) and math.isnan(a)):
                return Closeness(False, math.inf, f"{a} vs {e}")
            continue
        if math.isinf(e) or math.isinf(a):
            if e != a:
                return Closeness(False, math.inf, f"{a} vs {e}")
            continue
        dev = abs(a - e)
        worst = max(worst, dev)
        if dev > atol + rtol * abs(e):
            return Closeness(False, worst, f"{a} vs {e} (|diff|={dev:.3g})")
    return Closeness(True, worst)
