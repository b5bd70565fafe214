"""Measure what activation functions and losses cost; write one JSON data file.

    python scripts/benchmark.py                  # CPU, as many threads as PyTorch uses by default
    python scripts/benchmark.py --device cuda    # on a machine with an NVIDIA GPU
    python scripts/benchmark.py --wait-idle 1.5  # first wait until the 1-minute load average is <= 1.5
    python scripts/benchmark.py --quick          # smoke run (few sizes, short timing), written to a temp dir

Writes ``docs/performance/data/<machine-id>.json`` (``--out`` to change the folder),
for example ``cpu-amd-epyc-2t.json`` or ``cuda-nvidia-h100-80gb-hbm3.json``.
The performance chapter draws its tables and figures from these files.

Every time comes from ``torch.utils.benchmark.Timer``: a few warm-up calls, then
``blocked_autorange`` (blocks of many calls, at least ``--min-run-time`` seconds
in all; on a GPU the Timer synchronises the device around every block). The
file keeps each block's time per call, in microseconds, with the median, the
quartiles and the IQR. Needs only torch and numpy (and gcc for torch.compile on
the CPU); a full CPU run takes about 5 minutes on 2 cores.
"""
from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
import torch.utils.benchmark as benchmark
from torch import nn

DATA_DIR = Path(__file__).resolve().parents[1] / "docs" / "performance" / "data"

# (name, expression in x) -- every activation called the same way: functional form, default arguments
ACTIVATIONS = [
    ("ReLU", "F.relu(x)"),
    ("LeakyReLU", "F.leaky_relu(x)"),
    ("ELU", "F.elu(x)"),
    ("GELU", "F.gelu(x)"),
    ("GELU (tanh)", 'F.gelu(x, approximate="tanh")'),
    ("SiLU", "F.silu(x)"),
    ("Mish", "F.mish(x)"),
    ("Sigmoid", "torch.sigmoid(x)"),
    ("Tanh", "torch.tanh(x)"),
    ("Softplus", "F.softplus(x)"),
    ("Hardswish", "F.hardswish(x)"),
]

# fused function vs the same formula written with several PyTorch ops
ELEMENTWISE_PAIRS = [
    ("SiLU", [("F.silu", "F.silu(x)"), ("x * sigmoid(x)", "x * torch.sigmoid(x)")]),
    ("GELU", [
        ("F.gelu", "F.gelu(x)"),
        ("F.gelu tanh", 'F.gelu(x, approximate="tanh")'),
        ("tanh formula", "0.5 * x * (1.0 + torch.tanh(c * (x + 0.044715 * x * x * x)))"),
    ]),
    ("Mish", [("F.mish", "F.mish(x)"), ("x * tanh(softplus(x))", "x * torch.tanh(F.softplus(x))")]),
]
LOSS_PAIR = ("CrossEntropy", [
    ("F.cross_entropy", "F.cross_entropy(z, t)"),
    ("log_softmax + nll_loss", "F.nll_loss(F.log_softmax(z, dim=1), t)"),
])


def log(msg: str) -> None:
    print(msg, flush=True)


# --------------------------------------------------------------------------- machine
def slug(text: str) -> str:
    text = re.sub(r"\((R|TM|tm|r)\)|@.*$|\bCPU\b|\bProcessor\b|\b\d+-Core\b", " ", text)
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unknown"


def cpu_info() -> dict:
    model, cores = platform.processor() or platform.machine(), set()
    try:
        phys = core = None
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = (s.strip() for s in line.partition(":"))
            if key == "model name":
                model = value
            elif key == "physical id":
                phys = value
            elif key == "core id":
                core = value
                cores.add((phys, core))
    except OSError:
        pass
    return {
        "cpu_model": model,
        "physical_cores": len(cores) or None,
        "logical_cpus": os.cpu_count(),
        "cpus_available": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
    }


def gpu_info() -> dict:
    props = torch.cuda.get_device_properties(0)
    info = {
        "gpu_name": torch.cuda.get_device_name(0),
        "gpu_memory_gib": round(props.total_memory / 2**30, 1),
        "compute_capability": f"{props.major}.{props.minor}",
        "cuda_runtime": torch.version.cuda,
        "cudnn": torch.backends.cudnn.version(),
        "driver": None,
    }
    try:
        out = subprocess.run(["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader"],
                             capture_output=True, text=True, timeout=30)
        info["driver"] = out.stdout.strip().splitlines()[0] if out.returncode == 0 else None
    except (OSError, subprocess.SubprocessError, IndexError):
        pass
    return info


