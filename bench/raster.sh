#!/usr/bin/env bash
# A big hazard raster in the real viewer (Xvfb, Mesa llvmpipe unless a GPU is there): the time from launch to the
# first frame with the raster drawn, and frames per second with the camera moving, at the first open (overviews
# built into the cache) and warm (taken from it); beside gdal_translate -outsize rendering the same view (the
# ward at 1600x1000) from the file as it is and from the cached overviews. The raster is synthetic
# (tests/support/hazard.py), RASTER_SIZE cells a side (20000 by default; the CI smoke run uses 2000).
#   bench/raster.sh OUT_DIR
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:?OUT_DIR}
size=${RASTER_SIZE:-20000}
viewer=${SAFETYMAP_BUILD_DIR:-$root/build}/safetymap
mkdir -p "$out"
f="$out/depth-$size.tif"
[ -f "$f" ] || /usr/bin/python3 "$root/tests/support/hazard.py" raster "$f" --size "$size"
now() { date +%s.%N; }
cache="$out/raster-cache"
rm -rf "$cache"
export SAFETYMAP_CONFIG_DIR="$out/viewer-config"
frames() { XDG_CACHE_HOME="$cache" xvfb-run -a -s "-screen 0 1600x1000x24" "$viewer" --bench-frames 120 \
             --tsunami-depth "$f" 2>/dev/null | grep '^bench=' | sed "s/^bench=frame/bench=raster_frame cells=${size}x${size} $1/"; }
frames "open=first"
frames "open=warm"
# The peer: GDAL drawing the same view at 1600x1000 (the ward's extent, as the viewer fits it).
view="-53100 -146100 -47800 -150700"
t0=$(now); gdal_translate -q -of MEM -outsize 1600 1000 -projwin $view "$f" /vsimem/x.tif 2>/dev/null || true; t1=$(now)
echo "bench=raster_peer peer=gdal_translate_outsize source=file cells=${size}x${size} seconds=$(printf %.3f "$(echo "$t1 - $t0" | bc -l)")"
vrt=$(ls "$cache"/safetymap/overviews/*.vrt 2>/dev/null | head -1 || true)
if [ -n "$vrt" ]; then
  t0=$(now); gdal_translate -q -of MEM -outsize 1600 1000 -projwin $view "$vrt" /vsimem/x.tif 2>/dev/null || true; t1=$(now)
  echo "bench=raster_peer peer=gdal_translate_outsize source=cached_overviews cells=${size}x${size} seconds=$(printf %.3f "$(echo "$t1 - $t0" | bc -l)")"
fi
