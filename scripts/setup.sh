#!/usr/bin/env bash
# Sets safetymap up on Debian 12: installs the missing packages, builds, and derives the
# project's layers from the official reference data into geodata/derived/ (ignored by git).
# Safe to run again: each step does only what is missing or out of date.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

packages=(
  build-essential cmake pkg-config git
  libgdal-dev gdal-bin libsqlite3-dev libproj-dev proj-bin libgeos-dev libgeos++-dev
  libimgui-dev libglfw3-dev libepoxy-dev libgl-dev libegl-dev libgl1-mesa-dri mesa-utils
  catch2 libcli11-dev nlohmann-json3-dev libfmt-dev libcairo2-dev libpango1.0-dev libboost-graph-dev
  fonts-noto-cjk
  postgresql-15 postgresql-15-postgis-3 postgresql-common postgresql-client-15 libpq-dev
  xvfb xauth xdotool imagemagick poppler-utils python3 python3-pil
  clang libclang-rt-14-dev lld bc ccache
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

build=${SAFETYMAP_BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=${SAFETYMAP_BUILD_TYPE:-RelWithDebInfo} >/dev/null
cmake --build "$build" -j"$(nproc)"

reference=${SAFETYMAP_REFERENCE:-$root/../shared/reference-data}
if [ ! -d "$reference" ]; then
  echo "setup: reference data not found at $reference (set SAFETYMAP_REFERENCE)" >&2
  exit 1
fi
"$build/safetymap-derive" --reference "$reference" --geodata "$root/geodata" --out "$root/geodata/derived"