def describe_machine(device: str, threads: int) -> tuple[str, dict]:
    info = {"device": device, **cpu_info(), "torch_num_threads": threads,
            "torch_default_num_threads": DEFAULT_THREADS,
            "torch_version": torch.__version__, "python_version": platform.python_version(),
            "numpy_version": np.__version__, "platform": platform.platform()}
    backend = re.search(r"ATen parallel backend: (.*)", torch.__config__.parallel_info())
    info["parallel_backend"] = backend.group(1).strip() if backend else None
    if device == "cuda":
        info.update(gpu_info())
        machine_id = f"cuda-{slug(info['gpu_name'])}"
        info["label"] = f"{info['gpu_name']}, PyTorch {torch.__version__}"
    else:
        machine_id = f"cpu-{slug(info['cpu_model'])}-{threads}t"
        info["label"] = f"{info['cpu_model']}, {threads} threads, PyTorch {torch.__version__}"
    return machine_id, info


# --------------------------------------------------------------------------- timing
def summarize(times_s: list[float], runs_per_block: int) -> dict:
    """Per-call times of the blocks (seconds) -> stored statistics (microseconds)."""
    times = [float(f"{t * 1e6:.4g}") for t in times_s]  # 4 significant digits
    q1, med, q3 = (float(f"{v:.4g}") for v in np.percentile(times, [25, 50, 75]))
    return {"unit": "us", "median": med, "q1": q1, "q3": q3, "iqr": float(f"{q3 - q1:.4g}"),
            "min": min(times), "max": max(times), "blocks": len(times),
            "runs_per_block": runs_per_block, "times": times}


class CpuShare:
    """CPU time that *other* processes used while a measurement ran, as a share
    of the machine (all logical CPUs): busy time from /proc/stat minus this
    process's own CPU time. 0.0 on a quiet machine; None where /proc/stat is missing."""

    HZ = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

    @staticmethod
    def snapshot():
        try:
            with open("/proc/stat") as f:
                ticks = [int(v) for v in f.readline().split()[1:9]]
        except OSError:
            return None
        own = os.times()
        return sum(ticks) - ticks[3] - ticks[4], own.user + own.system, time.monotonic()

    @classmethod
    def between(cls, a, b) -> float | None:
        if a is None or b is None:
            return None
        wall = (b[2] - a[2]) * (os.cpu_count() or 1)
        other = (b[0] - a[0]) / cls.HZ - (b[1] - a[1])
        return round(min(max(other / wall, 0.0), 1.0), 3) if wall > 0 else None


