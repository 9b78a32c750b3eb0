#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/fuzz-server.c (fuzz-push,
# fuzz-login, fuzz-query, fuzz-page) with clang, ASan and UBSan in their own
# build dir (_build-fuzz) and runs them one after the other, SECONDS in
# total (default 120), each for an equal share, on a copy of its corpus
# (fuzz/corpus/TARGET and fuzz/regressions/TARGET). Exits non-zero when a
# fuzzer finds a crash; the input that caused it is left in the build dir
# (crash-*): once fixed, add it to fuzz/regressions/TARGET, which
# test-server-parse replays in every test run.
#
#   build-aux/run-fuzz.sh [SECONDS]
#   build-aux/run-fuzz.sh --merge [SECONDS]
#
# --merge writes back what the run found: fuzz/corpus/TARGET becomes the
# smallest set of inputs (old and new) with the same coverage, ready to be
# committed.
#
# LOTSE_FUZZ_SEED and LOTSE_FUZZ_RUNS (inputs per target) make a run
# repeatable (CI uses them: the same inputs on every machine, a slower one
# stops earlier at its share of SECONDS); without them each run explores
# from a new random seed.
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=${LOTSE_FUZZ_BUILD_DIR:-$src/_build-fuzz}
merge=0
if [ "${1:-}" = "--merge" ]; then
  merge=1
  shift
fi
seconds=${1:-120}
targets=(push login query page)
share=$(( seconds / ${#targets[@]} ))
if [ "$share" -lt 1 ]; then
  share=1
fi

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
ninja -C "$build" "${targets[@]/#/fuzz/fuzz-}"

export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
cd "$build"

for target in "${targets[@]}"; do
  corpus="$build/corpus-$target"
  mkdir -p "$corpus"
  cp -n "$src/fuzz/corpus/$target"/* "$corpus"/ 2> /dev/null || true
  cp -n "$src/fuzz/regressions/$target"/* "$corpus"/ 2> /dev/null || true

  echo "== fuzz-$target for $share s"
  "./fuzz/fuzz-$target" \
    -max_total_time="$share" \
    -max_len=65536 \
    -timeout=10 \
    -dict="$src/fuzz/fuzz-server.dict" \
    -print_final_stats=1 \
    ${LOTSE_FUZZ_SEED:+-seed="$LOTSE_FUZZ_SEED"} \
    ${LOTSE_FUZZ_RUNS:+-runs="$LOTSE_FUZZ_RUNS"} \
    "$corpus"

  if [ "$merge" = 1 ]; then
    minimized="$build/minimized-$target"
    rm -rf "$minimized"
    mkdir -p "$minimized"
    "./fuzz/fuzz-$target" -merge=1 "$minimized" "$src/fuzz/corpus/$target" "$corpus"
    rm -rf "$src/fuzz/corpus/$target"
    mv "$minimized" "$src/fuzz/corpus/$target"
    echo "== fuzz/corpus/$target: $(ls "$src/fuzz/corpus/$target" | wc -l) inputs," \
         "$(du -sk "$src/fuzz/corpus/$target" | cut -f1) KiB"
  fi
done
