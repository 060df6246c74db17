#!/usr/bin/env bash
# zkgpu sp1 check-traces: the fixture guests whose chips all exist pass (exit 0,
# one shard and several, both SP1 builds, --json, --shard, --stdin); a corrupted cell fails
# naming its chip and row (exit 1, also in --json); a bad ELF, a missing file and bad flags are bad input
# (exit 2); a failing guest exits 3; sha2's and keccak's precompile chips check their
# calls; a guest calling a precompile whose chip is not built yet (poseidon2) exits 4
# naming the chip.
# Usage: check_traces_cli_test.sh ZKGPU FIXTURES_DIR (FIXTURES_DIR: tests/data/sp1).
set -u
zkgpu=$1
fixtures=$2
if [[ ! -d $fixtures/elf ]]; then
  echo "FAIL: SP1 fixtures missing at $fixtures (tests/data/sp1, see its README.md)"; exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

source "$(dirname "$0")/../cli_expect.sh" || exit 1  # expect CODE DESCRIPTION -- command...
expect_in() {  # expect_in FILE PATTERN DESCRIPTION
  grep -qE -- "$2" "$tmp/$1" || { echo "FAIL: $3: no /$2/ in $1"; cat "$tmp/out" "$tmp/err"; failures=$((failures + 1)); }
}

check="$zkgpu sp1 check-traces"
fib=$fixtures/elf/fibonacci.elf
loop=$fixtures/elf/loop.elf

expect 0 "fibonacci passes" -- $check "$fib" --input-u64 1000
expect_in out "all constraints and interactions hold \(global sum: zero\)" "fibonacci summary"
expect 0 "loop passes" -- $check "$loop" --input-u64 1000
# Small shards: several execution shards and a memory shard, the global sum across them.
expect 0 "fibonacci in several shards, --json" -- "$zkgpu" --json sp1 check-traces "$fib" --input-u64 3000 \
  --element-threshold 2500000
expect_in out '"status": "ok"' "--json status"
expect_in out '"global_sum": "zero"' "--json global sum"
expect_in out '"execute_and_shard":' "--json phase times"
expect_in out '"AddUser"|"Add": [0-9]+' "--json heights"
shards=$(grep -o '"shard_count": [0-9]*' "$tmp/out" | grep -o '[0-9]*$')
[[ ${shards:-0} -ge 3 ]] || { echo "FAIL: expected several shards, got ${shards:-none}"; failures=$((failures + 1)); }
expect 0 "the mprotect build's constraints" -- $check "$fib" --input-u64 3000 --element-threshold 2500000 \
  --sp1-features mprotect
expect 0 "--shard 1 alone" -- $check "$fib" --input-u64 3000 --element-threshold 2500000 --shard 1
expect_in out "global sum: not checked" "--shard skips the global sum"

expect 1 "--debug-corrupt fails" -- $check "$fib" --input-u64 1000 --debug-corrupt 7
expect_in out "debug-corrupt: changed shard 0 chip [A-Za-z0-9]+ row [0-9]+" "the corrupted cell is named"
chip=$(grep -o 'chip [A-Za-z0-9]* row [0-9]*' "$tmp/out" | head -1)
expect_in err "shard 0: $chip breaks constraint [0-9]+" "the failure names the corrupted chip and row"
expect 1 "--debug-corrupt with another seed" -- $check "$loop" --input-u64 100 --debug-corrupt 12345
expect_in err "shard 0: chip [A-Za-z0-9]+ row [0-9]+ breaks constraint" "the failure names chip and row"

expect 1 "--json failure report" -- "$zkgpu" --json sp1 check-traces "$fib" --input-u64 100 --debug-corrupt 3
expect_in out '"status": "failed"' "--json failure status"
expect_in out '"constraint": [0-9]+' "--json failure names the constraint"
# --stdin: SP1Stdin bincode with one u64 entry (1 entry, len 8, 1000, ptr 0, no proofs).
printf '\x01\0\0\0\0\0\0\0\x08\0\0\0\0\0\0\0\xe8\x03\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0' >"$tmp/stdin.bin"
expect 0 "loop with --stdin" -- $check "$loop" --stdin "$tmp/stdin.bin"

