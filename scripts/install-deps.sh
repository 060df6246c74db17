#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages zkgpud needs to build, test and fuzz.
# Idempotent: packages already present are left alone. Runs as root or via sudo.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache git
  libboost-dev libspdlog-dev libfmt-dev nlohmann-json3-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libgmp-dev libsecp256k1-dev    # zkVM precompiles and hooks; secp256k1 signs in their tests
  gcc-riscv64-linux-gnu binutils-riscv64-linux-gnu  # zkVM tests assemble RV64IM guest programs
  clang libclang-rt-dev          # libFuzzer target (scripts/run-fuzz.sh)
  nodejs npm                     # snarkjs / circom2 test peers (package.json)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A Node.js that did not come from Debian (e.g. nodesource) already brings npm.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -ra missing <<<"${missing[*]}"
if ((${#missing[@]} == 0)); then
  echo "install-deps: all packages present"
  exit 0
fi

sudo=()
if ((EUID != 0)); then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
