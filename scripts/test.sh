#!/usr/bin/env bash
# Set everything up, then run the whole test suite (extra arguments go to pytest).
#   bash scripts/test.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
exec python -m pytest -n "${PYTEST_WORKERS:-auto}" "$@"
