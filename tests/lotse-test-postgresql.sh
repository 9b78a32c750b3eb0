#!/usr/bin/env bash
# Runs one test against a PostgreSQL of its own (the server-pg and sync-pg
# suites): initdb and pg_ctl in a temporary directory, reachable only on a
# unix socket in that directory, stopped and removed when the test ends,
# however it ends. The test finds it in LOTSE_TEST_POSTGRESQL.
#
#   tests/lotse-test-postgresql.sh TEST [ARGS…]
set -euo pipefail

bindir=${LOTSE_PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ ! -x "$bindir/initdb" ]; then
  echo "lotse-test-postgresql: no PostgreSQL server (apt-get install postgresql)" >&2
  exit 1
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/lotse-pg-XXXXXX")
# PostgreSQL refuses to run as root; CI runs as root.
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$dir"
  as_pg=(runuser -u postgres --)
fi

cleanup () {
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

if ! "${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -U lotse --auth=trust -E UTF8 --locale=C.UTF-8 \
     --no-sync >"$dir/initdb.log" 2>&1; then
  cat "$dir/initdb.log" >&2
  exit 1
fi
# Durability is not under test: no fsync, so that a test's many commits cost
# no more than with SQLite on a temporary file system.
if ! "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgresql.log" -w \
     -o "-k $dir -c listen_addresses= -F -c max_connections=300" start >/dev/null; then
  cat "$dir/postgresql.log" >&2
  exit 1
fi

export LOTSE_TEST_POSTGRESQL=$dir
status=0
"$@" || status=$?
exit "$status"
