"""The performance chapter: its data files, the summaries printed from them, its prose.

Timings depend on the machine, so nothing here asserts a speed. The tests check
that every committed data file (docs/performance/data/*.json, written by
scripts/benchmark.py) describes its machine and holds every measurement with
consistent statistics, that the golden outputs of the summary snippets are
what the data files say, and that every decimal number in the chapter's prose
appears in an output shown on the same page.
"""
from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from snippets._engine.catalog import DOCS, ROOT, SNIPPETS

DATA = DOCS / "performance" / "data"
FILES = sorted(DATA.glob("*.json"))
SUMMARY_SNIPPETS = ["machines", "activation_cost", "fused_vs_composite", "memory", "compile"]


def load_benchmark():
    spec = importlib.util.spec_from_file_location("benchmark_script", ROOT / "scripts" / "benchmark.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


BENCH = load_benchmark()


def sig4(v: float) -> float:
    return float(f"{v:.4g}")


def check_stats(s: dict, where: str) -> None:
    assert s["unit"] == "us", where
    times = s["times"]
    assert len(times) == s["blocks"] >= 1, where
    assert s["runs_per_block"] >= 1, where
    assert all(t > 0 for t in times), where
    q1, med, q3 = (sig4(v) for v in np.percentile(times, [25, 50, 75]))
    assert (s["q1"], s["median"], s["q3"]) == (q1, med, q3), where
    assert s["iqr"] == sig4(q3 - q1), where
    assert s["min"] == min(times) and s["max"] == max(times), where
    assert 0 < s["min"] <= s["q1"] <= s["median"] <= s["q3"] <= s["max"], where


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def out(stem: str) -> str:
    return (SNIPPETS / "performance" / f"{stem}.out").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- data files
def test_there_is_a_cpu_data_file():
    assert any(load(p)["machine"]["device"] == "cpu" for p in FILES), f"no CPU data file in {DATA}"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_data_file_describes_its_machine(path):
    data = load(path)
    assert data["schema"] == 1
    assert path.stem == data["machine_id"]
    m, run = data["machine"], data["run"]
    assert re.fullmatch(r"cpu-[a-z0-9-]+-\d+t|cuda-[a-z0-9-]+", data["machine_id"])
    for key in ("cpu_model", "physical_cores", "logical_cpus", "torch_num_threads", "torch_version",
                "python_version", "parallel_backend", "label", "platform"):
        assert m[key], key
    if m["device"] == "cuda":
        for key in ("gpu_name", "driver", "cuda_runtime", "compute_capability"):
            assert m[key], key
        assert data["machine_id"].startswith("cuda-")
    else:
        assert data["machine_id"].endswith(f"-{m['torch_num_threads']}t")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT.*", run["date"])
    assert run["command"].startswith("python scripts/benchmark.py")
    assert run["quick"] is False, "a --quick run is a smoke test, not data to publish"
    for key in ("load_average_start", "load_average_end"):
        assert len(run[key]) == 3 and all(v >= 0 for v in run[key])
    assert run["wall_seconds"] > 0


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_data_file_has_every_activation_at_every_size(path):
    rows = load(path)["activation_cost"]
    got = {(r["name"], r["mode"], r["numel"]): r for r in rows}
    sizes = [2**k for k in range(10, 23, 2)]
    want = {(name, mode, n) for name, _ in BENCH.ACTIVATIONS for mode in ("forward", "forward+backward")
            for n in sizes}
    assert set(got) == want
    assert len(rows) == len(want)
    for key, r in got.items():
        assert r["expression"] == dict(BENCH.ACTIVATIONS)[key[0]]
        assert r["dtype"] == "float32"
        check_stats(r, str(key))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_data_file_has_every_fused_and_composite_variant(path):
    rows = load(path)["fused_vs_composite"]
    got = {(r["group"], tuple(r["shape"]), r["mode"], r["variant"]) for r in rows}
    assert len(got) == len(rows)
    for group, variants in BENCH.ELEMENTWISE_PAIRS + [BENCH.LOSS_PAIR]:
        shapes = {shape for g, shape, _, _ in got if g == group}
        assert len(shapes) >= 2, group
        for shape in shapes:
            for mode in ("forward", "forward+backward"):
                order = [r["variant"] for r in rows if (r["group"], tuple(r["shape"]), r["mode"]) == (group, shape, mode)]
                assert order == [label for label, _ in variants], (group, shape, mode)
    for r in rows:
        check_stats(r, f"{r['group']} {r['variant']} {r['shape']} {r['mode']}")
        assert r["rounds"] >= 1
        # the composite computes the same function (GELU tanh: the approximation error)
        tol = 1e-3 if r["group"] == "GELU" else 1e-5
        assert 0 <= r["max_abs_diff_vs_first"] < tol


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_data_file_has_the_memory_measurements(path):
    mem = load(path)["inplace_memory"]
    assert mem["activation_tensor_bytes"] == mem["batch"] * mem["width"] * 4
    assert {(r["activation"], r["inplace"]) for r in mem["rows"]} == {
        (a, i) for a in ("ReLU", "LeakyReLU", "ELU", "SiLU") for i in (False, True)}
    for r in mem["rows"]:
        assert r["saved_tensors"] >= 1
        for key in ("saved_bytes", "forward_peak_bytes", "forward_backward_peak_bytes"):
            assert r[key] > 0, (r["activation"], r["inplace"], key)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_data_file_records_torch_compile(path):
    c = load(path)["compile"]
    assert c["status"] in ("ok", "failed"), c["status"]
    if c["status"] == "failed":
        assert c["error"]
        return
    assert c["first_call_forward_s"] > 0 and c["first_call_forward_backward_s"] > 0
    assert c["max_abs_diff_vs_F.mish"] < 1e-5
    variants = {r["variant"] for r in c["rows"]}
    assert len(variants) == 3
    for r in c["rows"]:
        check_stats(r, f"{r['variant']} {r['numel']} {r['mode']}")


# --------------------------------------------------------------------------- summaries = data
def test_summaries_list_every_data_file():
    for stem in SUMMARY_SNIPPETS:
        text = out(stem)
        for path in FILES:
            assert f"== {path.stem}" in text, (stem, path.name)


def test_activation_summary_matches_the_data():
    """Recompute a median from the raw block times and find it in the printed table."""
    text = out("activation_cost")
    for path in FILES:
        data = load(path)
        section = text.split(f"== {data['machine_id']}")[1].split("\n== ")[0]
        big = 2**22
        for name, _ in BENCH.ACTIVATIONS:
            row = next(r for r in data["activation_cost"]
                       if (r["name"], r["mode"], r["numel"]) == (name, "forward+backward", big))
            median = sig4(float(np.percentile(row["times"], 50)))
            line = next(ln for ln in section.splitlines() if ln.startswith(f"{name} ") and "x" in ln)
            assert f"{median:8.1f}".strip() in line.split(), (name, median, line)


def test_fused_summary_matches_the_data():
    text = out("fused_vs_composite")
    for path in FILES:
        data = load(path)
        section = text.split(f"== {data['machine_id']}")[1].split("\n== ")[0]
        rows = data["fused_vs_composite"]
        for r in rows:
            first = next(f for f in rows if (f["group"], f["shape"], f["mode"]) == (r["group"], r["shape"], r["mode"]))
            ratio = f"{r['median'] / first['median']:5.2f}x".strip()
            head = f"{r['group']} {r['shape']} {r['mode']}"
            block = section.split(head + "\n")[1]
            line = next(ln for ln in block.splitlines() if ln.strip().startswith(r["variant"] + " "))
            assert f"{r['median']:9.2f}".strip() in line and ratio in line, (head, line)


def test_memory_summary_matches_the_data():
    text = out("memory")
    for path in FILES:
        mem = load(path)["inplace_memory"]
        for r in mem["rows"]:
            saved = f"{r['saved_bytes'] / mem['activation_tensor_bytes']:.2f}"
            line = next(ln for ln in text.splitlines() if ln.startswith(f"{r['activation']:9s} inplace={r['inplace']!s:5s}"))
            assert saved in line.split(), line


def test_compile_and_machine_summaries_match_the_data():
    comp, mach = out("compile"), out("machines")
    for path in FILES:
        data = load(path)
        assert f"status: {data['compile']['status']}" in comp
        if data["compile"]["status"] == "ok":
            assert f"first call, forward (s): {data['compile']['first_call_forward_s']}" in comp
        assert f"at start: {data['run']['load_average_start']}" in mach
        assert f"{data['timing_pitfalls']['timer']['median']:10.1f}" in mach


def test_pages_link_the_data_files():
    for path in FILES:
        for lang in ("zh", "en"):
            assert f"data/{path.name}" in (DOCS / "performance" / f"data_files.{lang}.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the script itself
def _smoke(tmp_path: Path, device: str) -> None:
    """A --quick run writes a file that the summary snippets can read."""
    tree = tmp_path / "tree"
    (tree / "snippets" / "performance").mkdir(parents=True)
    data = tree / "docs" / "performance" / "data"
    # one thread: with two (the default on 2 cores) beside the other test worker and the
    # site build, torch's threads wait for each other: 21 s and 17 CPU-s instead of 8 s and 4
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "benchmark.py"), "--quick", "--skip-compile",
                           "--device", device, "--threads", "1", "--out", str(data)],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (written,) = data.glob("*.json")
    d = load(written)
    assert d["run"]["quick"] is True and d["machine"]["device"] == device
    assert {r["name"] for r in d["activation_cost"]} == {n for n, _ in BENCH.ACTIVATIONS}
    for r in d["activation_cost"] + d["fused_vs_composite"]:
        check_stats(r, r.get("name") or r["variant"])
    for stem in SUMMARY_SNIPPETS:
        shutil.copy(SNIPPETS / "performance" / f"{stem}.py", tree / "snippets" / "performance")
        run = subprocess.run([sys.executable, f"snippets/performance/{stem}.py"], cwd=tree,
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 0 and not run.stderr, (stem, run.stderr[-2000:])
        assert f"== {d['machine_id']}" in run.stdout


def test_benchmark_script_quick_run_on_cpu(tmp_path):
    _smoke(tmp_path, "cpu")


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device: the --device cuda run needs one")
def test_benchmark_script_quick_run_on_cuda(tmp_path):
    _smoke(tmp_path, "cuda")


def test_download_links_resolve_in_the_built_site(built_site):
    """The English build has no copy of the data files; its link points at the Chinese build's copy."""
    for lang, page in (("zh", built_site / "performance" / "data_files" / "index.html"),
                       ("en", built_site / "en" / "performance" / "data_files" / "index.html")):
        html = page.read_text(encoding="utf-8")
        for path in FILES:
            hrefs = re.findall(r'href="([^"]*' + re.escape(path.name) + ')"', html)
            assert hrefs, (lang, path.name)
            for href in hrefs:
                target = (page.parent / href).resolve()
                assert target.is_file() and target.read_bytes() == path.read_bytes(), (lang, href)
