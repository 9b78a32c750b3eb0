#!/usr/bin/env bash
# Builds Lotse and starts it from the build tree on its local database
# ($XDG_DATA_HOME/lotse/lotse.db), without installing anything.
#
#   build-aux/run.sh [lotse arguments, e.g. --database /tmp/test.db]
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=${LOTSE_BUILD_DIR:-$src/_build}

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$src"
fi
ninja -C "$build"

export GSETTINGS_SCHEMA_DIR="$build/data"
export LOTSE_LOCALEDIR="$build/po"
exec "$build/src/lotse" "$@"
