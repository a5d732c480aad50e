#!/usr/bin/env bash
# Runs the benchmarks at each size beside the peers, in the same run on the same files, and prints one
# line per measurement. SIZES overrides the sizes (the CI smoke run uses SIZES=10000); ONLY=import runs only the
# police CSV import beside ogr2ogr; ONLY=join runs only the
# district join beside its peers (SQLite, QGIS, PostGIS).
#   bench/run.sh [OUT_DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${SAFETYMAP_BUILD_DIR:-$root/build}/safetymap-bench
out=${1:-$root/build/bench-data}
sizes=${SIZES:-"10000 100000 1000000"}
poly_sizes=${POLY_SIZES:-"1000 10000 100000"}
import_sizes=${IMPORT_SIZES:-"200000 1000000"}
mkdir -p "$out"
now() { date +%s.%N; }
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
# Load: safetymap's reader (GDAL + PROJ into the working CRS) beside ogr2ogr converting the same file.
load() {
  local f=$1 line t0 t1 peer ours mb
  line=$("$bin" load "$f")
  # A fresh file each time: overwriting the last size's GeoPackage would time SQLite deleting its rows.
  rm -f "$out/peer.gpkg"
  t0=$(now); ogr2ogr -f GPKG -t_srs EPSG:6674 "$out/peer.gpkg" "$f"; t1=$(now)
  peer=$(echo "$t1 - $t0" | bc -l)
  ours=$(echo "$line" | sed -E 's/.*ready_seconds=([0-9.]+).*/\1/')  # file → ready to draw
  mb=$(du -m "$f" | cut -f1)
  echo "$line size_mb=$mb peer=ogr2ogr peer_seconds=$(printf %.4f "$peer") ratio_to_peer=$(printf %.2f "$(echo "$ours / $peer" | bc -l)")"
}
only=${ONLY:-}
[ "$only" = import ] && sizes=""  # ONLY=import: the police CSV import beside ogr2ogr, nothing else
for n in $sizes; do
  for ext in geojson gpkg; do
    f="$out/crimes-$n.$ext"
    [ "$only" = join ] && [ "$ext" = geojson ] && continue
    [ -f "$f" ] || "$bin" generate "$n" "$f" >/dev/null
    [ "$only" = join ] || load "$f"
  done
  f="$out/crimes-$n.gpkg"
  # Join: crimes per district, beside the peers in their strongest forms on the same points: SQLite through the
  # GeoPackage's R-tree with the districts outside (whole process), QGIS's native:countpointsinpolygon (the
  # algorithm's own time, from qgis_process), and PostGIS (bench/share.sh, in the server, default and parallel).
  # Each peer's seconds go to $out/join-$n.peers; the last line per size takes the ratio to the fastest of them.
  line=$("$bin" join "$f")
  echo "$line"
  ours=$(echo "$line" | sed -E 's/.* seconds=([0-9.]+).*/\1/')
  echo "ours $ours" > "$out/join-$n.peers"
  j="$out/join-$n.gpkg"
  [ -f "$j" ] || { ogr2ogr -f GPKG "$j" "$root/geodata/derived/districts.geojson" -nln districts -t_srs EPSG:6674;
                   ogr2ogr -append "$j" "$f" -nln crimes; }
  t0=$(now)
  ogrinfo -ro -q -dialect SQLite -sql "SELECT d.name, COUNT(*) FROM districts d CROSS JOIN rtree_crimes_geom r
    ON r.minx <= ST_MaxX(d.geom) AND r.maxx >= ST_MinX(d.geom) AND r.miny <= ST_MaxY(d.geom) AND r.maxy >= ST_MinY(d.geom)
    JOIN crimes c ON c.fid = r.id WHERE ST_Within(c.geom, d.geom) GROUP BY d.name" "$j" >/dev/null
  t1=$(now)
  peer=$(echo "$t1 - $t0" | bc -l)
  echo "sqlite_rtree $peer" >> "$out/join-$n.peers"
  echo "bench=join_sqlite points=$n ours_seconds=$ours peer=ogrinfo_sqlite_rtree peer_seconds=$(printf %.4f "$peer")" \
       "peer_over_ours=$(printf %.1f "$(echo "$peer / $ours" | bc -l)")"
  if [ -x /usr/bin/qgis_process.bin ]; then
    # Debian's qgis_process wrapper adds --noversioncheck, which this QGIS refuses: the binary itself, headless.
    # qgis_process reports no time of its own: the algorithm's time is the run's minus the same run on 10 points
    # (QGIS's start, its providers and the districts' reading), so the peer is not charged for starting.
    qgis_run() {
      rm -f "$out/qgis-count.gpkg"
      local t0 t1
      t0=$(now)
      QT_QPA_PLATFORM=offscreen /usr/bin/qgis_process.bin run native:countpointsinpolygon -- \
        "POLYGONS=$out/join-$n.gpkg|layername=districts" POINTS="$1" FIELD=NUMPOINTS OUTPUT="$out/qgis-count.gpkg" \
        >/dev/null 2>&1 || return 1
      t1=$(now)
      echo "$t1 - $t0" | bc -l
    }
    [ -f "$out/crimes-10.gpkg" ] || "$bin" generate 10 "$out/crimes-10.gpkg" >/dev/null
    if start=$(qgis_run "$out/crimes-10.gpkg") && whole=$(qgis_run "$f"); then
      qgis=$(echo "$whole - $start" | bc -l)
      if [ "$(echo "$qgis <= 0" | bc -l)" = 1 ]; then
        # At a few thousand points QGIS's own start varies by more than the algorithm takes: no figure to give.
        echo "bench=join_qgis points=$n ours_seconds=$ours peer=qgis_countpointsinpolygon peer_whole_process_seconds=$(printf %.4f "$whole") skipped=\"below the noise of QGIS's start\""
      else
        echo "qgis $qgis" >> "$out/join-$n.peers"
        echo "bench=join_qgis points=$n ours_seconds=$ours peer=qgis_countpointsinpolygon peer_seconds=$(printf %.4f "$qgis")" \
             "peer_whole_process_seconds=$(printf %.4f "$whole") peer_over_ours=$(printf %.1f "$(echo "$qgis / $ours" | bc -l)")"
      fi
    else
      echo "bench=join_qgis points=$n skipped=\"qgis_process failed\""
    fi
  else
    echo "bench=join_qgis skipped=\"QGIS not installed: bench/setup-peers.sh\""
  fi
  [ "$only" = join ] || "$bin" pick "$f"
