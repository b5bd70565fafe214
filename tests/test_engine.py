"""The engine itself: isolation, comparison, and loud, precise failures.

Faults are injected into temporary copies (a temporary snippet file, or a
minimal temporary project with the real mkdocs.yml, hook and engine), never
into the real tree.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from snippets._engine import check, compare, examples, figures
from snippets._engine.catalog import ROOT, SNIPPETS, golden_path, missing_translations, mkdocs_config, snippet_files
from snippets._engine.execute import Runner


# --------------------------------------------------------------------------- isolation
def test_fork_server_matches_fresh_interpreter(runner):
    """The fork server gives byte-identical output to `python snippet.py`."""
    sample = [SNIPPETS / "activation_basics/relu.py", SNIPPETS / "activation_basics/why_nonlinear.py"]
    with Runner(fresh=True) as fresh:
        for snip in sample:
            a, b = runner.run(snip), fresh.run(snip)
            assert (a.returncode, a.stdout, a.stderr) == (b.returncode, b.stdout, b.stderr), snip


def test_each_run_starts_clean(runner, tmp_path):
    """State changed by one snippet does not leak into the next."""
    dirty = tmp_path / "dirty.py"
    dirty.write_text(
        "import torch\ntorch.set_default_dtype(torch.float64)\ntorch.set_printoptions(precision=8)\n"
        "torch.manual_seed(123)\nimport builtins\nbuiltins.LEAK = 1\nprint(torch.ones(1) / 3)\n"
    )
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import torch, builtins\nprint(torch.get_default_dtype(), hasattr(builtins, 'LEAK'))\n"
        "print(torch.ones(1) / 3)\n"
    )
    assert runner.run(dirty).stdout == "tensor([0.33333333])\n"  # float64 is the default now
    assert runner.run(probe).stdout == "torch.float32 False\ntensor([0.3333])\n"


def test_unseeded_randomness_differs_between_runs(runner, tmp_path):
    """Like fresh interpreters, runs are seeded from OS entropy: forgetting a seed is caught."""
    snip = tmp_path / "unseeded.py"
    snip.write_text("import torch\nprint(torch.rand(4))\n")
    assert runner.run(snip).stdout != runner.run(snip).stdout


def test_figure_module_is_reseeded_like_a_fresh_interpreter(tmp_path, monkeypatch):
    """Figures run each module in a fork of the snippet runner's server; without the
    OS re-seed every fork would repeat the server's random numbers, so an unseeded
    figure would look reproducible. Two loads of a module that draws an unseeded
    number differ, in the figure runs and in load_module's own forks."""
    import multiprocessing

    snip = tmp_path / "unseeded_fig.py"
    snip.write_text(textwrap.dedent("""
        import random
        import numpy as np
        import torch
        DRAWN = (torch.rand(1).item(), np.random.rand(), random.random())


        def figure_x(lang="zh"):
            import matplotlib.pyplot as plt
            fig, ax = plt.subplots()
            ax.plot(torch.rand(5).tolist())
            return fig
    """))
    import numpy as np
    import torch

    # the parent has used its generators (a fork would otherwise create them lazily,
    # from fresh entropy, and hide a missing re-seed); Python re-seeds `random` at fork
    torch.rand(1), np.random.rand()
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(processes=1, maxtasksperchild=1) as pool:
        drawn = pool.map(_drawn_in_fork, [str(snip)] * 2, chunksize=1)
    (a, b) = drawn
    assert a[0] != b[0] and a[1] != b[1], "torch and numpy must each be re-seeded"
    monkeypatch.setattr(figures, "SNIPPETS", tmp_path)
    req = figures.Request(snip.name, "figure_x", "en", "light", "test")
    with Runner() as r:
        (done1, err1), (done2, err2) = figures._render_job(r, [req]), figures._render_job(r, [req])
    assert err1 is None and err2 is None, (err1, err2)
    assert done1[0][1] != done2[0][1]


def test_figure_run_serves_the_snippet_test_and_a_failure_stays_a_failure(tmp_path, monkeypatch):
    """One run, two uses: the build's figure run of a snippet is stored, and the test
    runner returns it (marked reused) instead of running the snippet again, with the
    output a plain run prints. A stored failing run is still a failing verdict, and
    an edited snippet is a new key, run anew."""
    from snippets._engine.execute import RunStore

    monkeypatch.setattr(figures, "SNIPPETS", tmp_path)
    store = RunStore(tmp_path / "runs")
    snip = tmp_path / "both.py"
    snip.write_text(GOOD)
    req = figures.Request(snip.name, "figure_good", "en", figures.SERVED, "test")
    with Runner(store=store) as build, Runner(store=store) as tests, Runner() as plain:
        done, err = figures._render_job(build, [req])
        assert err is None and b"<svg" in done[0][1], err
        stored = tests.run(snip)
        assert stored.reused and stored.ok and stored.stdout == plain.run(snip).stdout == "hello\n"

        snip.write_text(GOOD.replace('print("hello")', 'print("hello")\nraise ValueError("late")'))
        done, err = figures._render_job(build, [req])
        assert done is None and "both.py:2: snippet raised ValueError: late" in err
        stored = tests.run(snip)
        assert stored.reused and not stored.ok and "ValueError: late" in stored.stderr
        (tmp_path / "both.out").write_text("hello\n")
        v = check.verdict(snip, stored)
        assert not v.ok and "both.py" in v.message

        snip.write_text(GOOD.replace("hello", "hello again"))
        fresh = tests.run(snip)
        assert not fresh.reused and fresh.stdout == "hello again\n"


