"""Run snippet scripts in isolation, the way a reader runs them.

A reader copies a snippet into a fresh ``python``. Starting a fresh interpreter
costs about 1.3 s here, almost all of it ``import torch``. To keep the isolation
without paying that per snippet, a *fork server* imports torch once and then
forks one child per snippet. Each child:

* starts from the server's pristine state (torch imported, no op run yet, so
  RNG seeds, default dtype/device, print options and warning registries are
  exactly those of a fresh interpreter);
* runs the file with ``runpy.run_path(path, run_name="__main__")`` so
  tracebacks name the real file and line;
* writes stdout/stderr to files (fd level, so C-level output is caught too).

``mode="cuda"`` (or ``"mps"``) makes that device the default device in the
child before the snippet runs (see :mod:`snippets._engine.devices`).

Set ``SNIPPETS_FRESH=1`` to run every snippet in a brand-new interpreter
instead (slow, but the reference behaviour); ``tests/test_engine.py`` checks
that both give identical output.

The same server runs whole Jupyter notebooks (:meth:`Runner.run_notebook`): the
child executes the code cells top to bottom in one IPython ``InteractiveShell``
-- the shell inside every Jupyter python kernel, minus the messaging -- and
records each cell's outputs the way ipykernel reports them (stdout/stderr
streams, display data, the last expression as ``execute_result``, errors). A
kernel costs ~3 s to start and import torch; a forked shell costs nothing.
``tests/test_notebooks.py`` checks that it gives the same outputs as a real
kernel started by nbclient.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
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

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def child_env() -> dict:
    env = dict(os.environ)
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONHASHSEED"] = "0"
    # one intra-op thread: test workers run in parallel on few cores, and OpenMP
    # threads spinning against each other made small snippets ~10x slower under load.
    # (All golden files were checked to print the same with 1 and 2 threads.)
    env["OMP_NUM_THREADS"] = "1"
    env["MKL_NUM_THREADS"] = "1"
    env.pop("PYTHONPATH", None)
    # snippets are plain scripts; the engine itself must be importable by the server
    env["SNIPPETS_ROOT"] = str(ROOT)
    return env


# --------------------------------------------------------------------------- server side
def _run_child(path: str, mode: str, out: str, err: str) -> None:
    """Body of the forked child. Never returns."""
    code = 1
    try:
        fo = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        fe = os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(fo, 1)
        os.dup2(fe, 2)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
        import runpy

        script_dir = os.path.dirname(path)
        sys.argv = [path]
        sys.path[0] = script_dir  # as `python path/to/script.py` does
        os.chdir(script_dir)
        # a fresh interpreter seeds torch, numpy and random from OS entropy; so
        # does each child, so that a snippet that forgets to seed fails loudly
        import random

        import numpy
        import torch

        random.seed()
        numpy.random.seed()
        torch.seed()
        if mode != "cpu":
            from snippets._engine.devices import activate

            activate(mode)
        try:
            runpy.run_path(path, run_name="__main__")
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException:
            import traceback

            # same text an interpreter prints, minus the runpy frames
            etype, value, tb = sys.exc_info()
            while tb is not None and "runpy" in tb.tb_frame.f_code.co_filename:
                tb = tb.tb_next
            traceback.print_exception(etype, value, tb)
            code = 1
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except Exception:
            pass
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

    for name in filter(None, os.environ.get("SNIPPETS_PRELOAD", "").split(",")):
        importlib.import_module(name)  # e.g. IPython and matplotlib for notebooks

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
            _run_child(req["path"], req["mode"], req["out"], req["err"])
        _, status = os.waitpid(pid, 0)
        rc = os.waitstatus_to_exitcode(status)
        reply.write(json.dumps({"rc": rc, "seconds": time.perf_counter() - t0}) + "\n")
        reply.flush()


# --------------------------------------------------------------------------- client side
NOTEBOOK_PRELOAD = "IPython.core.interactiveshell,IPython.utils.capture,matplotlib.pyplot"


class Runner:
    """Client of one fork server. Use as a context manager.

    ``notebooks=True`` starts a server for :meth:`run_notebook`: it also imports
    IPython and matplotlib (backend Agg, as the notebook tests' kernels use), so
    do not run snippets through it (they would not start from a fresh state)."""

    def __init__(self, fresh: bool | None = None, notebooks: bool = False):
        self.fresh = os.environ.get("SNIPPETS_FRESH") == "1" if fresh is None else fresh
        self.notebooks = notebooks
        self.proc: subprocess.Popen | None = None
        self.tmp = tempfile.TemporaryDirectory(prefix="snippet-run-")

    def __enter__(self) -> "Runner":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self) -> None:
        code = (
            "import sys; sys.path.insert(0, sys.argv[1]); "
            "from snippets._engine.execute import serve; del sys.path[0]; serve()"
        )
        # sys.path[0] is restored to '' (as for `python -c`) before snippets run
        env = child_env()
        if self.notebooks:
            env.update(SNIPPETS_PRELOAD=NOTEBOOK_PRELOAD, MPLBACKEND="Agg")
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code, str(ROOT)],
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

    def run(self, path: Path | str, mode: str = "cpu") -> Result:
        path = Path(path).resolve()
        out = os.path.join(self.tmp.name, "stdout")
        err = os.path.join(self.tmp.name, "stderr")
        if self.fresh:
            t0 = time.perf_counter()
            pre = [] if mode == "cpu" else [
                "-c",
                "import sys, runpy; sys.path.insert(0, sys.argv[2]);"
                "from snippets._engine.devices import activate; activate(sys.argv[3]);"
                "del sys.path[0]; p = sys.argv[1]; sys.argv = [p]; sys.path[0] = __import__('os').path.dirname(p);"
                "runpy.run_path(p, run_name='__main__')",
            ]
            args = [sys.executable, *pre, str(path)] + ([str(ROOT), mode] if pre else [])
            with open(out, "w") as fo, open(err, "w") as fe:
                rc = subprocess.call(args, stdout=fo, stderr=fe, env=child_env(), cwd=path.parent)
            seconds = time.perf_counter() - t0
        else:
            if self.proc is None or self.proc.poll() is not None:
                self._start()
            self.proc.stdin.write(json.dumps({"path": str(path), "mode": mode, "out": out, "err": err}) + "\n")
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
