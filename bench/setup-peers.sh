#!/usr/bin/env bash
# The peers the full benchmark run compares with that the test set-up does not install: GRASS GIS
# (r.cost). ogr2ogr/ogrinfo come with GDAL already. Debian 12 packages only.
set -euo pipefail
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
$sudo apt-get install -y --no-install-recommends grass-core
