#!/usr/bin/env bash
# Builds Lotse, installs it into the build tree and starts the installed
# app: with its help (F1), icon, translations and settings schema in the
# places a user's installation has them, on the user's local database
# ($XDG_DATA_HOME/lotse/lotse.db). Nothing is written outside the build
# directory.
#
#   build-aux/run.sh [lotse arguments, e.g. --database /tmp/test.db]
#   build-aux/run.sh --env COMMAND [ARGUMENT…]
#
# --env runs COMMAND instead of lotse in the same environment, e.g.
# `build-aux/run.sh --env yelp help:lotse` or `build-aux/run.sh --env gdb
# --args lotse`. (A yelp that is already running keeps the help it knows:
# close it first.)
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=${LOTSE_BUILD_DIR:-$src/_build}
root=$build/run-root

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$src"
fi
ninja -C "$build"

# The app as `meson install` lays it out, below run-root instead of /.
rm -rf "$root"
meson install -C "$build" --no-rebuild --quiet --destdir "$root"

dirs=$(meson introspect "$build" --buildoptions | /usr/bin/python3 -c '
import json, os, sys
options = {o["name"]: o["value"] for o in json.load(sys.stdin)}
prefix = options["prefix"]
for name in ("bindir", "datadir", "localedir"):
    print(os.path.join(prefix, options[name]))')
bindir=$root$(sed -n 1p <<< "$dirs")
datadir=$root$(sed -n 2p <<< "$dirs")
localedir=$root$(sed -n 3p <<< "$dirs")

# meson leaves compiling the schemas to the packager when installing into
# a destination directory.
glib-compile-schemas "$datadir/glib-2.0/schemas"

# Help (yelp looks in help/ of the data directories), icons, the desktop
# file and the schemas come from there first.
export XDG_DATA_DIRS="$datadir:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
export GSETTINGS_SCHEMA_DIR="$datadir/glib-2.0/schemas"
export LOTSE_LOCALEDIR="$localedir"
export PATH="$bindir:$PATH"

if [ "${1:-}" = "--env" ]; then
  shift
  exec "$@"
fi
exec "$bindir/lotse" "$@"
