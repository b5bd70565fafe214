"""The Jupyter notebooks generated from the pages (``snippets/_engine/notebooks.py``).

Static checks (fast): every page with a snippet gets a valid notebook in both
languages whose code cells are the snippets' exact sources with their golden
files as stored output, whose links and anchors resolve, and which is generated
byte-identically every time.

Execution: every page's notebook runs from top to bottom, one test per page so
pytest-xdist spreads them over the cores, in one language per page (alternating):
the zh and en notebooks of a page run the same code cells, which a static test
checks, so running both gave the same answer twice. Each snippet cell's *executed* stdout
must equal its golden file exactly, with nothing on stderr and no other output;
figure, setup and reset cells must run without error and print nothing (what
running a cell prints is what the rendered page shows under it; figure cells may
log font warnings to stderr, as the site's figure rendering does); cells tagged
``skip-execution`` are not run. *Copy means copy*: a notebook runs in a new,
empty folder, as a downloaded one does, unless a snippet in it says it runs from
the repository root (``snippets._engine.execute.needs_repository``); then it runs
there.

Where they run: a real ``python3`` kernel started by nbclient costs ~3-4 s per
notebook (kernel start and ``import torch``), which was most of the test suite's
time. So every notebook runs in an IPython shell forked from a warm server
(:meth:`snippets._engine.execute.Runner.run_notebook`: the shell inside every
python kernel, outputs recorded as ipykernel reports them), and a sample of
notebooks -- one per chapter, the languages alternating -- also runs in a real
kernel, whose outputs must be identical cell by cell (that test checks the sample's
golden outputs from its shell run, so a sampled page is not run a third time).
``NOTEBOOKS_KERNEL=1`` runs every notebook in a real kernel instead.

What is not run again: a notebook whose code cells are one snippet followed by
figure cells of that snippet (and, in zh, the font cell). Running it computes
exactly what the site build's figure job computes -- the snippet in an empty
folder, then its figure functions on that run's namespace -- and that job's stored
run is the one ``test_snippets`` compares with the golden file (the run store,
``tests/test_engine.py::test_figure_run_serves_the_snippet_test_and_a_failure_stays_a_failure``).
Such a notebook carries no state between snippets and has no reset cell; what a
notebook adds over a script -- a last line whose value the notebook would display
-- is checked statically (:func:`_one_run_covers`). The seven experiments are such
pages: running them again cost ~280 of the suite's ~1,000 worker-seconds.
"""
from __future__ import annotations

import ast
import copy
import difflib
import functools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from snippets._engine import notebook_pages
from snippets._engine import notebooks as nbs
from snippets._engine import page as page_model
from snippets._engine.catalog import LANGS, ROOT, SNIPPETS, golden_path, mkdocs_config, page_stem, snippet_files
from snippets._engine.execute import REPRODUCIBLE_ENV

PAGES = [(lang, page) for lang in LANGS for page in nbs.notebook_pages(lang)]
IDS = [f"{lang}:{page_stem(page)}" for lang, page in PAGES]
TIMEOUT = 300  # seconds per cell


def test_there_are_notebooks_in_both_languages():
    stems = {lang: {page_stem(p) for l, p in PAGES if l == lang} for lang in LANGS}
    assert len(stems["zh"]) >= 10
    assert stems["zh"] == stems["en"], "a page has a notebook in one language only"


# --------------------------------------------------------------------------- static
def _code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


@pytest.mark.parametrize("lang,page", PAGES, ids=IDS)
def test_notebook_is_generated_from_the_page(lang, page):
    nb = nbs.page_to_notebook(page, lang)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    assert nb.cells[0].cell_type == "markdown" and f"docs/{page_stem(page)}.{lang}.md" in nb.cells[0].source
    # byte-identical on every generation (deterministic cell ids, no timestamps)
    assert nbs.dumps(nb) == nbs.dumps(nbs.page_to_notebook(page, lang))
    problems = []
    shown = [c.metadata["snippet"] for c in _code_cells(nb) if "snippet" in c.metadata]
    if shown != page_model.parse(page).snippets():
        problems.append(f"snippet cells {shown} != includes of the page")
    note = [c for c in nb.cells if c.cell_type == "markdown" and c.source == nbs.ui(lang)["repository"]]
    if len(note) != nbs.needs_repository_root(nb):
        problems.append(f"{len(note)} notes to run from the repository root, expected {int(nbs.needs_repository_root(nb))}")
    for cell in _code_cells(nb):
        snip = cell.metadata.get("snippet")
        if snip:
            if cell.source != (SNIPPETS / snip).read_text(encoding="utf-8").rstrip("\n"):
                problems.append(f"{snip}: cell source differs from the file")
            golden = golden_path(SNIPPETS / snip).read_text(encoding="utf-8")
            stored = "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")
            if stored != golden or len(cell.outputs) != 1:
                problems.append(f"{snip}: stored output is not the golden file")
        elif "figure" in cell.metadata:
            snip, func = cell.metadata.figure.split("::")
            if cell.source != f'{func}("{lang}");':
                problems.append(f"{cell.metadata.figure}: figure cell is {cell.source!r}")
        elif not set(cell.metadata.get("tags", [])) & {nbs.SKIP, "reset", "setup"}:
            problems.append(f"untagged code cell without a source: {cell.source[:60]!r}")
    problems += [f"figure drawn from rebound globals: {p}" for p in nbs.shadowed_figures(nb)]
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        prose = re.sub(r"```.*?```|`[^`\n]+`|\$\$.*?\$\$|\$[^$\n]+\$", "", cell.source, flags=re.S)
        for bad in (r"\(", r"\)", r"\[", r"\]", "--8<--", "fig:", "{{", ".md)", ".md#"):
            if bad in prose:
                problems.append(f"markdown cell still contains {bad!r}: {cell.source[:80]!r}")
        if re.search(r"^\s*(!!!|\?\?\?|===) ", prose, re.M):
            problems.append(f"admonition or tab syntax left: {cell.source[:80]!r}")
    assert not problems, f"docs/{page_stem(page)}.{lang}.md:\n" + "\n".join(problems)


