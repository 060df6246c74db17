#!/usr/bin/env bash
# Builds the libFuzzer codec target with the `fuzz` preset (clang, ASan, UBSan)
# and runs it for a bounded time on the seed corpus made from the example bytes
# in proto/. Exits non-zero if the fuzzer finds a crash; the reproducer is left
# in <build dir>/fuzz-artifacts/.
#   scripts/run-fuzz.sh [SECONDS]      (default 60)
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
seeds="$root/tests/fuzz/corpus"

cd "$root"
cmake --preset fuzz -B "$build" >/dev/null
cmake --build "$build" --target fuzz_codec -j "$jobs"

# New inputs go to a scratch corpus; the checked-in seeds are only read.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$build/fuzz-artifacts"

echo "fuzz_codec: running for ${seconds}s on $(ls "$seeds" | wc -l) seeds"
"$build/tests/fuzz/fuzz_codec" \
  -max_total_time="$seconds" \
  -max_len=4096 \
  -timeout=10 \
  -rss_limit_mb=2048 \
  -print_final_stats=1 \
  -artifact_prefix="$build/fuzz-artifacts/" \
  "$work" "$seeds"
echo "fuzz_codec: no crash in ${seconds}s"
