#!/usr/bin/env bash
# Fails when the UI reaches past its layer (issue 19):
# - no file under src/ui talks to SQLite: no <sqlite3.h>, no
#   lotse-store-private.h (which brings it), no sqlite3_* call. Workers
#   read through LotseStoreReader, and only the application opens the
#   read-write store.
# - only the window and the application include the window's headers:
#   views show toasts and find the store through lotse-widget-util.h.
#   lotse-print.c is the window's own report actions.
#
#   check-includes.sh SRC_UI_DIR
set -euo pipefail

window_files='^(lotse-window\.c|lotse-window-private\.h|lotse-application\.c|lotse-print\.c)$'

check () {
  local dir=$1 status=0 file

  while IFS= read -r file; do
    echo "error: $file talks to SQLite; use LotseStoreReader"
    status=1
  done < <(grep -rlE --include='*.[ch]' \
             '#include[[:space:]]*[<"](sqlite3\.h|lotse-store-private\.h)[>"]|\bsqlite3_' "$dir" || true)

  while IFS= read -r file; do
    if [[ $(basename "$file") != lotse-application.c ]]; then
      echo "error: $file opens a store of its own; use lotse_store_get_reader()"
      status=1
    fi
  done < <(grep -rlE --include='*.[ch]' '\blotse_store_open(_default)?[[:space:]]*\(' "$dir" || true)

  while IFS= read -r file; do
    if ! [[ $(basename "$file") =~ $window_files ]]; then
      echo "error: $file includes the window's header; use lotse-widget-util.h"
      status=1
    fi
  done < <(grep -rlE --include='*.[ch]' \
             '#include[[:space:]]*"lotse-window(-private)?\.h"' "$dir" || true)

  return "$status"
}

# The check itself: a tree with each mistake must fail it.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/portfolio"
for line in '#include <sqlite3.h>' '#include "lotse-store-private.h"' \
            '  sqlite3_interrupt (db);' '#include "lotse-window.h"' \
            '#include  "lotse-window-private.h"' \
            '  store = lotse_store_open (path, &error);'; do
  printf '%s\n' "$line" > "$scratch/portfolio/lotse-bad-view.c"
  if check "$scratch" > /dev/null; then
    echo "error: the check lets through: $line"
    exit 1
  fi
done

check "$1"
echo "$1: no SQLite and no window header outside the window"