def test_links_between_notebooks_resolve():
    """``x.ipynb#anchor`` links point to a generated notebook with that ``<a id>``."""
    made = {(lang, page_stem(p)): nbs.page_to_notebook(p, lang) for lang, p in PAGES}
    ids = {
        key: set(re.findall(r'<a id="([^"]+)"></a>', "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")))
        for key, nb in made.items()
    }
    broken, count = [], 0
    for (lang, stem), nb in made.items():
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            for url in re.findall(r"\]\(([^)\s]+)\)", cell.source):
                if re.match(r"^[a-z]+:|^//", url):
                    continue
                path, _, frag = url.partition("#")
                target = stem if not path else os.path.normpath(os.path.join(os.path.dirname(stem), path))
                target = target[: -len(".ipynb")] if target.endswith(".ipynb") else target
                count += 1
                if (lang, target) not in made:
                    broken.append(f"{lang}:{stem}: {url} (no such notebook)")
                elif frag and frag not in ids[(lang, target)]:
                    broken.append(f"{lang}:{stem}: {url} (no such anchor)")
    assert count > 50 and not broken, "\n".join(broken)


def test_make_notebooks_script_writes_every_notebook(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts/make_notebooks.py"), "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.ipynb"))
    assert written == sorted(f"{lang}/{page_stem(p)}.ipynb" for lang, p in PAGES)
    lang, page = PAGES[0]
    on_disk = (tmp_path / lang / f"{page_stem(page)}.ipynb").read_text(encoding="utf-8")
    assert on_disk == nbs.dumps(nbs.page_to_notebook(page, lang))


# --------------------------------------------------------------------------- execution
@pytest.fixture(scope="session")
def kernel_env():
    """A python3 kernel of this interpreter; matplotlib without a display."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        subprocess.run([sys.executable, "-m", "ipykernel", "install", "--sys-prefix"], check=True)
    env = {
        "MPLBACKEND": "Agg",
        "PYTHONHASHSEED": "0",
        "PYTHONIOENCODING": "utf-8",
        # one intra-op thread, as the snippet runner uses: two test workers each
        # running a kernel with two OpenMP threads made training cells several times slower
        "OMP_NUM_THREADS": "1",
        **REPRODUCIBLE_ENV,
        "MKL_NUM_THREADS": "1",
        # the kernel must be this venv's interpreter: jupyter_client replaces "python"
        # in the kernelspec with sys.executable, and PATH is the fallback
        "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
    }
    return {**os.environ, **env}


def execute(nb: nbformat.NotebookNode, cwd: Path, env: dict) -> nbformat.NotebookNode:
    """Run a copy of ``nb`` top to bottom in one fresh kernel; stored outputs are dropped first."""
    from nbclient import NotebookClient

    run = copy.deepcopy(nb)
    for cell in run.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    client = NotebookClient(  # it starts the kernel and shuts it down at the end
        run,
        kernel_name="python3",
        timeout=TIMEOUT,
        startup_timeout=300,  # a kernel imports torch; slow when the machine is busy
        allow_errors=True,  # report every failing cell, not only the first
        skip_cells_with_tag=nbs.SKIP,
        resources={"metadata": {"path": str(cwd)}},
    )
    client.execute(env=env, cwd=str(cwd))
    return run


def _describe(outputs) -> str:
    parts = []
    for o in outputs:
        if o.output_type == "stream":
            parts.append(f"{o.name}: {o.text[:300]}")
        elif o.output_type == "error":
            parts.append(f"{o.ename}: {o.evalue}")
        else:
            parts.append(f"{o.output_type}: {sorted(o.get('data', {}))}")
    return "; ".join(parts)


def executed_problems(run: nbformat.NotebookNode, page: str) -> list[str]:
    """What differs between an executed notebook and the golden files; each line names
    the page and the snippet (or figure) cell."""
    problems = []
    for cell in _code_cells(run):
        tags = cell.metadata.get("tags", [])
        snip = cell.metadata.get("snippet")
        what = snip or cell.metadata.get("figure") or ",".join(tags) or cell.source[:40]
        if nbs.SKIP in tags:
            if cell.execution_count is not None or cell.outputs:
                problems.append(f"{page}: {what}: cell tagged {nbs.SKIP} was executed")
            continue
        if cell.execution_count is None:
            problems.append(f"{page}: {what}: cell was not executed")
            continue
        stdout = "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")
        other = [o for o in cell.outputs if not (o.output_type == "stream" and o.name == "stdout")]
        if snip:
            golden_file = golden_path(SNIPPETS / snip)
            golden = golden_file.read_text(encoding="utf-8")
            if stdout != golden:
                diff = "".join(
                    list(
                        difflib.unified_diff(
                            golden.splitlines(keepends=True),
                            stdout.splitlines(keepends=True),
                            f"snippets/{snip[:-3]}.out (golden)",
                            "notebook cell output",
                        )
                    )[:30]
                )
                problems.append(f"{page}: snippet {snip}: executed output differs from the golden file\n{diff}")
        elif stdout:  # the notebook stores no output for it: the rendered page shows none
            problems.append(f"{page}: {what}: unexpected output {stdout[:200]!r}")
        if "figure" in cell.metadata:
            # a figure may log to stderr (matplotlib's font warnings); it must not raise
            other = [o for o in other if not (o.output_type == "stream" and o.name == "stderr")]
        if other:
            problems.append(f"{page}: {what}: {_describe(other)}")
    return problems


def _cwd(nb: nbformat.NotebookNode, empty: Path) -> Path:
    """Where a reader runs the notebook: the root of a clone when a snippet says it
    needs the repository, else ``empty`` (a new, empty folder: copy means copy)."""
    return ROOT if nbs.needs_repository_root(nb) else empty


@pytest.fixture(scope="session")
def shell_runner():
    """A fork server that runs notebooks in forked IPython shells (one per test worker)."""
    from snippets._engine.execute import Runner

    with Runner(notebooks=True) as r:
        yield r


def execute_in_shell(nb: nbformat.NotebookNode, cwd: Path, runner) -> nbformat.NotebookNode:
    """Like :func:`execute`, in a forked IPython shell instead of a new kernel."""
    run = copy.deepcopy(nb)
    for cell in run.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nbformat.from_dict(runner.run_notebook(run, cwd, skip_tag=nbs.SKIP))


KERNEL_EVERYWHERE = os.environ.get("NOTEBOOKS_KERNEL") == "1"


# every experiment page has one snippet; this one trains for ~6 s, the others 11-15 s
KERNEL_PREFERRED = {"experiments": "experiments/imbalanced"}


def _kernel_sample() -> list[tuple[str, Path]]:
    """One notebook per chapter, the languages alternating: the page with the fewest
    snippets (a kernel run costs the notebook's compute twice: kernel and shell)."""
    by_chapter: dict[str, list[Path]] = {}
    for lang, page in PAGES:
        if lang == LANGS[0]:
            by_chapter.setdefault(page_stem(page).split("/")[0], []).append(page)
    sample = []
    for i, chapter in enumerate(sorted(by_chapter)):
        pages_ = by_chapter[chapter]
        page = next((p for p in pages_ if page_stem(p) == KERNEL_PREFERRED.get(chapter)), None) or min(
            pages_, key=lambda p: (len(page_model.parse(p).snippets()), page_stem(p))
        )
        lang = LANGS[i % len(LANGS)]
        sample.append((lang, page.with_name(page.name.replace(f".{LANGS[0]}.md", f".{lang}.md"))))
    return sample


KERNEL_SAMPLE = _kernel_sample()


def execution_signature(nb: nbformat.NotebookNode) -> list[tuple]:
    """What running ``nb`` does, the same in every language: each code cell's tags and
    source, except that a figure cell (``figure_x("zh");``) counts by its figure, a
    reset cell by its lines after the comment, and the zh font cell (tag ``setup``,
    prints nothing, sets the fonts the Chinese labels need) not at all."""
    sig: list[tuple] = [("repository root", nbs.needs_repository_root(nb))]
    for cell in _code_cells(nb):
        tags = tuple(cell.metadata.get("tags", []))
        if "setup" in tags:
            continue
        if "figure" in cell.metadata:
            sig.append(("figure", cell.metadata.figure))
        elif "reset" in tags:
            sig.append(("reset", cell.source.split("\n", 1)[1]))
        else:
            sig.append((tags, cell.metadata.get("snippet"), cell.source))
    return sig


def test_both_languages_of_a_notebook_run_the_same_code():
    """Why one run per page is enough: a page's zh and en notebooks execute the same
    cells in the same order (only prose, figure labels and the font cell differ)."""
    by_stem: dict[str, dict[str, Path]] = {}
    for lang, page in PAGES:
        by_stem.setdefault(page_stem(page), {})[lang] = page
    problems = []
    for stem, pages_ in sorted(by_stem.items()):
        sigs = {lang: execution_signature(nbs.page_to_notebook(p, lang)) for lang, p in pages_.items()}
        first = sigs[LANGS[0]]
        for lang, sig in sigs.items():
            if sig != first:
                at = next((i for i, (a, b) in enumerate(zip(first, sig)) if a != b), min(len(first), len(sig)))
                problems.append(f"docs/{stem}.{lang}.md: code cell {at} runs differently from docs/{stem}.{LANGS[0]}.md: "
                                f"{(sig[at:at + 1] or ['(none)'])[0]!r:.200} vs {(first[at:at + 1] or ['(none)'])[0]!r:.200}")
    assert not problems, "\n".join(problems)


def test_fault_a_cell_in_one_language_only_changes_the_signature():
    page = ROOT / "docs/activation_basics/relu.zh.md"
    nb = nbs.page_to_notebook(page, "zh")
    assert execution_signature(nb) == execution_signature(nbs.page_to_notebook(page.with_name("relu.en.md"), "en"))
    snippet = next(c for c in _code_cells(nb) if "snippet" in c.metadata)
    snippet.source += "\nprint(1)"
    assert execution_signature(nb) != execution_signature(nbs.page_to_notebook(page.with_name("relu.en.md"), "en"))


def _executed() -> list[tuple[str, Path]]:
    """One language per page, alternating over the sorted pages so that both languages'
    notebooks (and the zh font cell) are run: the other language executes the same
    cells (``test_both_languages_of_a_notebook_run_the_same_code``)."""
    pages = {(lang, page_stem(p)): p for lang, p in PAGES}
    stems = sorted({stem for _, stem in pages})
    return [(LANGS[i % len(LANGS)], pages[(LANGS[i % len(LANGS)], stem)]) for i, stem in enumerate(stems)]


def _one_run_covers(nb: nbformat.NotebookNode) -> str | None:
    """The snippet whose build run ``nb``'s execution would repeat, or None when running
    ``nb`` checks something more: its code cells (the zh font cell aside) are one
    untagged snippet cell and then only figure cells of that snippet, it runs in an
    empty folder, and the snippet does not end in an expression (a notebook would
    display its value; a script prints nothing for it)."""
    code = [c for c in _code_cells(nb) if "setup" not in c.metadata.get("tags", [])]
    if not code or nbs.needs_repository_root(nb):
        return None
    first, rest = code[0], code[1:]
    snip = first.metadata.get("snippet")
    if not snip or first.metadata.get("tags"):
        return None
    if any(c.metadata.get("tags") or not c.metadata.get("figure", "").startswith(f"{snip}::") for c in rest):
        return None
    body = ast.parse(first.source).body
    if body and isinstance(body[-1], ast.Expr):
        return None
    return snip


# a page of the kernel sample is checked against its golden files by
# test_shell_gives_what_a_real_kernel_gives, from the same shell run it compares with
# the kernel's (unless every notebook runs in a kernel, which skips that test)
_SAMPLED = set() if KERNEL_EVERYWHERE else {page_stem(p) for _, p in KERNEL_SAMPLE}
_UNSAMPLED = [(lang, p) for lang, p in _executed() if page_stem(p) not in _SAMPLED]
# NOTEBOOKS_KERNEL=1 runs every notebook, these too, as a reader's Jupyter would
_RUN_BY_BUILD = [] if KERNEL_EVERYWHERE else [
    (lang, p) for lang, p in _UNSAMPLED if _one_run_covers(nbs.page_to_notebook(p, lang))]
EXECUTED = [lp for lp in _UNSAMPLED if lp not in _RUN_BY_BUILD]


def test_executed_notebooks_cover_every_page_both_languages_and_the_font_cell():
    checked = EXECUTED + _RUN_BY_BUILD + ([] if KERNEL_EVERYWHERE else KERNEL_SAMPLE)
    assert sorted(page_stem(p) for _, p in checked) == sorted({page_stem(p) for _, p in PAGES})
    assert {lang for lang, _ in checked} == set(LANGS)
    assert any(
        "setup" in c.metadata.get("tags", [])
        for lang, p in checked if lang == "zh" for c in _code_cells(nbs.page_to_notebook(p, lang))
    ), "no executed zh notebook has the font cell"


@pytest.mark.parametrize("lang,page", EXECUTED, ids=[f"{l}:{page_stem(p)}" for l, p in EXECUTED])
def test_notebook_runs_and_matches_golden_output(lang, page, request, tmp_path):
    nb = nbs.page_to_notebook(page, lang)
    if KERNEL_EVERYWHERE:
        run = execute(nb, _cwd(nb, tmp_path), request.getfixturevalue("kernel_env"))
    else:
        run = execute_in_shell(nb, _cwd(nb, tmp_path), request.getfixturevalue("shell_runner"))
    problems = executed_problems(run, f"docs/{page_stem(page)}.{lang}.md")
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.mark.parametrize("lang,page", _RUN_BY_BUILD, ids=[f"{l}:{page_stem(p)}" for l, p in _RUN_BY_BUILD])
def test_notebook_run_by_the_build_is_the_snippet_and_its_figures(lang, page):
    """A notebook not run again (see the module's docstring): its snippet cell is the
    file that test_snippets runs, and each figure cell draws a figure of the page,
    which the build draws from that same run (a figure that raises fails the build)."""
    nb = nbs.page_to_notebook(page, lang)
    snip = _one_run_covers(nb)
    where = f"docs/{page_stem(page)}.{lang}.md"
    cell = next(c for c in _code_cells(nb) if c.metadata.get("snippet") == snip)
    assert SNIPPETS / snip in snippet_files(), f"{where}: {snip} is not a snippet that test_snippets runs"
    assert cell.source == (SNIPPETS / snip).read_text(encoding="utf-8").rstrip("\n"), f"{where}: cell is not {snip}"
    shown = {f.ref for f in page_model.parse(page).figures()}
    cells = {c.metadata.figure for c in _code_cells(nb) if "figure" in c.metadata}
    assert cells <= shown, f"{where}: figure cells {sorted(cells - shown)} are not figures the build draws"


def test_fault_a_notebook_that_adds_a_check_is_run():
    """Whatever a notebook checks beyond the build's run puts it back among the executed ones."""
    page = ROOT / "docs/experiments/depth.en.md"
    nb = nbs.page_to_notebook(page, "en")
    assert _one_run_covers(nb) == "experiments/depth.py"
    assert KERNEL_EVERYWHERE or ("en", page) in _RUN_BY_BUILD
    shows_a_value = copy.deepcopy(nb)
    next(c for c in _code_cells(shows_a_value) if "snippet" in c.metadata).source += "\nlen([1, 2])"
    assert _one_run_covers(shows_a_value) is None
    two_snippets = copy.deepcopy(nb)
    two_snippets.cells.append(copy.deepcopy(next(c for c in _code_cells(nb) if "snippet" in c.metadata)))
    assert _one_run_covers(two_snippets) is None
    reset = copy.deepcopy(nb)
    reset.cells.append(nbformat.v4.new_code_cell("import torch", metadata={"tags": ["reset"]}))
    assert _one_run_covers(reset) is None
    other_figure = copy.deepcopy(nb)
    next(c for c in _code_cells(other_figure) if "figure" in c.metadata).metadata["figure"] = "activation_basics/relu.py::figure_relu"
    assert _one_run_covers(other_figure) is None
    many = nbs.page_to_notebook(ROOT / "docs/activations/relu_variants.en.md", "en")
    assert _one_run_covers(many) is None


def _observable(run: nbformat.NotebookNode) -> list:
    """Per code cell: executed or not, stdout, and the kinds of its other outputs."""
    seen = []
    for cell in _code_cells(run):
        stdout = "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")
        kinds = sorted(
            f"{o.output_type}:{o.get('name') or o.get('ename') or ','.join(sorted(o.get('data', {})))}"
            for o in cell.outputs if not (o.output_type == "stream" and o.name == "stdout")
        )
        seen.append((cell.execution_count is not None, stdout, kinds))
    return seen


@pytest.mark.skipif(KERNEL_EVERYWHERE, reason="NOTEBOOKS_KERNEL=1: every notebook already ran in a real kernel")
@pytest.mark.parametrize("lang,page", KERNEL_SAMPLE, ids=[f"{l}:{page_stem(p)}" for l, p in KERNEL_SAMPLE])
def test_shell_gives_what_a_real_kernel_gives(lang, page, kernel_env, shell_runner, tmp_path):
    """The forked shell is a stand-in for a kernel: on a sample of notebooks a real
    kernel (nbclient) must produce the same outputs, cell by cell. The shell run is
    also the page's golden-output check (its page is not run again by
    test_notebook_runs_and_matches_golden_output). A sampled notebook that the shell
    never runs (one snippet and its figures, see the module's docstring: the
    experiments) has nothing to compare the shell with: its kernel run is checked
    against the golden files instead, as a reader's Jupyter would run it."""
    nb = nbs.page_to_notebook(page, lang)
    (tmp_path / "kernel").mkdir()
    if _one_run_covers(nb):
        problems = executed_problems(execute(nb, _cwd(nb, tmp_path / "kernel"), kernel_env),
                                     f"docs/{page_stem(page)}.{lang}.md")
        if problems:
            pytest.fail("\n".join(problems), pytrace=False)
        return
    (tmp_path / "shell").mkdir()
    shell_run = execute_in_shell(nb, _cwd(nb, tmp_path / "shell"), shell_runner)
    problems = executed_problems(shell_run, f"docs/{page_stem(page)}.{lang}.md")
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
    kernel = _observable(execute(nb, _cwd(nb, tmp_path / "kernel"), kernel_env))
    shell = _observable(shell_run)
    diffs = [f"cell {i}: kernel {k!r} != shell {s!r}" for i, (k, s) in enumerate(zip(kernel, shell)) if k != s]
    assert len(kernel) == len(shell) and not diffs, f"docs/{page_stem(page)}.{lang}.md:\n" + "\n".join(diffs)


def test_kernel_sample_covers_every_chapter_and_both_languages():
    chapters = {page_stem(p).split("/")[0] for _, p in PAGES}
    assert {page_stem(p).split("/")[0] for _, p in KERNEL_SAMPLE} == chapters
    assert {lang for lang, _ in KERNEL_SAMPLE} == set(LANGS)


def test_shell_reports_values_errors_and_warnings_like_a_kernel(kernel_env, shell_runner):
    """The cases a snippet cell must not produce, seen the same way by both."""
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("1 + 1"),
        nbformat.v4.new_code_cell("x = 1 + 1;"),
        nbformat.v4.new_code_cell("import warnings\nwarnings.warn('careful')"),
        nbformat.v4.new_code_cell("print('before')\n1 / 0"),
        nbformat.v4.new_code_cell("print('skipped')", metadata={"tags": [nbs.SKIP]}),
        nbformat.v4.new_code_cell("print(x)"),
    ])
    kernel = _observable(execute(nb, ROOT, kernel_env))
    shell = _observable(execute_in_shell(nb, ROOT, shell_runner))
    assert shell == kernel
    assert shell[0][2] == ["execute_result:text/plain"] and shell[1][2] == []
    assert shell[2][2] == ["stream:stderr"] and shell[3] == (True, "before\n", ["error:ZeroDivisionError"])
    assert shell[4] == (False, "", []) and shell[5][1] == "2\n"


