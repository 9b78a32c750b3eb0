#!/usr/bin/env bash
# Builds the libFuzzer targets with clang, ASan and UBSan in their own build
# dir (_build-fuzz) and runs each for SECONDS (default 30) on a copy of the
# seed corpus. Exits non-zero when the fuzzer finds a crash; the input that
# caused it is left in the build dir (crash-*).
#
#   build-aux/run-fuzz.sh [SECONDS]
#
# LOTSE_FUZZ_SEED and LOTSE_FUZZ_RUNS make a run repeatable (CI uses them:
# the same inputs on every machine, a slower one stops earlier at SECONDS);
# without them each run explores from a new random seed.
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=${LOTSE_FUZZ_BUILD_DIR:-$src/_build-fuzz}
seconds=${1:-30}

if ! command -v clang > /dev/null; then
  echo "run-fuzz.sh: clang is not installed" >&2
  exit 1
fi

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$src" \
    -Dfuzzing=true \
    -Db_sanitize=address,undefined \
    -Db_lundef=false \
    -Dbuildtype=debugoptimized \
    -Dc_args=-fsanitize=fuzzer-no-link
fi
# Only what the targets need, not the whole app.
ninja -C "$build" fuzz/fuzz-server-request

corpus="$build/corpus-server-request"
mkdir -p "$corpus"
cp -n "$src"/fuzz/corpus/* "$src"/fuzz/regressions/* "$corpus"/ 2> /dev/null || true

cd "$build"
export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
echo "== fuzz-server-request for $seconds s"
./fuzz/fuzz-server-request \
  -max_total_time="$seconds" \
  -max_len=65536 \
  -timeout=10 \
  -dict="$src/fuzz/fuzz-server-request.dict" \
  -print_final_stats=1 \
  ${LOTSE_FUZZ_SEED:+-seed="$LOTSE_FUZZ_SEED"} \
  ${LOTSE_FUZZ_RUNS:+-runs="$LOTSE_FUZZ_RUNS"} \
  "$corpus"
