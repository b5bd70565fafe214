#!/usr/bin/env bash
# Set everything up, then serve or build the site.
#   bash scripts/site.sh              # serve on http://127.0.0.1:8000 (PORT=... to change)
#   bash scripts/site.sh build        # strict build into site/ for publishing
#   bash scripts/site.sh offline      # dist/site-offline.zip: the site for file://
#   bash scripts/site.sh pdf          # dist/activations-losses-{zh,en}.pdf
#   bash scripts/site.sh dist         # both, from one offline build (scripts/offline.py)
# `serve` rebuilds only the pages you edit (mkdocs serve --dirty: ~3 s instead of a
# full rebuild); after adding, removing or renaming pages restart it, or run
# `FULL=1 bash scripts/site.sh` for full strict rebuilds on every change.
# A build goes to a temporary folder first and replaces site/ only if it succeeded,
# so a failed build never leaves a half-built site behind.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
case "${1:-serve}" in
  serve)
    if [ "${FULL:-}" = 1 ]; then
      exec python -m mkdocs serve --strict -a "127.0.0.1:${PORT:-8000}"
    fi
    # --dirty prints a warning that strict mode would turn into an error; the strict
    # build (`build`, and the tests) still fails on every warning
    exec python -m mkdocs serve --dirty --no-strict -a "127.0.0.1:${PORT:-8000}"
    ;;
  build)
    tmp="$(mktemp -d "$ROOT/.site-build.XXXXXX")"
    trap 'rm -rf "$tmp"' EXIT
    python -m mkdocs build --strict --site-dir "$tmp/site"
    rm -rf site.old && { [ ! -e site ] || mv site site.old; } && mv "$tmp/site" site && rm -rf site.old
    echo "site built into $ROOT/site"
    ;;
  offline) exec python scripts/offline.py zip ;;
  pdf) exec python scripts/offline.py pdf ;;
  dist) exec python scripts/offline.py all ;;
  *)
    echo "usage: bash scripts/site.sh [serve|build|offline|pdf|dist]" >&2
    exit 2
    ;;
esac
