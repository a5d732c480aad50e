#!/usr/bin/env bash
# The peers the full benchmark run compares with that the test set-up does not install: GRASS GIS (r.cost) and
# QGIS (qgis_process, for native:countpointsinpolygon). PostgreSQL + PostGIS come with scripts/setup.sh (the
# shared store's tests need them), ogr2ogr/ogrinfo with GDAL. Debian 12 packages only.
set -euo pipefail
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends grass-core qgis
