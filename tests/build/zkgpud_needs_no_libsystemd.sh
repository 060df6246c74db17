#!/usr/bin/env bash
# The zkgpud binary needs no libsystemd at run time: none of its NEEDED entries
# (the shared libraries the dynamic loader must find) is libsystemd.
#   zkgpud_needs_no_libsystemd.sh ZKGPUD
set -euo pipefail
needed=$(readelf -d "$1" | awk '/\(NEEDED\)/ {print $NF}')
if [[ -z $needed ]]; then
  echo "FAIL: readelf listed no NEEDED entries for $1 (not a dynamic executable?)" >&2
  exit 1
fi
echo "$1 needs: $(tr -d '[]' <<<"$needed" | tr '\n' ' ')"
if grep -q libsystemd <<<"$needed"; then
  echo "FAIL: $1 links libsystemd" >&2
  exit 1
fi