def wait_until_quiet(max_other: float, max_wait: float, window: float = 2.0) -> float:
    """Sleep until other processes use at most ``max_other`` of the CPUs over
    ``window`` seconds (or ``max_wait`` has passed); returns the seconds waited."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < max_wait:
        a = CpuShare.snapshot()
        time.sleep(window)
        busy = CpuShare.between(a, CpuShare.snapshot())
        if busy is None or busy <= max_other:
            break
    return time.monotonic() - t0


class Bench:
    def __init__(self, device: str, threads: int, min_run_time: float, max_other: float, attempts: int):
        self.device, self.threads, self.min_run_time = device, threads, min_run_time
        self.max_other, self.attempts = max_other, attempts
        self.repeated = 0  # measurements taken again because other processes were busy
        self.paused = 0.0  # seconds spent waiting for the other processes to finish

    def timer(self, stmt: str, env: dict) -> benchmark.Timer:
        return benchmark.Timer(stmt=stmt, globals={"torch": torch, "F": F, **env}, num_threads=self.threads)

    def time(self, stmt: str, env: dict, rounds: int = 1) -> dict:
        """Warm up, then ``blocked_autorange``; ``rounds`` > 1 splits the run time into
        several calls whose blocks are pooled (interleave the variants you compare).
        If other processes used more than ``max_other`` of the machine meanwhile, the
        script waits until they are quiet and measures again (up to ``attempts`` times
        in all); the file keeps the attempt with the least interference and says how
        many there were."""
        timer = self.timer(stmt, env)
        best = None
        for attempt in range(1, self.attempts + 1):
            timer.timeit(3)  # warm-up: allocator, caches, lazy initialisation
            a = CpuShare.snapshot()
            m = timer.blocked_autorange(min_run_time=self.min_run_time / rounds)
            other = CpuShare.between(a, CpuShare.snapshot())
            stats = summarize(list(m.times), m.number_per_run) | {"other_cpu_share": other, "attempts": attempt}
            if best is None or (other or 0) < (best["other_cpu_share"] or 0):
                best = stats | {"attempts": attempt}
            if other is None or other <= self.max_other:
                break
            if attempt < self.attempts:
                self.repeated += 1
                waited = wait_until_quiet(self.max_other, max_wait=300)
                self.paused += waited
                log(f"    other processes used {other:.0%} of the CPUs; waited {waited:.0f} s, measuring again")
        best["attempts"] = attempt
        return best


class Checkpoint:
    """Results so far, in ``<out>/<machine-id>.partial`` (not ``.json``, so nothing
    reads it as data), so that ``--resume`` goes on where an interrupted run stopped.
    Removed when the data file is written."""

    def __init__(self, path: Path, resume: bool):
        self.path = path
        self.data = json.loads(path.read_text(encoding="utf-8")) if resume and path.exists() else {}
        self.resumed = bool(self.data)
        if self.data:
            log(f"resuming: {len(self.data)} results from {path}")
        # seconds run, measurements repeated, seconds paused: before this process, and a
        # callable giving this process's values
        self.before = self.data.get("_counters", {"elapsed": 0.0, "repeated": 0, "paused": 0.0})
        self.counters = lambda: {"elapsed": 0.0, "repeated": 0, "paused": 0.0}

    def totals(self) -> dict:
        return {k: self.before[k] + v for k, v in self.counters().items()}

    def get(self, key: str, compute):
        if key not in self.data:
            self.data[key] = compute()
            self.data["_counters"] = self.totals()
            tmp = self.path.with_name(self.path.name + ".tmp")
            tmp.write_text(json.dumps(self.data), encoding="utf-8")
            tmp.replace(self.path)
        return self.data[key]


def pooled(parts: list[dict]) -> dict:
    times = [t * 1e-6 for p in parts for t in p["times"]]
    shares = [p["other_cpu_share"] for p in parts if p["other_cpu_share"] is not None]
    return summarize(times, parts[0]["runs_per_block"]) | {
        "rounds": len(parts), "other_cpu_share": max(shares) if shares else None,
        "attempts": sum(p["attempts"] for p in parts)}


def forward_stmt(expr: str) -> str:
    return f"with torch.no_grad():\n    {expr}"


def backward_stmt(expr: str, wrt: str, grad_out: str | None) -> str:
    # forward + gradient of the input; autograd.grad leaves no .grad to accumulate into
    extra = f", {grad_out}" if grad_out else ""
    return f"torch.autograd.grad({expr}, {wrt}{extra})"


# --------------------------------------------------------------------------- sections
def timing_pitfalls(bench: Bench, dev: str) -> dict:
    """One timed call vs the Timer's median, for GELU forward on 2^22 elements.
    Runs first, so the first call pays the process's one-time costs."""
    n = 2**22
    x = torch.randn(n, device=dev)
    sync = torch.cuda.synchronize if dev == "cuda" else (lambda: None)
    sync()
    out = {"expression": "F.gelu(x)", "numel": n, "unit": "us"}
    t0 = time.perf_counter()
    with torch.no_grad():
        F.gelu(x)
    sync()
    out["first_call"] = round((time.perf_counter() - t0) * 1e6, 1)
    with torch.no_grad():
        if dev == "cuda":  # the clock read right after the launch, before the GPU has finished
            t0 = time.perf_counter()
            F.gelu(x)
            out["one_call_without_sync"] = round((time.perf_counter() - t0) * 1e6, 1)
            sync()
        t0 = time.perf_counter()
        F.gelu(x)
        sync()
        out["one_later_call"] = round((time.perf_counter() - t0) * 1e6, 1)
    out["timer"] = bench.time(forward_stmt("F.gelu(x)"), {"x": x})
    return out


