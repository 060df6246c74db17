#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine, builds the CPU preset and runs the whole
# test suite (unit, integration over a real socket, Groth16 against snarkjs; the
# GPU parity tests skip themselves where no GPU is present).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
npm ci --no-audit --no-fund --loglevel=error

cmake --preset cpu
# The test circuits need the test powers-of-tau tool first; then everything else.
cmake --build --preset cpu -j"$(nproc)" --target make_test_ptau
scripts/build-test-circuits.sh
cmake --build --preset cpu -j"$(nproc)"
ctest --preset cpu -j"$(nproc)"