done
if [ "$only" = join ]; then
  "$root/scripts/with-postgres.sh" env JOIN_ONLY=1 bash "$root/bench/share.sh" "$out" 2>&1 | grep '^bench=' || echo "bench=share failed"
  exit 0
fi
# Import: police CSVs (Shift_JIS) into a new project, the whole command (the bundled layers read, each row decoded,
# placed by its 町丁目 and checked against the records already there, the project written), beside ogr2ogr
# converting the same CSV to a GeoPackage. The real prefecture files first (51,897 rows, most of them other
# municipalities', skipped), then synthetic Minato records (every row placed).
import_one() {
  local label=$1 rows=$2 t0 t1 ours=() peer=() i; shift 2
  # Ours and the peer alternate, IMPORT_REPEAT times each (3 by default): the medians, so a moment's load on the
  # machine does not decide the ratio.
  for i in $(seq "${IMPORT_REPEAT:-3}"); do
    rm -f "$out/import-project.gpkg" "$out/import-peer.gpkg"
    t0=$(now)
    if ! "$viewer" import --into "$out/import-project.gpkg" "$@" >"$out/import.log" 2>&1; then
      echo "bench=import file=$label failed=\"$(tail -1 "$out/import.log")\""
      return 0
    fi
    t1=$(now)
    ours+=("$(echo "$t1 - $t0" | bc -l)")
    t0=$(now)
    for f in "$@"; do ogr2ogr -f GPKG -append "$out/import-peer.gpkg" "$f"; done
    t1=$(now)
    peer+=("$(echo "$t1 - $t0" | bc -l)")
  done
  local o p
  o=$(printf '%s\n' "${ours[@]}" | sort -g | sed -n "$(( (${#ours[@]} + 1) / 2 ))p")
  p=$(printf '%s\n' "${peer[@]}" | sort -g | sed -n "$(( (${#peer[@]} + 1) / 2 ))p")
  echo "bench=import file=$label rows=$rows runs=${#ours[@]} ours_seconds=$(printf %.3f "$o") peer=ogr2ogr peer_seconds=$(printf %.3f "$p")" \
       "ours_over_peer=$(printf %.2f "$(echo "$o / $p" | bc -l)")"
}
viewer=${SAFETYMAP_BUILD_DIR:-$root/build}/safetymap
prefecture=$root/../shared/reference-data/osaka-police-crime-prefecture
if [ -d "$prefecture" ]; then
  files=("$prefecture"/*.csv)
  import_one prefecture-2018-2019 "$(($(cat "${files[@]}" | wc -l) - ${#files[@]}))" "${files[@]}"
fi
for n in $import_sizes; do
  f="$out/police-$n.csv"
  [ -f "$f" ] || "$bin" generate-police "$n" "$f"
  import_one "police-$n.csv" "$n" "$f"
done
[ "$only" = import ] && exit 0

for n in $poly_sizes; do
  for ext in geojson gpkg; do
    f="$out/polygons-$n.$ext"
    [ -f "$f" ] || "$bin" generate-polygons "$n" "$f" >/dev/null
    load "$f"
  done
  "$bin" pick "$out/polygons-$n.gpkg"
done
"$bin" route

# Routing beside GRASS GIS r.cost -k on the same cost raster from the same doors (bench/setup-peers.sh
# installs grass-core; without it this is skipped and says so).
"$bin" walk-rasters "$out"
if command -v grass >/dev/null; then
  grass --tmp-location EPSG:6674 --exec bash "$root/bench/rcost.sh" "$out" 2>/dev/null | grep '^bench='
  echo "# ours (pedestrian rule: no diagonal between two blocked cells) vs r.cost:"
  "$bin" compare-rasters "$out/ours.tif" "$out/theirs.tif"
  echo "# ours under r.cost's rule (a diagonal may cut the corner) vs r.cost: the method agrees"
  "$bin" compare-rasters "$out/ours-rcost-rule.tif" "$out/theirs.tif"
else
  echo "bench=rcost skipped=\"grass not installed: bench/setup-peers.sh\""
fi

# The shared store: PostGIS beside ours (a throwaway server the script starts and drops).
if command -v pg_virtualenv >/dev/null; then
  "$root/scripts/with-postgres.sh" bash "$root/bench/share.sh" "$out" 2>&1 | grep '^bench=' || echo "bench=share failed"
else
  echo "bench=share skipped=\"pg_virtualenv not installed: scripts/setup.sh\""
fi

# Frame: the real viewer in a 1600x1000 window under Xvfb (Mesa llvmpipe unless a GPU is there), the camera
# circling and zooming, at each size; and a style change.
viewer=${SAFETYMAP_BUILD_DIR:-$root/build}/safetymap
export SAFETYMAP_CONFIG_DIR="$out/viewer-config"
frames() { xvfb-run -a -s "-screen 0 1600x1000x24" "$viewer" --bench-frames "$@" 2>/dev/null | grep '^bench='; }
frames 120
for n in $sizes; do
  frames $([ "$n" -ge 1000000 ] && echo 30 || echo 120) --crimes "$out/crimes-$n.gpkg"
done
for n in $poly_sizes; do frames 120 "$out/polygons-$n.gpkg"; done

# A big hazard raster: time to the first frame and frames per second, beside gdal_translate -outsize.
bash "$root/bench/raster.sh" "$out"

# Print: the atlas of all districts (map page and table pages each).
t0=$(now)
"$viewer" print --all --out "$out/atlas.pdf" 2>/dev/null
t1=$(now)
echo "bench=atlas pages=$(pdfinfo "$out/atlas.pdf" | awk '/^Pages:/ {print $2}') seconds=$(printf %.2f "$(echo "$t1 - $t0" | bc -l)")"
