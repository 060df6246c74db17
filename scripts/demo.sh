#!/usr/bin/env bash
# The main job on a fresh Debian/Ubuntu machine: install what is needed, build,
# start the daemon, talk to it, prove an example circuit through it, and verify
# the proof with zkgpud's own verifier and with snarkjs.
# Uses the CUDA build when nvcc and a GPU are present, the CPU build otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
# npm ci wipes node_modules; only run it when the lock file changed since the last install.
if [[ ! -x node_modules/.bin/snarkjs || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
scripts/build-test-circuits.sh

preset=cpu
if command -v nvidia-smi >/dev/null && nvidia-smi -L >/dev/null 2>&1 &&
   { command -v nvcc >/dev/null || [ -x /usr/local/cuda/bin/nvcc ]; }; then
  preset=cuda
fi
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j"$(nproc)" --target zkgpud zkgpu
bin=build/$preset/src

work=$(mktemp -d)
sock=$work/zkgpud.sock
"$bin/daemon/zkgpud" --backend auto --socket "$sock" --log-level info &
daemon=$!
trap 'kill -TERM $daemon 2>/dev/null; wait $daemon 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do
  [ -S "$sock" ] && break
  kill -0 "$daemon" 2>/dev/null || { echo "demo: zkgpud exited at start" >&2; exit 1; }
  sleep 0.1
done

zkgpu() { "$bin/cli/zkgpu" --socket "$sock" "$@"; }
echo "== zkgpu ping";    zkgpu ping
echo "== zkgpu info";    zkgpu info
echo "== zkgpu devices"; zkgpu devices

circuit=tests/circuits/build/multiplier
echo "== prove $circuit through the daemon"
zkgpu groth16 prove "$circuit/circuit.zkey" "$circuit/witness.wtns" "$work/proof.json" "$work/public.json"
echo "== verify with zkgpu"
zkgpu groth16 verify "$circuit/verification_key.json" "$work/public.json" "$work/proof.json"
echo "== verify with snarkjs"
npx --no-install snarkjs groth16 verify "$circuit/verification_key.json" "$work/public.json" "$work/proof.json"
echo "== prove again: the key is resident on the device now"
zkgpu groth16 prove "$circuit/circuit.zkey" "$circuit/witness.wtns" "$work/proof2.json" "$work/public2.json"
echo "== zkgpu stats";   zkgpu stats
