#!/usr/bin/env bash
# Groth16 through a real zkgpud process (CPU backend) and the zkgpu CLI, checked
# against snarkjs. Usage:
#
#   groth16_daemon_test.sh ZKGPUD ZKGPU REPO_ROOT CASE
#
# CASE is a circuit name of tests/circuits (prove through the daemon and with
# --local, verify with zkgpu and snarkjs, tampered proof and public input
# rejected by both), "cache" (key residency), "errors" (bad requests answered
# clearly while the daemon keeps serving) or "no-self-verify".
# Exits 77 (ctest: skipped) when the circuits or snarkjs are not there; run
# scripts/build-test-circuits.sh (after npm ci) first. ZKGPU_TEST_CIRCUITS
# overrides the circuits folder (tests/circuits/build).
set -euo pipefail

zkgpud_bin="$1"
zkgpu_bin="$2"
root="$3"
case_name="$4"

circuits="${ZKGPU_TEST_CIRCUITS:-$root/tests/circuits/build}"
snarkjs_bin="$root/node_modules/.bin/snarkjs"
if [[ ! -x "$snarkjs_bin" || ! -f "$circuits/multiplier/circuit.zkey" ]]; then
  echo "SKIP: test circuits or snarkjs missing; run 'npm ci' and scripts/build-test-circuits.sh" >&2
  exit 77
fi

work="$(mktemp -d)"
sock="$work/zkgpud.sock"
daemon_pid=""
cleanup() {
  if [[ -n "$daemon_pid" ]]; then
    kill -TERM "$daemon_pid" 2>/dev/null || true
    wait "$daemon_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  if [[ -f "$work/daemon.log" ]]; then
    echo "--- daemon log (last 30 lines)" >&2
    tail -n 30 "$work/daemon.log" >&2
  fi
  exit 1
}

start_daemon() {
  "$zkgpud_bin" --backend cpu --socket "$sock" --log-level info "$@" >"$work/daemon.log" 2>&1 &
  daemon_pid=$!
  for _ in $(seq 100); do
    [[ -S "$sock" ]] && return 0
    kill -0 "$daemon_pid" 2>/dev/null || fail "zkgpud exited at start"
    sleep 0.05
  done
  fail "zkgpud did not bind $sock"
}

zkgpu() { "$zkgpu_bin" --socket "$sock" "$@"; }

# json_get FILE EXPR: a field of a JSON file, EXPR in JavaScript (j is the document).
json_get() { node -e "const j = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8')); console.log($2)" "$1"; }

verify_both_accept() {  # VK PUBLIC PROOF
  zkgpu groth16 verify "$1" "$2" "$3" >/dev/null || fail "zkgpu rejects a valid proof: $3"
  "$snarkjs_bin" groth16 verify "$1" "$2" "$3" >"$work/snarkjs.out" 2>&1 ||
    fail "snarkjs rejects a proof from zkgpud: $3 ($(cat "$work/snarkjs.out"))"
}

verify_both_reject() {  # VK PUBLIC PROOF WHAT
  if zkgpu groth16 verify "$1" "$2" "$3" >/dev/null 2>"$work/verify.err"; then fail "zkgpu accepts $4"; fi
  grep -q "INVALID\|invalid_argument" "$work/verify.err" || fail "zkgpu's rejection of $4 says: $(cat "$work/verify.err")"
  if "$snarkjs_bin" groth16 verify "$1" "$2" "$3" >/dev/null 2>&1; then fail "snarkjs accepts $4"; fi
}

# expect_error CODE TEXT CMD...: CMD must exit 1 with "CODE: ...TEXT..." on stderr.
expect_error() {
  local code="$1" text="$2"
  shift 2
  local rc=0
  "$@" >"$work/out" 2>"$work/err" || rc=$?
  [[ $rc -eq 1 ]] || fail "'$*' exited $rc, expected 1 ($(cat "$work/err"))"
  grep -q -- "$code: .*$text" "$work/err" || fail "'$*' said '$(cat "$work/err")', expected '$code: ...$text'"
}

