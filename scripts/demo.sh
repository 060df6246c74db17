#!/usr/bin/env bash
# The main job on a fresh Debian/Ubuntu machine: install what is needed, build,
# start the daemon, talk to it, prove an example circuit through it, and verify
# the proof with zkgpud's own verifier and with snarkjs. Then SP1: run SP1 guest
# programs through the daemon (op sp1_execute) and verify SP1's own wrap proof
# (tests/data/sp1). A summary of the figures ends the run.
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
now_ms() { date +%s%3N; }
# "N cycles in S s (M MHz)" from the report of `zkgpu sp1 execute`.
cycles_and_speed() { sed -n 's/^instructions \([0-9]*\) .*, \([0-9.]*\) s, \([0-9.]*\) MHz$/\1 cycles in \2 s (\3 MHz)/p' "$1"; }

echo "== zkgpu ping";    zkgpu ping
echo "== zkgpu info";    zkgpu info
echo "== zkgpu devices"; zkgpu devices

circuit=tests/circuits/build/multiplier
echo "== prove $circuit through the daemon"
t0=$(now_ms)
zkgpu groth16 prove "$circuit/circuit.zkey" "$circuit/witness.wtns" "$work/proof.json" "$work/public.json"
groth16_ms=$(($(now_ms) - t0))
echo "== verify with zkgpu"
zkgpu groth16 verify "$circuit/verification_key.json" "$work/public.json" "$work/proof.json"
echo "== verify with snarkjs"
npx --no-install snarkjs groth16 verify "$circuit/verification_key.json" "$work/public.json" "$work/proof.json"
echo "== prove again: the key is resident on the device now"
t0=$(now_ms)
zkgpu groth16 prove "$circuit/circuit.zkey" "$circuit/witness.wtns" "$work/proof2.json" "$work/public2.json"
groth16_resident_ms=$(($(now_ms) - t0))

sp1=tests/data/sp1
fib_n=1000000
echo "== SP1: run the guest $sp1/elf/fibonacci.elf (n = $fib_n) through the daemon"
zkgpu sp1 execute --daemon "$sp1/elf/fibonacci.elf" --input-u64 "$fib_n" | tee "$work/fibonacci.txt"
echo "== SP1: execute Ethereum mainnet block 21,000,001 with SP1's rsp guest through the daemon"
zkgpu sp1 execute --daemon "$sp1/rsp/rsp-client.elf" --input-file "$sp1/rsp/21000001.bin" >"$work/rsp.txt"
grep -E '^(halted|failed|instructions|syscalls|public values sha256)' "$work/rsp.txt"

# The vk root and program SP1's wrap proof was made for (tests/data/sp1/README.md):
# the verifier checks that the proof is bound to both.
wrap_vk_root=0x00995aa7753b437dfe98b936e602e002155914af1922d96e1af288578adc2251
wrap_program=0x0096968fe6e626a0c6295b1d0abecf2356c2288f559c011bf2e9c6fb0d53ce5b
echo "== SP1: verify SP1's wrap proof ($sp1/proofs) with zkgpu (CPU)"
t0=$(now_ms)
zkgpu sp1 verify-wrap "$sp1/proofs/wrap_vk.bin" "$sp1/proofs/wrapped_proof.bin" \
  --vk-root "$wrap_vk_root" --program-vk-digest "$wrap_program"
wrap_ms=$(($(now_ms) - t0))
echo "== zkgpu stats";   zkgpu stats

echo "== summary ($preset build)"
printf '%-44s %s\n' \
  "groth16 prove $(basename "$circuit") (daemon)" "${groth16_ms} ms, ${groth16_resident_ms} ms with the key resident; valid (zkgpu, snarkjs)" \
  "sp1 execute fibonacci n=$fib_n (daemon)" "$(cycles_and_speed "$work/fibonacci.txt")" \
  "sp1 execute rsp, block 21,000,001 (daemon)" "$(cycles_and_speed "$work/rsp.txt")" \
  "sp1 verify-wrap, SP1's wrap proof (CPU)" "valid in ${wrap_ms} ms (decode and verify)"
