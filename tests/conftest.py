from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

from snippets._engine.execute import Runner, RunStore

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def runner():
    """One fork server per test worker (imports torch once); every call runs."""
    with Runner() as r:
        yield r


@pytest.fixture(scope="session")
def snippet_runner():
    """The runner of tests/test_snippets.py: a fork server that first looks in the run
    store (``.cache/runs``), where the site build (started at collection) leaves each
    run it made to draw figures, so a snippet runs once for both; a run the build
    has claimed but not made yet is waited for. The verdict is computed from the
    stored output all the same. ``SNIPPETS_FRESH=1`` runs every snippet anew in a
    fresh interpreter."""
    with Runner(store=RunStore()) as r:
        yield r


# what the GitHub Pages workflow sets (.github/workflows/pages.yml), so that the
# tested site has the "edit this page" buttons a published one has
EDIT_URI = "https://github.com/example/activations-losses/edit/main/docs/"


def _site_paths(base: Path) -> tuple[Path, Path, Path]:
    """(site, result marker, lock) shared by all xdist workers of one session."""
    # with xdist every worker has basetemp .../pytest-N/popen-gwK: share .../pytest-N
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    return shared / "built-site", shared / "built-site.json", shared / "built-site.lock"


def _start_site_build(base: Path) -> None:
    """Start the one strict build of the session in the background (first caller
    only): tests that need no site run meanwhile instead of waiting for it."""
    site, marker, lock = _site_paths(base)
    started = marker.with_suffix(".started")
    with FileLock(str(lock)):
        if marker.exists() or started.exists():
            return
        project = ROOT
        if os.environ.get("SITE_CHAPTERS"):  # dev loop: build only these chapters
            from scripts.build_chapter import make_config  # the repository root is on sys.path

            project = make_config(os.environ["SITE_CHAPTERS"].split(","), marker.parent / "subset").parent
        log = marker.with_suffix(".log")
        # the child writes the marker itself, so no test worker has to wait on it
        code = (
            "import json, os, subprocess, sys\n"
            "p = subprocess.run(sys.argv[1:-2], capture_output=True, text=True)\n"
            "open(sys.argv[-2], 'w').write(p.stdout + p.stderr)\n"
            "open(sys.argv[-1] + '.tmp', 'w').write(json.dumps({'rc': p.returncode, 'log': p.stdout + p.stderr}))\n"
            "os.replace(sys.argv[-1] + '.tmp', sys.argv[-1])\n"
        )
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "--site-dir", str(site)]
        proc = subprocess.Popen(
            [sys.executable, "-c", code, *cmd, str(log), str(marker)],
            cwd=ROOT, env={**os.environ, "SITE_EDIT_URI": EDIT_URI}, start_new_session=True,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        started.write_text(str(proc.pid))


def _needs_site(item) -> bool:
    return "built_site" in getattr(item, "fixturenames", ())


def _runs_a_figure_snippet(item) -> bool:
    """A CPU run of a snippet that the site build also runs, to draw its figures
    (its module defines a figure function): the test reads the build's stored run
    (see the ``snippet_runner`` fixture), so it goes after the other tests that need
    no site, by which time the build has usually made that run."""
    snippet = getattr(item, "callspec", None) and item.callspec.params.get("snippet")
    return (item.originalname == "test_cpu" and isinstance(snippet, Path)
            and "\ndef figure_" in snippet.read_text(encoding="utf-8"))


def pytest_collection_modifyitems(session, config, items):
    """Tests of the built site run last (the build runs in the background while the
    others run); just before them, the snippet runs the build makes too."""
    items.sort(key=lambda i: (_needs_site(i), _runs_a_figure_snippet(i)))  # stable: same order on every worker


def pytest_collection_finish(session):
    """Start the site build as soon as a test that will run needs it (after -k/-m
    deselection; never for --collect-only)."""
    if session.config.option.collectonly:
        return
    if any(_needs_site(i) for i in session.items):
        _start_site_build(session.config._tmp_path_factory.getbasetemp())


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session (shared by xdist workers)."""
    import time

    base = tmp_path_factory.getbasetemp()
    _start_site_build(base)  # no-op when already started
    site, marker, _ = _site_paths(base)
    pid = int(marker.with_suffix(".started").read_text())
    deadline = time.time() + 1800
    while not marker.exists():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            if not marker.exists():
                pytest.fail(f"the site build (pid {pid}) died without a result", pytrace=False)
        except PermissionError:
            pass
        if time.time() > deadline:
            pytest.fail("the site build took more than 30 minutes", pytrace=False)
        time.sleep(0.5)
    info = json.loads(marker.read_text())
    if info["rc"] != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{info['log'][-6000:]}", pytrace=False)
    # strict mode fails on MkDocs' warnings; a plugin or library may log one that it does not count
    logged = [line for line in info["log"].splitlines() if re.search(r"\bWARNING\b|\bERROR\b", line)]
    if logged:
        pytest.fail("the site build logged:\n" + "\n".join(logged[:20]), pytrace=False)
    return site


def pytest_report_header(config):
    return [f"snippet isolation: {'fresh interpreter' if os.environ.get('SNIPPETS_FRESH') == '1' else 'fork server'}"]


def launch_chromium(playwright, executable: str):
    """Debian's chromium for the browser tests (never a downloaded browser), with
    nothing of its own reaching the network."""
    return playwright.chromium.launch(
        executable_path=executable,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--no-first-run", "--disable-sync"],
    )


def chromium_skip_reason(executable: str) -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not Path(executable).exists():
        return "Debian chromium is not installed (apt-get install chromium; CI=true bash scripts/test.sh installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (it is in requirements.txt; run the README's setup)"
    return None
