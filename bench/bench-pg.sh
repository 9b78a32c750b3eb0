#!/usr/bin/env bash
# The PostgreSQL backend beside SQLite in one run (#18): bench-sync (push of
# 10,000 changes, initial pull of RECORDS into an empty client) and
# bench-processes (no-change pulls and pushes at 32 connections over 1, 2, 4
# processes, driven by wrk), each on SQLite and then on a PostgreSQL of its
# own (tests/lotse-test-postgresql.sh); at the end the initial pull on
# PostgreSQL as a fraction of SQLite's (target ≥ 0.8).
#
#   bench/bench-pg.sh [RECORDS] [SECONDS]      (from the source dir, after ninja -C _build)
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=${LOTSE_BUILD_DIR:-$src/_build}
export LOTSE_SERVER=$build/src/server/lotse-server
records=${1:-100000}
seconds=${2:-5}
out=$(mktemp -d "${TMPDIR:-/tmp}/bench-pg-XXXXXX")
trap 'rm -rf "$out"' EXIT

echo "== SQLite"
"$build/bench/bench-sync" "$records" | tee "$out/sqlite"
"$build/bench/bench-processes" "$seconds"
echo "== PostgreSQL"
"$src/tests/lotse-test-postgresql.sh" "$build/bench/bench-sync" "$records" | tee "$out/postgresql"
"$src/tests/lotse-test-postgresql.sh" "$build/bench/bench-processes" "$seconds"

# "initial pull, records  N  S s wall  R/s …": the rate is the eighth field.
rate () { awk '/^initial pull, records/ { sub ("/s", "", $8); print $8 }' "$1"; }
sqlite=$(rate "$out/sqlite")
postgresql=$(rate "$out/postgresql")
if [ -n "$sqlite" ] && [ -n "$postgresql" ]; then
  awk -v s="$sqlite" -v p="$postgresql" \
    'BEGIN { printf "initial pull: PostgreSQL %.0f/s, SQLite %.0f/s, ratio %.2f (target ≥ 0.80)\n", p, s, p / s }'
fi
