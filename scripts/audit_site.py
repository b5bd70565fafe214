"""Page weight of every built page, and Lighthouse scores of the six page types.

    python scripts/audit_site.py [--site site] [--before PATH] [--runs 3] [--readme]
    python scripts/audit_site.py --no-lighthouse         # page weights only

Page weight = the page's HTML plus every stylesheet, script, image and font it
loads (fonts: those its stylesheets reference), gzip-compressed as a static
host would send them, excluding the search index (fetched only when the reader
searches). Lighthouse (npm, package.json) runs with Debian's chromium on a
local server that gzips as static hosts do, mobile (its default: a mid-range
phone on slow 4G, simulated) and desktop presets, on one page of each type
(:data:`PAGE_TYPES`), ``--runs`` times each; the table shows medians, because a
Lighthouse score moves with the machine's load (printed with the table).

``--before PATH`` measures a second site the same way, in the same session, runs
interleaved (before, after, before, ...) so that both see the same load: PATH is a
built site (a folder with index.html), or a checkout whose ``site/`` is used or,
if missing, built (``mkdocs build --strict`` there, with this Python). A missing
``--site`` is built the same way. ``--readme`` writes the results into README.md
between the <!-- audit --> markers.
"""
from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import functools
import http.server
import socketserver
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
# (page type, one page of that type): the home page, a reference page with many
# formulas, an in-depth page with several figures, an experiment, a rendered
# notebook, the verification page; both languages among them
PAGE_TYPES = [
    ("home", ""),
    ("reference, 189 formulas", "losses/margin/"),
    ("in depth, 4 figures", "activations_in_depth/comparison/"),
    ("experiment", "en/experiments/regression_outliers/"),
    ("rendered notebook", "notebooks/zh/activations/relu_variants/"),
    ("verification", "en/verification/"),
]
PRESETS = ("mobile", "desktop")


def gz(path: Path, cache: dict) -> int:
    if path not in cache:
        cache[path] = len(gzip.compress(path.read_bytes(), 6))
    return cache[path]


def resources(html: Path, site: Path) -> set[Path]:
    text = html.read_text(encoding="utf-8")
    found = set()
    for url in re.findall(r'<(?:script|img|link)\b[^>]*?(?:src|href)="([^"]+)"', text):
        parts = urlsplit(url)
        if parts.scheme or url.startswith("//"):
            continue
        p = (html.parent / unquote(parts.path)).resolve()
        if p.is_file() and p.suffix in (".css", ".js", ".svg", ".png", ".woff2", ".ico"):
            found.add(p)
    for css in [p for p in found if p.suffix == ".css"]:
        for url in re.findall(r"url\(([^)]+\.woff2)\)", css.read_text(encoding="utf-8")):
            f = (css.parent / url.strip("'\"")).resolve()
            if f.is_file():
                found.add(f)
    return found


def page_weights(site: Path) -> dict[str, int]:
    """Static estimate: everything the HTML references (every font its stylesheets name counted)."""
    cache: dict = {}
    weights = {}
    for html in sorted(site.rglob("index.html")):
        total = gz(html, cache) + sum(gz(r, cache) for r in resources(html, site))
        weights[html.parent.relative_to(site).as_posix() + "/"] = total
    return weights


def page_weights_browser(site: Path, base: str, paths: list[str] | None = None) -> dict[str, int]:
    """What chromium really fetches for each page (scrolled to the end, so lazy
    figures load), gzip sizes, search index excluded: every page, or ``paths``."""
    from playwright.sync_api import sync_playwright

    cache: dict = {}
    weights = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        if paths is None:
            paths = [html.parent.relative_to(site).as_posix() + "/" for html in sorted(site.rglob("index.html"))]
        for path in paths:
            path = "" if path == "./" else path
            page = browser.new_page()
            fetched = set()
            page.on("requestfinished", lambda r: fetched.add(urlsplit(r.url).path))
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            page.wait_for_timeout(300)
            page.close()
            total = 0
            for url_path in fetched:
                f = site / unquote(url_path).lstrip("/")
                if f.is_dir():
                    f = f / "index.html"
                if f.is_file() and f.name != "search_index.json":
                    total += gz(f, cache)
            weights[path] = total
        browser.close()
    return weights


