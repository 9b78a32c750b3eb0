#!/usr/bin/env bash
# Fails when one of the binaries defines the symbol: the app and the server
# must not carry code that only lotse-cli, the benches and the tests need.
#
#   check-not-linked.sh SYMBOL BINARY…
set -euo pipefail

symbol=$1
shift
status=0
for binary in "$@"; do
  # Not grep -q: it would stop reading, and pipefail would take nm's broken
  # pipe for an error.
  if nm --defined-only "$binary" | awk '{ print $NF }' | grep -x "$symbol" >/dev/null; then
    echo "error: $binary contains $symbol"
    status=1
  else
    echo "$binary: no $symbol"
  fi
done
exit "$status"
