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

exec xvfb-run -a -s "-screen 0 1280x1024x24" \
  dbus-run-session -- \
  meson test -C "$build" --print-errorlogs "$@"
