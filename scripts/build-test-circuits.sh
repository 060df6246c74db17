#!/usr/bin/env bash
# Builds the Groth16 test circuits of tests/circuits/ with circom2 and snarkjs
# (npm packages from package.json; run `npm ci` first):
#
#   tests/circuits/build/<name>/circuit.r1cs, circuit.zkey, verification_key.json,
#   witness.wtns, proof_snarkjs.json, public_snarkjs.json
#
# Idempotent: a circuit is rebuilt only when its .circom, its input, the
# powers-of-tau file or the tool versions changed (a stamp file records them).
# The powers-of-tau file (2^16, enough for every circuit here) is the slow part;
# it is kept in ${ZKGPU_PTAU_CACHE:-$HOME/.cache/zkgpud} and reused across
# checkouts. Its toxic waste comes from fixed entropy: test use only.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# circom2 (WASI) can only open files below the working directory's ancestors.
cd "$root"
src="$root/tests/circuits"
out="$src/build"
bin="$root/node_modules/.bin"
ptau_power=16
cache="${ZKGPU_PTAU_CACHE:-$HOME/.cache/zkgpud}"
ptau="$cache/pot${ptau_power}_final.ptau"

for tool in circom2 snarkjs; do
  if [[ ! -x "$bin/$tool" ]]; then
    echo "build-test-circuits: $bin/$tool missing; run 'npm ci' in $root first" >&2
    exit 1
  fi
done

snarkjs() { "$bin/snarkjs" "$@" >/dev/null; }
log() { printf '[build-test-circuits %(%H:%M:%S)T] %s\n' -1 "$*"; }

mkdir -p "$out" "$cache"

# Concurrent runs (several checkouts, parallel jobs) wait for each other instead
# of computing the same files twice: one lock for the shared powers of tau, one
# for this checkout's circuits.
exec 8>"$cache/.lock" 9>"$out/.lock"
flock 8
flock 9

if [[ ! -s "$ptau" ]]; then
  log "powers of tau 2^$ptau_power (one-time, cached in $cache)"
  tmp="$(mktemp -d "$cache/ptau.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  snarkjs powersoftau new bn128 "$ptau_power" "$tmp/pot_0.ptau"
  snarkjs powersoftau contribute "$tmp/pot_0.ptau" "$tmp/pot_1.ptau" \
    --name="zkgpud tests" -e="zkgpud test ceremony, not for production"
  snarkjs powersoftau prepare phase2 "$tmp/pot_1.ptau" "$tmp/final.ptau"
  mv "$tmp/final.ptau" "$ptau"
  rm -rf "$tmp"
  trap - EXIT
fi
flock -u 8

versions="$("$bin/circom2" --version 2>/dev/null | tr '\n' ' ') snarkjs-$(node -p "require('$root/node_modules/snarkjs/package.json').version")"

build_circuit() {
  local name="$1"
  local dir="$out/$name"
  local stamp_now
  stamp_now="$(cat "$src/$name.circom" "$src/$name.input.json" | sha256sum | cut -d' ' -f1) $(stat -c %s "$ptau") $versions"
  if [[ -f "$dir/stamp" && "$(cat "$dir/stamp")" == "$stamp_now" ]]; then
    log "$name: up to date"
    return
  fi
  log "$name: compiling"
  rm -rf "$dir"
  mkdir -p "$dir"
  # --O2 removes every linear constraint, like a production build.
  "$bin/circom2" "$src/$name.circom" --r1cs --wasm --O2 -l "$root/node_modules" -o "$dir" >"$dir/circom.log"
  mv "$dir/$name.r1cs" "$dir/circuit.r1cs"
  local constraints
  constraints=$(awk -F': ' '/^(non-)?linear constraints/ {n += $2} END {print n + 0}' "$dir/circom.log")
  log "$name: $constraints constraints"
  if ((constraints < ${min_constraints[$name]:-1})); then
    echo "build-test-circuits: $name has $constraints constraints after --O2; it must have at least ${min_constraints[$name]}" >&2
    exit 1
  fi
  log "$name: setup"
  snarkjs groth16 setup "$dir/circuit.r1cs" "$ptau" "$dir/circuit_0.zkey"
  # One contribution so that delta is not the generator.
  snarkjs zkey contribute "$dir/circuit_0.zkey" "$dir/circuit.zkey" --name="zkgpud tests" -e="zkgpud $name"
  rm "$dir/circuit_0.zkey"
  snarkjs zkey export verificationkey "$dir/circuit.zkey" "$dir/verification_key.json"
  log "$name: witness and reference proof"
  snarkjs wtns calculate "$dir/${name}_js/$name.wasm" "$src/$name.input.json" "$dir/witness.wtns"
  snarkjs groth16 prove "$dir/circuit.zkey" "$dir/witness.wtns" "$dir/proof_snarkjs.json" "$dir/public_snarkjs.json"
  snarkjs groth16 verify "$dir/verification_key.json" "$dir/public_snarkjs.json" "$dir/proof_snarkjs.json"
  echo "$stamp_now" >"$dir/stamp"
}

# The large circuit must really be large (2^15 constraints, so a 2^16 domain).
declare -A min_constraints=([poseidon_chain]=32768)

start=$SECONDS
for c in multiplier public_inputs poseidon_chain; do
  build_circuit "$c"
done
log "done in $((SECONDS - start)) s"
