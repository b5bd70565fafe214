"""Measure build and test times and site size; write them into README.md.

    python scripts/measure.py                    # this checkout's build numbers (~5 min)
    python scripts/measure.py --before ../old    # and another checkout's, side by side
    python scripts/measure.py --suite            # also the full suite from a fresh clone
    python scripts/measure.py --harness          # also the snippet harness, fork vs fresh
    python scripts/measure.py --floor            # also the experiments' CPU time (~2.5 min)

``--before DIR`` measures a second checkout (with its own ``.venv``, as
``scripts/_env.sh`` makes it) first, then this one, on the same machine in the
same run, so the two columns can be compared. Numbers (issue #12's table):

* cold build: ``mkdocs build --strict`` of the whole site with empty build caches;
* warm rebuild: the same build again after a prose-only edit of one page;
* for both builds also their CPU time (user + system, the build and every process it
  waited for), which the machine's load moves much less than the wall time;
* serve: ``mkdocs serve --dirty`` (``bash scripts/site.sh``), edit saved -> page served;
* the first chapter alone, cold (``scripts/build_chapter.py``'s configuration);
* site size, search index, largest page gzipped (as a server sends it), counts;
* ``--suite``: ``git clone`` of the checkout, then ``CI=true bash .ci/run`` in it:
  the wall time including set-up (venv, npm tools) and pytest's own time; its
  output, with the 40 slowest tests, is kept in the temporary folder;
* ``--harness``: every snippet through the fork server, and in a fresh interpreter each.
* ``--floor``: the CPU time of the seven experiments (``snippets/experiments/*.py``, each
  run as a reader runs it: ``python file.py`` in an empty folder, one after the other).
  Every cold build and every fresh-clone suite trains them once, so no build or suite
  can take less wall time than that CPU time divided by the cores.

For the suite the CPU time of the whole machine during the run is printed too (busy
time of all cores from ``/proc/stat``: the background site build, the browsers and
every other process the tests start): divided by the cores it is the least wall time
that suite could take with its work spread perfectly.

The load average is printed beside the table: on 2 cores a busy machine makes
every number slower, so compare columns from one run only. The README section
between ``<!-- measurements -->`` markers is replaced.
"""
from __future__ import annotations

import argparse
import gzip
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = "activation_basics"
PAGE = "docs/activation_basics/relu.en.md"  # the page edited for the warm and serve numbers


def load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def log(msg: str) -> None:
    print(f"[measure {time.strftime('%H:%M:%S')} load {load()}] {msg}", flush=True)


def timed(cmd: list[str], cwd: Path, env: dict, check: bool = True) -> tuple[float, str]:
    elapsed, _, stdout = timed_cpu(cmd, cwd, env, check)
    return elapsed, stdout


def timed_cpu(cmd: list[str], cwd: Path, env: dict, check: bool = True) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, output) of ``cmd``. CPU = user + system time of the
    command and every process it waited for (the fork servers of a build and their
    children): on 2 cores the wall time moves with the machine's load, the CPU time
    much less, so it shows whether a change did less work."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if check and proc.returncode:
        sys.exit(f"{' '.join(cmd)} failed in {cwd}:\n{proc.stdout[-3000:]}")
    return elapsed, cpu, proc.stdout


def busy_cpu() -> float | None:
    """Seconds of CPU time all cores of this machine have been busy since boot
    (``/proc/stat``: everything but idle and iowait), or None where there is none."""
    try:
        fields = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def measure_serve(root: Path, py: str, env: dict) -> float:
    """Seconds from saving a prose edit to the rebuilt page, checked over HTTP."""
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log_file = open(Path(env["SITE_CACHE"]).parent / "serve.log", "w+", encoding="utf-8")
    proc = subprocess.Popen([py, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}"],
                            cwd=root, env=env, stdout=log_file, stderr=subprocess.STDOUT, text=True)
    page = root / PAGE
    original = page.read_text(encoding="utf-8")

    def built() -> int:
        log_file.seek(0)
        return log_file.read().count("Documentation built in")

    try:
        deadline = time.time() + 900
        while built() < 1:
            if proc.poll() is not None or time.time() > deadline:
                log_file.seek(0)
                sys.exit(f"mkdocs serve did not start:\n{log_file.read()[-3000:]}")
            time.sleep(0.5)
        time.sleep(2)
        marker = f"prose-edit-{time.time_ns()}"
        t0 = time.perf_counter()
        page.write_text(original + f"\n{marker}\n", encoding="utf-8")
        while built() < 2:
            if time.time() > deadline:
                sys.exit("mkdocs serve did not rebuild after the edit")
            time.sleep(0.1)
        elapsed = time.perf_counter() - t0
        url = f"http://127.0.0.1:{port}/en/activation_basics/relu/"
        if marker not in urllib.request.urlopen(url, timeout=30).read().decode("utf-8"):
            sys.exit(f"the rebuilt page {url} does not show the edit")
        return elapsed
    finally:
        page.write_text(original, encoding="utf-8")
        proc.terminate()
        proc.wait(timeout=30)
        log_file.close()