def test_fault_changed_output_names_page_and_snippet(shell_runner, tmp_path):
    """A snippet cell whose executed output is not its golden file fails, naming both."""
    page = ROOT / "docs/activation_basics/relu.en.md"
    nb = nbs.page_to_notebook(page, "en")
    cells = [c for c in _code_cells(nb) if c.metadata.get("snippet") == "activation_basics/relu.py"]
    cells[0].source += '\nprint("one more line")'
    nb.cells = [nb.cells[0], cells[0]]
    problems = executed_problems(execute_in_shell(nb, _cwd(nb, tmp_path), shell_runner), "docs/activation_basics/relu.en.md")
    assert len(problems) == 1
    assert "docs/activation_basics/relu.en.md" in problems[0]
    assert "activation_basics/relu.py" in problems[0] and "+one more line" in problems[0]


def test_fault_raising_figure_cell_is_reported(shell_runner, tmp_path):
    page = ROOT / "docs/activation_basics/relu.en.md"
    nb = nbs.page_to_notebook(page, "en")
    fig = next(c for c in _code_cells(nb) if "figure" in c.metadata)
    fig.source = 'figure_relu("xx");'  # KeyError: no such language
    problems = executed_problems(execute_in_shell(nb, _cwd(nb, tmp_path), shell_runner), "docs/activation_basics/relu.en.md")
    assert len(problems) == 1 and "figure_relu" in problems[0] and "KeyError" in problems[0]


