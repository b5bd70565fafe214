"""Renderer canary: the whole site also builds with ProperDocs.

ProperDocs (PyPI `properdocs`) is the maintained fork of MkDocs 1.x. It installs
next to mkdocs in the same venv (its own top-level package `properdocs`; when its
CLI runs, every `mkdocs.*` import — in our hook, Material, mkdocs-static-i18n,
mkdocs-jupyter, mkdocstrings — is redirected to `properdocs.*`), reads the same
mkdocs.yml and loads the same plugins (entry-point group `mkdocs.plugins`).

If MkDocs 1.x stops being installable or a plugin drops it, these tests say
whether the site still builds on the fork, and whether it renders the same pages.
"""
from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EDIT_URI
from test_engine import GOOD, PAGE, both, make_project

ROOT = Path(__file__).resolve().parents[1]
# <meta name="generator" content="mkdocs-1.6.1, ..."> vs "mkdocs-ProperDocs 1.6.7, ...":
# the one line in which the two renderers' pages are allowed to differ
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def properdocs_build(project: Path, site: Path, timeout: int, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict",
         "-f", str(project / "mkdocs.yml"), "--site-dir", str(site)],
        cwd=project, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", **env},
    )


def _normalised(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".html":
        data = GENERATOR.sub(b"<meta generator>", data)
    elif path.name == "sitemap.xml":  # the build date
        data = re.sub(rb"<lastmod>[^<]*</lastmod>", b"", data)
    return data


def _tree(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*")
            if p.is_file() and p.name != "sitemap.xml.gz"}


@pytest.mark.skipif(bool(os.environ.get("SITE_CHAPTERS")), reason="SITE_CHAPTERS builds only some chapters")
def test_whole_site_builds_with_properdocs_and_renders_the_same_pages(built_site, tmp_path):
    """The strict ProperDocs build of the real mkdocs.yml succeeds and writes the same
    files, byte for byte, as the session's MkDocs build (only the generator tag differs).
    It runs after that build, so figures, cards and notebook HTML come from the cache."""
    site = tmp_path / "properdocs-site"
    proc = properdocs_build(ROOT, site, timeout=1800, SITE_EDIT_URI=EDIT_URI)
    assert proc.returncode == 0, f"properdocs build --strict failed:\n{proc.stderr[-6000:]}"
    home = (site / "index.html").read_bytes()
    assert b'content="mkdocs-ProperDocs ' in home, "the page was not rendered by ProperDocs"

    ours, theirs = _tree(site), _tree(built_site)
    assert sorted(ours) == sorted(theirs), (
        f"only in the ProperDocs build: {sorted(set(ours) - set(theirs))[:10]}; "
        f"only in the MkDocs build: {sorted(set(theirs) - set(ours))[:10]}")
    differing = [rel for rel in sorted(ours) if _normalised(ours[rel]) != _normalised(theirs[rel])]
    if differing:
        first = differing[0]
        diff = difflib.unified_diff(
            _normalised(theirs[first]).decode("utf-8", "replace").splitlines(),
            _normalised(ours[first]).decode("utf-8", "replace").splitlines(),
            "mkdocs/" + first, "properdocs/" + first, n=1, lineterm="")
        pytest.fail(f"{len(differing)} files differ between the MkDocs and the ProperDocs build, "
                    f"e.g. {differing[:5]}:\n" + "\n".join(list(diff)[:40]), pytrace=False)


def test_properdocs_build_fails_on_a_broken_page(tmp_path):
    """The canary can fail: in a small copy of the project (real mkdocs.yml, hook and
    engine) that builds with ProperDocs, a missing include or a broken link fails it."""
    good = make_project(tmp_path / "good", both(PAGE), {"ch/good.py": GOOD, "ch/good.out": "hello\n"})
    proc = properdocs_build(good, good / "out", timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert (good / "out/ch/page/index.html").exists() and (good / "out/en/ch/page/index.html").exists()
    assert list((good / "out/assets/figures/ch").glob("good.figure_good.zh.light-dark.*.svg"))  # the hook ran

    page = PAGE.replace('--8<-- "ch/good.out"', '--8<-- "ch/missing.out"')
    missing = make_project(tmp_path / "missing", both(page), {"ch/good.py": GOOD, "ch/good.out": "hello\n"})
    proc = properdocs_build(missing, missing / "out", timeout=600)
    assert proc.returncode != 0
    assert "docs/ch/page.zh.md:8" in proc.stderr and "ch/missing.out does not exist" in proc.stderr

    link = make_project(tmp_path / "link", both("# Page\n\nSee [elsewhere](nowhere.md).\n"), {})
    proc = properdocs_build(link, link / "out", timeout=600)
    assert proc.returncode != 0
    assert "ch/page.zh.md' contains a link 'nowhere.md'" in proc.stderr
    assert "in strict mode" in proc.stdout  # "Aborted with 1 warnings in strict mode!"