@contextlib.contextmanager
def serve(site: Path):
    """A local static server that gzips text responses, as GitHub Pages and most
    static hosts do (Lighthouse's mobile timings depend on it)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def send_head(self):
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            text = path.suffix in (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ipynb")
            if not (text and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
                return super().send_head()
            if self.path.split("?")[0].endswith("/") is False and (Path(self.translate_path(self.path))).is_dir():
                return super().send_head()  # the redirect to the folder's slash
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            import io

            return io.BytesIO(body)

    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


def lighthouse_once(url: str, preset: str) -> tuple[int, int]:
    """(performance, accessibility) of one Lighthouse run."""
    tool = ROOT / "node_modules/.bin/lighthouse"
    flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "lh.json"
        cmd = [str(tool), url, "--quiet", "--output=json", f"--output-path={out}",
               "--only-categories=performance,accessibility", f"--chrome-flags={flags}"]
        if preset == "desktop":
            cmd.append("--preset=desktop")
        proc = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
                              capture_output=True, text=True, timeout=300)
        if not out.exists():
            raise RuntimeError(f"lighthouse {url} ({preset}) wrote no report: {proc.stderr[-1000:]}")
        report = json.loads(out.read_text())
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse {url} ({preset}): {report['runtimeError'].get('message')}")
    cats = report["categories"]
    return round(cats["performance"]["score"] * 100), round(cats["accessibility"]["score"] * 100)


def lighthouse(bases: dict[str, str], pages: list[tuple[str, str]], runs: int) -> tuple[dict, list[float]]:
    """Median (performance, accessibility) per (site label, page, preset), and the
    1-minute load average before each run. Runs are interleaved across sites."""
    scores: dict = {}
    loads = []
    total = runs * len(pages) * len(PRESETS) * len(bases)
    done = 0
    for _ in range(runs):
        for _, page in pages:
            for preset in PRESETS:
                for label, base in bases.items():
                    loads.append(os.getloadavg()[0])
                    scores.setdefault((label, page, preset), []).append(lighthouse_once(base + page, preset))
                    done += 1
                    print(f"  lighthouse {done}/{total}: {label} /{page} {preset} -> "
                          f"{scores[(label, page, preset)][-1]} (load {loads[-1]:.1f})", file=sys.stderr, flush=True)
    medians = {k: (statistics.median(p for p, _ in v), statistics.median(a for _, a in v)) for k, v in scores.items()}
    return medians, loads


def built(path: Path) -> Path:
    """The built site of ``path``: itself, its ``site/``, or ``site/`` built now."""
    if (path / "index.html").exists():
        return path
    if (path / "site" / "index.html").exists():
        return path / "site"
    if not (path / "mkdocs.yml").exists():
        raise SystemExit(f"{path}: neither a built site nor a checkout with mkdocs.yml")
    print(f"building {path}/site ...", file=sys.stderr, flush=True)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(path / "site")],
                   cwd=path, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return path / "site"


def _versions() -> str:
    out = []
    try:
        out.append("Lighthouse " + json.loads((ROOT / "node_modules/lighthouse/package.json").read_text())["version"])
    except (OSError, ValueError, KeyError):
        pass
    try:
        out.append(subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True, timeout=30).stdout.strip())
    except OSError:
        pass
    return ", ".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", default=str(ROOT), help="the site measured, or a checkout: its site/, built if missing "
                    "(default: this checkout)")
    ap.add_argument("--before", help="a second site or checkout to compare with (the table shows before -> after)")
    ap.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and preset (median shown)")
    ap.add_argument("--pages", help="comma-separated page paths instead of the six page types")
    ap.add_argument("--no-lighthouse", action="store_true")
    ap.add_argument("--no-weights", action="store_true", help="skip the page weight of every page")
    ap.add_argument("--readme", action="store_true", help="write the results into README.md")
    args = ap.parse_args()
    try:
        site = built(Path(args.site).resolve())
        before = built(Path(args.before).resolve()) if args.before else None
    except subprocess.CalledProcessError as exc:
        print(f"build failed: {exc}")
        return 1
    lighthouse_ok = (ROOT / "node_modules/.bin/lighthouse").exists() and Path("/usr/bin/chromium").exists()
    lines = []
    with contextlib.ExitStack() as stack:
        base = stack.enter_context(serve(site))
        bases = {"after": base} if before else {"": base}
        if before:
            bases = {"before": stack.enter_context(serve(before)), "after": base}
        if not args.no_weights:
            search = sum(gz(p, {}) for p in site.rglob("search_index.json")) / 1024
            if Path("/usr/bin/chromium").exists():
                w = page_weights_browser(site, base)
                how = "what chromium fetched, scrolled to the end"
            else:
                w = page_weights(site)
                how = "static estimate: every referenced file"
            kb = sorted(v / 1024 for v in w.values())
            heaviest = max(w, key=w.get) or "/"
            lines.append(
                f"Page weight ({how}; gzip sizes, as a static host sends them; search index excluded) "
                f"over {len(w)} pages: median {statistics.median(kb):.0f} KB (target ≤ 300 KB), "
                f"max {max(kb):.0f} KB (`{heaviest}`). The search indexes, fetched on a reader's first "
                f"search, are {search:.0f} KB gzip in total."
            )
        if args.no_lighthouse:
            pass
        elif not lighthouse_ok:
            print("lighthouse or chromium missing: skipped (npm install; apt-get install chromium)")
        else:
            types = [(p, p) for p in args.pages.split(",")] if args.pages else PAGE_TYPES
            pages = [p for _, p in types]
            weights = {label: page_weights_browser(before if label == "before" else site, b, pages)
                       for label, b in bases.items()}
            medians, loads = lighthouse(bases, types, args.runs)
            order = list(bases)

            def cell(values):
                vals = [f"{v:.0f}" if isinstance(v, (int, float)) else str(v) for v in values]
                return " → ".join(vals)

            head = "before → after" if before else ""
            lines += ["", f"| Page type (Lighthouse, median of {args.runs} runs) | page | mobile performance {head} "
                          f"| desktop performance {head} | accessibility (mobile, desktop) {head} | weight KB (gzip) {head} |",
                      "|---|---|---|---|---|---|"]
            for kind, page in types:
                perf = {preset: cell(medians[(l, page, preset)][0] for l in order) for preset in PRESETS}
                a11y = cell(f"{medians[(l, page, 'mobile')][1]:.0f}, {medians[(l, page, 'desktop')][1]:.0f}" for l in order)
                kb = cell(weights[l][page] / 1024 for l in order)
                lines.append(f"| {kind} | `{page or '/'}` | {perf['mobile']} | {perf['desktop']} | {a11y} | {kb} |")
            lines.append(
                f"\nLoad average (1 min) before each of the {len(loads)} runs: median {statistics.median(loads):.1f}, "
                f"{min(loads):.1f} to {max(loads):.1f}, on {os.cpu_count()} cores; {_versions()}; local server, gzip."
                + (f" Before: `{args.before}`." if before else "")
            )
    text = "\n".join(lines)
    print(text)
    if args.readme:
        readme = ROOT / "README.md"
        body = readme.read_text(encoding="utf-8")
        if "<!-- audit -->" not in body:
            print("README.md has no <!-- audit --> markers")
            return 1
        body = re.sub(r"(<!-- audit -->\n).*?(\n<!-- /audit -->)", lambda m: m.group(1) + text + m.group(2), body, flags=re.S)
        readme.write_text(body, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
