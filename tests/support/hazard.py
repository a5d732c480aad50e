#!/usr/bin/env python3
"""Synthetic tsunami hazards over Minato Ward for the tests and benchmarks (never bundled, marked synthetic).

  hazard.py raster OUT.tif [--cell 5] [--crs EPSG:6674] [--size N]   a depth raster (Float32, nodata -9999)
  hazard.py polygons OUT.geojson                                     depth-class polygons in the A40 form
  hazard.py rgb OUT.tif                                              a three-band "aerial photo" (Byte)

The depth rises from 0 m at the ward's eastern edge to 4.5 m at the sea (west), with a dry mound in the middle
so that some blocks are dry and some classes empty: a shape to count, not a flood model."""
import json
import math
import sys

import numpy as np
from osgeo import gdal, ogr, osr

gdal.UseExceptions()
# The ward's extent in EPSG:6674 (from geodata/derived/ward.geojson), with a margin.
X0, X1, Y0, Y1 = -53200.0, -47700.0, -150800.0, -146000.0
MOUND = (-50400.0, -148400.0, 500.0)  # x, y, radius: dry ground


def depth_at(x, y):
    d = 4.5 * np.clip((X1 - 600 - x) / (X1 - X0 - 1200), 0, 1)
    mx, my, r = MOUND
    return np.where(np.hypot(x - mx, y - my) < r, 0.0, d)


def srs(code):
    s = osr.SpatialReference()
    s.SetFromUserInput(code)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


def raster(out, cell=5.0, crs="EPSG:6674", size=None):
    if size:  # a square raster of size × size cells over the ward (the benchmarks' big image)
        cell = max(X1 - X0, Y1 - Y0) / size
    w, h = int(math.ceil((X1 - X0) / cell)), int(math.ceil((Y1 - Y0) / cell))
    drv = gdal.GetDriverByName("GTiff")
    opts = ["COMPRESS=DEFLATE", "TILED=YES"] if w * h > 4e6 else []
    ds = drv.Create(out if crs == "EPSG:6674" else out + ".6674.tif", w, h, 1, gdal.GDT_Float32, opts)
    ds.SetGeoTransform([X0, cell, 0, Y1, 0, -cell])
    ds.SetProjection(srs("EPSG:6674").ExportToWkt())
    ds.SetMetadataItem("SYNTHETIC", "true")
    ds.SetMetadataItem("DESCRIPTION", "synthetic tsunami depth for tests; not the prefecture's assumption")
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(-9999)
    rows = max(1, int(2e6 // w))
    for y0 in range(0, h, rows):
        n = min(rows, h - y0)
        ys = Y1 - (np.arange(y0, y0 + n) + 0.5) * cell
        xs = X0 + (np.arange(w) + 0.5) * cell
        gx, gy = np.meshgrid(xs, ys)
        d = depth_at(gx, gy).astype(np.float32)
        d[d <= 0] = -9999  # dry: no data, as the prefecture's rasters leave it
        band.WriteArray(d, 0, y0)
    ds = None
    if crs != "EPSG:6674":
        gdal.Warp(out, out + ".6674.tif", dstSRS=crs, resampleAlg="near")
        gdal.Unlink(out + ".6674.tif")
        gdal.Open(out, gdal.GA_Update).SetMetadataItem("SYNTHETIC", "true")


CLASSES = [(0.3, 1.0, "0.3m以上1.0m未満"), (1.0, 2.0, "1.0m以上2.0m未満"), (2.0, 3.0, "2.0m以上3.0m未満"),
           (3.0, 5.0, "3.0m以上5.0m未満")]


def polygons(out):
    """Bands of the depth ramp as class polygons (east to west), the mound cut out; in JGD2011 lon/lat like A40."""
    to_ll = osr.CoordinateTransformation(srs("EPSG:6674"), srs("EPSG:6668"))
    mx, my, r = MOUND
    mound = ogr.CreateGeometryFromWkt("POINT (%f %f)" % (mx, my)).Buffer(r, 32)
    feats = []
    span = X1 - X0 - 1200
    for lo, hi, label in CLASSES:
        # depth = 4.5 (X1 - 600 - x) / span  →  x = X1 - 600 - depth span / 4.5
        xa, xb = X1 - 600 - hi * span / 4.5, X1 - 600 - lo * span / 4.5
        xa = max(xa, X0)
        g = ogr.CreateGeometryFromWkt(f"POLYGON (({xa} {Y0}, {xb} {Y0}, {xb} {Y1}, {xa} {Y1}, {xa} {Y0}))")
        g = g.Difference(mound)
        g.Transform(to_ll)
        feats.append({"type": "Feature",
                      "properties": {"A40_001": "大阪府", "A40_002": 27, "A40_003": label, "synthetic": True,
                                     "source": "synthetic test hazard; not the prefecture's assumption"},
                      "geometry": json.loads(g.ExportToJson())})
    json.dump({"type": "FeatureCollection", "name": "tsunami_classes_SYNTHETIC", "features": feats},
              open(out, "w", encoding="utf-8"), ensure_ascii=False)


def rgb(out):
    w, h, cell = 820, 720, 10.0
    ds = gdal.GetDriverByName("GTiff").Create(out, w, h, 3, gdal.GDT_Byte)
    ds.SetGeoTransform([X0, cell, 0, Y1, 0, -cell])
    ds.SetProjection(srs("EPSG:6674").ExportToWkt())
    ds.SetMetadataItem("SYNTHETIC", "true")
    y, x = np.mgrid[0:h, 0:w]
    ds.GetRasterBand(1).WriteArray(((x // 40 + y // 40) % 2 * 120 + 60).astype(np.uint8))
    ds.GetRasterBand(2).WriteArray(np.full((h, w), 170, np.uint8))
    ds.GetRasterBand(3).WriteArray((y * 255 // h).astype(np.uint8))
    ds = None


if __name__ == "__main__":
    kind, out = sys.argv[1], sys.argv[2]
    args = dict(zip(sys.argv[3::2], sys.argv[4::2]))
    if kind == "raster":
        raster(out, float(args.get("--cell", 5)), args.get("--crs", "EPSG:6674"),
               int(args["--size"]) if "--size" in args else None)
    elif kind == "polygons":
        polygons(out)
    elif kind == "rgb":
        rgb(out)
    else:
        sys.exit(__doc__)
