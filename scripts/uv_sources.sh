#!/usr/bin/env bash
# The options that make uv install from the package sources pip would use, one
# argument a line (scripts/_env.sh passes them to `uv pip install`):
#   bash scripts/uv_sources.sh PYTHON      # PYTHON: an interpreter with pip
# uv reads none of pip's settings. pip's own view of them (`pip config list`: its
# configuration files and PIP_* variables) gives the index, the extra indexes and
# the local wheel folders (this machine's find-links hold the CPU build of torch; the
# Pages workflow sets PIP_EXTRA_INDEX_URL), with pip's precedence: a PIP_* variable
# over the files' [install] section over their [global] one, a later file (user,
# site) over an earlier one (global). uv then chooses among them as pip does, the
# best match of all (its own default takes the first index that has a package at
# all). tests/test_engine.py checks this.
set -euo pipefail
declare -A chosen=() rank=()
while IFS= read -r line; do
  key="${line%%=*}"          # e.g. :env:.extra-index-url, global.find-links, install.index-url
  option="${key#*.}"
  case "$option" in index-url|extra-index-url|find-links) ;; *) continue ;; esac
  # pip's order: a variable, then the [install] section, then [global] (other
  # commands' sections do not apply); a later file over an earlier one
  case "${key%%.*}" in :env:) r=3 ;; install) r=2 ;; global) r=1 ;; *) continue ;; esac
  if (( r < ${rank[$option]:-0} )); then continue; fi
  value="${line#*=}"; value="${value#\'}"; value="${value%\'}"
  value="${value//\\n/ }"   # a file's one-value-a-line list comes as '\n'-separated text
  rank[$option]=$r
  chosen[$option]="$value"
done < <("$1" -m pip config list 2>/dev/null)
printf '%s\n' --index-strategy unsafe-best-match
for option in index-url extra-index-url find-links; do
  for value in ${chosen[$option]:-}; do
    printf '%s\n' "--$option" "$value"
  done
done
