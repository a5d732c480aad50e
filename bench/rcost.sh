#!/usr/bin/env bash
# GRASS GIS r.cost over safetymap's walking grid (bench/run.sh runs this inside a temporary EPSG:6674
# location): the same cost raster (metres to cross a cell, no data = impassable), the same doors, knight's
# moves (-k). Prints one bench=rcost line and writes DIR/theirs.tif for the comparison.
set -euo pipefail
dir=$1
r.in.gdal -o --quiet --overwrite input="$dir/cost.tif" output=cost
g.region raster=cost
coords=$(paste -sd, "$dir/doors.txt")
t0=$(date +%s.%N)
r.cost -k --quiet --overwrite input=cost output=dist start_coordinates="$coords"
t1=$(date +%s.%N)
r.out.gdal -f --quiet --overwrite input=dist output="$dir/theirs.tif" type=Float32 nodata=-1
echo "bench=rcost peer=grass_r.cost_-k seconds=$(echo "$t1 - $t0" | bc -l | xargs printf %.3f) version=\"$(g.version | head -1)\""
