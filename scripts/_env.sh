# Sourced by the other scripts: create or reuse the project's virtual environment
# (.venv) and install the pinned requirements whenever requirements*.txt/.lock change.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON_BIN="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if ! "$PYTHON_BIN" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "error: Python 3.11 is required (found $("$PYTHON_BIN" --version 2>&1)); set PYTHON=/path/to/python3.11" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "creating .venv with $PYTHON_BIN"
  "$PYTHON_BIN" -m venv .venv
fi
want="$(cat requirements.txt requirements.lock | sha256sum | cut -d' ' -f1)"
if [ "$(cat .venv/.requirements.sha256 2>/dev/null)" != "$want" ]; then
  echo "installing pinned requirements into .venv with uv (requirements.txt, constrained by requirements.lock)"
  # uv, pinned in requirements.txt, installs the rest: 23 s where pip took 55 s on
  # the 2-core machine (README, "Two commands"), most of it compiling the .pyc files
  # that every later process imports (--compile-bytecode, on both cores)
  .venv/bin/python -m pip install --disable-pip-version-check -q "$(grep -m1 '^uv==' requirements.txt)"
  # with the package sources of pip's configuration (scripts/uv_sources.sh says how)
  # (a command substitution, so that its failure stops the set-up under set -e)
  sources="$(bash scripts/uv_sources.sh .venv/bin/python)"
  mapfile -t uv_args <<< "$sources"
  started=$SECONDS
  .venv/bin/uv pip install --python .venv/bin/python --compile-bytecode -q "${uv_args[@]}" \
    -r requirements.txt -c requirements.lock
  echo "installed in $((SECONDS - started)) s"
  echo "$want" > .venv/.requirements.sha256
fi
# Make the repository importable by the venv's python from any directory, so that
# `python scripts/x.py`, pytest and mkdocs import `snippets._engine` without editing
# sys.path. This is what `pip install -e .` does (a .pth file in site-packages that
# names the project folder), without a build step, a pyproject.toml or packaging
# metadata that this site does not need. Checked on every run, so a moved checkout
# points at itself again. Only a venv that lives in this checkout is touched: a
# .venv linked from another checkout (the fault-injection copies of tests/test_engine.py)
# keeps naming its own; those copies import their own engine anyway, because they
# run from their folder and the current directory comes first on sys.path (.pth
# entries come last).
if [ "$(cd .venv && pwd -P)" = "$(pwd -P)/.venv" ]; then
  site_packages="$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
  pth="$site_packages/activations-losses-repo.pth"
  if [ "$(cat "$pth" 2>/dev/null)" != "$ROOT" ]; then
    printf '%s\n' "$ROOT" > "$pth"
  fi
fi
export PATH="$ROOT/.venv/bin:$PATH"
export PYTHONDONTWRITEBYTECODE=1
# Material's end-of-life notice, printed at the top of every build and serve
export NO_MKDOCS_2_WARNING=1
