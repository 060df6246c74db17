#!/usr/bin/env bash
# Builds the Groth16 test circuits of tests/circuits/ with circom2 and snarkjs
# (npm packages from package.json; run `npm ci` first):
#
#   tests/circuits/build/<name>/circuit.r1cs, circuit.zkey, verification_key.json,
#   witness.wtns, proof_snarkjs.json, public_snarkjs.json
#
# Idempotent: a circuit is rebuilt only when its .circom, its input, the
# powers-of-tau file or the tool versions changed (a stamp file records them).
# The prepared powers-of-tau file (2^16, enough for every circuit here) comes
# from tests/tools/make_test_ptau (seconds; `snarkjs powersoftau prepare phase2`
# alone takes 20+ CPU-minutes). Its toxic waste is derived from a fixed seed:
# test use only. It is kept in ${ZKGPU_PTAU_CACHE:-$HOME/.cache/zkgpud}.
#
# make_test_ptau: $ZKGPU_MAKE_TEST_PTAU if set, else
# build/${ZKGPU_PRESET:-cpu}/tests/tools/make_test_ptau, built (and the preset
# configured) here when missing. scripts/test.sh builds it before calling this.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# circom2 (WASI) can only open files below the working directory's ancestors.
cd "$root"
src="$root/tests/circuits"
out="$src/build"
bin="$root/node_modules/.bin"
ptau_power=16
ptau_seed="zkgpud tests"
cache="${ZKGPU_PTAU_CACHE:-$HOME/.cache/zkgpud}"
ptau="$cache/pot${ptau_power}_make_test_ptau.ptau"
preset="${ZKGPU_PRESET:-cpu}"
make_test_ptau="${ZKGPU_MAKE_TEST_PTAU:-$root/build/$preset/tests/tools/make_test_ptau}"

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

if [[ ! -x "$make_test_ptau" ]]; then
  if [[ -n "${ZKGPU_MAKE_TEST_PTAU:-}" ]]; then
    echo "build-test-circuits: ZKGPU_MAKE_TEST_PTAU=$make_test_ptau is not an executable" >&2
    exit 1
  fi
  log "building make_test_ptau (preset $preset)"
  [[ -f "$root/build/$preset/CMakeCache.txt" ]] || cmake --preset "$preset"
  cmake --build --preset "$preset" --target make_test_ptau
fi
# A rebuilt generator may write different points: regenerate after it changes
# (the circuits' stamps hold the file's hash, so equal bytes rebuild nothing).
if [[ ! -s "$ptau" || "$make_test_ptau" -nt "$ptau" ]]; then
  log "powers of tau 2^$ptau_power (make_test_ptau, cached in $cache)"
  "$make_test_ptau" --power "$ptau_power" --seed "$ptau_seed" "$ptau" >/dev/null
fi
ptau_id="$(sha256sum "$ptau" | cut -d' ' -f1)"
flock -u 8

versions="$("$bin/circom2" --version 2>/dev/null | tr '\n' ' ') snarkjs-$(node -p "require('$root/node_modules/snarkjs/package.json').version")"

build_circuit() {
  local name="$1"
  local dir="$out/$name"
  local stamp_now
  stamp_now="$(cat "$src/$name.circom" "$src/$name.input.json" | sha256sum | cut -d' ' -f1) ptau-$ptau_id $versions"
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