def activation_cost(bench: Bench, ckpt: Checkpoint, dev: str, sizes: list[int]) -> list[dict]:
    rows, total, done, t_start = [], len(sizes) * len(ACTIVATIONS) * 2, 0, time.perf_counter()
    for n in sizes:  # size outermost: slow drifts in machine load hit all activations alike
        torch.manual_seed(0)
        x = torch.randn(n, device=dev)  # float32, contiguous
        xg = x.clone().requires_grad_(True)
        g = torch.randn(n, device=dev)
        for name, expr in ACTIVATIONS:
            for mode in ("forward", "forward+backward"):
                if mode == "forward":
                    stmt, env = forward_stmt(expr), {"x": x}
                else:
                    stmt, env = backward_stmt(expr, "x", "g"), {"x": xg, "g": g}
                stats = ckpt.get(f"activation|{n}|{name}|{mode}", lambda: bench.time(stmt, env))
                rows.append({"name": name, "expression": expr, "mode": mode, "numel": n,
                             "dtype": "float32", **stats})
                done += 1
            elapsed = time.perf_counter() - t_start
            log(f"  [{done:3d}/{total}] 2^{int(math.log2(n)):<2d} {name:<12s} "
                f"fwd {rows[-2]['median']:>9.2f} us  fwd+bwd {rows[-1]['median']:>9.2f} us  "
                f"(eta {elapsed / done * (total - done):4.0f} s)")
    return rows


def fused_vs_composite(bench: Bench, ckpt: Checkpoint, dev: str, sizes: list[int], loss_shapes: list[tuple[int, int]],
                       rounds: int) -> list[dict]:
    rows = []
    cases = []  # (group, shape, env, env_grad, variants, wrt, grad_out)
    for n in sizes:
        torch.manual_seed(0)
        x = torch.randn(n, device=dev)
        env = {"x": x, "c": math.sqrt(2.0 / math.pi)}
        env_g = {"x": x.clone().requires_grad_(True), "g": torch.randn(n, device=dev), "c": env["c"]}
        for group, variants in ELEMENTWISE_PAIRS:
            cases.append((group, [n], env, env_g, variants, "x", "g"))
    for n_rows, n_classes in loss_shapes:
        torch.manual_seed(0)
        z = torch.randn(n_rows, n_classes, device=dev)
        t = torch.randint(n_classes, (n_rows,), device=dev)
        env = {"z": z, "t": t}
        env_g = {"z": z.clone().requires_grad_(True), "t": t}
        cases.append((LOSS_PAIR[0], [n_rows, n_classes], env, env_g, LOSS_PAIR[1], "z", None))
    for i, (group, shape, env, env_g, variants, wrt, grad_out) in enumerate(cases, 1):
        globs = {"torch": torch, "F": F}
        with torch.no_grad():
            ref = eval(variants[0][1], globs, env)
            diffs = [(eval(e, globs, env) - ref).abs().max().item() for _, e in variants]
        for mode in ("forward", "forward+backward"):
            def measure():
                parts = {label: [] for label, _ in variants}
                for _ in range(rounds):  # interleave the variants
                    for label, expr in variants:
                        if mode == "forward":
                            parts[label].append(bench.time(forward_stmt(expr), env, rounds))
                        else:
                            parts[label].append(bench.time(backward_stmt(expr, wrt, grad_out), env_g, rounds))
                return [{"group": group, "variant": label, "expression": expr, "mode": mode,
                         "shape": shape, "dtype": "float32", "max_abs_diff_vs_first": diff,
                         **pooled(parts[label])} for (label, expr), diff in zip(variants, diffs)]

            rows += ckpt.get(f"fused|{group}|{shape}|{mode}", measure)
            log(f"  [{i}/{len(cases)}] {group:<12s} {str(shape):<12s} {mode:<16s} " + "  ".join(
                f"{r['variant']}: {r['median']:.2f} us" for r in rows[-len(variants):]))
    return rows


