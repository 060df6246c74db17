#!/usr/bin/env bash
# Installs zkgpud and zkgpu from a build directory, the zkgpud@.service and
# zkgpud@.socket units, and the zkgpud system user and group; then reloads
# systemd. Idempotent: running it again updates the files in place. Runs as
# root or re-runs itself through sudo.
#
#   scripts/install-systemd.sh [--build-dir DIR] [--prefix PREFIX] [--unit-dir DIR] [--enable INSTANCE]...
#
#   --build-dir  where zkgpud and zkgpu were built (default: build/cuda, else build/cpu)
#   --prefix     install prefix of the binaries (default: /usr/local)
#   --unit-dir   where the units go (default: /etc/systemd/system)
#   --enable     also enable and start zkgpud@INSTANCE.socket (repeatable), e.g. 0 for
#                the first GPU on /tmp/sp1-cuda-0.sock
#
# Clients connect as root or as members of the zkgpud group (socket mode 0660).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir=""
prefix=/usr/local
enable=()
unit_dir=/etc/systemd/system

# The comment block above, as help text.
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

while (($#)); do
  case "$1" in
    --build-dir) build_dir="${2:?--build-dir needs a directory}"; shift 2 ;;
    --prefix) prefix="${2:?--prefix needs a directory}"; shift 2 ;;
    --unit-dir) unit_dir="${2:?--unit-dir needs a directory}"; shift 2 ;;
    --enable) enable+=("${2:?--enable needs an instance}"); shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install-systemd: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

if [[ -z "$build_dir" ]]; then
  for candidate in "$repo/build/cuda" "$repo/build/cpu"; do
    if [[ -x "$candidate/src/daemon/zkgpud" ]]; then build_dir="$candidate"; break; fi
  done
fi
build_dir="$(cd "${build_dir:-.}" && pwd)"
zkgpud="$build_dir/src/daemon/zkgpud"
zkgpu="$build_dir/src/cli/zkgpu"
for bin in "$zkgpud" "$zkgpu"; do
  [[ -x "$bin" ]] || { echo "install-systemd: $bin not found; build first (cmake --preset cuda && cmake --build build/cuda) or pass --build-dir" >&2; exit 1; }
done

if ((EUID != 0)); then
  command -v sudo >/dev/null || { echo "install-systemd: needs root or sudo" >&2; exit 1; }
  args=(--build-dir "$build_dir" --prefix "$prefix" --unit-dir "$unit_dir")
  for i in "${enable[@]}"; do args+=(--enable "$i"); done
  exec sudo "$0" "${args[@]}"
fi

# The service's user: no login, no home, in the video group for /dev/nvidia* on
# systems that restrict those nodes to it.
if ! getent group zkgpud >/dev/null; then
  groupadd --system zkgpud
  echo "install-systemd: created group zkgpud"
fi
if ! id -u zkgpud >/dev/null 2>&1; then
  useradd --system --gid zkgpud --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin zkgpud
  echo "install-systemd: created user zkgpud"
fi
if getent group video >/dev/null; then usermod -a -G video zkgpud; fi

install -D -m 0755 "$zkgpud" "$prefix/bin/zkgpud"
install -D -m 0755 "$zkgpu" "$prefix/bin/zkgpu"
echo "install-systemd: installed $prefix/bin/zkgpud and $prefix/bin/zkgpu from $build_dir"

# The unit names the binary by path; follow --prefix.
install -d -m 0755 "$unit_dir"
sed "s#^ExecStart=/usr/local/bin/zkgpud #ExecStart=$prefix/bin/zkgpud #" \
  "$repo/scripts/systemd/zkgpud@.service" > "$unit_dir/zkgpud@.service.tmp"
install -m 0644 "$unit_dir/zkgpud@.service.tmp" "$unit_dir/zkgpud@.service"
rm -f "$unit_dir/zkgpud@.service.tmp"
install -m 0644 "$repo/scripts/systemd/zkgpud@.socket" "$unit_dir/zkgpud@.socket"
echo "install-systemd: installed $unit_dir/zkgpud@.service and $unit_dir/zkgpud@.socket"

if [[ -d /run/systemd/system ]]; then
  systemctl daemon-reload
  for i in "${enable[@]}"; do
    systemctl enable --now "zkgpud@$i.socket"
    echo "install-systemd: zkgpud@$i.socket enabled; /tmp/sp1-cuda-$i.sock starts zkgpud --device $i on first use"
  done
  if ((${#enable[@]} == 0)); then
    echo "install-systemd: enable a device with: systemctl enable --now zkgpud@0.socket"
  fi
else
  echo "install-systemd: systemd is not running here; units installed but not loaded"
  if ((${#enable[@]})); then echo "install-systemd: --enable skipped" >&2; fi
fi
