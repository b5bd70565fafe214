"""Where things are: snippets, golden files, pages. One naming rule for all.

* A *snippet* is ``snippets/<chapter>/<topic>.py`` (names not starting with ``_``).
* Its *golden output* is ``snippets/<chapter>/<topic>.out`` beside it.
* Its pages are ``docs/<chapter>/<page>.zh.md`` and ``docs/<chapter>/<page>.en.md``.
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
from pathlib import Path

from snippets._engine.config import ROOT, languages, mkdocs_config  # noqa: F401  (re-exported)

SNIPPETS = ROOT / "snippets"
DOCS = ROOT / "docs"
LANGS = languages()  # the default language first
DEFAULT_LANG = LANGS[0]
REGENERATE = "python scripts/update_golden.py"


def snippet_files(root: Path = SNIPPETS) -> list[Path]:
    return sorted(
        p
        for p in root.glob("*/*.py")
        if not p.name.startswith("_") and not p.parent.name.startswith("_")
    )


def golden_path(snippet: Path) -> Path:
    return snippet.with_suffix(".out")


def rel(p: Path) -> str:
    """Path relative to the repository root, for messages."""
    try:
        return p.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(p)


def regenerate_command(snippet: Path) -> str:
    return f"{REGENERATE} {rel(snippet)}"


def pages(docs: Path = DOCS) -> list[Path]:
    found = []
    for dirpath, dirnames, filenames in os.walk(docs, followlinks=True):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found += [Path(dirpath) / f for f in filenames if f.endswith(".md")]
    return sorted(found)


def heading_lines(pages_: list[Path]) -> list[str]:
    """Markdown heading lines (``#`` ...) of these pages, as the page model reads them."""
    from snippets._engine.page import parse

    return [h.text for p in pages_ for h in parse(p).headings()]


def names_without_heading(names: list[str], headings: list[str]) -> list[str]:
    """Names that no heading contains as a whole word (``SmoothL1Loss`` does not cover ``L1Loss``)."""
    return [n for n in names if not any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", h) for h in headings)]


_LANG_SUFFIX = re.compile(r"\.(zh|en)\.md$")


def page_lang(p: Path | str) -> str | None:
    m = _LANG_SUFFIX.search(str(p))
    return m.group(1) if m else None


def page_stem(p: Path, docs: Path = DOCS) -> str:
    """``docs/a/b.zh.md`` -> ``a/b``."""
    return _LANG_SUFFIX.sub("", p.relative_to(docs).as_posix())


def missing_translations(docs: Path = DOCS) -> list[str]:
    """Pages that exist in one language only (or have no language suffix)."""
    names = {"zh": "Chinese", "en": "English"}
    base = docs.parent
    problems = []
    for page in pages(docs):
        lang = page_lang(page)
        shown = page.relative_to(base).as_posix()
        if lang is None:
            problems.append(f"{shown} has no language suffix (.zh.md / .en.md)")
            continue
        for other in LANGS:
            twin = page.with_name(page.name[: -len(f".{lang}.md")] + f".{other}.md")
            if other != lang and not twin.exists():
                problems.append(f"{shown} has no {names[other]} version {twin.relative_to(base).as_posix()}")
    return problems


def cache_dir(kind: str) -> Path:
    """Build cache folder ``kind`` (figures, cards, notebook-html, tex) under
    ``$SITE_CACHE`` (default ``.cache/``, git-ignored)."""
    return Path(os.environ.get("SITE_CACHE") or ROOT / ".cache") / kind


@functools.lru_cache(maxsize=None)
def fingerprint(files: tuple[Path, ...], dists: tuple[str, ...]) -> str:
    """Hash of these source files and the installed versions of these distributions:
    the part of a build-cache key that is not the cached item's own content."""
    from importlib.metadata import version

    parts = [f.read_bytes() for f in files]  # any file: sources, a vendored font
    for dist in dists:
        try:
            parts.append(f"{dist}=={version(dist)}".encode())
        except Exception:
            parts.append(f"{dist} missing".encode())
    return hashlib.sha256(b"\n".join(parts)).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    """Write a cache entry so that a concurrent reader sees all of it or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