def inplace_memory(dev: str, batch: int, width: int, depth: int) -> dict:
    """Bytes autograd saves for backward, and peak memory, for a stack of
    depth x (Linear(width, width) -> activation) with inplace=False / True."""
    unit = batch * width * 4  # bytes of one float32 activation tensor (batch, width)
    out = {"batch": batch, "width": width, "depth": depth, "dtype": "float32",
           "activation_tensor_bytes": unit, "unit": "bytes", "rows": [],
           "saved_method": "torch.autograd.graph.saved_tensors_hooks: unique storages packed "
                           "during the forward pass, parameters excluded",
           "peak_method": ("torch.cuda.max_memory_allocated minus memory allocated before the call"
                           if dev == "cuda" else
                           "torch.profiler(profile_memory=True): running sum of the allocation and "
                           "free events recorded during the call, maximum over the call")}

    def peak(fn) -> int:
        if dev == "cuda":
            torch.cuda.synchronize()
            base = torch.cuda.memory_allocated()
            torch.cuda.reset_peak_memory_stats()
            fn()
            torch.cuda.synchronize()
            return torch.cuda.max_memory_allocated() - base
        from torch.profiler import ProfilerActivity, profile

        with profile(activities=[ProfilerActivity.CPU], profile_memory=True) as prof:
            fn()
        events = sorted((e.start_ns(), e.nbytes()) for e in prof.profiler.kineto_results.events()
                        if e.name() == "[memory]")
        cur = top = 0
        for _, nbytes in events:
            cur += nbytes
            top = max(top, cur)
        return top

    for act in (nn.ReLU, nn.LeakyReLU, nn.ELU, nn.SiLU):
        for inplace in (False, True):
            torch.manual_seed(0)
            model = nn.Sequential(*[m for _ in range(depth) for m in (nn.Linear(width, width), act(inplace=inplace))])
            model.to(dev)
            x = torch.randn(batch, width, device=dev)
            params = {p.untyped_storage().data_ptr() for p in model.parameters()}
            saved: dict[int, int] = {}

            def pack(t):
                s = t.untyped_storage()
                if s.data_ptr() not in params:
                    saved[s.data_ptr()] = s.nbytes()
                return t

            with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
                y = model(x)
            saved_tensors = len(saved)
            saved_bytes = sum(saved.values())
            y.sum().backward()  # warm-up for the peak measurements
            del y
            model.zero_grad(set_to_none=True)

            def forward():
                model(x)

            def forward_backward():
                model(x).sum().backward()

            fwd_peak = peak(forward)
            model.zero_grad(set_to_none=True)
            fb_peak = peak(forward_backward)
            model.zero_grad(set_to_none=True)
            out["rows"].append({"activation": act.__name__, "inplace": inplace,
                                "saved_tensors": saved_tensors, "saved_bytes": saved_bytes,
                                "forward_peak_bytes": fwd_peak, "forward_backward_peak_bytes": fb_peak})
            log(f"  {act.__name__:<10s} inplace={inplace!s:<5s} saved {saved_bytes / unit:5.2f}  "
                f"forward peak {fwd_peak / unit:5.2f}  forward+backward peak {fb_peak / unit:5.2f} "
                "(x one activation tensor)")
    return out


