#!/usr/bin/env bash
# Builds Lotse (warnings are errors) and runs every test suite headless:
# an Xvfb display and a private D-Bus session, as CI does.
#
#   build-aux/run-tests.sh [meson test arguments, e.g. --suite core]
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=${LOTSE_BUILD_DIR:-$src/_build}

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$src" --werror
fi
ninja -C "$build"

log="$build/meson-logs/run-tests.out"
set +e
xvfb-run -a -s "-screen 0 1920x1200x24" \
  dbus-run-session -- \
  meson test -C "$build" --print-errorlogs "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line that any CI reader understands.
count () { awk -v key="$1:" 'index($0, key) == 1 { n = $NF } END { print n + 0 }' "$log"; }
echo "$(count Ok) passed, $(( $(count Fail) + $(count Timeout) + $(count 'Unexpected Pass') )) failed"
exit "$status"