# --------------------------------------------------------------------------- built site
def test_prune_css_drops_the_application_toolkits_and_unread_properties():
    css = (".a{color:red}.bp3-x,.b{--v:1;--w:2;--u:var(--w);color:var(--v)}"
           "@media (max-width:1px){.lm-y{c:1}}.p-z .c{d:1}@media print{.a .b{e:2 !important}}.top-x{f:1}")
    assert notebook_pages.prune_css(css) == ".a{color:red}.b{--v:1;color:var(--v)}@media print{.a .b{e:2!important}}.top-x{f:1}"
    # given the classes the pages use: a rule needing another class goes, one whose
    # other class is only inside :not() stays
    css = (".a,.z{--v:1}.a p{color:var(--v)}.a .b{x:1}.a:not(.z){c:1}p.z{d:1}"
           "@keyframes spin{to{x:1}}@keyframes glow{to{x:2}}.a{animation:1s spin}.b{animation-name:glow}")
    assert notebook_pages.prune_css(css, frozenset({"a"})) == \
        ".a{--v:1}.a p{color:var(--v)}.a:not(.z){c:1}@keyframes spin{to{x:1}}.a{animation:1s spin}"


def test_rendered_notebooks_use_no_class_the_stylesheet_pruned(built_site):
    """prune_css removed JupyterLab's application toolkits from the notebook pages'
    stylesheet: no rendered notebook page may use one of their classes, and every
    custom property the stylesheet reads is defined by a stylesheet of the site."""
    used: dict[str, str] = {}
    for page in sorted((built_site / "notebooks").rglob("index.html")):
        for attr in re.findall(r'class="([^"]*)"', page.read_text(encoding="utf-8")):
            for name in attr.split():
                used.setdefault(name, page.relative_to(built_site).as_posix())
    dropped = {name: where for name, where in used.items() if notebook_pages.UNSHOWN_CLASSES.match("." + name)}
    assert not dropped, f"classes whose rules prune_css dropped: {dropped}"
    css = (built_site / notebook_pages.CSS).read_text(encoding="utf-8")
    assert not notebook_pages.UNSHOWN_CLASSES.search(css)
    # cut to the classes of every language's notebook pages, written after the last one
    renderer = notebook_pages.renderer(_jupyter_options())
    assert css == notebook_pages.prune_css(renderer.jupyter_css(), notebook_pages.classes_on_pages(built_site))
    jupyter = renderer.jupyter_css()
    assert len(css) < len(jupyter) / 10
    defines = lambda text: set(re.findall(r"(--[\w-]+)\s*:", text))  # noqa: E731
    lost = sorted((set(re.findall(r"var\(\s*(--[\w-]+)", css)) & defines(jupyter)) - defines(css))
    assert not lost, f"{notebook_pages.CSS} reads custom properties whose definitions were pruned: {lost[:20]}"


