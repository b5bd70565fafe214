"""Run snippet scripts in isolation, the way a reader runs them.

A reader copies a snippet into a fresh ``python``. Starting a fresh interpreter
costs about 1.3 s here, almost all of it ``import torch``. To keep the isolation
without paying that per snippet, a *fork server* imports torch once and then
forks one child per snippet. Each child:

* starts from the server's pristine state (torch imported, no op run yet, so
  RNG seeds, default dtype/device, print options and warning registries are
  exactly those of a fresh interpreter);
* runs the file through :func:`run_script`, the one way a snippet is run here
  (the fork child, the fresh interpreter and the figure renderer all call it):
  ``sys.argv``, ``sys.path[0]`` and the working directory as for
  ``python path/to/script.py``, random/numpy/torch re-seeded from OS entropy as a
  fresh interpreter is, then ``runpy.run_path(path, run_name="__main__")`` so
  tracebacks name the real file and line;
* writes stdout/stderr to files (fd level, so C-level output is caught too).

*Copy means copy*: a reader pastes a snippet into a fresh ``python`` in an empty
directory, so every snippet runs with a new, empty temporary directory as its
working directory and a snippet that silently reads a file beside it fails. A
snippet that needs the repository says so with a line starting with
:data:`REPOSITORY_MARKER` (``# Run from the repository root``) and runs with the
repository root as working directory (:func:`needs_repository`).

``mode="cuda"`` (or ``"mps"``) makes that device the default device in the
child before the snippet runs (see :mod:`snippets._engine.devices`).

Set ``SNIPPETS_FRESH=1`` to run every snippet in a brand-new interpreter
instead (``python -m snippets._engine.execute PATH MODE``: slow, but the
reference behaviour); ``tests/test_engine.py`` checks that both give identical
output.

The same server runs whole Jupyter notebooks (:meth:`Runner.run_notebook`): the
child executes the code cells top to bottom in one IPython ``InteractiveShell``
-- the shell inside every Jupyter python kernel, minus the messaging -- and
records each cell's outputs the way ipykernel reports them (stdout/stderr
streams, display data, the last expression as ``execute_result``, errors). A
kernel costs ~3 s to start and import torch; a forked shell costs nothing.
``tests/test_notebooks.py`` checks that it gives the same outputs as a real
kernel started by nbclient.

*One run, two uses.* The site build draws a snippet's figures in the same forked
child that ran the snippet (:meth:`Runner.run` with ``after=``: the snippet's own
output is captured and closed first, then the figure functions are called from its
namespace), and a :class:`RunStore` keeps that run's exit status, stdout and stderr
under a key made of everything that decides them (:func:`run_key`: the snippet's
bytes, this file, the mode, the reproducible environment, every installed
distribution's version, the Python version and the CPU). The test suite's snippet
runner looks a run up there before running it again, so the experiments that train
for tens of seconds run once for the build's figures and the tests' verdict. The
verdict is always computed anew from the stored output and the golden file, and a
stored failure stays a failure; a per-key lock makes a second asker wait for a run
in progress instead of repeating it. Snippets that read the repository
(:func:`needs_repository`) are never stored, nor are runs in a fresh interpreter
(``SNIPPETS_FRESH=1``), and ``scripts/update_golden.py`` never reads the store.

The build's servers also import matplotlib, scour and the figure engine with its
fonts before they fork (``Runner(preload=...)``, :data:`snippets._engine.figures.PRELOAD`):
every figure job then skips ~0.5 s of imports and font loading (about 50 CPU-s of a
cold build). What a snippet prints, the part the tests check, cannot reach them:
the snippet rules (:func:`snippets._engine.rules.snippet_rules`) allow matplotlib
only inside figure functions, which the printed part never calls, and neither scour
nor the engine at all; the figure functions themselves always ran after the engine
had imported matplotlib.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    path: Path
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    reused: bool = False  # read from a RunStore: the output of an earlier run of the same key

    @property
    def ok(self) -> bool:
        return self.returncode == 0


CPU_CAPABILITY = "avx2"  # torch falls back to its plain kernels where AVX2 is missing
# The same vector kernels on every x86-64 machine. Without these, torch's own
# kernels (ATen) and oneDNN's (used by nn.Linear/BatchNorm on the CPU) pick AVX-512
# where the CPU has it, and a few values differ in the last printed digit: GELU at
# -3 printed -0.0041 with AVX-512 ATen kernels, -0.0040 with AVX2; the depth,
# segmentation and multitask experiments differed in the third decimal on an
# AVX-512 machine whose oneDNN used its AVX-512 code path. Both libraries fall back
# to plainer kernels where AVX2 is missing. MKL (the CPU's matrix products) picks its
# code path by CPU vendor and model unless told otherwise: on an Intel Xeon with
# AVX-512 six snippets printed other numbers than on the AMD EPYC that made their
# golden files (grad clipping printed tensor(1.) for tensor(1.0000)); MKL_CBWR=AVX2,
# MKL's "conditional numerical reproducibility" switch, makes it run the same AVX2
# code path on both vendors' CPUs.
REPRODUCIBLE_ENV = {"ATEN_CPU_CAPABILITY": CPU_CAPABILITY, "ONEDNN_MAX_CPU_ISA": "AVX2", "MKL_CBWR": "AVX2"}


def child_env() -> dict:
    env = dict(os.environ)
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONHASHSEED"] = "0"
    # one intra-op thread: test workers run in parallel on few cores, and OpenMP
    # threads spinning against each other made small snippets ~10x slower under load.
    # (All golden files were checked to print the same with 1 and 2 threads.)
    env["OMP_NUM_THREADS"] = "1"
    env["MKL_NUM_THREADS"] = "1"
    # the same vector kernels on every x86-64 machine (REPRODUCIBLE_ENV), so golden
    # files made on one machine pass on another
    env.update(REPRODUCIBLE_ENV)
    env.pop("PYTHONPATH", None)  # snippets are plain scripts, run as a reader runs them
    return env


# --------------------------------------------------------------------------- one way to run a snippet
REPOSITORY_MARKER = "# Run from the repository root"


def needs_repository(source: str) -> bool:
    """Whether a snippet declares that it runs from the repository root: a line
    starting with :data:`REPOSITORY_MARKER` (e.g. ``# Run from the repository root:
    python snippets/performance/machines.py``). Such a snippet reads repository
    files by paths relative to the root; every other snippet runs in an empty
    directory, as a copied snippet does."""
    return any(line.startswith(REPOSITORY_MARKER) for line in source.splitlines())


@contextlib.contextmanager
def working_directory(path: str | Path) -> Iterator[str]:
    """Change into the directory snippet ``path`` runs in for the ``with`` block:
    the repository root for a snippet that :func:`needs_repository`, else a new,
    empty temporary directory (removed afterwards). The previous working
    directory is restored."""
    source = Path(path).read_text(encoding="utf-8")
    old = os.getcwd()
    if needs_repository(source):
        os.chdir(ROOT)
        try:
            yield str(ROOT)
        finally:
            os.chdir(old)
        return
    empty = tempfile.mkdtemp(prefix="snippet-cwd-")
    os.chdir(empty)
    try:
        yield empty
    finally:
        os.chdir(old)
        shutil.rmtree(empty, ignore_errors=True)


def run_script(path: str | Path, mode: str = "cpu") -> dict:
    """Run snippet ``path`` in this process as ``python path`` would in a fresh
    interpreter, and return its module namespace.

    Prepares the process like a fresh ``python path``: ``sys.argv = [path]``,
    ``sys.path[0]`` = the snippet's folder, the working directory from
    :func:`working_directory`, and the ``random``, ``numpy`` and ``torch``
    generators re-seeded from OS entropy (a fresh interpreter seeds them so; a
    forked process would otherwise repeat its parent's numbers, and a snippet
    that forgets to seed must print different numbers on every run). ``mode``
    other than ``"cpu"`` makes that device the default device
    (:func:`snippets._engine.devices.activate`). Exceptions propagate; ``sys.argv``,
    ``sys.path[0]`` and the working directory are restored afterwards, so
    in-process callers (figures) keep their state."""
    import random
    import runpy

    import numpy
    import torch

    path = os.path.abspath(path)
    if mode != "cpu":
        from snippets._engine.devices import activate  # before sys.path changes
    else:
        activate = None
    old_argv, old_path0 = sys.argv, sys.path[0]
    sys.argv = [path]
    sys.path[0] = os.path.dirname(path)  # as `python path/to/script.py` does
    try:
        with working_directory(path):
            random.seed()
            numpy.random.seed()
            torch.seed()
            if activate is not None:
                activate(mode)
            return runpy.run_path(path, run_name="__main__")
    finally:
        sys.argv, sys.path[0] = old_argv, old_path0


def _exit_code(exc: SystemExit) -> int:
    return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)


def _print_traceback(path: str) -> None:
    """The traceback a fresh interpreter prints for the exception being handled:
    frames from the snippet file on (no engine or runpy frames)."""
    import traceback

    etype, value, tb = sys.exc_info()
    path = os.path.abspath(path)
    first = tb
    while first is not None and first.tb_frame.f_code.co_filename != path:
        first = first.tb_next
    if first is None and not (isinstance(value, SyntaxError) and value.filename == path):
        first = tb  # raised before the snippet ran: an engine error, shown whole
    # a SyntaxError in the snippet names its file and line itself, without frames
    traceback.print_exception(etype, value, first)


def _run_file(path: str, mode: str, keep: dict | None = None) -> int:
    """Run snippet ``path`` with :func:`run_script`; the exit status ``python path``
    would have, with the traceback it would print. ``keep`` receives the module
    namespace (``"ns"``) or the exception (``"exc"``)."""
    keep = {} if keep is None else keep
    try:
        keep["ns"] = run_script(path, mode)
        return 0
    except SystemExit as exc:
        keep["exc"] = exc
        if exc.code is not None and not isinstance(exc.code, int):
            print(exc.code, file=sys.stderr)  # `raise SystemExit("message")`, as python does
        return _exit_code(exc)
    except BaseException as exc:
        keep["exc"] = exc
        _print_traceback(path)
        return 1


# --------------------------------------------------------------------------- server side
def _flush() -> None:
    with contextlib.suppress(Exception):
        sys.stdout.flush()
        sys.stderr.flush()


def _run_child(path: str, mode: str, out: str, err: str, after: dict | None = None) -> None:
    """Body of the forked child. Never returns.

    ``after`` (``{"call": "module:function", "arg": ..., "log": file}``): once the
    snippet's output is complete and its files closed, ``function(keep, path, arg)``
    runs in this child with the snippet's namespace or exception (``keep``, see
    :func:`_run_file`), its own output going to ``log``; the exit status stays the
    snippet's."""
    code = 1
    keep: dict = {}
    try:
        fo = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        fe = os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(fo, 1)
        os.dup2(fe, 2)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
        code = _run_file(path, mode, keep)
    finally:
        _flush()
        if after is None:
            os._exit(code)
    try:
        log = os.open(after["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(log, 1)  # the snippet's output files are complete: nothing more goes there
        os.dup2(log, 2)
        import importlib

        module, _, func = after["call"].partition(":")
        getattr(importlib.import_module(module), func)(keep, path, after["arg"])
    except BaseException:
        import traceback

        traceback.print_exc()  # into the log: the caller finds what it asked for missing
    finally:
        _flush()
        os._exit(code)


def _run_notebook_child(src: str, dst: str, cwd: str, skip_tag: str, err: str) -> None:
    """Body of a forked child that executes a notebook. Never returns."""
    code = 1
    try:
        fe = os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(fe, 2)
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
        os.chdir(cwd)
        sys.path[0] = cwd  # a kernel's '' entry: the notebook's folder
        import random

        import numpy
        import torch

        random.seed()  # from OS entropy, as a new kernel does
        numpy.random.seed()
        torch.seed()
        from IPython.core.interactiveshell import InteractiveShell
        from IPython.utils.capture import capture_output

        shell = InteractiveShell.instance()
        results: list[dict] = []
        errors: list[dict] = []
        # as ipykernel does: the last expression's value and tracebacks become
        # outputs of the cell instead of text printed to stdout
        shell.displayhook.write_output_prompt = lambda: None
        shell.displayhook.write_format_data = lambda data, md=None: results.append(data)

        def showtraceback(etype, evalue, stb):
            errors.append({"output_type": "error", "ename": etype.__name__, "evalue": str(evalue),
                           "traceback": stb if isinstance(stb, list) else [stb]})

        shell._showtraceback = showtraceback
        with open(src, encoding="utf-8") as fh:
            nb = json.load(fh)
        count = 0
        for cell in nb["cells"]:
            if cell["cell_type"] != "code" or skip_tag in cell.get("metadata", {}).get("tags", []):
                continue
            count += 1
            results.clear()
            errors.clear()
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            with capture_output(stdout=True, stderr=True, display=True) as cap:
                shell.run_cell(source, store_history=True)
            outputs = []
            if cap.stdout:
                outputs.append({"output_type": "stream", "name": "stdout", "text": cap.stdout})
            if cap.stderr:
                outputs.append({"output_type": "stream", "name": "stderr", "text": cap.stderr})
            for shown in cap.outputs:
                outputs.append({"output_type": "display_data", "data": shown.data, "metadata": shown.metadata or {}})
            for data in results:
                outputs.append({"output_type": "execute_result", "data": data, "metadata": {}, "execution_count": count})
            outputs += errors
            cell["outputs"] = outputs
            cell["execution_count"] = count
        with open(dst, "w", encoding="utf-8") as fh:
            json.dump(nb, fh, ensure_ascii=False)
        code = 0
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        try:
            sys.stderr.flush()
        except Exception:
            pass
        os._exit(code)


def serve() -> None:
    """Fork-server main loop: one JSON request per stdin line, one reply per line."""
    import importlib

    import torch  # noqa: F401  (the expensive import, done once)
    import numpy  # noqa: F401

    # e.g. IPython and matplotlib for notebooks; "module:function" also calls it
    for name in filter(None, os.environ.get("SNIPPETS_PRELOAD", "").split(",")):
        module, _, func = name.partition(":")
        loaded = importlib.import_module(module)
        if func:
            getattr(loaded, func)()

    reply = sys.stdout
    sys.stdout = sys.stderr  # nothing else may write to the reply channel
    reply.write('{"ready": true}\n')
    reply.flush()
    for line in sys.stdin:
        req = json.loads(line)
        t0 = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            if req.get("kind") == "notebook":
                _run_notebook_child(req["src"], req["dst"], req["cwd"], req["skip_tag"], req["err"])
            _run_child(req["path"], req["mode"], req["out"], req["err"], req.get("after"))
        _, status = os.waitpid(pid, 0)
        rc = os.waitstatus_to_exitcode(status)
        reply.write(json.dumps({"rc": rc, "seconds": time.perf_counter() - t0}) + "\n")
        reply.flush()


# --------------------------------------------------------------------------- client side
NOTEBOOK_PRELOAD = "IPython.core.interactiveshell,IPython.utils.capture,matplotlib.pyplot"


@__import__("functools").lru_cache(maxsize=None)
def _environment_id() -> str:
    """Everything outside the snippet that decides its output, as text: this file,
    the reproducible environment, every installed distribution's version, the
    Python version and the CPU."""
    import platform
    import sysconfig
    from importlib.metadata import distributions

    # the interpreter's own site-packages, not sys.path: a test that changed the
    # working directory or sys.path must not change the key (it did: the build's runs
    # were stored under one key and the test workers looked them up under another)
    where = list(dict.fromkeys(sysconfig.get_paths()[k] for k in ("purelib", "platlib")))
    dists = sorted({f"{d.metadata['Name']}=={d.version}" for d in distributions(path=where)})
    cpu = ""
    with contextlib.suppress(OSError):
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next((line for line in fh if line.startswith(("model name", "flags"))), "")
    parts = [Path(__file__).read_text(encoding="utf-8"), json.dumps(REPRODUCIBLE_ENV, sort_keys=True),
             sys.version, platform.machine(), platform.processor(), cpu, *dists]
    return "\n".join(parts)


def run_key(path: Path | str, mode: str = "cpu") -> str | None:
    """The :class:`RunStore` key of running snippet ``path`` in ``mode``, or ``None``
    for a snippet whose output depends on more than its own text (one that
    :func:`needs_repository`)."""
    import hashlib

    source = Path(path).read_bytes()
    if needs_repository(source.decode("utf-8", "replace")):
        return None
    h = hashlib.sha256(source)
    h.update(f"\0{mode}\0{_environment_id()}".encode())
    return h.hexdigest()[:24]


class RunStore:
    """Results of snippet runs by :func:`run_key`, one JSON file each in ``directory``
    (the build cache's ``runs/``), with a lock per key so that a run in progress is
    waited for, not repeated.

    A *claim* (``<key>.claim``, holding a process id) says that a live process will
    run and store ``key`` soon: the site build claims every snippet it is about to
    run for its figures, and a test that wants the same run waits for the stored
    result instead of running the snippet a second time beside the build. A claim
    whose process is gone, or older than :attr:`CLAIM_WAIT` seconds of waiting, is
    ignored: the waiter runs the snippet itself."""

    CLAIM_WAIT = 1800.0

    def __init__(self, directory: Path | str | None = None):
        if directory is None:
            from snippets._engine.catalog import cache_dir

            directory = cache_dir("runs")
        self.dir = Path(directory)

    @contextlib.contextmanager
    def lock(self, key: str) -> Iterator[None]:
        import fcntl

        self.dir.mkdir(parents=True, exist_ok=True)
        with open(self.dir / f"{key}.lock", "a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def get(self, key: str, path: Path) -> Result | None:
        try:
            data = json.loads((self.dir / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return Result(path, data["returncode"], data["stdout"], data["stderr"], data["seconds"], reused=True)

    def put(self, key: str, result: Result) -> None:
        data = {"returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr,
                "seconds": result.seconds}
        tmp = self.dir / f"{key}.json.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.dir / f"{key}.json")
        if self.claimant(key) == os.getpid():
            (self.dir / f"{key}.claim").unlink(missing_ok=True)

    @contextlib.contextmanager
    def claim(self, keys: "Iterable[str | None]") -> Iterator[None]:
        """Claim ``keys`` for this process while the block runs (each claim is dropped
        when its run is stored, the rest at the end, also when the block raises)."""
        self.dir.mkdir(parents=True, exist_ok=True)
        mine = [k for k in dict.fromkeys(keys) if k is not None]
        for key in mine:
            tmp = self.dir / f"{key}.claim.{os.getpid()}.tmp"
            tmp.write_text(str(os.getpid()), encoding="utf-8")
            os.replace(tmp, self.dir / f"{key}.claim")
        try:
            yield
        finally:
            for key in mine:
                if self.claimant(key) == os.getpid():
                    (self.dir / f"{key}.claim").unlink(missing_ok=True)

    def claimant(self, key: str) -> int | None:
        """The live process that claimed ``key``, or None."""
        try:
            pid = int((self.dir / f"{key}.claim").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass
        return pid

    def wait_for_claim(self, key: str, path: Path) -> "Result | None":
        """While another live process claims ``key``: wait for its stored run (returned);
        None when there is no such claim, or it ended without a stored run."""
        deadline = time.monotonic() + self.CLAIM_WAIT
        while True:
            stored = self.get(key, path)
            if stored is not None:
                return stored
            owner = self.claimant(key)
            if owner is None or owner == os.getpid() or time.monotonic() > deadline:
                return None
            time.sleep(0.2)


class Runner:
    """Client of one fork server. Use as a context manager.

    ``notebooks=True`` starts a server for :meth:`run_notebook`: it also imports
    IPython and matplotlib (backend Agg, as the notebook tests' kernels use), so
    do not run snippets through it (they would not start from a fresh state).

    ``store``: a :class:`RunStore` that :meth:`run` reads before running a snippet
    and writes after (not with ``fresh``)."""

    def __init__(self, fresh: bool | None = None, notebooks: bool = False, store: RunStore | None = None,
                 preload: str = ""):
        self.fresh = os.environ.get("SNIPPETS_FRESH") == "1" if fresh is None else fresh
        self.notebooks = notebooks
        self.preload = preload
        self.store = None if self.fresh else store
        self.proc: subprocess.Popen | None = None
        self.tmp = tempfile.TemporaryDirectory(prefix="snippet-run-")

    def __enter__(self) -> "Runner":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self) -> None:
        # started in the engine's repository root, so `-m` imports this engine (the
        # venv's .pth names the same root; a copied project's own engine wins);
        # each child sets sys.path[0] to its snippet's folder before running it
        env = child_env()
        if self.notebooks:
            env.update(SNIPPETS_PRELOAD=NOTEBOOK_PRELOAD, MPLBACKEND="Agg")
        elif self.preload:
            env.update(SNIPPETS_PRELOAD=self.preload, MPLBACKEND="Agg")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "snippets._engine.execute", "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
            cwd=str(ROOT),
        )
        assert json.loads(self.proc.stdout.readline())["ready"]

    def run_notebook(self, nb: dict, cwd: Path | str, skip_tag: str = "skip-execution") -> dict:
        """Execute a copy of notebook ``nb`` (a dict in nbformat 4) top to bottom in a
        forked IPython shell started in ``cwd``; return it with the new outputs.
        Cells tagged ``skip_tag`` are left as they are."""
        if not self.notebooks:
            raise RuntimeError("run_notebook needs Runner(notebooks=True)")
        if self.proc is None or self.proc.poll() is not None:
            self._start()
        src = os.path.join(self.tmp.name, "in.ipynb")
        dst = os.path.join(self.tmp.name, "out.ipynb")
        err = os.path.join(self.tmp.name, "stderr")
        if os.path.exists(dst):
            os.unlink(dst)
        with open(src, "w", encoding="utf-8") as fh:
            json.dump(nb, fh, ensure_ascii=False)
        req = {"kind": "notebook", "src": src, "dst": dst, "cwd": str(cwd), "skip_tag": skip_tag, "err": err}
        self.proc.stdin.write(json.dumps(req) + "\n")
        self.proc.stdin.flush()
        reply = json.loads(self.proc.stdout.readline())
        if reply["rc"] != 0 or not os.path.exists(dst):
            raise RuntimeError(f"notebook shell failed (exit {reply['rc']}):\n{_read(err)[-4000:]}")
        with open(dst, encoding="utf-8") as fh:
            return json.load(fh)

    def run(self, path: Path | str, mode: str = "cpu", after: dict | None = None) -> Result:
        """Run snippet ``path``; with a :attr:`store`, a stored run of the same
        :func:`run_key` is returned instead (``after`` given: always run, for what
        ``after`` does in the child, see :func:`_run_child`, and store the run)."""
        path = Path(path).resolve()
        key = run_key(path, mode) if self.store is not None else None
        if key is None:
            return self._run(path, mode, after)
        if after is None:  # a run the site build has claimed is waited for, not repeated
            stored = self.store.wait_for_claim(key, path)
            if stored is not None:
                return stored
        with self.store.lock(key):
            if after is None:
                stored = self.store.get(key, path)
                if stored is not None:
                    return stored
            result = self._run(path, mode, after)
            self.store.put(key, result)
            return result

    def _run(self, path: Path, mode: str, after: dict | None) -> Result:
        if after is not None and self.fresh:
            raise RuntimeError("after= needs the fork server (a Runner that is not fresh)")
        out = os.path.join(self.tmp.name, "stdout")
        err = os.path.join(self.tmp.name, "stderr")
        if self.fresh:
            t0 = time.perf_counter()
            # a new interpreter that runs the snippet through run_script, as the
            # fork child does (started in the engine's root so `-m` finds it)
            args = [sys.executable, "-m", "snippets._engine.execute", str(path), mode]
            with open(out, "w") as fo, open(err, "w") as fe:
                rc = subprocess.call(args, stdout=fo, stderr=fe, env=child_env(), cwd=ROOT)
            seconds = time.perf_counter() - t0
        else:
            if self.proc is None or self.proc.poll() is not None:
                self._start()
            req = {"path": str(path), "mode": mode, "out": out, "err": err, "after": after}
            self.proc.stdin.write(json.dumps(req) + "\n")
            self.proc.stdin.flush()
            reply = json.loads(self.proc.stdout.readline())
            rc, seconds = reply["rc"], reply["seconds"]
        return Result(path, rc, _read(out), _read(err), seconds)

    def close(self) -> None:
        if self.proc is not None:
            self.proc.stdin.close()
            self.proc.wait(timeout=30)
            self.proc = None
        self.tmp.cleanup()


def _read(p: str) -> str:
    with open(p, encoding="utf-8", errors="replace") as f:
        return f.read()


if __name__ == "__main__":
    # python -m snippets._engine.execute --serve      the fork server (Runner)
    # python -m snippets._engine.execute PATH [MODE]  one snippet, fresh interpreter
    if sys.argv[1:] == ["--serve"]:
        serve()
    else:
        code = _run_file(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "cpu")
        sys.stdout.flush()
        sys.stderr.flush()
        sys.exit(code)