_CLAIMANT = """
import sys, time
from pathlib import Path
from snippets._engine.execute import Result, RunStore, run_key
store, snip = RunStore(sys.argv[1]), Path(sys.argv[2])
key = run_key(snip)
with store.claim([key]):
    print("claimed", flush=True)
    time.sleep(1.5)
    if sys.argv[3] == "store":
        store.put(key, Result(snip, 0, "stored by the claimant\\n", "", 1.5))
"""


@pytest.mark.parametrize("claimant", ["store", "exit"])
def test_a_claimed_run_is_waited_for_and_a_vanished_claim_is_run(tmp_path, claimant):
    """The build claims the runs it is about to make; the test runner waits for a live
    claimant's stored run instead of running the snippet beside it, and runs the
    snippet itself when the claimant ends without storing it (or is long gone)."""
    import time

    from snippets._engine.execute import RunStore, run_key

    store = RunStore(tmp_path / "runs")
    snip = tmp_path / "claimed.py"
    snip.write_text(GOOD)
    proc = subprocess.Popen([sys.executable, "-c", _CLAIMANT, str(store.dir), str(snip), claimant],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline() == "claimed\n"
        assert store.claimant(run_key(snip)) == proc.pid
        t0 = time.monotonic()
        with Runner(store=store) as tests:
            got = tests.run(snip)
        assert time.monotonic() - t0 > 0.5, "the claim was not waited for"
    finally:
        proc.wait(timeout=60)
    if claimant == "store":
        assert got.reused and got.stdout == "stored by the claimant\n"
    else:
        assert not got.reused and got.stdout == "hello\n"
    # a claim left by a process that is gone is no claim
    snip.write_text(GOOD.replace("hello", "hello, gone"))
    (store.dir / f"{run_key(snip)}.claim").write_text(str(proc.pid))
    with Runner(store=store) as tests:
        got = tests.run(snip)
    assert not got.reused and got.stdout == "hello, gone\n"


def _drawn_in_fork(path):
    return figures.load_module(Path(path))["DRAWN"]


def test_snippet_runs_in_an_empty_directory(runner, tmp_path):
    """Copy means copy: a snippet runs in an empty working directory (fork and fresh
    alike), so one that reads a file beside it fails; sys.path[0] is still its folder."""
    (tmp_path / "data.txt").write_text("beside the snippet\n")
    (tmp_path / "helper_mod.py").write_text("VALUE = 42\n")
    reader = tmp_path / "reads_beside.py"
    reader.write_text(
        "import os, sys\nimport helper_mod\n"
        "print(os.listdir('.'), sys.path[0] == os.path.dirname(os.path.abspath(__file__)), helper_mod.VALUE)\n"
        "print(open('data.txt').read())\n"
    )
    with Runner(fresh=True) as fresh:
        for res in (runner.run(reader), fresh.run(reader)):
            assert res.stdout == "[] True 42\n", res.stdout
            assert res.returncode == 1 and "FileNotFoundError" in res.stderr and "data.txt" in res.stderr
    v = check.verdict(reader, runner.run(reader))
    assert not v.ok and v.summary.startswith(f"{reader}:4: FileNotFoundError")


def test_snippet_with_marker_runs_from_the_repository_root(runner, tmp_path):
    from snippets._engine.execute import REPOSITORY_MARKER, needs_repository

    assert REPOSITORY_MARKER == "# Run from the repository root"
    assert needs_repository("# Run from the repository root: python snippets/x/y.py\nimport torch\n")
    assert not needs_repository("import torch\n# run from the repository root\n")
    assert not needs_repository("x = 1  # Run from the repository root\n")
    snip = tmp_path / "needs_repo.py"
    snip.write_text(f"{REPOSITORY_MARKER}: python needs_repo.py\nprint(open('mkdocs.yml').readline().strip())\n")
    first_line = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()[0].strip()
    with Runner(fresh=True) as fresh:
        for res in (runner.run(snip), fresh.run(snip)):
            assert (res.returncode, res.stdout, res.stderr) == (0, first_line + "\n", "")
    # figures load modules the same way: empty directory without the marker
    reader = tmp_path / "fig_reads.py"
    reader.write_text("open('mkdocs.yml')\n")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with pytest.raises(figures.FigureError, match=r"fig_reads.py:1: snippet raised FileNotFoundError"):
            figures.load_module(reader)
        assert os.getcwd() == str(ROOT)
        reader.write_text(REPOSITORY_MARKER + "\nopen('mkdocs.yml')\n")
        figures.load_module(reader)
    finally:
        os.chdir(cwd)


# --------------------------------------------------------------------------- comparison
def test_tolerant_compare():
    cpu = "loss: tensor(0.1234)\nnan inf\n"
    assert compare.close(cpu, "loss: tensor(0.1236, device='cuda:0')\nnan inf\n").ok
    assert not compare.close(cpu, "loss: tensor(0.1334, device='cuda:0')\nnan inf\n").ok
    assert not compare.close(cpu, "loss: tensor(0.1234)\nnan -inf\n").ok
    assert not compare.close(cpu, "LOSS: tensor(0.1234)\nnan inf\n").ok
    assert compare.close("x [torch.FloatTensor [2]]", "x [torch.cuda.FloatTensor [2]]").ok
    assert compare.close("tensor([ 0.1000, -0.2000])", "tensor([0.1000, -0.2000], device='cuda:0')").ok
    c = compare.close("1.0 2.0", "1.0005 2.0")
    assert c.ok and abs(c.max_abs_dev - 0.0005) < 1e-12


# --------------------------------------------------------------------------- faults in snippets
def test_raising_snippet_names_file_and_line(runner, tmp_path):
    bad = tmp_path / "bad_snippet.py"
    bad.write_text("import torch\nx = torch.ones(2)\ny = x @ torch.ones(3)\nprint(y)\n")
    v = check.verdict(bad, runner.run(bad))
    assert v.status == "fail" and v.problem == check.FAILED
    msg = v.message
    assert "bad_snippet.py" in msg and "line 3" in msg and "RuntimeError" in msg
    assert v.summary.startswith(f"{bad}:3: RuntimeError")
    # the traceback is the one `python bad_snippet.py` prints: no engine frames
    assert "runpy" not in msg and "_engine" not in msg


def test_stale_output_shows_diff_and_command(runner, tmp_path):
    snip = tmp_path / "stale.py"
    snip.write_text("print(1 + 1)\nprint('same')\n")
    golden_path(snip).write_text("3\nsame\n")
    v = check.verdict(snip, runner.run(snip))
    assert not v.ok and v.problem == check.DIFFERS
    msg = v.message
    assert "-3" in msg and "+2" in msg and "@@" in msg
    assert "python scripts/update_golden.py" in msg and "stale.py" in msg
    # an accelerator run is compared within tolerance, with the same kind of message
    d = check.verdict(snip, runner.run(snip), mode="cuda")
    assert not d.ok and "on cuda differs from the CPU golden output" in d.message and "@@" in d.message
    golden_path(snip).write_text("2.0005\nsame\n")
    d = check.verdict(snip, runner.run(snip), mode="cuda")
    assert d.ok and abs(d.max_abs_dev - 0.0005) < 1e-9


def test_missing_golden_and_stderr_are_errors(runner, tmp_path):
    snip = tmp_path / "noisy.py"
    snip.write_text("import warnings\nwarnings.warn('careful')\nprint('ok')\n")
    golden_path(snip).write_text("ok\n")
    for mode in ("cpu", "cuda"):
        v = check.verdict(snip, runner.run(snip), mode=mode)
        assert not v.ok and v.problem == check.STDERR and "stderr" in v.message and "careful" in v.message
    quiet = tmp_path / "quiet.py"
    quiet.write_text("print('ok')\n")
    assert "no golden output" in check.verdict(quiet, runner.run(quiet)).message


def test_missing_golden_file_is_one_verdict_everywhere(runner, tmp_path):
    """Tests, the GPU record and update_golden judge a run with the same function:
    a missing golden file fails in all three, with the same message."""
    from snippets._engine import verification

    snip = tmp_path / "no_golden.py"
    snip.write_text("print('ok')\n")
    res = runner.run(snip)
    v = check.verdict(snip, res)  # what tests/test_snippets.py uses
    assert v.status == "fail" and v.problem == check.MISSING
    assert v.summary == f"{snip} has no golden output {golden_path(snip)}."
    assert "Create it with: python scripts/update_golden.py" in v.message
    assert check.verdict(snip, res, mode="cuda").message == v.message
    entry = verification.check_record(snip, res, "cuda")  # what verify_device.py records
    assert entry == {"status": "fail", "reason": v.summary}
    proc = subprocess.run(  # update_golden reports the same verdict, then writes the file
        [str(ROOT / ".venv/bin/python"), "scripts/update_golden.py", str(snip)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"verdict {v.summary}" in proc.stdout and "new " in proc.stdout
    assert golden_path(snip).read_text() == "ok\n"
    assert check.verdict(snip, runner.run(snip)).ok
    assert verification.check_record(snip, res, "cuda") == {"status": "pass", "max_abs_dev": 0.0}


def test_update_golden_refuses_failing_snippet(tmp_path):
    bad = tmp_path / "boom.py"
    bad.write_text("raise ValueError('boom')\n")
    proc = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "scripts/update_golden.py", str(bad)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert proc.returncode == 1
    assert "FAILED" in proc.stdout and "boom" in proc.stdout
    assert not golden_path(bad).exists()


def test_every_snippet_has_a_golden_file():
    missing = [s.relative_to(ROOT).as_posix() for s in snippet_files() if not golden_path(s).exists()]
    assert not missing, f"run python scripts/update_golden.py for: {missing}"


# --------------------------------------------------------------------------- fonts
def test_cjk_figure_renders_without_missing_glyphs():
    req = figures.Request("activation_basics/sigmoid.py", "figure_sigmoid", "zh", "dark", "test")
    [(_, svg)] = figures.render_module([req])
    assert b"<svg" in svg and b"<text" not in svg  # text converted to paths


def test_missing_glyph_is_an_error(tmp_path, monkeypatch):
    snip = tmp_path / "glyph.py"
    snip.write_text(textwrap.dedent("""
        def figure_x(lang="zh"):
            import matplotlib.pyplot as plt
            fig, ax = plt.subplots()
            ax.set_title("\\U00013000")  # an Egyptian hieroglyph: in no bundled font
            return fig
    """))
    monkeypatch.setattr(figures, "SNIPPETS", tmp_path)
    with pytest.raises(figures.FigureError, match="missing from font"):
        figures.render_module([figures.Request("glyph.py", "figure_x", "zh", "light", "test")])


def test_missing_glyph_in_mathtext_is_an_error(tmp_path, monkeypatch):
    """mathtext reports missing glyphs through logging only; the build still fails."""
    snip = tmp_path / "mathglyph.py"
    snip.write_text(textwrap.dedent("""
        def figure_x(lang="zh"):
            import matplotlib.pyplot as plt
            fig, ax = plt.subplots()
            ax.set_title("$\U00013000 p$")
            return fig
    """))
    monkeypatch.setattr(figures, "SNIPPETS", tmp_path)
    with pytest.raises(figures.FigureError, match="does not have a glyph"):
        figures.render_module([figures.Request("mathglyph.py", "figure_x", "zh", "light", "test")])


def test_chinese_beside_math_renders():
    """zh labels of figures that also use math draw every glyph."""
    for snippet in ("losses_custom/focal_loss.py", "losses_custom/gan_losses.py"):
        ns = figures.load_module(SNIPPETS / snippet)
        reqs = [figures.Request(snippet, f, "zh", "light", "test") for f in ns if f.startswith("figure_")]
        assert reqs and len(figures.render_module(reqs)) == len(reqs)


# one module per chapter, the smallest with figures, except experiments (whose modules
# train for 15-37 s before drawing with the same matplotlib calls); every figure:
# python scripts/check_figure_themes.py
RECOLOUR_SAMPLE = [
    "activation_basics/tanh.py", "activations/elu_family.py", "activations_in_depth/overview.py",
    "concepts/backprop_train.py", "losses/l1_loss.py", "losses_custom/contrastive_loss.py",
    "losses_in_depth/confidence.py", "performance/memory.py",
]


@pytest.mark.parametrize("snippet", RECOLOUR_SAMPLE)
def test_dark_figure_is_the_light_drawing_recoloured(snippet):
    assert not figures.recolour_mismatches(snippet, langs=["zh"])


def test_fault_figure_blending_theme_colours_is_not_a_recolouring(tmp_path, monkeypatch):
    """A colour computed from the theme (here a blend of text and grid colours) is
    not swapped by the recolouring: the comparison catches it."""
    (tmp_path / "ch").mkdir()
    (tmp_path / "ch/blend.py").write_text(textwrap.dedent("""
        def figure_x(lang="zh"):
            import matplotlib.pyplot as plt
            from matplotlib.colors import to_rgb
            mix = [(a + b) / 2 for a, b in zip(to_rgb(plt.rcParams["text.color"]), to_rgb(plt.rcParams["grid.color"]))]
            fig, ax = plt.subplots()
            ax.plot([0, 1], [0, 1], color=mix)
            ax.plot([0, 1], [1, 0])
            return fig
    """))
    monkeypatch.setattr(figures, "SNIPPETS", tmp_path)
    problems = figures.recolour_mismatches("ch/blend.py", langs=["en"])
    assert problems == ["ch/blend.py: figure_x(lang='en') in theme 'dark' is not the light drawing recoloured"]


def test_one_svg_serves_both_themes():
    """The served SVG is the light drawing plus :target rules that give each light
    colour its dark counterpart; a marker's colour moves from its <defs> element to
    the <use> that already carries it (rules do not reach <use> copies)."""
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
           b'<defs><path id="m" d="m0 0" stroke="#1f77b4"/></defs>'
           b'<g stroke="#1f77b4"><use xlink:href="#m" fill="#1f77b4"/></g><path d="m0 0" fill="#57606a"/></svg>')
    out = figures.themeable(svg).decode()
    assert '<path id="m" d="m0 0"/>' in out  # dropped from the def, inherited from the <g>
    assert '#only-dark:target~* [fill="#57606a"]{fill:#8b949e}' in out
    assert '#only-dark:target~* [stroke="#1f77b4"]{stroke:#58a6ff}' in out
    assert out.index('<g id="only-dark"/>') < out.index("<defs>")  # the target precedes the drawing


def test_fault_figure_that_cannot_be_themed_fails():
    """A theme colour that CSS cannot swap (a <defs> element whose <use> inherits
    another colour, or a colour outside fill/stroke) fails instead of publishing a
    dark figure with light colours in it."""
    defs = (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            b'<defs><path id="m" d="m0 0" stroke="#1f77b4"/></defs><use xlink:href="#m" stroke="#d62728"/></svg>')
    with pytest.raises(figures.FigureError, match=r"ch/x.py: figure_x.*id='m' sets stroke=#1f77b4"):
        figures.themeable(defs, "ch/x.py: figure_x(lang='zh')")
    other = b'<svg xmlns="http://www.w3.org/2000/svg"><stop stop-color="#1f77b4"/></svg>'
    with pytest.raises(figures.FigureError, match="stop-color"):
        figures.themeable(other)


def test_example_part_of_a_snippet_stops_before_its_figure_functions():
    src = "import torch\n\nprint(1)\n\n# Figure / 图\n\ndef figure_x(lang=\"zh\"):\n    pass\n\n\ndef _helper():\n    pass\n"
    assert examples.example_end(src) == 3
    assert examples.example_end("print(1)\n") is None  # no figure function: shown whole
    # code after the figure functions: the example is not a prefix, shown whole
    assert examples.example_end("print(1)\ndef figure_x(lang='zh'):\n    pass\nprint(2)\n") is None


def test_themes_may_differ_in_colours_only(monkeypatch):
    dark = dict(figures.THEMES["dark"])
    monkeypatch.setitem(figures.THEMES, "dark", {**dark, "lines.linewidth": 3.0})
    with pytest.raises(figures.FigureError, match="'lines.linewidth'.*colours only"):
        figures.recolour(b"<svg/>", "dark")
    monkeypatch.setitem(figures.THEMES, "dark", {**dark, "grid.color": dark["text.color"]})
    with pytest.raises(figures.FigureError, match="two colours"):
        figures.recolour(b"<svg/>", "dark")


def test_missing_font_package_is_an_error(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda n, *a: None if n == "noto_cjk_sans_otc" else real(n, *a))
    with pytest.raises(figures.FigureError, match="CJK font missing.*noto-cjk-sans-otc"):
        figures.cjk_font_path()


# --------------------------------------------------------------------------- faults in the site
PAGE = """# Test page

```python
--8<-- "ch/good.py"
```

```text
--8<-- "ch/good.out"
```

![a figure](fig:ch/good.py::figure_good)
"""
GOOD = """print("hello")


def figure_good(lang="zh"):
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    ax.set_title({"zh": "标题", "en": "title"}[lang])
    return fig
"""


def make_project(root: Path, pages: dict[str, str], snippets: dict[str, str]) -> Path:
    """A minimal copy of the project: real mkdocs.yml (minus nav), hook, engine and assets."""
    (root / "scripts").mkdir(parents=True)
    for f in ("mkdocs_hooks.py", "site.sh", "_env.sh", "uv_sources.sh"):
        shutil.copy(ROOT / "scripts" / f, root / "scripts" / f)
    for f in ("requirements.txt", "requirements.lock"):
        shutil.copy(ROOT / f, root / f)
    os.symlink(ROOT / ".venv", root / ".venv")
    shutil.copytree(ROOT / "snippets" / "_engine", root / "snippets" / "_engine",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "snippets" / "__init__.py", root / "snippets" / "__init__.py")
    cfg = mkdocs_config()
    cfg.pop("nav")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    docs = root / "docs"
    docs.mkdir()
    os.symlink(ROOT / "docs" / "assets", docs / "assets")
    os.symlink(ROOT / "docs" / ".includes", docs / ".includes")
    os.symlink(ROOT / "docs" / ".overrides", docs / ".overrides")
    pages = {"index.zh.md": "# 首页\n", "index.en.md": "# Home\n", **pages}
    for name, text in {**{f"docs/{k}": v for k, v in pages.items()},
                       **{f"snippets/{k}": v for k, v in snippets.items()}}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ROOT / ".venv/bin/python"), "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "out")],
        cwd=project, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def both(page: str) -> dict[str, str]:
    return {"ch/page.zh.md": page, "ch/page.en.md": page}


def test_minimal_project_builds(tmp_path):
    """The fault tests below start from this project, which builds cleanly."""
    proj = make_project(tmp_path, both(PAGE), {"ch/good.py": GOOD, "ch/good.out": "hello\n"})
    proc = build(proj)
    assert proc.returncode == 0, proc.stderr
    svgs = sorted(p.name for p in (proj / "out/assets/figures/ch").iterdir())
    assert [s.split(".")[1:4] for s in svgs] == [
        ["figure_good", "en", "light-dark"], ["figure_good", "zh", "light-dark"]]


def test_raising_figure_fails_build_naming_file_and_line(tmp_path):
    broken = GOOD.replace("ax.plot([0, 1], [0, 1])", "ax.plot([0, 1], [0, 1 / 0])")
    proj = make_project(tmp_path, both(PAGE), {"ch/good.py": broken, "ch/good.out": "hello\n"})
    proc = build(proj)
    assert proc.returncode != 0
    assert "snippets/ch/good.py:7" in proc.stderr and "ZeroDivisionError" in proc.stderr
    assert "figure_good" in proc.stderr


def test_missing_include_fails_build_naming_page_and_file(tmp_path):
    page = PAGE.replace('--8<-- "ch/good.out"', '--8<-- "ch/missing.out"')
    proj = make_project(tmp_path, both(page), {"ch/good.py": GOOD, "ch/good.out": "hello\n"})
    proc = build(proj)
    assert proc.returncode != 0
    assert "docs/ch/page.zh.md:8" in proc.stderr and "ch/missing.out does not exist" in proc.stderr


def test_missing_figure_function_fails_build(tmp_path):
    page = PAGE.replace("figure_good)", "figure_nope)")
    proj = make_project(tmp_path, both(page), {"ch/good.py": GOOD, "ch/good.out": "hello\n"})
    proc = build(proj)
    assert proc.returncode != 0
    assert "docs/ch/page.zh.md:11" in proc.stderr and "figure_nope" in proc.stderr


def test_broken_link_fails_strict_build(tmp_path):
    page = "# Page\n\nSee [elsewhere](nowhere.md).\n"
    proj = make_project(tmp_path, both(page), {})
    proc = build(proj)
    assert proc.returncode != 0
    assert "nowhere.md" in proc.stderr and "page" in proc.stderr


def test_missing_translation_is_reported(tmp_path):
    proj = make_project(tmp_path, {"ch/only_zh.zh.md": "# 只有中文\n"}, {})
    missing = missing_translations(proj / "docs")
    assert missing == ["docs/ch/only_zh.zh.md has no English version docs/ch/only_zh.en.md"]


def test_failed_build_leaves_published_site_untouched(tmp_path):
    broken = GOOD.replace("ax.plot([0, 1], [0, 1])", "raise RuntimeError('no')")
    proj = make_project(tmp_path, both(PAGE), {"ch/good.py": broken, "ch/good.out": "hello\n"})
    (proj / "site").mkdir()
    (proj / "site" / "index.html").write_text("previous good build")
    proc = subprocess.run(["bash", "scripts/site.sh", "build"], cwd=proj, capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    assert (proj / "site" / "index.html").read_text() == "previous good build"
    assert not list(proj.glob(".site-build.*")), "temporary build folder left behind"


def test_page_title_the_card_font_cannot_draw_fails_build_naming_the_page(tmp_path):
    page = "# Hieroglyph \U00013000\n\nText.\n"  # in no font the site ships
    proj = make_project(tmp_path, both(page), {})
    proc = build(proj)
    assert proc.returncode != 0
    assert "docs/ch/page.zh.md: social card" in proc.stderr and "\U00013000" in proc.stderr


# --------------------------------------------------------------------------- social cards
def test_social_card_is_a_1200x630_png_with_the_title_wrapped():
    import io

    from PIL import Image

    from snippets._engine import cards

    long_zh = "分类损失：交叉熵、NLL、BCE 与 BCEWithLogitsLoss 之间到底是什么关系"
    lines = cards.wrap(long_zh, 76, cards.W - 160)
    assert len(lines) > 1 and "".join(lines).replace(" ", "") == long_zh.replace(" ", "")
    assert "BCEWithLogitsLoss" in "".join(lines), "a Latin word was split"
    assert not any(line[0] in "，。、：" for line in lines), "a line starts with closing punctuation"
    card = cards.Card(long_zh, "损失函数一览", "激活函数与损失函数 · PyTorch", "标语", "zh")
    with Image.open(io.BytesIO(cards.render(card))) as img:
        assert img.size == (1200, 630) and img.format == "PNG"
        assert len(img.getcolors(1 << 16) or []) > 10, "no text was drawn"


def test_social_card_missing_glyph_and_overlong_title_are_errors():
    from snippets._engine import cards

    assert cards.missing_glyphs("ReLU 激活函数 · “引号” —") == []
    with pytest.raises(cards.CardError, match="no glyph"):
        cards.render(cards.Card("\U00013000", "", "site", "tagline", "en"))
    with pytest.raises(cards.CardError, match="too long"):
        cards.render(cards.Card("word " * 200, "", "site", "tagline", "en"))


def test_social_cards_are_cached_by_content(tmp_path, monkeypatch):
    from snippets._engine import cards

    monkeypatch.setenv("SITE_CACHE", str(tmp_path))
    card = cards.Card("ReLU", "Activation basics", "site", "tagline", "en")
    first = cards.ensure(card)
    assert first.parent == tmp_path / "cards" and first.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    def boom(_card):
        raise AssertionError("drawn again")

    monkeypatch.setattr(cards, "render", boom)
    assert cards.ensure(card) == first  # the cached file, not redrawn
    with pytest.raises(AssertionError, match="drawn again"):
        cards.ensure(cards.Card("ReLU6", "Activation basics", "site", "tagline", "en"))


# --------------------------------------------------------------------------- devices and records
def test_cpu_random_mode_reproduces_cpu_numbers():
    """The GPU harness's random-number routing, exercised with the CPU as target device."""
    import torch
    from torch import nn

    from snippets._engine.devices import CpuRandom

    def draw():
        torch.manual_seed(0)
        layer = nn.Linear(4, 3)
        x = torch.randn(2, 4)
        drop = nn.functional.dropout(torch.ones(8), p=0.5, training=True)
        w = torch.empty(3).normal_()
        return [layer.weight.detach(), x, drop, w, torch.randint(0, 10, (5,)), torch.rand_like(x)]

    plain = draw()
    with CpuRandom("cpu"):
        routed = draw()
    for a, b in zip(plain, routed):
        assert torch.equal(a, b)


def test_verification_table_from_a_record(tmp_path, monkeypatch):
    import json

    from snippets._engine import verification

    name = "activation_basics/relu.py"
    record = {
        "machine": {"name": "NVIDIA H100", "driver": "550.54", "cuda": "12.4", "torch": "2.11.0", "date": "2026-11-23"},
        "rtol": 1e-3, "atol": 1e-3,
        "snippets": {name: {"status": "pass", "max_abs_dev": 2e-5},
                     "activation_basics/tanh.py": {"status": "fail", "reason": "text differs"}},
    }
    (tmp_path / "cuda.json").write_text(json.dumps(record))
    monkeypatch.setattr(verification, "RECORDS", tmp_path)
    en = verification.table("en", "verification")
    assert "CUDA: NVIDIA H100, driver 550.54" in en
    assert "| `activation_basics/relu.py` | [activation_basics/relu](activation_basics/relu.md) |" in en
    assert "✅ pass (max deviation 2.0e-05)" in en and "❌ fail: text differs" in en
    assert "— added after the record" in en  # snippets newer than the record
    assert "最大偏差" in verification.table("zh", "verification")


# --------------------------------------------------------------------------- formulas and figure sizes
def test_formulas_are_found_where_katex_auto_render_found_them():
    from snippets._engine import tex

    html = ('<head><title>\\(t\\)</title></head><body><p>a <span class="arithmatex">\\(a &lt; b\\)</span> '
            '<code>\\(c\\)</code> \\(x \\) \\( y\\)</p><div class="arithmatex">\\[\n\\frac{1}{2}\n\\]</div>'
            '<pre><code>\\(p\\)</code> \\(q\\)</pre><script>"\\(s\\)"</script><a title="\\(t\\)">\\(w_5\\)</a>'
            '<p>\\(\\text{a \\) b}\\) and \\(unclosed</p></body>')
    found = [p for p in tex.split_page(html) if isinstance(p, tuple)]
    # not in <head>, code, pre, script or attributes; entities unescaped; braces
    # as auto-render counts them (a closing delimiter inside braces is not one); an unclosed delimiter stays text
    assert found == [("a < b", False), ("x", False), ("y", False), ("\\frac{1}{2}", True), ("w_5", False),
                     ("\\text{a \\) b}", False)]


def test_unparsable_formula_fails_build_naming_page_and_formula(tmp_path):
    page = "# T\n\nFine \\(x^2\\), broken \\(\\frac{1}\\) here.\n"
    proj = make_project(tmp_path, both(page), {})
    proc = build(proj)
    assert proc.returncode != 0
    assert "docs/ch/page.zh.md" in proc.stderr and "Temml cannot render" in proc.stderr and "\\\\frac{1}" in proc.stderr


def test_a_character_the_math_font_lacks_fails_naming_page_character_and_formula():
    from snippets._engine import tex

    html = '<body><p><span class="arithmatex">\\(x_{\\text{caf\u00e9}}\\)</span> \\(\\text{\u5e73\u5747} y\\)</p></body>'
    with pytest.raises(tex.TexError) as err:
        tex.render_page(html, "docs/ch/page.zh.md")
    msg = str(err.value)
    assert "docs/ch/page.zh.md" in msg and "U+00E9" in msg and "caf\u00e9" in msg
    assert "\u5e73" not in msg  # Chinese in \\text is drawn by the page's own font
    assert "<math" in tex.render_page(html.replace("\u00e9", "e"), "docs/ch/page.zh.md")


def test_the_math_font_is_cut_to_the_characters_with_their_stretched_forms():
    import io

    from fontTools.ttLib import TTFont

    from snippets._engine import tex

    whole = TTFont(tex.FONT_SOURCE)
    font = TTFont(io.BytesIO(tex.subset_font(set("(x)\u2211"))))
    assert {chr(c) for c in font.getBestCmap()} == set("(x)\u2211")
    # the MATH table keeps the larger sizes of "(" that a tall formula stretches it to
    variants = font["MATH"].table.MathVariants
    glyph = font.getBestCmap()[ord("(")]
    sizes = [g for g in variants.VertGlyphCoverage.glyphs if g == glyph]
    assert sizes, "no vertical variants for ( in the subset"
    assert len(font.getGlyphOrder()) < len(whole.getGlyphOrder()) / 20


def test_build_without_node_fails_with_a_clear_message(tmp_path):
    proj = make_project(tmp_path, both("# T\n\n\\(x^2\\)\n"), {})
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    proc = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "-m", "mkdocs", "build", "--strict", "--site-dir", str(proj / "out")],
        cwd=proj, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATH": str(empty), "SITE_CACHE": str(tmp_path / "cache")},
    )
    assert proc.returncode != 0
    assert "Node.js (`node`) is needed" in proc.stderr


