#!/usr/bin/env bash
# The shared store's benchmarks, run by bench/run.sh inside a throwaway PostgreSQL + PostGIS server
# (scripts/with-postgres.sh): loading N points from PostGIS beside ogr2ogr reading the same table, the district
# join in PostGIS (GiST index; default plan and a parallel plan forced, timed in the server) beside ours, and a
# sync of 10,000 edits made offline in a checkout.
#   bench/share.sh OUT_DIR   (SIZES as bench/run.sh)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${SAFETYMAP_BUILD_DIR:-$root/build}
bin=$build/safetymap-bench
viewer=$build/safetymap
out=$1
sizes=${SIZES:-"10000 100000 1000000"}
edits=${SYNC_EDITS:-10000}
now() { date +%s.%N; }
secs() { printf %.4f "$(echo "$2 - $1" | bc -l)"; }
createdb bench
psql -q -d bench -c "CREATE EXTENSION postgis"
ogr2ogr -f PostgreSQL PG:dbname=bench "$root/geodata/derived/districts.geojson" -nln districts -t_srs EPSG:6674 \
  -lco GEOMETRY_NAME=geom -nlt PROMOTE_TO_MULTI
for n in $sizes; do
  f="$out/crimes-$n.gpkg"
  [ -f "$f" ] || "$bin" generate "$n" "$f" >/dev/null
  ogr2ogr -f PostgreSQL PG:dbname=bench "$f" -nln crimes -lco GEOMETRY_NAME=geom -lco OVERWRITE=YES -t_srs EPSG:6674
  psql -q -d bench -c "VACUUM ANALYZE crimes"
  if [ "${JOIN_ONLY:-0}" != 1 ]; then
  # Load: ours (GDAL's PostgreSQL driver → the working CRS, ready to draw) beside ogr2ogr into memory.
  line=$("$bin" load "PG:dbname=bench tables=crimes")
  ours=$(echo "$line" | sed -E 's/.*ready_seconds=([0-9.]+).*/\1/')
  t0=$(now); ogr2ogr -f Memory /vsimem/peer PG:dbname=bench crimes; t1=$(now)
  peer=$(secs "$t0" "$t1")
  echo "bench=load_postgis points=$n ours_seconds=$ours peer=ogr2ogr_memory peer_seconds=$peer" \
       "ratio_to_peer=$(printf %.2f "$(echo "$ours / $peer" | bc -l)")"
  fi
  # Join: crimes per district. PostGIS with its GiST index, timed in the server (EXPLAIN ANALYZE), beside ours.
  ours=$("$bin" join "$f" | sed -E 's/.* seconds=([0-9.]+).*/\1/')
  q="SELECT d.name, count(*) FROM districts d JOIN crimes c ON ST_Intersects(d.geom, c.geom) GROUP BY d.name"
  # Warm (one run first), then the median of three, each timed in the server.
  timed() {  # $1: the server settings of the plan (PGOPTIONS)
    local runs=""
    for i in 0 1 2 3; do
      t=$(PGOPTIONS="$1" psql -q -At -d bench -c "EXPLAIN (ANALYZE, FORMAT JSON) $q" |
          python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Execution Time"] / 1000)')
      [ "$i" = 0 ] || runs="$runs $t"
    done
    echo $runs | tr ' ' '\n' | sort -g | sed -n 2p
  }
  serial=$(timed "")
  parallel=$(timed "-c parallel_setup_cost=0 -c parallel_tuple_cost=0 -c min_parallel_table_scan_size=0")
  echo "bench=join_postgis points=$n ours_seconds=$ours postgis_seconds=$(printf %.4f "$serial")" \
       "postgis_parallel_seconds=$(printf %.4f "$parallel")" \
       "fastest_peer_over_ours=$(printf %.1f "$(echo "if ($serial < $parallel) $serial / $ours else $parallel / $ours" | bc -l)")"
  # Against the fastest of every peer of this size (bench/run.sh wrote the others' seconds).
  peers="$out/join-$n.peers"
  if [ -f "$peers" ]; then
    printf 'postgis %s\npostgis_parallel %s\n' "$serial" "$parallel" >> "$peers"
    ours_run=$(awk '$1 == "ours" {print $2; exit}' "$peers")
    awk -v n="$n" -v ours="$ours_run" '$1 != "ours" && (best == "" || $2 < best) {best = $2; name = $1}
      END {if (best != "") printf "bench=join_fastest_peer points=%s ours_seconds=%.4f fastest_peer=%s fastest_peer_seconds=%.4f fastest_peer_over_ours=%.1f\n", n, ours, name, best, best / ours}' "$peers"
  fi
done

[ "${JOIN_ONLY:-0}" = 1 ] && exit 0
# Sync: a store of the bundled project plus $edits synthetic records, checked out, all of them edited offline.
export SAFETYMAP_CONFIG_DIR="$out/share-config"
createdb ward
"$viewer" share init --db PG:dbname=ward >/dev/null
psql -q -d ward -c "INSERT INTO crimes (\"罪名\", \"手口\", synthetic, geom)
  SELECT '窃盗', '自転車盗', true, ST_SetSRID(ST_MakePoint(-49500 + (i % 100) * 10, -148500 + (i / 100) * 10), 6674)
  FROM generate_series(1, $edits) i"
rm -f "$out/checkout.gpkg"
t0=$(now); "$viewer" share checkout --db PG:dbname=ward --out "$out/checkout.gpkg" >/dev/null; t1=$(now)
checkout=$(secs "$t0" "$t1")
ogrinfo -q "$out/checkout.gpkg" -dialect SQLite -sql "UPDATE crimes SET \"手口\" = 'ベンチ' WHERE synthetic = 1" >/dev/null
t0=$(now); sent=$("$viewer" share sync "$out/checkout.gpkg"); t1=$(now)
echo "bench=share_sync edits=$edits checkout_seconds=$checkout sync_seconds=$(secs "$t0" "$t1") said=\"$sent\""
