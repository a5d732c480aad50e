#!/usr/bin/env bash
# Runs the benchmarks at each size beside the peers, in the same run on the same files, and prints one
# line per measurement. SIZES overrides the sizes (the CI smoke run uses SIZES=10000).
#   bench/run.sh [OUT_DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${SAFETYMAP_BUILD_DIR:-$root/build}/safetymap-bench
out=${1:-$root/build/bench-data}
sizes=${SIZES:-"10000 100000 1000000"}
mkdir -p "$out"
now() { date +%s.%N; }
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
for n in $sizes; do
  for ext in geojson gpkg; do
    f="$out/crimes-$n.$ext"
    [ -f "$f" ] || "$bin" generate "$n" "$f" >/dev/null
    # Load: safetymap's reader (GDAL + PROJ into the working CRS) beside ogr2ogr converting the same file.
    line=$("$bin" load "$f")
    t0=$(now); ogr2ogr -f GPKG -t_srs EPSG:6674 "$out/peer.gpkg" "$f" -overwrite; t1=$(now)
    peer=$(echo "$t1 - $t0" | bc -l)
    ours=$(echo "$line" | sed -E 's/.*seconds=([0-9.]+).*/\1/')
    mb=$(du -m "$f" | cut -f1)
    echo "$line size_mb=$mb peer=ogr2ogr peer_seconds=$(printf %.4f "$peer") ratio_to_peer=$(printf %.2f "$(echo "$ours / $peer" | bc -l)")"
  done
  f="$out/crimes-$n.gpkg"
  # Join: crimes per district, beside GDAL's SQLite dialect with ST_Within over the same data.
  line=$("$bin" join "$f")
  j="$out/join-$n.gpkg"
  [ -f "$j" ] || { ogr2ogr -f GPKG "$j" "$root/geodata/derived/districts.geojson" -nln districts -t_srs EPSG:6674;
                   ogr2ogr -append "$j" "$f" -nln crimes; }
  t0=$(now)
  ogrinfo -ro -q -dialect SQLite -sql "SELECT d.name, COUNT(*) FROM crimes c, districts d WHERE ST_Within(c.geom, d.geom) GROUP BY d.name" "$j" >/dev/null
  t1=$(now)
  peer=$(echo "$t1 - $t0" | bc -l)
  ours=$(echo "$line" | sed -E 's/.*seconds=([0-9.]+).*/\1/')
  echo "$line peer=ogrinfo_sqlite_st_within peer_seconds=$(printf %.4f "$peer") peer_over_ours=$(printf %.1f "$(echo "$peer / $ours" | bc -l)")"
  "$bin" pick "$f"
done
"$bin" route