def compile_mish(bench: Bench, dev: str, sizes: list[int]) -> dict:
    """torch.compile on the composite Mish x * tanh(softplus(x)), cold cache."""
    expr = "x * torch.tanh(F.softplus(x))"
    out = {"function": f"def mish(x): return {expr}", "call": "torch.compile(mish)", "backend": "inductor",
           "inductor_cache": "fresh temporary directory (cold compile)", "status": "not run"}

    def mish(x):
        return x * torch.tanh(F.softplus(x))

    import torch._dynamo

    torch._dynamo.reset()
    compiled = torch.compile(mish)
    try:
        torch.manual_seed(0)
        x = torch.randn(sizes[0], device=dev)
        t0 = time.perf_counter()
        with torch.no_grad():
            y = compiled(x)
        if dev == "cuda":
            torch.cuda.synchronize()
        out["first_call_forward_s"] = round(time.perf_counter() - t0, 2)
        xg = x.clone().requires_grad_(True)
        t0 = time.perf_counter()
        torch.autograd.grad(compiled(xg), xg, torch.ones_like(xg))
        if dev == "cuda":
            torch.cuda.synchronize()
        out["first_call_forward_backward_s"] = round(time.perf_counter() - t0, 2)
        out["max_abs_diff_vs_F.mish"] = (y - F.mish(x)).abs().max().item()
    except Exception as e:  # record the real failure instead of numbers
        out["status"] = "failed"
        out["error"] = f"{type(e).__name__}: {e}"[:4000]
        log(f"  torch.compile failed: {out['error'][:300]}")
        return out
    out["status"] = "ok"
    log(f"  compiled: first call forward {out['first_call_forward_s']} s, "
        f"forward+backward {out['first_call_forward_backward_s']} s")
    out["rows"] = []
    variants = [("F.mish", "F.mish(x)"), ("eager x * tanh(softplus(x))", expr),
                ("compiled x * tanh(softplus(x))", "compiled(x)")]
    for n in sizes:
        torch.manual_seed(0)
        x = torch.randn(n, device=dev)
        env = {"x": x, "compiled": compiled}
        env_g = {"x": x.clone().requires_grad_(True), "g": torch.randn(n, device=dev), "compiled": compiled}
        for mode in ("forward", "forward+backward"):
            parts = {label: [] for label, _ in variants}
            for _ in range(3):
                for label, e in variants:
                    stmt = forward_stmt(e) if mode == "forward" else backward_stmt(e, "x", "g")
                    parts[label].append(bench.time(stmt, env if mode == "forward" else env_g, 3))
            for label, e in variants:
                out["rows"].append({"variant": label, "expression": e, "mode": mode, "numel": n,
                                    "dtype": "float32", **pooled(parts[label])})
            log(f"  2^{int(math.log2(n))} {mode:<16s} " + "  ".join(
                f"{r['variant']}: {r['median']:.2f} us" for r in out["rows"][-3:]))
    return out


# --------------------------------------------------------------------------- main
def to_json(data: dict) -> str:
    """Indented JSON with every list of plain values on one line."""
    text = json.dumps(data, indent=1, ensure_ascii=False)
    flat = re.compile(r"\[\n\s*([^\[\]{}]*?)\n\s*\]")
    return flat.sub(lambda m: "[" + " ".join(v.strip() for v in m.group(1).split("\n")) + "]", text) + "\n"


DEFAULT_THREADS = torch.get_num_threads()


