"""Where each snippet was last verified, as data and as a Markdown table.

* CPU: every snippet is run and compared exactly with its golden file on every
  test run (``tests/test_snippets.py``); the golden file *is* the CPU record.
* Accelerators: ``scripts/verify_device.py --record`` runs every snippet with
  the device as default device, compares it with the golden file within
  ``compare.RTOL``/``compare.ATOL`` (the verdict of :func:`snippets._engine.check.verdict`,
  the same the tests use) and writes ``snippets/_records/<device>.json``
  (committed). The verification page is generated from those files.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

from snippets._engine import page as page_model
from snippets._engine.catalog import DOCS, SNIPPETS, snippet_files
from snippets._engine.check import verdict
from snippets._engine.config import ui

RECORDS = SNIPPETS / "_records"
FOOTER_MARK = '<div class="md-copyright">'


@functools.cache
def torch_version() -> str:
    """The installed torch: the one the tests verify every golden file with (read
    once per process: every built page's footer names it)."""
    from importlib.metadata import version

    return version("torch")


def footer(html: str, lang: str, href: str) -> str:
    """``html`` (a built page) with the footer line saying which PyTorch produced and
    checked its outputs (``extra.ui.<lang>.verification.footer``), linking to the
    verification page at ``href``. Raises ``ValueError`` if the theme's footer is
    not there (a changed theme must not silently drop the line)."""
    if FOOTER_MARK not in html:
        raise ValueError(f"no {FOOTER_MARK} in the page: the theme's footer changed")
    line = ui(lang, "verification")["footer"].format(torch=torch_version(), href=href)
    return html.replace(FOOTER_MARK, f'{FOOTER_MARK}\n<div class="md-copyright__highlight verified-with">{line}</div>', 1)


def load_records() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(RECORDS.glob("*.json"))}


def pages_including(lang: str, docs: Path = DOCS) -> dict[str, list[str]]:
    """snippet (relative to snippets/) -> page stems that include it, in ``lang``."""
    found: dict[str, list[str]] = {}
    for page in page_model.site_pages(docs):
        if page.lang != lang:
            continue
        for name in dict.fromkeys(page.snippets()):
            found.setdefault(name, []).append(page.stem)
    return found


def table(lang: str, page_stem_here: str, docs: Path = DOCS) -> str:
    t = ui(lang, "verification")
    records = load_records()
    where = pages_including(lang, docs)
    depth = page_stem_here.count("/")
    out = []
    for dev, rec in records.items():
        out.append(t["meta"].format(dev=dev.upper(), rtol=rec["rtol"], atol=rec["atol"], **rec["machine"]))
        out.append("")
    if not records:
        out += [t["nodev"], ""]
    devs = list(records) or ["GPU"]
    out.append(t["head"].format(dev=" | ".join(d.upper() for d in devs)))
    out.append("|---|---|---|" + "---|" * len(devs))
    for snip in snippet_files():
        name = snip.relative_to(SNIPPETS).as_posix()
        links = ", ".join(
            f"[{stem}]({'../' * depth}{stem}.md)" for stem in where.get(name, [])
        ) or "—"
        cells = []
        for dev in devs:
            rec = records.get(dev)
            entry = rec["snippets"].get(name) if rec else None
            if rec is None:
                cells.append(t["none"])
            elif entry is None:
                cells.append(t["new"])
            else:
                cells.append(t[entry["status"]].format(dev=entry.get("max_abs_dev", 0.0), reason=entry.get("reason", "")))
        out.append(f"| `{name}` | {links} | {t['cpu']} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def check_record(snippet: Path, result, device: str) -> dict:
    """The record entry for one accelerator run of ``snippet``: the verdict of
    :func:`snippets._engine.check.verdict` (the same one the tests use), as
    ``{"status": "pass"|"fail", "max_abs_dev": ..., "reason": first line}``."""
    v = verdict(snippet, result, mode=device)
    entry: dict = {"status": v.status}
    if v.max_abs_dev is not None:
        entry["max_abs_dev"] = v.max_abs_dev
    if not v.ok:
        entry["reason"] = v.summary[:300]
    return entry
