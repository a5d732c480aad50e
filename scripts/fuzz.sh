#!/usr/bin/env bash
# Builds the libFuzzer harnesses of the import path and of opening a project with clang (ASan + UBSan)
# and runs each for a bounded time (SAFETYMAP_FUZZ_SECONDS, default 30) from the seed corpus in
# tests/fuzz/corpus/. Crashes are kept in build-fuzz/crashes/ and fail the run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${SAFETYMAP_FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${SAFETYMAP_FUZZ_SECONDS:-30}
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSAFETYMAP_FUZZ=ON \
  -DSAFETYMAP_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target fuzz_import_csv fuzz_import_geojson fuzz_import_csv_long fuzz_project_open
mkdir -p "$build/crashes"
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export LSAN_OPTIONS=suppressions=$root/tests/sanitizers/lsan.supp
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:suppressions=$root/tests/sanitizers/ubsan.supp
# kind:harness:longest input (the long-value harness expands each 0x01 byte to 16,384 characters itself)
for spec in csv:fuzz_import_csv:65536 geojson:fuzz_import_geojson:65536 csv_long:fuzz_import_csv_long:8192 \
  project:fuzz_project_open:65536; do
  IFS=: read -r kind harness maxlen <<<"$spec"
  work="$build/corpus-$kind"
  mkdir -p "$work"
  echo "fuzz: import of $kind for ${seconds}s"
  log="$build/fuzz-$kind.log"
  "$build/tests/fuzz/$harness" -max_total_time="$seconds" -max_len="$maxlen" -timeout=20 -rss_limit_mb=2048 \
    -artifact_prefix="$build/crashes/$kind-" -print_final_stats=1 "$work" "$root/tests/fuzz/corpus/$kind" >"$log" 2>&1 || true
  grep -E "DONE|stat::number_of_executed_units|ERROR|SUMMARY" "$log" || true
  if ! grep -q "DONE" "$log"; then
    echo "fuzz: the $kind harness did not finish its run (see $log)" >&2
    tail -20 "$log" >&2
    exit 1
  fi
  # A crash, a leak, a unit past -timeout or over the memory limit fails the run. A "slow unit" (over libFuzzer's
  # 10 s report threshold, still under the timeout) is said, not failed: under ASan on a busy machine a 2.7 MB
  # expanded input takes that long and proves nothing.
  if ls "$build/crashes/$kind-"{crash,leak,timeout,oom}-* >/dev/null 2>&1; then
    echo "fuzz: the $kind import crashed; inputs in $build/crashes/" >&2
    exit 1
  fi
  if ls "$build/crashes/$kind-slow-unit-"* >/dev/null 2>&1; then
    echo "fuzz: note: $kind has slow inputs (kept in $build/crashes/, not a failure)"
  fi
done
echo "fuzz: no crash"
