#!/usr/bin/env bash
# zkgpu sp1 prove-recursion --daemon through a real zkgpud (CPU backend): the vk and
# proof files equal the ones the CLI proves in-process, verify-shard accepts them,
# --json reports the key and the self-verification, a bad program is bad input
# (exit 2) while the daemon keeps serving, and STATS shows the resident key. (The
# op's own tests cover a second request finding its key resident.)
# Usage: prove_daemon_cli_test.sh ZKGPU ZKGPUD PROGRAMS_DIR
set -u
zkgpu=$1
zkgpud=$2
programs=$3
tmp=$(mktemp -d)
daemon=""
trap '[[ -n $daemon ]] && { kill -TERM "$daemon"; wait "$daemon"; }; rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

expect() {  # expect CODE DESCRIPTION -- command...
  local want=$1 what=$2
  shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [[ $got != "$want" ]]; then
    fail "$what: exit $got, expected $want"; cat "$tmp/out" "$tmp/err"
  else
    echo "ok: $what"
  fi
}

sock=$tmp/zkgpud.sock
"$zkgpud" --backend cpu --socket "$sock" --log-level warn >"$tmp/daemon.log" 2>&1 &
daemon=$!
for _ in $(seq 100); do [[ -S $sock ]] && break; sleep 0.05; done
[[ -S $sock ]] || { echo "FAIL: zkgpud did not start"; cat "$tmp/daemon.log"; exit 1; }

program=$programs/ext_arithmetic.rasm
expect 0 "local prove" -- "$zkgpu" sp1 prove-recursion "$program" --vk-out "$tmp/vk.local" --proof-out "$tmp/proof.local"
expect 0 "--daemon prove" -- "$zkgpu" sp1 prove-recursion "$program" --vk-out "$tmp/vk.daemon" \
  --proof-out "$tmp/proof.daemon" --daemon --socket "$sock" --json
grep -q '"key_source": "setup"' "$tmp/out" || fail "--daemon --json: key_source is not setup: $(cat "$tmp/out")"
grep -q '"self_verified": true' "$tmp/out" || fail "--daemon --json: not self-verified"
cmp -s "$tmp/vk.local" "$tmp/vk.daemon" || fail "vk bytes differ between local and --daemon"
cmp -s "$tmp/proof.local" "$tmp/proof.daemon" || fail "proof bytes differ between local and --daemon"
expect 0 "verify-shard accepts the daemon's proof" -- "$zkgpu" sp1 verify-shard --machine compress \
  "$tmp/vk.daemon" "$tmp/proof.daemon"

printf 'mem.write 0 1\nbogus 1 2\n' >"$tmp/bad.rasm"
expect 2 "--daemon bad program" -- "$zkgpu" --socket "$sock" sp1 prove-recursion "$tmp/bad.rasm" \
  --vk-out "$tmp/vk.bad" --proof-out "$tmp/proof.bad" --daemon
grep -q "invalid program: line 2" "$tmp/err" || fail "--daemon bad program message: $(cat "$tmp/err")"

expect 0 "stats" -- "$zkgpu" --socket "$sock" --json stats
tr -d ' \n' <"$tmp/out" | grep -q '"sp1_keys":{"bytes":[1-9][0-9]*,"entries":1,"evictions":0,"hits":0,"setups":1}' ||
  fail "STATS sp1_keys: $(cat "$tmp/out")"

[[ $failures == 0 ]] || { echo "$failures failure(s)"; cat "$tmp/daemon.log"; exit 1; }
echo "all ok"
