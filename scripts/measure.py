"""Measure build and test times, site size and counts; write them into README.md.

    python scripts/measure.py            # everything (several minutes)
    python scripts/measure.py --no-tests # skip the full test-suite run

Numbers (this machine, as the script runs):
* cold build: `mkdocs build --strict` with an empty build caches;
* warm rebuild: the same build again after a prose-only edit of one page;
* snippet harness: all snippets through the fork server vs one fresh interpreter each;
* full test suite: `bash scripts/test.sh` wall time;
* site size, and counts of pages, snippets and figures.
The README section between <!-- measurements --> markers is replaced.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from snippets._engine.catalog import pages, snippet_files
from snippets._engine.execute import Runner

ROOT = Path(__file__).resolve().parents[1]

PY = str(ROOT / ".venv/bin/python")


def timed(cmd: list[str], check: bool = True, **kw) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    if check and proc.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stdout[-3000:]}")
    timed.last = proc
    return time.perf_counter() - t0


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def measure_serve(env: dict) -> float:
    """`mkdocs serve --dirty` (what `bash scripts/site.sh` runs): seconds from saving
    a prose edit to the rebuilt page, checked over HTTP."""
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(Path(env["SITE_CACHE"]).parent / "serve.log", "w+", encoding="utf-8")
    proc = subprocess.Popen([PY, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    page = ROOT / "docs/activation_basics/relu.en.md"
    original = page.read_text(encoding="utf-8")

    def built() -> int:
        log.seek(0)
        return log.read().count("Documentation built in")

    try:
        deadline = time.time() + 600
        while built() < 1:
            if proc.poll() is not None or time.time() > deadline:
                log.seek(0)
                sys.exit(f"mkdocs serve did not start:\n{log.read()[-3000:]}")
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
        log.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-tests", action="store_true")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env = {**os.environ, "SITE_CACHE": str(Path(tmp) / "cache"), "NO_MKDOCS_2_WARNING": "1"}
        build = [PY, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
        cold = timed(build, env=env)
        page = ROOT / "docs/activation_basics/relu.en.md"
        original = page.read_text(encoding="utf-8")
        try:
            page.write_text(original + "\n<!-- prose edit -->\n", encoding="utf-8")
            warm = timed(build, env=env)
        finally:
            page.write_text(original, encoding="utf-8")
        serve_rebuild = measure_serve(env)
        first = Path(tmp) / "first"
        from scripts.build_chapter import make_config  # the repository root is on sys.path

        cfg = make_config(["activation_basics"], Path(tmp) / "first-project")
        env_first = {**env, "SITE_CACHE": str(Path(tmp) / "cache-first")}
        cold_first = timed([PY, "-m", "mkdocs", "build", "--strict", "-f", str(cfg), "--site-dir", str(first)], env=env_first)
        size = du(site)
        search = du(site / "search")
        figures = len(list((site / "assets/figures").rglob("*.svg")))
        html_pages = len(list(site.rglob("index.html")))
    snippets = snippet_files()
    with Runner(fresh=False) as r:
        t0 = time.perf_counter()
        for s in snippets:
            r.run(s)
        fork = time.perf_counter() - t0
    with Runner(fresh=True) as r:
        t0 = time.perf_counter()
        for s in snippets:
            r.run(s)
        fresh = time.perf_counter() - t0
    rows += [
        ("cold build of the first chapter alone (home stub + activation basics + verification)", f"{cold_first:.1f} s", "≤ 60 s"),
        ("cold build of the whole site (`mkdocs build --strict`, empty build caches)", f"{cold:.1f} s", ""),
        ("warm full rebuild after a prose-only edit (figures, cards and notebook HTML cached)", f"{warm:.1f} s", ""),
        ("rebuild after a prose-only edit while serving (`bash scripts/site.sh`: `mkdocs serve --dirty`; edit saved → page updated)", f"{serve_rebuild:.1f} s", "≤ 8 s"),
        (f"all {len(snippets)} snippets, fork server (one process, serial)", f"{fork:.1f} s", ""),
        (f"all {len(snippets)} snippets, fresh interpreter each (serial)", f"{fresh:.1f} s", ""),
    ]
    if not args.no_tests:
        with tempfile.TemporaryDirectory() as cache:  # CI starts with no build cache
            suite = timed(["bash", "scripts/test.sh"], check=False, env={**os.environ, "SITE_CACHE": cache})
        summary = [l for l in timed.last.stdout.splitlines() if " in " in l and ("passed" in l or "failed" in l)]
        rows.append(("full test suite (`bash scripts/test.sh`, 2 workers, cold build caches)",
                     f"{suite:.1f} s ({summary[-1].strip('= ') if summary else 'no summary'})", "≤ 180 s"))
    rows += [
        ("built site size (search index)", f"{size / 1e6:.1f} MB ({search / 1e6:.1f} MB)", ""),
        ("pages (zh + en) / snippets / figure SVGs", f"{html_pages} / {len(snippets)} / {figures}", ""),
    ]
    cpu = platform.processor() or platform.machine()
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except Exception:
        pass
    table = [f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}:", "",
             "| what | measured | target |", "|---|---|---|"]
    table += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    text = "\n".join(table)
    print(text)
    readme = ROOT / "README.md"
    body = readme.read_text(encoding="utf-8")
    body = re.sub(r"(<!-- measurements -->\n).*?(\n<!-- /measurements -->)", lambda m: m.group(1) + text + m.group(2), body, flags=re.S)
    readme.write_text(body, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
