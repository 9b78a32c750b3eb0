#!/usr/bin/env bash
# Prints Lotse's benchmark figures. Builds a release tree in _build-bench,
# generates the synthetic database (10,000 projects, 100,000 milestones,
# 2,000 meetings, 100,000 articles, budget plans and 1,000,000
# expenditures) once, and measures on it.
#
#   bench/run-bench.sh [RUNS]
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=${LOTSE_BENCH_BUILD_DIR:-$src/_build-bench}
data=${LOTSE_BENCH_DATA_DIR:-$build/bench-data}
runs=${1:-11}

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$src" --buildtype=release
fi
ninja -C "$build"
mkdir -p "$data"

db="$data/generated.db"
if [ ! -f "$db" ]; then
  echo "== generating $db"
  /usr/bin/time -f "   generate: %e s wall, %M KiB max RSS" \
    "$build/src/cli/lotse-cli" --db "$db" generate \
      --projects 10000 --milestones 100000 --meetings 2000 --articles 100000 \
      --expenditures 1000000 --seed 1
fi

# A database of an older schema is migrated (search index filled) here, not
# inside a timed run.
"$build/src/cli/lotse-cli" --db "$db" list programme --limit 1 > /dev/null

echo "== first frame (bench-first-frame)"
export GSETTINGS_SCHEMA_DIR="$build/data"
export GSETTINGS_BACKEND=memory
xvfb-run -a -s "-screen 0 1280x1024x24" \
  "$build/bench/bench-first-frame" "$build/src/lotse" "$build/bench/minimal-window" "$db" "$runs"

echo "== store (bench-store)"
"$build/bench/bench-store" "$db"

echo "== search (bench-search)"
"$build/bench/bench-search" "$db"

echo "== monitor (bench-monitor)"
"$build/bench/bench-monitor" "$db"

echo "== sync server (bench-server)"
"$build/bench/bench-server" "$build/src/server/lotse-server"
echo "== meeting (bench-meeting)"
"$build/bench/bench-meeting" "$db"
echo "== report (bench-report)"
"$build/bench/bench-report"
echo "== finance (bench-finance: its own databases under /tmp, removed after)"
xvfb-run -a -s "-screen 0 1280x1024x24" "$build/bench/bench-finance" 5
echo "== project list filter as you type (bench-project-filter)"
xvfb-run -a -s "-screen 0 1280x1024x24" "$build/bench/bench-project-filter" "$db" "$runs"

echo "== project list memory while scrolling (bench-scroll-rss)"
xvfb-run -a -s "-screen 0 1280x1024x24" "$build/bench/bench-scroll-rss" "$db"
# The same mix of tables at both sizes: 10,000 against 100,000 is a
# scaling figure.
echo "== sync (bench-sync: real lotse-server on loopback, 10,000 records)"
LOTSE_SERVER="$build/src/server/lotse-server" "$build/bench/bench-sync" 10000
echo "== sync (bench-sync: real lotse-server on loopback, 100,000 records)"
LOTSE_SERVER="$build/src/server/lotse-server" "$build/bench/bench-sync" 100000
echo "== web portal (bench-portal: real lotse-server --portal, 10,000 projects)"
LOTSE_SERVER="$build/src/server/lotse-server" "$build/bench/bench-portal" 10000
# 1 GB on disk in $TMPDIR while it runs (removed afterwards); needs curl.
echo "== attachments (bench-attach: 100 files, 1 GB, client against curl, real lotse-server)"
LOTSE_SERVER="$build/src/server/lotse-server" "$build/bench/bench-attach"
echo "== frames while a 100 MB file is attached (bench-attach-frames)"
xvfb-run -a -s "-screen 0 1280x1024x24" "$build/bench/bench-attach-frames"
