#!/usr/bin/env bash
# Builds the libFuzzer targets with the `fuzz` preset (clang, ASan, UBSan) and
# runs each for a bounded time on its seed corpus: fuzz_codec on the example bytes
# in proto/ (tests/fuzz/corpus), fuzz_sp1_wire on small well-formed SP1 artifacts
# (tests/fuzz/corpus_sp1, see its README). Exits non-zero if a fuzzer finds a
# crash; the reproducer is left in <build dir>/fuzz-artifacts/.
#   scripts/run-fuzz.sh [SECONDS]      (default 60, per target)
# Environment: ZKGPU_FUZZ_BUILD_DIR (default build/fuzz), ZKGPU_FUZZ_JOBS (build -j, default 2).
set -euo pipefail

seconds="${1:-60}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: $0 [SECONDS]  (a positive whole number of seconds)" >&2
  exit 2
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${ZKGPU_FUZZ_BUILD_DIR:-$root/build/fuzz}"
jobs="${ZKGPU_FUZZ_JOBS:-2}"

cd "$root"
cmake --preset fuzz -B "$build" >/dev/null
cmake --build "$build" --target fuzz_codec fuzz_sp1_wire -j "$jobs"
mkdir -p "$build/fuzz-artifacts"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# run TARGET SEED_DIR MAX_LEN: new inputs go to a scratch corpus; the checked-in
# seeds are only read. libFuzzer's progress lines go to <build dir>/TARGET.log;
# what is printed here is its final statistics, or the log's tail on a crash.
run() {
  local target="$1" seeds="$2" max_len="$3"
  local work="$scratch/$target" log="$build/$target.log"
  mkdir -p "$work"
  echo "$target: running for ${seconds}s on $(ls "$seeds" | wc -l) seeds (log: $log)"
  if ! "$build/tests/fuzz/$target" \
    -max_total_time="$seconds" \
    -max_len="$max_len" \
    -timeout=10 \
    -rss_limit_mb=2048 \
    -print_final_stats=1 \
    -artifact_prefix="$build/fuzz-artifacts/" \
    "$work" "$seeds" > "$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "$target: FAILED (reproducer in $build/fuzz-artifacts/)" >&2
    return 1
  fi
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log" || true
  echo "$target: no crash in ${seconds}s"
}

run fuzz_codec "$root/tests/fuzz/corpus" 4096
run fuzz_sp1_wire "$root/tests/fuzz/corpus_sp1" 16384
