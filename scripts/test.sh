#!/usr/bin/env bash
# Set everything up, then run the whole test suite (extra arguments go to pytest).
#   bash scripts/test.sh
# With CI=true it also installs what the browser tests and linters need:
# Debian's chromium, fonts-noto-cjk and fonts-noto-color-emoji (apt) and the npm tools in package.json
# (AutoCorrect, pa11y, Lighthouse; no browser download). Elsewhere those tests are
# skipped with the reason printed; `npm install` and `apt-get install chromium
# fonts-noto-cjk` enable them.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
if [ "${CI:-}" = "true" ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  # Noto Color Emoji: the PDFs (scripts/offline.py) print the verification page's ✅
  if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK" \
      || ! fc-list 2>/dev/null | grep -qi "Noto Color Emoji"; then
    echo "installing Debian chromium, fonts-noto-cjk and fonts-noto-color-emoji for the browser tests"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk fonts-noto-color-emoji >/dev/null
  fi
  if [ ! -x node_modules/.bin/autocorrect ] || [ package-lock.json -nt node_modules ]; then
    echo "installing npm tools (package-lock.json)"
    # `npm install` follows the lock file; npm 11's `npm ci` rejects this lock over
    # autocorrect-node's per-platform optional packages
    # --prefer-offline: what npm's cache holds is not asked for again (13 -> 9 s here)
    PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error --prefer-offline
  fi
fi
exec python -m pytest -n "${PYTEST_WORKERS:-auto}" -rs "$@"