# The daemon still answers and still proves.
still_serving() {
  zkgpu ping >/dev/null || fail "the daemon stopped answering"
  local m="$circuits/multiplier"
  zkgpu groth16 prove "$m/circuit.zkey" "$m/witness.wtns" "$work/alive_proof.json" "$work/alive_public.json" \
    >/dev/null || fail "the daemon no longer proves"
}

prove_and_check_circuit() {
  local name="$1" dir="$circuits/$1"
  [[ -f "$dir/circuit.zkey" ]] || fail "$dir/circuit.zkey missing: rebuild the circuits"
  local vk="$dir/verification_key.json"
  start_daemon

  zkgpu --json groth16 prove "$dir/circuit.zkey" "$dir/witness.wtns" "$work/proof.json" "$work/public.json" \
    >"$work/prove.json" || fail "prove through the daemon"
  [[ "$(json_get "$work/prove.json" 'j.self_verified')" == true ]] || fail "the daemon did not self-verify"
  [[ "$(json_get "$work/prove.json" 'j.stages.map(s => s.stage).join(",")')" == \
     "load,witness,h,msm-a,msm-b1,msm-b2,msm-c,msm-h,verify" ]] || fail "stages: $(cat "$work/prove.json")"
  # The public signals are the witness's, as snarkjs computed them.
  cmp -s <(json_get "$work/public.json" 'JSON.stringify(j)') <(json_get "$dir/public_snarkjs.json" 'JSON.stringify(j)') ||
    fail "public.json differs from snarkjs's"
  verify_both_accept "$vk" "$work/public.json" "$work/proof.json"

  "$zkgpu_bin" --json groth16 prove --local --backend cpu "$dir/circuit.zkey" "$dir/witness.wtns" \
    "$work/proof_local.json" "$work/public_local.json" >/dev/null || fail "prove --local"
  verify_both_accept "$vk" "$work/public_local.json" "$work/proof_local.json"
  cmp -s "$work/public.json" "$work/public_local.json" || fail "--local public.json differs"
  # Fresh randomness each time: two proofs of one statement differ.
  cmp -s "$work/proof.json" "$work/proof_local.json" && fail "two proofs are identical: r and s are not random"

  # A tampered proof (pi_a replaced by pi_c, a valid curve point) and a tampered
  # public input (the last one plus 1) must be rejected.
  node -e "const fs = require('fs'); const p = JSON.parse(fs.readFileSync(process.argv[1]));
    p.pi_a = p.pi_c; fs.writeFileSync(process.argv[2], JSON.stringify(p, null, 1));" \
    "$work/proof.json" "$work/proof_tampered.json"
  verify_both_reject "$vk" "$work/public.json" "$work/proof_tampered.json" "a tampered proof"
  node -e "const fs = require('fs'); const s = JSON.parse(fs.readFileSync(process.argv[1]));
    s[s.length - 1] = (BigInt(s[s.length - 1]) + 1n).toString(); fs.writeFileSync(process.argv[2], JSON.stringify(s));" \
    "$work/public.json" "$work/public_tampered.json"
  verify_both_reject "$vk" "$work/public_tampered.json" "$work/proof.json" "a tampered public input"
  # snarkjs's own proof verifies with zkgpu too.
  zkgpu groth16 verify "$vk" "$dir/public_snarkjs.json" "$dir/proof_snarkjs.json" >/dev/null ||
    fail "zkgpu rejects snarkjs's proof"
}

