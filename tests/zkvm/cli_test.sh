#!/usr/bin/env bash
# zkgpu sp1 execute: exit code 0 / 2 / 3 for each outcome class, and --json.
# Usage: cli_test.sh ZKGPU FIXTURES_DIR. Exits 77 (skip) without the fixtures outside CI.
set -u
zkgpu=$1
fixtures=$2
if [[ ! -d $fixtures/elf ]]; then
  [[ ${CI:-} == true ]] && { echo "fixtures missing at $fixtures"; exit 1; }
  echo "SP1 fixtures not found at $fixtures: skipping"; exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

expect() {  # expect CODE DESCRIPTION -- command...
  local want=$1 what=$2
  shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [[ $got != "$want" ]]; then
    echo "FAIL: $what: exit $got, expected $want"; cat "$tmp/out" "$tmp/err"; failures=$((failures + 1))
  else
    echo "ok: $what"
  fi
}

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

exit $((failures > 0))
