"""Strict-build only some chapters, for writers working in parallel.

    python scripts/build_chapter.py activations [more chapters ...] [--site-dir DIR]

Builds a stub home page, the verification page, the listed chapters and the
assets with the real mkdocs.yml (same plugins, hook and extensions), but
without the explicit nav, into DIR (default /tmp/site-<first chapter>).
Every page of the other chapters is a one-line stub, so links into them resolve
and a broken page in another writer's chapter cannot fail this build.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from snippets._engine.catalog import mkdocs_config

ROOT = Path(__file__).resolve().parents[1]


def make_config(chapters: list[str], workdir: Path, docs_src: Path = ROOT / "docs") -> Path:
    docs = workdir / "docs"
    docs.mkdir(parents=True)
    for item in docs_src.iterdir():
        if item.name in ("index.zh.md", "index.en.md"):
            # the home page links to every chapter: a stub stands in for it
            (docs / item.name).write_text("# Subset build\n", encoding="utf-8")
        elif item.is_file() or item.name in ("assets", ".includes", ".overrides") or item.name in chapters:
            (docs / item.name).symlink_to(item.resolve())
        elif item.is_dir():
            # another chapter: a one-line stub per page, so that links into it
            # resolve (its own pages are checked by the build that includes it)
            for page in item.rglob("*.md"):
                stub = docs / page.relative_to(docs_src)
                stub.parent.mkdir(parents=True, exist_ok=True)
                stub.write_text(f"# Subset build: {page.relative_to(docs_src).as_posix()} is not built\n", encoding="utf-8")
    cfg = mkdocs_config()
    cfg.pop("nav", None)
    cfg["docs_dir"] = str(docs)
    cfg["hooks"] = [str(ROOT / "scripts" / "mkdocs_hooks.py")]
    for ext in cfg["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            ext["pymdownx.snippets"]["base_path"] = [str(ROOT / p) for p in ext["pymdownx.snippets"]["base_path"]]
    for plugin in cfg["plugins"]:
        if isinstance(plugin, dict) and "mkdocstrings" in plugin:
            plugin["mkdocstrings"]["handlers"]["python"]["paths"] = [str(ROOT)]
        if isinstance(plugin, dict) and "search" in plugin:
            plugin["search"]["jieba_dict_user"] = str(ROOT / "docs/assets/jieba_user.txt")
    path = workdir / "mkdocs.yml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("chapters", nargs="+")
    ap.add_argument("--site-dir")
    args = ap.parse_args()
    site = args.site_dir or f"/tmp/site-{args.chapters[0]}"
    with tempfile.TemporaryDirectory(prefix="chapter-build-") as tmp:
        cfg = make_config(args.chapters, Path(tmp))
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(cfg), "--site-dir", site],
            cwd=ROOT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    if proc.returncode == 0:
        print(f"built into {site}")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