def measure_build(root: Path) -> dict:
    py = str(root / ".venv/bin/python")
    out: dict = {"load": [load()]}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env = {**os.environ, "SITE_CACHE": str(Path(tmp) / "cache"), "NO_MKDOCS_2_WARNING": "1"}
        build = [py, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
        log(f"{root}: cold build")
        out["cold"], out["cold_cpu"], _ = timed_cpu(build, root, env)
        page = root / PAGE
        original = page.read_text(encoding="utf-8")
        try:
            page.write_text(original + "\n<!-- prose edit -->\n", encoding="utf-8")
            log(f"{root}: warm rebuild")
            out["warm"], out["warm_cpu"], _ = timed_cpu(build, root, env)
        finally:
            page.write_text(original, encoding="utf-8")
        log(f"{root}: serve")
        out["serve"] = measure_serve(root, py, env)
        log(f"{root}: first chapter, cold")
        cfg = subprocess.run(
            [py, "-c", "import sys; from pathlib import Path; from scripts.build_chapter import make_config; "
                       "print(make_config([sys.argv[1]], Path(sys.argv[2])))", CHAPTER, str(Path(tmp) / "first-project")],
            cwd=root, env=env, capture_output=True, text=True, check=True).stdout.strip()
        out["first"], _ = timed([py, "-m", "mkdocs", "build", "--strict", "-f", cfg, "--site-dir", str(Path(tmp) / "first")],
                                root, {**env, "SITE_CACHE": str(Path(tmp) / "cache-first")})
        out["size"] = du(site)
        out["search"] = du(site / "search")
        pages = [(len(gzip.compress(p.read_bytes(), 6)), p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
        out["largest"] = max(pages)
        out["html"] = len(list(site.rglob("index.html")))
        out["figures"] = len(list((site / "assets/figures").rglob("*.svg")))
    out["load"].append(load())
    return out


def measure_suite(root: Path) -> dict:
    """A fresh clone of ``root``'s HEAD and ``CI=true bash .ci/run`` in it."""
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "clone"
        subprocess.run(["git", "clone", "-q", str(root), str(clone)], check=True)
        log(f"{root}: CI=true bash .ci/run in a fresh clone")
        start = load()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "SITE_CACHE", "PYTEST"))}
        env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p)
        # --durations through the environment: .ci/run passes no arguments to pytest
        busy = busy_cpu()
        wall, text = timed(["bash", ".ci/run"], clone, {**env, "CI": "true", "PYTEST_ADDOPTS": "--durations=40"},
                           check=False)
        machine = busy_cpu() - busy if busy is not None else None
    saved = Path(tempfile.gettempdir()) / f"measure-suite-{commit(root)}.log"
    saved.write_text(text, encoding="utf-8")
    log(f"{root}: suite output (with the 40 slowest tests) in {saved}")
    summary = [l.strip("= ") for l in text.splitlines() if re.search(r"\d+ (passed|failed).* in [\d.]+s", l)]
    pytest_s = re.search(r" in ([\d.]+)s", summary[-1]).group(1) if summary else "?"
    return {"wall": wall, "pytest": pytest_s, "summary": summary[-1] if summary else "no summary", "load": [start, load()],
            "cpu": machine, "bound": machine / os.cpu_count() if machine is not None else None}


def measure_floor(root: Path) -> dict:
    """CPU time of each experiment run as a reader runs it (see the module's docstring)."""
    py = str(root / ".venv/bin/python")
    each = {}
    with tempfile.TemporaryDirectory() as tmp:
        for snippet in sorted((root / "snippets/experiments").glob("*.py")):
            log(f"{root}: python {snippet.relative_to(root)}")
            _, each[snippet.stem], _ = timed_cpu([py, str(snippet)], Path(tmp), dict(os.environ))
    total = sum(each.values())
    log("experiments' CPU: " + ", ".join(f"{k} {v:.1f} s" for k, v in each.items()))
    return {"experiments": total, "bound": total / os.cpu_count(), "each": each}


def measure_harness(root: Path) -> dict:
    from snippets._engine.catalog import snippet_files
    from snippets._engine.execute import Runner

    snippets = snippet_files()
    out = {"n": len(snippets)}
    for fresh in (False, True):
        with Runner(fresh=fresh) as r:
            t0 = time.perf_counter()
            for s in snippets:
                r.run(s)
            out["fresh" if fresh else "fork"] = time.perf_counter() - t0
    return out


def commit(root: Path) -> str:
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True).stdout.strip()


