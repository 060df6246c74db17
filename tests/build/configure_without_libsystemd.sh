#!/usr/bin/env bash
# Configures the project on a host where pkg-config finds no libsystemd (its
# search path points at an empty folder) and checks that nothing zkgpud links
# names libsystemd. zkgpud speaks the systemd protocols itself (src/daemon/systemd.cpp).
#   configure_without_libsystemd.sh SOURCE_DIR CMAKE
set -euo pipefail
src=$1 cmake=$2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/no-pkgconfig"
export PKG_CONFIG_LIBDIR="$work/no-pkgconfig" PKG_CONFIG_PATH="" PKG_CONFIG_SYSROOT_DIR=""

if command -v pkg-config >/dev/null && pkg-config --exists libsystemd; then
  echo "FAIL: pkg-config still finds libsystemd; the test cannot hide it" >&2
  exit 1
fi

if ! "$cmake" -S "$src" -B "$work/build" -G Ninja -DZKGPU_ENABLE_CUDA=OFF -DZKGPU_BUILD_TESTS=OFF \
     -DZKGPU_BUILD_BENCH=OFF >"$work/configure.log" 2>&1; then
  cat "$work/configure.log" >&2
  echo "FAIL: configure failed with pkg-config finding no libsystemd" >&2
  exit 1
fi

# zkgpud's link step in the generated build (its block runs to the next blank
# line): no libsystemd in it.
link=$(awk '/^build src\/daemon\/zkgpud:/ {on = 1} on && /^$/ {exit} on' "$work/build/build.ninja")
if [[ -z $link ]]; then
  echo "FAIL: no link rule for zkgpud in the generated build.ninja" >&2
  exit 1
fi
if grep -i 'LINK_LIBRARIES' <<<"$link" | grep -Eq 'libsystemd|-lsystemd'; then
  echo "FAIL: zkgpud's link line names libsystemd:" >&2
  echo "$link" >&2
  exit 1
fi
echo "PASS: configured with pkg-config finding no libsystemd; zkgpud links:"
grep -i 'LINK_LIBRARIES' <<<"$link"
