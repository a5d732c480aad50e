#!/usr/bin/env python3
"""Hazard rasters and depth polygons from the command line: `safetymap check` on good and bad rasters, and the tsunami
impact of `stats --json` (people per depth class per district, the depth at each evacuation building) against an
independent count over the same files: GDAL's rasterizer for the raster, OGR's (GEOS) intersection areas for the
polygons, gdallocationinfo for the depth at a building. The hazards are synthetic (tests/support/hazard.py).

  test_hazard.py SAFETYMAP"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
from osgeo import gdal, ogr, osr

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
sys.path.insert(0, os.path.join(HERE, "..", "support"))
from checks import check, failures  # noqa: E402
import hazard  # noqa: E402

gdal.UseExceptions()
CHOME = os.path.join(ROOT, "geodata", "derived", "chome.geojson")
DISTRICTS = os.path.join(ROOT, "geodata", "derived", "districts.geojson")


def run(binary, *args, env=None):
    return subprocess.run([binary, *args], capture_output=True, text=True, env=env)


def plane(geom):
    """A GeoJSON geometry (lon/lat) in EPSG:6674, as safetymap reads it (PROJ through OGR)."""
    s4326, s6674 = hazard.srs("EPSG:4326"), hazard.srs("EPSG:6674")
    g = geom.Clone()
    g.AssignSpatialReference(s4326)
    g.TransformTo(s6674)
    return g


def blocks():
    """The 町丁目 with their census population and district (by the district polygon their middle lies in)."""
    ds = ogr.Open(DISTRICTS)
    districts = [(f.GetField("name"), plane(f.GetGeometryRef())) for f in ds.GetLayer()]
    out = []
    chome = ogr.Open(CHOME)  # held: OGR's features die with their dataset
    for f in chome.GetLayer():
        pop = f.GetField("population")
        if pop is None:
            continue
        g = plane(f.GetGeometryRef())
        p = g.PointOnSurface()
        d = next((n for n, dg in districts if dg.Contains(p)), None)
        out.append({"town": f.GetField("town") if f.GetFieldIndex("town") >= 0 else None, "pop": float(pop),
                    "geom": g, "district": d})
    return out


def independent_raster(tif, classes, bl):
    """People per class per district: each block's cells (centres inside, GDAL's rasterizer) by depth class."""
    ds = gdal.Open(tif)
    depth = ds.GetRasterBand(1).ReadAsArray()
    nodata = ds.GetRasterBand(1).GetNoDataValue()
    w, h = ds.RasterXSize, ds.RasterYSize
    mem = gdal.GetDriverByName("MEM").Create("", w, h, 1, gdal.GDT_Int32)
    mem.SetGeoTransform(ds.GetGeoTransform())
    mem.SetProjection(ds.GetProjection())
    src = ogr.GetDriverByName("Memory").CreateDataSource("")
    lyr = src.CreateLayer("b", hazard.srs("EPSG:6674"), ogr.wkbMultiPolygon)
    lyr.CreateField(ogr.FieldDefn("id", ogr.OFTInteger))
    for i, b in enumerate(bl):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("id", i + 1)
        f.SetGeometry(b["geom"])
        lyr.CreateFeature(f)
    gdal.RasterizeLayer(mem, [1], lyr, options=["ATTRIBUTE=id"])
    ids = mem.GetRasterBand(1).ReadAsArray()
    per = {}
    for i, b in enumerate(bl):
        cells = depth[ids == i + 1]
        if cells.size == 0:
            continue
        row = per.setdefault(b["district"], [0.0] * len(classes))
        for k, c in enumerate(classes):
            hi = c["to_m"] if c["to_m"] is not None else 1e9
            n = np.count_nonzero((cells != nodata) & (cells >= c["from_m"]) & (cells < hi))
            row[k] += b["pop"] * n / cells.size
    return per


def independent_polygons(path, classes, bl):
    polys = []
    src = ogr.Open(path)
    for f in src.GetLayer():
        g = f.GetGeometryRef().Clone()
        g.AssignSpatialReference(hazard.srs("EPSG:6668"))
        g.TransformTo(hazard.srs("EPSG:6674"))
        label = f.GetField("A40_003")
        k = next(i for i, c in enumerate(classes) if label.startswith(("%g" % c["from_m"]).rstrip("0").rstrip(".")))
        polys.append((k, g))
    per = {}
    for b in bl:
        area = b["geom"].GetArea()
        row = per.setdefault(b["district"], [0.0] * len(classes))
        for k, g in polys:
            row[k] += b["pop"] * b["geom"].Intersection(g).GetArea() / area
    return per


def compare(j, per, what, tol):
    worst = 0.0
    for d in j["per_district"]:
        mine = d["by_class"]
        theirs = per.get(d["name"], [0.0] * len(mine))
        for a, b in zip(mine, theirs):
            worst = max(worst, abs(a - b))
    check(worst <= tol, f"{what}: people per class per district within {tol} of the independent count "
                        f"(largest difference {worst:.2f})")


def main(binary):
    tmp = tempfile.mkdtemp(prefix="sm-hazard-")
    env = dict(os.environ, SAFETYMAP_CONFIG_DIR=os.path.join(tmp, "config"), XDG_CACHE_HOME=os.path.join(tmp, "cache"))
    depth = os.path.join(tmp, "depth.tif")
    hazard.raster(depth, 5.0)
    lonlat = os.path.join(tmp, "depth-lonlat.tif")
    hazard.raster(lonlat, 5.0, "EPSG:4326")
    classes_file = os.path.join(tmp, "classes.geojson")
    hazard.polygons(classes_file)

    # check: the facts of a good raster, and one clear message for each bad one
    r = run(binary, "check", depth, env=env)
    check(r.returncode == 0, "check: a good depth raster passes")
    check("1100 × 960 cells, 1 band of Float32, nodata -9999" in r.stdout, "check: size, bands, type and nodata")
    check("EPSG:6674" in r.stdout and "5.00 m cells (read as it is" in r.stdout, "check: the CRS and the cell size")
    check("covers 100 % of the ward's extent" in r.stdout, "check: the extent against the ward")
    far = os.path.join(tmp, "far.tif")
    gdal.Translate(far, depth, outputBounds=[-10000, -100000, -4500, -104800], outputSRS="EPSG:6674")
    r = run(binary, "check", far, env=env)
    check(r.returncode == 1 and "km from Minato Ward and covers none of it" in r.stdout, "check: a raster far away")
    nocrs = os.path.join(tmp, "nocrs.png")
    gdal.Translate(nocrs, hazard_rgb(tmp), format="PNG")
    for side in (nocrs + ".aux.xml",):
        if os.path.exists(side):
            os.remove(side)
    r = run(binary, "check", nocrs, env=env)
    check(r.returncode == 1 and "nocrs.png: error: has no position or coordinate reference system" in r.stdout,
          "check: a PNG without a world file or CRS")
    pgw = os.path.join(tmp, "placed.png")
    gdal.Translate(pgw, hazard_rgb(tmp), format="PNG", creationOptions=["WORLDFILE=YES"])
    with open(pgw[:-4] + ".prj", "w") as f:
        f.write(hazard.srs("EPSG:6674").ExportToWkt())
    if os.path.exists(pgw + ".aux.xml"):
        os.remove(pgw + ".aux.xml")
    r = run(binary, "check", pgw, env=env)
    check(r.returncode == 0 and "drawn as it is (colours)" in r.stdout, "check: a PNG with a world file and a .prj")
    # tiles: a GeoPackage raster and MBTiles (EPSG:3857, as that format wants) of the "aerial photo"
    gpkg = os.path.join(tmp, "photo.gpkg")
    gdal.Translate(gpkg, hazard_rgb(tmp), format="GPKG")
    mb = os.path.join(tmp, "photo.mbtiles")
    gdal.Translate(mb, gdal.Warp(os.path.join(tmp, "photo-3857.tif"), hazard_rgb(tmp), dstSRS="EPSG:3857"),
                   format="MBTiles")
    for f in (gpkg, mb):
        r = run(binary, "check", f, env=env)
        check(r.returncode == 0 and "drawn as it is (colours)" in r.stdout and "covers" in r.stdout,
              f"check: {os.path.basename(f)} opens as a picture over the ward")
    cut = os.path.join(tmp, "cut.tif")
    with open(depth, "rb") as f:
        data = f.read()
    with open(cut, "wb") as f:
        f.write(data[: len(data) // 2])
    r = run(binary, "check", cut, env=env)
    check(r.returncode == 1 and "cut.tif: error: the raster is damaged or truncated" in r.stdout, "check: a truncated file")
    big = os.path.join(tmp, "big.tif")
    ds = gdal.GetDriverByName("GTiff").Create(big, 5000, 4000, 1, gdal.GDT_Byte, ["SPARSE_OK=YES"])
    ds.SetGeoTransform([hazard.X0, 1, 0, hazard.Y1, 0, -1])
    ds.SetProjection(hazard.srs("EPSG:6674").ExportToWkt())
    ds = None
    r = run(binary, "check", big, env=env)
    check("no overviews: the viewer builds them once into its cache" in r.stdout, "check: a big raster without overviews")
    check(not os.path.exists(big + ".ovr"), "check builds nothing beside the file")

    bl = blocks()
    # the raster: people per class per district against GDAL's rasterizer
    r = run(binary, "stats", "--json", "--tsunami-depth", depth, env=env)
    check(r.returncode == 0, "stats --tsunami-depth RASTER exits 0")
    t = json.loads(r.stdout)["tsunami"]
    check(t["hazard_kind"] == "raster" and t["synthetic"] is True, "the hazard is a raster and says it is synthetic")
    check([c["label"] for c in t["classes"]] == ["0.01–0.3 m", "0.3–1 m", "1–2 m", "2–3 m", "3–4 m", "4–5 m", "5 m以上"],
          "the raster is counted in the prefecture's depth classes")
    compare(t, independent_raster(depth, t["classes"], bl), "raster", 2.0)
    ward = t["ward"]
    total = sum(ward["by_class"]) + ward["dry"] + ward["outside_hazard"]
    check(abs(total - 82035) < 1 and ward["population"] == 82035, f"every resident counted once (sum {total:.1f})")
    check(ward["dry"] > 100, f"the dry mound's people are dry ({ward['dry']:.0f})")
    # a building's depth against gdallocationinfo at its place
    site_ds = ogr.Open(os.path.join(ROOT, "geodata", "derived", "tsunami-buildings.geojson"))
    sites = [f.GetGeometryRef().Clone() for f in site_ds.GetLayer()]
    hazard_buildings = [b for b in t["buildings"] if b["depth_source"] == "hazard" and b["depth_m"] is not None]
    check(len(hazard_buildings) > 50, f"most evacuation buildings stand in the hazard ({len(hazard_buildings)})")
    agree = 0
    for b in hazard_buildings[:10]:
        p = plane(sites[b["feature"]])
        v = subprocess.run(["gdallocationinfo", "-valonly", "-geoloc", depth, str(p.GetX()), str(p.GetY())],
                           capture_output=True, text=True).stdout.strip()
        agree += abs(float(v) - b["depth_m"]) < 0.006
    check(agree == 10, f"the depth at 10 buildings equals gdallocationinfo's ({agree}/10)")
    meets = [b for b in t["buildings"] if b["verdict"] == "meets"]
    check(all(b["storeys"] >= 3 and (b["shelter_floor"] - 1) * b["storey_height_m"] > b["depth_m"] for b in meets),
          f"every building said to meet the rule has a floor from the 3rd up above the depth ({len(meets)})")
    check(t["buildings_unknown"] > 0 and all(b["storeys"] is None for b in t["buildings"] if b["verdict"] == "unknown"
                                             and b["depth_known"]),
          "a building without storeys is unknown, never passed")

    # the same raster in lon/lat: warped by GDAL, the same people within a cell's worth
    r = run(binary, "stats", "--json", "--tsunami-depth", lonlat, env=env)
    tl = json.loads(r.stdout)["tsunami"]
    diff = max(abs(a - b) for a, b in zip(tl["ward"]["by_class"], ward["by_class"]))
    # each building's depth read from the lon/lat file where PROJ puts it, as gdallocationinfo reads it
    agree, tried = 0, 0
    for b in [b for b in tl["buildings"] if b["depth_source"] == "hazard" and b["depth_m"] is not None][:10]:
        g = sites[b["feature"]].Clone()
        v = subprocess.run(["gdallocationinfo", "-valonly", "-wgs84", lonlat, str(g.GetX()), str(g.GetY())],
                           capture_output=True, text=True).stdout.strip()
        tried += 1
        agree += v != "" and abs(float(v) - b["depth_m"]) < 0.006
    check(tried == 10 and agree == 10, f"a lon/lat raster: the depth at 10 buildings equals gdallocationinfo's ({agree}/{tried})")
    check(diff < 0.01 * 82035, f"a lon/lat raster gives the same people per class (largest difference {diff:.0f})")

    # the polygons (A40 form): exact areas against OGR's intersections
    r = run(binary, "stats", "--json", "--tsunami-depth", classes_file, env=env)
    check(r.returncode == 0, "stats --tsunami-depth POLYGONS exits 0")
    tp = json.loads(r.stdout)["tsunami"]
    check(tp["hazard_kind"] == "polygons" and tp["synthetic"] is True, "depth polygons, marked synthetic")
    check([c["label"] for c in tp["classes"]] == ["0.3–1 m", "1–2 m", "2–3 m", "3–5 m"], "the file's own classes")
    compare(tp, independent_polygons(classes_file, tp["classes"], bl), "polygons", 1.0)
    cls_buildings = [b for b in tp["buildings"] if b["depth_source"] == "hazard" and b["depth_class"]]
    check(cls_buildings and all(b["depth_m"] in (1.0, 2.0, 3.0, 5.0) for b in cls_buildings),
          "a building in a class is judged against the class's top")

    # the drill: buildings too low for the depth are left out when asked, and the walks are held against deadlines
    sites_file = os.path.join(tmp, "sites.geojson")
    gj = json.load(open(os.path.join(ROOT, "geodata", "derived", "tsunami-buildings.geojson"), encoding="utf-8"))
    chikko = [b for b in t["buildings"] if b["district"] == 0 and b["depth_m"]]
    chikko.sort(key=lambda b: -b["depth_m"])
    low, short, tall = chikko[0], chikko[1], chikko[2]
    for b, storeys, height in ((low, 2, 7.0), (short, 3, 3 * min(low["depth_m"], short["depth_m"]) / 2 * 0.9),
                               (tall, 8, 24.0)):
        props = gj["features"][b["feature"]]["properties"]
        props["storeys"], props["height_m"] = str(storeys), "%.1f" % height
    json.dump(gj, open(sites_file, "w", encoding="utf-8"), ensure_ascii=False)
    brief = ["briefing", "--district", "築港", "--tsunami-depth", depth, "--tsunami-buildings", sites_file, "--json"]
    r = run(binary, *brief, "--only-tall-enough", "--deadline", "10", "--deadline", "120", env=env)
    check(r.returncode == 0, "briefing --only-tall-enough exits 0")
    bj = json.loads(r.stdout)
    closed = {b["name"]: b["closed"] for b in bj["buildings"] if b["closed"]}
    check(low["name"] in closed and "2階建て" in closed[low["name"]], f"a 2-storey building is left out: {closed}")
    check(short["name"] in closed and "浸水深" in closed[short["name"]], "a 3-storey building with low storeys is left out")
    check(tall["name"] not in closed, "an 8-storey building stays a destination")
    sent = {f["building"] for o in bj["origins"] for f in o["flows"]}
    check(not (sent & set(closed)), "no one is sent to a building left out")
    check(bj["deadlines"] == [10, 120] and set(bj["share_within_minutes"]["1.0"]) == {"10", "120"},
          "the walks are held against the deadlines asked for")
    check(bj["share_within_minutes"]["1.0"]["120"] >= bj["share_within_minutes"]["1.0"]["10"], "more arrive in 120 than 10")
    r = run(binary, *brief, env=env)
    check(not any(b["closed"] for b in json.loads(r.stdout)["buildings"]), "without the flag every building is open")
    pdf = os.path.join(tmp, "brief.pdf")
    r = run(binary, *brief[:-1], "--only-tall-enough", "--out", pdf, env=env)
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    check(r.returncode == 0 and "除外（高さ不足）：" + low["name"] in text, "the briefing lists the buildings left out")
    check("120分以内に着く人の割合（大阪府2013：+1 m 最短到達）" in text and "15分以内" in text,
          "the briefing holds the walks against 120 and 15 minutes, each with its source")
    check("浸水深別の人数（国勢調査）" in text and "合成データ" in text, "the briefing gives the people by depth, marked synthetic")

    # without a hazard: PLATEAU's own depths at the port edge, as they are
    r = run(binary, "stats", "--json", env=env)
    tn = json.loads(r.stdout).get("tsunami")
    check(tn is not None and tn["hazard"] is None and any(b["depth_source"] == "plateau" for b in tn["buildings"]),
          "without a hazard, the buildings on PLATEAU footprints carry PLATEAU's depth")

    # the printout: the hazard drawn, its legend and the synthetic note
    pdf = os.path.join(tmp, "map.pdf")
    r = run(binary, "print", "--district", "築港", "--tsunami-depth", depth, "--out", pdf, env=env)
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    check(r.returncode == 0 and "合成データ（試験用）" in text and "4–5 m" in text,
          "the printout names the synthetic hazard and its classes")
    png = os.path.join(tmp, "map")
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", pdf, png], check=True)
    return 1 if failures else 0


def hazard_rgb(tmp):
    path = os.path.join(tmp, "rgb.tif")
    if not os.path.exists(path):
        hazard.rgb(path)
    return path


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