def _jupyter_options() -> dict:
    plugins = mkdocs_config()["plugins"]
    return next(p["mkdocs-jupyter"] for p in plugins if isinstance(p, dict) and "mkdocs-jupyter" in p) or {}


def _built_pages() -> list[tuple[str, Path]]:
    """PAGES whose chapter the session's site build built (conftest's dev loop,
    SITE_CHAPTERS, builds only some)."""
    chapters = os.environ.get("SITE_CHAPTERS")
    return [(l, p) for l, p in PAGES if not chapters or page_stem(p).split("/")[0] in chapters.split(",")]


def test_site_serves_every_notebook_with_a_download_link(built_site):
    from test_site import built_page

    built = _built_pages()
    problems = []
    for lang, page in built:
        stem = page_stem(page)
        served = built_site / nbs.notebook_url(stem, lang)
        if not served.is_file():
            problems.append(f"{served.relative_to(built_site)} missing")
            continue
        if served.read_text(encoding="utf-8") != nbs.dumps(nbs.page_to_notebook(page, lang)):
            problems.append(f"{served.relative_to(built_site)} is not the generated notebook")
        html = built_page(built_site, stem, lang)
        m = re.search(r'<a href="([^"]+\.ipynb)" download', html.read_text(encoding="utf-8"))
        if not m:
            problems.append(f"{html.relative_to(built_site)}: no download link")
        elif (html.parent / m.group(1)).resolve() != served.resolve():
            problems.append(f"{html.relative_to(built_site)}: download link {m.group(1)} points elsewhere")
    for lang in LANGS:
        index = built_page(built_site, "notebooks", lang).read_text(encoding="utf-8")
        listed = re.findall(r'<a href="([^"]+\.ipynb)" download', index)
        want = {nbs.notebook_url(page_stem(p), lang) for l, p in built if l == lang}
        got = {os.path.normpath(os.path.join("notebooks" if lang == "zh" else f"{lang}/notebooks", u)) for u in listed}
        if got != want:
            problems.append(f"notebooks page ({lang}) lists {len(got)} notebooks, expected {len(want)}")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- rendered as site pages
