#!/usr/bin/env bash
# zkgpu sp1 execute: exit code 0 / 2 / 3 for each outcome class, and --json; then
# the same classes with --daemon through a real zkgpud (CPU backend).
# Usage: cli_test.sh ZKGPU FIXTURES_DIR ZKGPUD (FIXTURES_DIR: tests/data/sp1).
# Missing fixtures fail it.
set -u
zkgpu=$1
fixtures=$2
zkgpud=$3
if [[ ! -d $fixtures/elf ]]; then
  echo "FAIL: SP1 fixtures missing at $fixtures (tests/data/sp1, see its README.md)"; exit 1
fi
tmp=$(mktemp -d)
daemon=""
trap '[[ -n $daemon ]] && { kill -TERM "$daemon"; wait "$daemon"; }; rm -rf "$tmp"' EXIT
failures=0

source "$(dirname "$0")/../cli_expect.sh" || exit 1  # expect CODE DESCRIPTION -- command...

expect 0 "loop halts with 0" -- "$zkgpu" sp1 execute "$fixtures/elf/loop.elf" --input-u64 1000
expect 0 "--json report" -- "$zkgpu" --json sp1 execute "$fixtures/elf/fibonacci.elf" --input-u64 10
grep -q '"status": "halted"' "$tmp/out" || { echo "FAIL: --json has no status"; failures=$((failures + 1)); }
printf 'abc' >"$tmp/abc"
expect 0 "sha2 with --input-file" -- "$zkgpu" sp1 execute "$fixtures/elf/sha2.elf" --input-file "$tmp/abc"
grep -q "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" "$tmp/out" ||
  { echo "FAIL: sha2 public values"; failures=$((failures + 1)); }
# --stdin: SP1Stdin bincode with one u64 entry (1 entry, len 8, 1000, ptr 0, no proofs).
printf '\x01\0\0\0\0\0\0\0\x08\0\0\0\0\0\0\0\xe8\x03\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0' >"$tmp/stdin.bin"
expect 0 "loop with --stdin" -- "$zkgpu" sp1 execute "$fixtures/elf/loop.elf" --stdin "$tmp/stdin.bin"

printf 'not an elf' >"$tmp/bad.elf"
expect 2 "bad ELF" -- "$zkgpu" sp1 execute "$tmp/bad.elf"
expect 2 "missing ELF" -- "$zkgpu" sp1 execute "$tmp/missing.elf"
printf '\x05' >"$tmp/bad.stdin"
expect 2 "bad stdin" -- "$zkgpu" sp1 execute "$fixtures/elf/loop.elf" --stdin "$tmp/bad.stdin"

expect 3 "guest panic (no input)" -- "$zkgpu" sp1 execute "$fixtures/elf/loop.elf"
grep -q "guest exited with code 1" "$tmp/err" || { echo "FAIL: no exit-code message"; failures=$((failures + 1)); }
grep -q "input stream, but it was empty" "$tmp/err" || { echo "FAIL: guest panic not shown"; failures=$((failures + 1)); }
expect 3 "--max-cycles exceeded" -- "$zkgpu" sp1 execute "$fixtures/elf/loop.elf" --input-u64 100000 --max-cycles 5000
grep -q "exceeded the limit of 5000 cycles" "$tmp/err" || { echo "FAIL: no max-cycles message"; failures=$((failures + 1)); }

# --daemon: the op sp1_execute on a real zkgpud gives the report the CLI computes itself.
sock=$tmp/zkgpud.sock
"$zkgpud" --backend cpu --socket "$sock" --log-level warn >"$tmp/daemon.log" 2>&1 &
daemon=$!
for _ in $(seq 100); do [[ -S $sock ]] && break; sleep 0.05; done
[[ -S $sock ]] || { echo "FAIL: zkgpud did not start"; cat "$tmp/daemon.log"; exit 1; }
on_daemon() { "$zkgpu" --socket "$sock" "$@"; }

expect 0 "fibonacci in-process" -- "$zkgpu" sp1 execute "$fixtures/elf/fibonacci.elf" --input-u64 1000
grep -E '^(halted|instructions|syscalls|public values)' "$tmp/out" | sed 's/, [0-9.]* s, [0-9.]* MHz$//' >"$tmp/local"
expect 0 "--daemon fibonacci" -- on_daemon sp1 execute --daemon "$fixtures/elf/fibonacci.elf" --input-u64 1000
grep -E '^(halted|instructions|syscalls|public values)' "$tmp/out" | sed 's/, [0-9.]* s, [0-9.]* MHz$//' >"$tmp/remote"
grep -q "result: " "$tmp/out" || { echo "FAIL: --daemon shows no guest stdout"; failures=$((failures + 1)); }
[[ -s $tmp/local ]] && cmp -s "$tmp/local" "$tmp/remote" ||
  { echo "FAIL: --daemon report differs"; diff "$tmp/local" "$tmp/remote"; failures=$((failures + 1)); }
expect 0 "--daemon --json" -- on_daemon --json sp1 execute --daemon "$fixtures/elf/loop.elf" --input-u64 1000
grep -q '"status": "halted"' "$tmp/out" || { echo "FAIL: --daemon --json has no status"; failures=$((failures + 1)); }
expect 2 "--daemon bad ELF" -- on_daemon sp1 execute --daemon "$tmp/bad.elf"
grep -q "invalid ELF" "$tmp/err" || { echo "FAIL: --daemon bad ELF message"; failures=$((failures + 1)); }
expect 3 "--daemon guest panic (no input)" -- on_daemon sp1 execute --daemon "$fixtures/elf/loop.elf"
grep -q "guest exited with code 1" "$tmp/err" || { echo "FAIL: --daemon no exit-code message"; failures=$((failures + 1)); }
expect 3 "--daemon --max-cycles exceeded" -- on_daemon sp1 execute --daemon "$fixtures/elf/loop.elf" \
  --input-u64 100000 --max-cycles 5000
grep -q "exceeded the limit of 5000 cycles" "$tmp/err" || { echo "FAIL: --daemon max-cycles message"; failures=$((failures + 1)); }
expect 3 "no daemon listening" -- "$zkgpu" --socket "$tmp/none.sock" sp1 execute --daemon "$fixtures/elf/loop.elf"
grep -q "cannot connect to zkgpud" "$tmp/err" || { echo "FAIL: no connect message"; failures=$((failures + 1)); }

exit $((failures > 0))
