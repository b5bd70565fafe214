from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from snippets._engine.execute import Runner  # noqa: E402


@pytest.fixture(scope="session")
def runner():
    """One fork server per test worker (imports torch once)."""
    with Runner() as r:
        yield r


# what the GitHub Pages workflow sets (.github/workflows/pages.yml), so that the
# tested site has the "edit this page" buttons a published one has
EDIT_URI = "https://github.com/example/activations-losses/edit/main/docs/"


def mkdocs_build(project: Path, site_dir: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "--site-dir", str(site_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "SITE_EDIT_URI": EDIT_URI},
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session (shared by xdist workers)."""
    # with xdist every worker has basetemp .../pytest-N/popen-gwK: share .../pytest-N
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    site = shared / "built-site"
    marker = shared / "built-site.json"
    with FileLock(str(shared / "built-site.lock")):
        if not marker.exists():
            project = ROOT
            if os.environ.get("SITE_CHAPTERS"):  # dev loop: build only these chapters
                sys.path.insert(0, str(ROOT / "scripts"))
                from build_chapter import make_config

                cfg = make_config(os.environ["SITE_CHAPTERS"].split(","), shared / "subset")
                project = cfg.parent
            proc = mkdocs_build(project, site)
            marker.write_text(json.dumps({"rc": proc.returncode, "log": proc.stdout + proc.stderr}))
    info = json.loads(marker.read_text())
    if info["rc"] != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{info['log'][-6000:]}", pytrace=False)
    return site


def pytest_report_header(config):
    return [f"snippet isolation: {'fresh interpreter' if os.environ.get('SNIPPETS_FRESH') == '1' else 'fork server'}"]