def _configured_plugins() -> list:
    cfg = mkdocs_config()
    return [next(iter(p)) if isinstance(p, dict) else p for p in cfg["plugins"]]


def test_rendered_notebooks_are_site_pages_in_both_languages(built_site):
    """Every generated notebook is also a page of the site (mkdocs.yml renders them with
    mkdocs-jupyter), in both languages. Their links and requests are checked by
    test_site like every other page's."""
    assert "mkdocs-jupyter" in _configured_plugins(), "mkdocs.yml does not render the notebooks as pages"
    stems = [page_stem(p) for lang, p in _built_pages() if lang == LANGS[0]]
    problems = []
    for lang in LANGS:
        for stem in stems:
            uri = nbs.notebook_url(stem, lang)
            page = built_site / notebook_pages.rendered_url(uri) / "index.html"
            if not page.is_file():
                problems.append(f"{uri}: not rendered")
                continue
            html = page.read_text(encoding="utf-8")
            if 'class="jupyter-wrapper"' not in html:
                problems.append(f"{uri}: no mkdocs-jupyter wrapper")
            # the Jupyter CSS and script are site files, linked, not inlined in every page
            for asset in (notebook_pages.CSS, notebook_pages.SCRIPT):
                if not re.search(rf'(href|src)="(\.\./)+{re.escape(asset)}"', html):
                    problems.append(f"{uri}: does not link {asset}")
            # (a size bound would not do: code and formulas make some pages 280 KB)
            if "<style" in html or re.search(r"--jp-[\w-]+\s*:", html):
                problems.append(f"{uri}: inlines CSS")
            srcs = re.findall(r'<script[^>]*\ssrc="([^"]*)"', html) + re.findall(r'import\(\s*"([^"]*)"', html)
            if any(not u or re.match(r"(https?:)?//", u) for u in srcs) or "text/x-mathjax-config" in html:
                problems.append(f"{uri}: loads a script from elsewhere")
            if re.search(r'<h[1-6] id=""', html):
                problems.append(f"{uri}: heading without id")
            cells = nbformat.read(built_site / uri, as_version=4).cells
            if any("$" in c.source for c in cells if c.cell_type == "markdown") and '<math' not in html:
                problems.append(f"{uri}: its $ math is not rendered as MathML")
            other = [l for l in LANGS if l != lang][0]
            switch = re.search(rf'<a href="([^"]+)" hreflang="{other}" class="md-select__link">', html)
            want = built_site / notebook_pages.rendered_url(nbs.notebook_url(stem, other))
            if not switch or (page.parent / switch.group(1)).resolve() != want.resolve():
                problems.append(f"{uri}: language switch does not lead to the {other} notebook")
            # (nbconvert's output passes through BeautifulSoup, which sorts attributes)
            download = re.search(r'<a (?=[^>]*\bdownload=)[^>]*\bhref="([^"]+\.ipynb)"', html)
            if not download or not (page.parent / download.group(1)).resolve().is_file():
                problems.append(f"{uri}: no download link to the .ipynb")
        index = built_site / ("" if lang == "zh" else f"{lang}/") / "notebooks/index.html"
        if index.read_text(encoding="utf-8").count(f'{nbs.ui(lang)["index_view"]}</a>') != len(stems):
            problems.append(f"notebooks page ({lang}) does not link every rendered notebook")
    assert not problems, "\n".join(problems)