def test_figure_img_gets_the_svg_size_in_css_pixels(tmp_path):
    from snippets._engine import sizes

    site = tmp_path / "site"
    fig = site / figures.URL_DIR / "ch" / "a.svg"
    fig.parent.mkdir(parents=True)
    fig.write_text('<svg width="460.8pt" height="345.6pt" viewBox="0 0 460.8 345.6" xmlns="http://www.w3.org/2000/svg"/>')
    page = site / "ch" / "p"
    page.mkdir(parents=True)
    html = ('<img src="../../assets/figures/ch/a.svg#only-light" alt="x" loading="lazy">'
            '<img src="../../assets/favicon.svg" alt="logo">')
    out = sizes.add_sizes(html, page, site)
    assert out == ('<img src="../../assets/figures/ch/a.svg#only-light" width="614" height="461" alt="x" loading="lazy">'
                   '<img src="../../assets/favicon.svg" alt="logo">')


def test_uv_installs_from_the_package_sources_pip_would_use(tmp_path):
    """scripts/_env.sh has uv install the requirements; uv reads none of pip's settings,
    so scripts/uv_sources.sh passes pip's on: a configuration file's one-value-a-line
    list, the [install] section over [global], a PIP_* variable over the files, as pip
    ranks them (a lost index would install the multi-gigabyte CUDA build of torch on
    the Pages workflow)."""
    conf = tmp_path / "pip.conf"
    conf.write_text("[global]\nextra-index-url =\n    https://a.example/simple\n    https://b.example/simple\n"
                    "find-links = /from/global\n[install]\nfind-links = /from/the/file\n", encoding="utf-8")

    def sources(**env: str) -> list[tuple[str, str]]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")} | {"PIP_CONFIG_FILE": str(conf)} | env
        out = subprocess.run(["bash", str(ROOT / "scripts/uv_sources.sh"), sys.executable], env=env,
                             capture_output=True, text=True, check=True).stdout.splitlines()
        assert len(out) % 2 == 0, out
        return list(zip(out[::2], out[1::2]))

    found = sources()
    assert found[0] == ("--index-strategy", "unsafe-best-match")
    assert ("--extra-index-url", "https://a.example/simple") in found
    assert ("--extra-index-url", "https://b.example/simple") in found
    assert [v for k, v in found if k == "--find-links"] == ["/from/the/file"]  # [install] over [global]
    found = sources(PIP_EXTRA_INDEX_URL="https://c.example/cpu https://d.example/x", PIP_FIND_LINKS="/from/a/variable")
    assert [v for k, v in found if k == "--extra-index-url"] == ["https://c.example/cpu", "https://d.example/x"]
    assert [v for k, v in found if k == "--find-links"] == ["/from/a/variable"]