check_cache() {
  local m="$circuits/multiplier" p="$circuits/public_inputs"
  local key="$work/key.zkey"
  cp "$m/circuit.zkey" "$key"
  start_daemon
  prove_json() { zkgpu --json groth16 prove "$@" >"$work/prove.json" || fail "prove $*"; json_get "$work/prove.json" 'j.key_source'; }

  [[ "$(prove_json "$key" "$m/witness.wtns" "$work/p1.json" "$work/s1.json")" == loaded ]] || fail "first proof: not loaded"
  local sha
  sha="$(json_get "$work/prove.json" 'j.key_sha256')"
  [[ "$sha" == "$(sha256sum "$key" | cut -d' ' -f1)" ]] || fail "key_sha256 $sha is not the file's SHA-256"
  [[ "$(prove_json "$key" "$m/witness.wtns" "$work/p2.json" "$work/s2.json")" == resident ]] ||
    fail "second proof by path: the key was not resident"
  # By SHA-256 the key file is not needed at all.
  mv "$key" "$work/moved.zkey"
  [[ "$(prove_json --key-sha256 "$sha" "$m/witness.wtns" "$work/p3.json" "$work/s3.json")" == resident ]] ||
    fail "proof by sha256: not resident"
  verify_both_accept "$m/verification_key.json" "$work/s3.json" "$work/p3.json"
  # Same content under a new inode and mtime: read again, not uploaded again.
  cp "$work/moved.zkey" "$key"
  [[ "$(prove_json "$key" "$m/witness.wtns" "$work/p4.json" "$work/s4.json")" == reread ]] ||
    fail "copied file: expected reread"
  # Another key written over the same path is loaded, and proves its own circuit.
  cp "$p/circuit.zkey" "$key.tmp" && mv "$key.tmp" "$key"
  [[ "$(prove_json "$key" "$p/witness.wtns" "$work/p5.json" "$work/s5.json")" == loaded ]] ||
    fail "changed file: expected loaded"
  verify_both_accept "$p/verification_key.json" "$work/s5.json" "$work/p5.json"
  # The multiplier key is still resident by its SHA-256.
  [[ "$(prove_json --key-sha256 "$sha" "$m/witness.wtns" "$work/p6.json" "$work/s6.json")" == resident ]] ||
    fail "first key evicted without need"
  grep -q "groth16 keys: 2," "$work/daemon.log" || fail "the daemon log shows no key cache figures"
  zkgpu --json stats >"$work/stats.json" || fail "stats"
  local keys
  keys="$(json_get "$work/stats.json" 'JSON.stringify(j.devices[0].groth16_keys)')"
  [[ "$(json_get "$work/stats.json" '(k => [k.entries, k.loads, k.rereads, k.hits, k.evictions].join(","))(j.devices[0].groth16_keys)')" == \
     "2,2,1,3,0" ]] || fail "STATS groth16_keys: $keys"
  kill -TERM "$daemon_pid"; wait "$daemon_pid" || true; daemon_pid=""

  # A cache too small for two keys keeps only the last one.
  start_daemon --key-cache-bytes 1
  cp "$m/circuit.zkey" "$key"
  [[ "$(prove_json "$key" "$m/witness.wtns" "$work/p7.json" "$work/s7.json")" == loaded ]] || fail "tiny cache: load"
  [[ "$(prove_json "$key" "$m/witness.wtns" "$work/p8.json" "$work/s8.json")" == loaded ]] ||
    fail "tiny cache: a key larger than --key-cache-bytes stayed resident"
  verify_both_accept "$m/verification_key.json" "$work/s8.json" "$work/p8.json"
}