def test_reset_cell_restores_defaults_a_snippet_changed(tmp_path, shell_runner):
    """backprop_modules.py sets print precision 6; relu.py after it in the same kernel
    prints its golden output only because the reset cell between them restores it."""
    docs = tmp_path / "docs"
    (docs / "demo").mkdir(parents=True)
    page = docs / "demo/state.en.md"
    blocks = []
    for snip in ("concepts/backprop_modules", "activation_basics/relu"):
        blocks.append(f'```python\n--8<-- "{snip}.py"\n```\n\n```text\n--8<-- "{snip}.out"\n```\n')
    page.write_text("# State\n\n" + "\n".join(blocks), encoding="utf-8")
    nb = nbs.page_to_notebook(page, "en", docs)
    kinds = [c.metadata.get("snippet") or ",".join(c.metadata.get("tags", [])) for c in _code_cells(nb)]
    assert kinds == ["concepts/backprop_modules.py", "reset", "activation_basics/relu.py"]
    (tmp_path / "run").mkdir()
    assert not executed_problems(execute_in_shell(nb, _cwd(nb, tmp_path / "run"), shell_runner), "docs/demo/state.en.md")
    nb.cells = [c for c in nb.cells if "reset" not in c.metadata.get("tags", [])]
    problems = executed_problems(execute_in_shell(nb, _cwd(nb, tmp_path / "run"), shell_runner), "docs/demo/state.en.md")
    assert len(problems) == 1 and "activation_basics/relu.py" in problems[0]