ROWS = [  # key, what, format, target (issue #12)
    ("suite.pytest", "full suite from a fresh clone, pytest time, cold caches (`CI=true bash .ci/run`)", "{} s", "≤ 180 s"),
    ("suite.wall", "the same, `.ci/run` wall time including set-up", "{:.0f} s", "≤ 300 s"),
    ("suite.summary", "the same, pytest's summary", "{}", ""),
    ("suite.cpu", "the same, CPU time of the whole machine during the run (all cores)", "{:.0f} s", ""),
    ("suite.bound", "that CPU time divided by the cores: the least wall time of that work", "{:.0f} s", ""),
    ("build.cold", "cold `mkdocs build --strict` of the whole site, empty build caches", "{:.1f} s", "≤ 60 s"),
    ("build.cold_cpu", "the same, CPU time (user + system, every process it waited for)", "{:.0f} s", ""),
    ("floor.experiments", "the seven experiments alone, CPU time (each `python file.py`, one after the other)",
     "{:.0f} s", ""),
    ("floor.bound", "that CPU time divided by the cores: the least wall time of any cold build", "{:.0f} s", "≤ 60 s"),
    ("build.warm", "warm full rebuild after a prose-only edit", "{:.1f} s", "≤ 8 s"),
    ("build.warm_cpu", "the same, CPU time", "{:.1f} s", ""),
    ("build.serve", "`mkdocs serve --dirty` (`bash scripts/site.sh`): edit saved → page updated", "{:.1f} s", "≤ 3 s"),
    ("build.first", f"cold build of the first chapter alone ({CHAPTER})", "{:.1f} s", ""),
    ("build.size", "built site size", "{:.1f} MB", "≤ 40 MB"),
    ("build.search", "of which the search index", "{:.1f} MB", ""),
    ("build.largest", "largest page, gzip as served", "{}", "≤ 300 KB"),
    ("build.counts", "HTML pages / figure SVGs", "{}", ""),
    ("harness.fork", "all snippets, fork server (one process, serial)", "{:.1f} s", ""),
    ("harness.fresh", "all snippets, fresh interpreter each (serial)", "{:.1f} s", ""),
]


def cell(result: dict, key: str) -> str:
    part, name = key.split(".")
    data = result.get(part)
    if not data or data.get(name) is None:
        return "–"
    fmt = next(f for k, _, f, _ in ROWS if k == key)
    if key == "build.size" or key == "build.search":
        return fmt.format(data[name] / 1e6)
    if key == "build.largest":
        size, page = data["largest"]
        return f"{size / 1e3:.0f} KB (`{page}`)"
    if key == "build.counts":
        return f"{data['html']} / {data['figures']}"
    return fmt.format(data[name])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", type=Path, help="another checkout to measure first, for a before/after table")
    ap.add_argument("--suite", action="store_true", help="also run the full suite from a fresh clone")
    ap.add_argument("--harness", action="store_true", help="also time every snippet, fork server vs fresh interpreter")
    ap.add_argument("--floor", action="store_true", help="also the experiments' CPU time (this checkout only)")
    ap.add_argument("--no-readme", action="store_true", help="print the table only")
    args = ap.parse_args()
    roots = ([args.before.resolve()] if args.before else []) + [ROOT]
    results = []
    for root in roots:
        result = {"commit": commit(root), "build": measure_build(root)}
        if args.suite:
            result["suite"] = measure_suite(root)
        if args.harness and root == ROOT:
            result["harness"] = measure_harness(root)
        if args.floor and root == ROOT:
            result["floor"] = measure_floor(root)
        results.append(result)
    cpu = platform.machine()
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except OSError:
        pass
    heads = [("before" if len(results) > 1 and i == 0 else "now") + f" (`{r['commit']}`)" for i, r in enumerate(results)]
    loads = "; ".join(
        f"{h}: build {' → '.join(r['build']['load'])}" + (f", suite {' → '.join(r['suite']['load'])}" if "suite" in r else "")
        for h, r in zip(heads, results))
    table = [f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}; "
             f"load average (1/5/15 min) at start → end: {loads}.", "",
             "| what | " + " | ".join(heads) + " | target |", "|---|" + "---|" * len(heads) + "---|"]
    for key, what, _, target in ROWS:
        cells = [cell(r, key) for r in results]
        if all(c == "–" for c in cells):
            continue
        table.append(f"| {what} | " + " | ".join(cells) + f" | {target} |")
    text = "\n".join(table)
    print(text)
    if not args.no_readme:
        readme = ROOT / "README.md"
        body = readme.read_text(encoding="utf-8")
        body = re.sub(r"(<!-- measurements -->\n).*?(\n<!-- /measurements -->)", lambda m: m.group(1) + text + m.group(2),
                      body, flags=re.S)
        readme.write_text(body, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