def wait_for_idle(limit: float, max_other: float, max_wait: float) -> None:
    """Wait until the 1-minute load average is at most ``limit`` and other
    processes use at most ``max_other`` of the machine over 5 seconds."""
    t0 = time.time()
    while time.time() - t0 < max_wait:
        a = CpuShare.snapshot()
        time.sleep(5)
        busy = CpuShare.between(a, CpuShare.snapshot()) or 0.0
        load = os.getloadavg()[0]
        if load <= limit and busy <= max_other:
            return
        log(f"load average {load:.2f} (limit {limit}), CPU used by others {busy:.0%}; waiting ...")
        time.sleep(25)
    log(f"waited {max_wait:.0f} s; measuring anyway")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    ap.add_argument("--threads", type=int, default=DEFAULT_THREADS,
                    help="torch threads for every measurement (default: PyTorch's default, %(default)s here)")
    ap.add_argument("--min-run-time", type=float, default=0.25,
                    help="seconds of timed calls per measurement (default %(default)s)")
    ap.add_argument("--out", type=Path, help=f"folder for the JSON file (default {DATA_DIR})")
    ap.add_argument("--quick", action="store_true", help="few sizes, short timing; written to a temp folder")
    ap.add_argument("--resume", action="store_true",
                    help="go on from the results an interrupted run left in <out>/<machine-id>.partial")
    ap.add_argument("--skip-compile", action="store_true", help="leave out the torch.compile section")
    ap.add_argument("--wait-idle", type=float, metavar="LOAD",
                    help="wait (up to --max-wait s) until the 1-minute load average is at most LOAD")
    ap.add_argument("--max-wait", type=float, default=1800)
    ap.add_argument("--max-other", type=float, default=0.1,
                    help="take a measurement again when other processes used more than this share "
                         "of the CPUs meanwhile (default %(default)s)")
    ap.add_argument("--attempts", type=int, default=5, help="at most this many tries per measurement")
    args = ap.parse_args(argv)
    if args.device == "cuda" and not torch.cuda.is_available():
        ap.error("--device cuda: CUDA is not available")
    if args.wait_idle is not None:
        wait_for_idle(args.wait_idle, args.max_other, args.max_wait)

    torch.set_num_threads(args.threads)
    dev = args.device
    if args.quick:
        sizes, fused_sizes, loss_shapes, mem = [2**10, 2**12], [2**12], [(64, 10)], (256, 256, 4)
        min_run_time, rounds = 0.02, 1
        args.attempts = 1  # too short to judge interference; a smoke test only
    else:
        sizes = [2**k for k in range(10, 23, 2)]  # 2^10 ... 2^22, 7 sizes, x4 apart
        fused_sizes, loss_shapes, mem = [2**12, 2**22], [(64, 10), (256, 1000), (128, 32000)], (2048, 512, 8)
        min_run_time, rounds = args.min_run_time, 3
    out_dir = args.out or (Path(tempfile.gettempdir()) if args.quick else DATA_DIR)
    out_dir.mkdir(parents=True, exist_ok=True)
    # a cold, private inductor cache, so the compile time is the real first-time cost
    cache = tempfile.TemporaryDirectory(prefix="inductor-cache-")
    os.environ["TORCHINDUCTOR_CACHE_DIR"] = cache.name

    machine_id, machine = describe_machine(dev, args.threads)
    bench = Bench(dev, args.threads, min_run_time, args.max_other, args.attempts)
    name = f"{machine_id}{'-quick' if args.quick else ''}"
    ckpt = Checkpoint(out_dir / f"{name}.partial", args.resume)
    t_start = time.perf_counter()
    start = ckpt.get("start", lambda: {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "load_average_start": [round(v, 2) for v in os.getloadavg()]})
    ckpt.counters = lambda: {"elapsed": time.perf_counter() - t_start, "repeated": bench.repeated,
                             "paused": bench.paused}
    run = {**start,
           "command": "python scripts/benchmark.py " + " ".join(sys.argv[1:] if argv is None else argv),
           "timer": "torch.utils.benchmark.Timer: 3 warm-up calls, then blocked_autorange",
           "min_run_time_s": min_run_time, "quick": args.quick,
           "max_other_cpu_share": args.max_other, "max_attempts": args.attempts}
    log(f"{machine_id}: {machine['label']}; load average {run['load_average_start']}")
    data = {"schema": 1, "machine_id": machine_id, "machine": machine, "run": run}

    log("timing pitfalls (GELU forward, 2^22 elements)")
    data["timing_pitfalls"] = ckpt.get("timing_pitfalls", lambda: timing_pitfalls(bench, dev))
    log(f"activation cost: {len(ACTIVATIONS)} activations x {len(sizes)} sizes x 2 modes")
    data["activation_cost"] = activation_cost(bench, ckpt, dev, sizes)
    log("fused vs composite")
    data["fused_vs_composite"] = fused_vs_composite(bench, ckpt, dev, fused_sizes, loss_shapes, rounds)
    log("in-place activations: memory")
    data["inplace_memory"] = ckpt.get("inplace_memory", lambda: inplace_memory(dev, *mem))
    if args.skip_compile:
        data["compile"] = {"status": "skipped (--skip-compile)"}
    else:
        log("torch.compile (composite Mish)")
        data["compile"] = ckpt.get("compile", lambda: compile_mish(bench, dev, fused_sizes))
    run["load_average_end"] = [round(v, 2) for v in os.getloadavg()]
    totals = ckpt.totals()
    run["measurements_repeated"] = totals["repeated"]
    run["paused_for_other_processes_s"] = round(totals["paused"], 1)
    run["wall_seconds"] = round(totals["elapsed"], 1)
    run["resumed"] = ckpt.resumed

    path = out_dir / f"{name}.json"
    path.write_text(to_json(data), encoding="utf-8")
    ckpt.path.unlink(missing_ok=True)
    log(f"wrote {path} in {run['wall_seconds']} s ({run['paused_for_other_processes_s']} s of it waiting for "
        f"other processes); load average at the end {run['load_average_end']}")
    cache.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
