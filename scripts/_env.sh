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
  echo "installing pinned requirements into .venv (requirements.txt, constrained by requirements.lock)"
  .venv/bin/python -m pip install --disable-pip-version-check -q -r requirements.txt -c requirements.lock
  echo "$want" > .venv/.requirements.sha256
fi
export PATH="$ROOT/.venv/bin:$PATH"
export PYTHONDONTWRITEBYTECODE=1