printf 'not an elf' >"$tmp/bad.elf"
expect 2 "bad ELF" -- $check "$tmp/bad.elf"
expect 2 "missing ELF" -- $check "$tmp/missing.elf"
expect 2 "missing --input-file" -- $check "$fib" --input-file "$tmp/missing.bin"
expect 2 "unknown flag" -- $check "$fib" --input-u64 10 --no-such-flag
expect 2 "malformed --shard" -- $check "$fib" --input-u64 10 --shard x
expect 2 "unknown --sp1-features" -- $check "$fib" --input-u64 10 --sp1-features other
expect 2 "no ELF argument" -- $check
expect 2 "--shard past the last shard" -- $check "$fib" --input-u64 10 --shard 99
expect 2 "--element-threshold below SP1's minimum" -- $check "$fib" --input-u64 10 --element-threshold 5

expect 3 "guest panic (no input)" -- $check "$loop"

head -c 1000 /dev/zero >"$tmp/zeros"
# sha2 calls SHA_EXTEND and SHA_COMPRESS: their chips check its shard.
expect 0 "sha2 passes (the SHA-256 chips)" -- $check "$fixtures/elf/sha2.elf" --input-file "$tmp/zeros"
expect_in out "ShaCompress=[0-9]+ ShaCompressControl=[0-9]+ ShaExtend=[0-9]+ ShaExtendControl=[0-9]+" "sha2's SHA chips"
expect 1 "sha2 with --debug-corrupt fails" -- $check "$fixtures/elf/sha2.elf" --input-file "$tmp/zeros" --debug-corrupt 21
expect_in err "shard 0: chip [A-Za-z0-9]+ row [0-9]+ breaks constraint" "the corrupted chip and row are named"

# trap runs in user mode (MPROTECT, every precompile with its page checks and traps,
# untrusted code, SIG_RETURN): only SP1's mprotect build proves it.
expect 4 "trap needs the mprotect build" -- $check "$fixtures/elf/trap.elf"
expect_in err "the mprotect build is needed: the program enables untrusted code" "the build it needs is named"
expect 0 "trap passes in the mprotect build" -- $check "$fixtures/elf/trap.elf" --sp1-features mprotect
expect_in out "TrapMem=[0-9]+ " "trap's trapped loads and stores are traced"
expect 1 "trap with --debug-corrupt fails" -- $check "$fixtures/elf/trap.elf" --sp1-features mprotect --debug-corrupt 5
expect_in err "shard [0-9]+: chip [A-Za-z0-9]+ row [0-9]+ breaks constraint" "the corrupted chip and row are named"

# keccak: its permutations are checked in a precompile shard (KeccakPermute and its control chip).
keccak=$fixtures/elf/keccak.elf
expect 0 "keccak passes" -- $check "$keccak" --input-file "$tmp/zeros"
expect_in out "KeccakPermute=[0-9]+" "keccak's rounds are traced"
expect 0 "keccak, the mprotect build" -- $check "$keccak" --input-file "$tmp/zeros" --sp1-features mprotect
expect 1 "keccak with --debug-corrupt fails" -- $check "$keccak" --input-file "$tmp/zeros" --debug-corrupt 1

# poseidon2 calls POSEIDON2 100 times: its chip checks the shard, in both builds.
p2=$fixtures/elf/poseidon2.elf
expect 0 "poseidon2 passes (the Poseidon2 chip)" -- $check "$p2" --input-u64 100
expect_in out "Poseidon2=128" "poseidon2's chip: 100 calls padded to 128 rows"
expect 0 "poseidon2 in the mprotect build" -- $check "$p2" --input-u64 100 --sp1-features mprotect
expect 1 "poseidon2 with --debug-corrupt fails" -- $check "$p2" --input-u64 100 --debug-corrupt 3
expect_in err "shard 0: chip [A-Za-z0-9]+ row [0-9]+ breaks constraint" "the corrupted chip and row are named"

if [[ $failures -ne 0 ]]; then echo "$failures failure(s)"; exit 1; fi
echo "all passed"