def test_figure_shown_before_its_code_is_drawn_after_the_snippet_runs(tmp_path, shell_runner):
    """Intuition first: a page may show a figure before the code that defines it. The
    notebook keeps the caption (with a note) there and draws the figure right after
    the snippet's cell and its output; the notebook runs."""
    docs = tmp_path / "docs"
    (docs / "demo").mkdir(parents=True)
    page = docs / "demo/first.en.md"
    page.write_text(
        "# Figure first\n\n![Sigmoid](fig:activation_basics/sigmoid.py::figure_sigmoid)\n\n"
        '```python\n--8<-- "activation_basics/sigmoid.py"\n```\n\n'
        '```text\n--8<-- "activation_basics/sigmoid.out"\n```\n\nAfter the output.\n',
        encoding="utf-8")
    nb = nbs.page_to_notebook(page, "en", docs)
    kinds = [c.metadata.get("snippet") or c.metadata.get("figure") for c in _code_cells(nb)]
    assert kinds == ["activation_basics/sigmoid.py", "activation_basics/sigmoid.py::figure_sigmoid"]
    text = "\n".join(c.source for c in nb.cells)
    assert text.index("*Sigmoid* (drawn below, after `sigmoid.py` runs)") < text.index("import torch")
    assert text.index('figure_sigmoid("en");') < text.index("After the output.")
    (tmp_path / "run").mkdir()
    assert not executed_problems(execute_in_shell(nb, _cwd(nb, tmp_path / "run"), shell_runner), "docs/demo/first.en.md")


def test_repository_snippet_notebook_says_so_and_runs_only_from_the_root(tmp_path, shell_runner):
    """Copy means copy: a notebook whose snippet reads repository files opens with the
    note to run it from the root of a clone; run there it matches its golden file, run
    in an empty folder (where a downloaded notebook lands) it fails, naming the snippet."""
    from snippets._engine.execute import needs_repository

    snip = next(
        p.relative_to(SNIPPETS).as_posix() for p in sorted(SNIPPETS.glob("*/*.py"))
        if not p.name.startswith("_") and needs_repository(p.read_text(encoding="utf-8")) and p.with_suffix(".out").is_file()
    )
    docs = tmp_path / "docs"
    (docs / "demo").mkdir(parents=True)
    page = docs / "demo/repo.zh.md"
    page.write_text(f'# Repo\n\n```python\n--8<-- "{snip}"\n```\n\n```text\n--8<-- "{snip[:-3]}.out"\n```\n', encoding="utf-8")
    nb = nbs.page_to_notebook(page, "zh", docs)
    assert nb.cells[1].source == nbs.ui("zh")["repository"] and nbs.needs_repository_root(nb)
    assert _cwd(nb, tmp_path) == ROOT
    assert not executed_problems(execute_in_shell(nb, ROOT, shell_runner), "docs/demo/repo.zh.md")
    (tmp_path / "empty").mkdir()
    problems = executed_problems(execute_in_shell(nb, tmp_path / "empty", shell_runner), "docs/demo/repo.zh.md")
    assert problems and snip in problems[0]


def test_renderer_compiles_once_and_caches_by_content(tmp_path, monkeypatch):
    """One nbconvert exporter per process and options; a notebook already rendered
    comes from the cache (keyed by its content), nothing of mkdocs-jupyter patched."""
    from mkdocs_jupyter import convert, plugin

    patched = (convert.nb2html, plugin._get_nb_toc_tokens)
    monkeypatch.setenv("SITE_CACHE", str(tmp_path))
    options = _jupyter_options()  # mkdocs.yml's (snippets/_engine/notebook_pages.py renders with them)
    renderer = notebook_pages.renderer(options)
    assert notebook_pages.renderer(dict(options)) is renderer
    uri = nbs.notebook_url("activation_basics/relu", "en")
    nb = notebook_pages.for_site(nbs.page_to_notebook(ROOT / "docs/activation_basics/relu.en.md", "en"), "en", uri)
    first = renderer.render(nb, uri)
    assert first.title == "ReLU" and first.toc[0]["id"] == "relu" and 'class="jupyter-wrapper"' in first.html
    assert '<clipboard-copy for="cell-1" aria-label="Copy this code" tabindex="0" role="button">' in first.html
    assert len(list((tmp_path / "notebook-html").glob("*.json"))) == 1

    def no_render(*args, **kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(renderer.exporter, "from_notebook_node", no_render)
    assert renderer.render(nb, uri) == first
    changed = copy.deepcopy(nb)
    changed.cells[1].source += "\n\nOne more sentence."
    with pytest.raises(AssertionError, match="rendered again"):
        renderer.render(changed, uri)
    assert (convert.nb2html, plugin._get_nb_toc_tokens) == patched


def test_exporter_without_the_soup_pass_gives_nbconverts_page():
    """The site's exporter skips HTMLExporter's BeautifulSoup pass (alt placeholders,
    tabindex) and sets tabindex itself: its page parses to the very tree nbconvert's
    own method makes, for a notebook with figures, code, outputs and math."""
    from bs4 import BeautifulSoup
    from nbconvert.exporters.html import HTMLExporter

    renderer = notebook_pages.renderer(_jupyter_options())
    uri = nbs.notebook_url("activation_basics/sigmoid", "zh")
    nb = notebook_pages.for_site(nbs.page_to_notebook(ROOT / "docs/activation_basics/sigmoid.zh.md", "zh"), "zh", uri)
    pages = []
    for convert in (renderer.exporter.from_notebook_node, functools.partial(HTMLExporter.from_notebook_node, renderer.exporter)):
        renderer._highlight.count = 0
        pages.append(convert(copy.deepcopy(nb), resources={"site": {"download": "x"}})[0])
    ours, theirs = (str(BeautifulSoup(page, "html.parser")) for page in pages)
    assert ours == theirs
    assert 'tabindex="0"' in pages[0] and "jp-OutputArea-output" in pages[0] and "<img" in pages[0]