check_errors() {
  local m="$circuits/multiplier" p="$circuits/public_inputs"
  start_daemon
  expect_error not_found "does not exist" zkgpu groth16 prove "$work/missing.zkey" "$m/witness.wtns" "$work/a.json" "$work/b.json"
  still_serving
  expect_error invalid_argument "not computed for this circuit" \
    zkgpu groth16 prove "$m/circuit.zkey" "$p/witness.wtns" "$work/a.json" "$work/b.json"
  still_serving
  expect_error not_found "no proving key with sha256 $(printf 'ab%.0s' $(seq 32))" \
    zkgpu groth16 prove --key-sha256 "$(printf 'ab%.0s' $(seq 32))" "$m/witness.wtns" "$work/a.json" "$work/b.json"
  # Truncated and corrupted key files.
  head -c 1000 "$m/circuit.zkey" >"$work/truncated.zkey"
  expect_error bad_request "" zkgpu groth16 prove "$work/truncated.zkey" "$m/witness.wtns" "$work/a.json" "$work/b.json"
  printf 'not a zkey file at all' >"$work/garbage.zkey"
  expect_error bad_request "" zkgpu groth16 prove "$work/garbage.zkey" "$m/witness.wtns" "$work/a.json" "$work/b.json"
  mkdir "$work/dir.zkey"
  expect_error invalid_argument "not a regular file" \
    zkgpu groth16 prove "$work/dir.zkey" "$m/witness.wtns" "$work/a.json" "$work/b.json"
  still_serving
  # Truncated and corrupted witnesses.
  head -c 100 "$m/witness.wtns" >"$work/truncated.wtns"
  expect_error bad_request "" zkgpu groth16 prove "$m/circuit.zkey" "$work/truncated.wtns" "$work/a.json" "$work/b.json"
  cp "$m/witness.wtns" "$work/flipped.wtns"
  printf 'XXXX' | dd of="$work/flipped.wtns" bs=1 seek=0 conv=notrunc status=none
  expect_error bad_request "" zkgpu groth16 prove "$m/circuit.zkey" "$work/flipped.wtns" "$work/a.json" "$work/b.json"
  # Witness values out of range. circom writes the header section first: the
  # values start at 76 (12-byte file header, 12 + 40 for section 1, 12 for 2's header).
  node -e "const fs = require('fs'); const b = fs.readFileSync(process.argv[1]);
    b.fill(0xff, 76 + 32, 76 + 64); fs.writeFileSync(process.argv[2], b);
    b.fill(0, 76 + 32, 76 + 64); b[76 + 32] = 5; b.fill(0, 76, 76 + 32); b[76] = 2; fs.writeFileSync(process.argv[3], b);" \
    "$m/witness.wtns" "$work/big_value.wtns" "$work/first_not_one.wtns"
  expect_error invalid_argument "" zkgpu groth16 prove "$m/circuit.zkey" "$work/big_value.wtns" "$work/a.json" "$work/b.json"
  expect_error invalid_argument "" zkgpu groth16 prove "$m/circuit.zkey" "$work/first_not_one.wtns" "$work/a.json" "$work/b.json"
  still_serving
  # The CLI's own errors: unreadable witness (never reaches the daemon), bad hex.
  expect_error not_found "cannot read witness file" \
    zkgpu groth16 prove "$m/circuit.zkey" "$work/missing.wtns" "$work/a.json" "$work/b.json"
  expect_error invalid_argument "64 hex digits" \
    zkgpu groth16 prove --key-sha256 abc "$m/witness.wtns" "$work/a.json" "$work/b.json"
  expect_error not_found "cannot read" zkgpu groth16 verify "$work/missing.json" "$work/alive_public.json" "$work/alive_proof.json"
  printf '{"pi_a": 1}' >"$work/bad_proof.json"
  expect_error bad_request "" zkgpu groth16 verify "$m/verification_key.json" "$work/alive_public.json" "$work/bad_proof.json"
  still_serving
  zkgpu --json stats >"$work/stats.json" || fail "stats"
  [[ "$(json_get "$work/stats.json" 'j.jobs_failed')" -ge 8 ]] || fail "stats count too few failed jobs: $(cat "$work/stats.json")"
}

check_no_self_verify() {
  local m="$circuits/multiplier"
  start_daemon --no-self-verify
  zkgpu --json groth16 prove "$m/circuit.zkey" "$m/witness.wtns" "$work/proof.json" "$work/public.json" \
    >"$work/prove.json" || fail "prove"
  [[ "$(json_get "$work/prove.json" 'j.self_verified')" == false ]] || fail "--no-self-verify ignored"
  [[ "$(json_get "$work/prove.json" 'j.stages.map(s => s.stage).join(",")')" != *verify* ]] || fail "a verify stage ran"
  verify_both_accept "$m/verification_key.json" "$work/public.json" "$work/proof.json"
}

case "$case_name" in
  cache) check_cache ;;
  errors) check_errors ;;
  no-self-verify) check_no_self_verify ;;
  *) prove_and_check_circuit "$case_name" ;;
esac
echo "PASS: groth16 $case_name"
