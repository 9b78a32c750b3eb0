#!/usr/bin/env bash
# The PostgreSQL backend beside SQLite in one run (#18): bench-sync (push of
# 10,000 changes, initial pull of RECORDS into an empty client) and
# bench-processes (no-change pulls at 32 connections over 1, 2, 4 processes),
# each on SQLite and then on a PostgreSQL of its own
# (tests/lotse-test-postgresql.sh).
#
#   bench/bench-pg.sh [RECORDS] [SECONDS]      (from the source dir, after ninja -C _build)
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=${LOTSE_BUILD_DIR:-$src/_build}
export LOTSE_SERVER=$build/src/server/lotse-server
records=${1:-100000}
seconds=${2:-5}

echo "== SQLite"
"$build/bench/bench-sync" "$records"
"$build/bench/bench-processes" "$seconds"
echo "== PostgreSQL"
"$src/tests/lotse-test-postgresql.sh" "$build/bench/bench-sync" "$records"
"$src/tests/lotse-test-postgresql.sh" "$build/bench/bench-processes" "$seconds"
