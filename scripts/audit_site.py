"""Page weight of every built page, and Lighthouse performance of key pages.

    python scripts/audit_site.py [--site site] [--no-lighthouse]

Page weight = the page's HTML plus every stylesheet, script, image and font it
loads (fonts: those its stylesheets reference), gzip-compressed as a static
host would send them, excluding the search index (fetched only when the reader
searches). Lighthouse (npm, package.json) runs with Debian's chromium on a
local server, desktop and mobile presets. The README section between
<!-- audit --> markers is replaced with the results.
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
KEY_PAGES = ["activation_basics/sigmoid/", "en/activation_basics/relu/"]


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
    """Static estimate: everything the HTML references (all KaTeX fonts counted)."""
    cache: dict = {}
    weights = {}
    for html in sorted(site.rglob("index.html")):
        total = gz(html, cache) + sum(gz(r, cache) for r in resources(html, site))
        weights[html.parent.relative_to(site).as_posix() + "/"] = total
    return weights


def page_weights_browser(site: Path, base: str) -> dict[str, int]:
    """What chromium really fetches for each page (scrolled to the end, so lazy
    figures load), gzip sizes, search index excluded."""
    from playwright.sync_api import sync_playwright

    cache: dict = {}
    weights = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for html in sorted(site.rglob("index.html")):
            path = html.parent.relative_to(site).as_posix() + "/"
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
            weights[path or "./"] = total
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


def lighthouse(base: str) -> list[tuple[str, str, int, int]]:
    tool = ROOT / "node_modules/.bin/lighthouse"
    if not tool.exists() or not Path("/usr/bin/chromium").exists():
        print("lighthouse or chromium missing: skipped (npm install; apt-get install chromium)")
        return []
    rows = []
    flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
    for page in KEY_PAGES:
        for preset in ("desktop", "mobile"):
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / "lh.json"
                cmd = [str(tool), base + page, "--quiet", "--output=json", f"--output-path={out}",
                       "--only-categories=performance,accessibility", f"--chrome-flags={flags}"]
                if preset == "desktop":
                    cmd.append("--preset=desktop")
                subprocess.run(cmd, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
                               capture_output=True, timeout=300)
                cats = json.loads(out.read_text())["categories"]
                rows.append((page, preset, round(cats["performance"]["score"] * 100),
                             round(cats["accessibility"]["score"] * 100)))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", default=str(ROOT / "site"))
    ap.add_argument("--no-lighthouse", action="store_true")
    args = ap.parse_args()
    site = Path(args.site)
    if not (site / "index.html").exists():
        print(f"no built site at {site}: run bash scripts/site.sh build first")
        return 1
    search = sum(gz(p, {}) for p in site.rglob("search_index.json")) / 1024
    lines = []
    with serve(site) as base:
        if Path("/usr/bin/chromium").exists():
            w = page_weights_browser(site, base)
            how = "what chromium fetched, scrolled to the end"
        else:
            w = page_weights(site)
            how = "static estimate: every referenced file"
        kb = sorted(v / 1024 for v in w.values())
        heaviest = max(w, key=w.get)
        lines.append(
            f"Page weight ({how}; gzip sizes, as a static host sends them; search index excluded) "
            f"over {len(w)} pages: median {statistics.median(kb):.0f} KB (target ≤ 300 KB), "
            f"max {max(kb):.0f} KB (`{heaviest}`). The search indexes, fetched on a reader's first "
            f"search, are {search:.0f} KB gzip in total."
        )
        rows = [] if args.no_lighthouse else lighthouse(base)
    if rows:
        lines += ["", "| Lighthouse (local server, gzip) | preset | performance | accessibility |", "|---|---|---|---|"]
        lines += [f"| `{p}` | {preset} | {perf} | {a11y} |" for p, preset, perf, a11y in rows]
        lines.append(f"\nLoad average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.")
    text = "\n".join(lines)
    print(text)
    readme = ROOT / "README.md"
    body = readme.read_text(encoding="utf-8")
    if "<!-- audit -->" in body:
        body = re.sub(r"(<!-- audit -->\n).*?(\n<!-- /audit -->)", lambda m: m.group(1) + text + m.group(2), body, flags=re.S)
        readme.write_text(body, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
