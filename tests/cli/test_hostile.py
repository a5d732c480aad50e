#!/usr/bin/env python3
"""Hostile and broken files: each class of issue 13 against `safetymap check` and `safetymap import`.

The corpus is tests/data/hostile/ (small text files) plus what this test makes in a temporary folder (a FIFO,
symlink loops, a 1 GiB sparse KML, a polygon of 260,000 vertices, a damaged GeoPackage, the real 2019 police
file with one stray quote…). For every file: no crash (no signal), one clear message naming the file, and
the project either keeps every record it can (the others named by row) or is left as it was. Nothing here
waits on the clock: a hang shows as the subprocess timeout, a generous safety net, never as a measurement."""
import glob
import json
import math
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from checks import check, failures, run  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
HOSTILE = os.path.join(ROOT, "tests", "data", "hostile")
GOOD = os.path.join(ROOT, "tests", "data", "good")
POLICE = os.path.join(ROOT, "..", "shared", "reference-data", "osaka-police-crime-minato")


def layer_counts(gpkg):
    """{layer: features} read with GDAL's own ogrinfo."""
    out = run("ogrinfo", "-ro", "-so", "-al", gpkg).stdout
    names = re.findall(r"^Layer name: (.+)$", out, re.M)
    counts = [int(n) for n in re.findall(r"^Feature Count: (\d+)$", out, re.M)]
    return dict(zip(names, counts))


def make_corpus(d):
    """The generated part of the corpus: {name: path}."""
    files = {}
    for f in os.listdir(HOSTILE):
        shutil.copy(os.path.join(HOSTILE, f), d)
    # The real 2019 police file (CP932, as published) with one stray double quote in line 3.
    real = os.path.join(POLICE, "osaka_2019zitensyatou_27107_minato.csv")
    lines = open(real, "rb").read().split(b"\n")
    lines[2] = lines[2].replace(b",", b',"', 1)
    files["stray-quote"] = os.path.join(d, "stray-quote.csv")
    open(files["stray-quote"], "wb").write(b"\n".join(lines))
    # A 町丁目 of 築港１丁目 followed by 10,000 characters (std::regex overflowed its stack on it), and one
    # of 70,000 bytes (longer than any real value).
    text = open(real, "rb").read().decode("cp932").split("\n")
    header, first = text[0], text[1].split(",")
    long1 = list(first)
    long1[7] = "築港１丁目" + "x" * 10000
    long2 = list(first)
    long2[7] = "y" * 70000
    nowhere = list(first)
    nowhere[7] = "z" * 10000
    files["long-town"] = os.path.join(d, "long-town.csv")
    open(files["long-town"], "w", encoding="utf-8").write(
        "\n".join([header, ",".join(long1), ",".join(long2), ",".join(nowhere)]) + "\n")
    # A GeoJSON whose legacy CRS member is a link to a server this test listens on.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.setblocking(False)
    port = listener.getsockname()[1]
    files["crs-link"] = os.path.join(d, "crs-link.geojson")
    json.dump({"type": "FeatureCollection",
               "crs": {"type": "link", "properties": {"href": f"http://127.0.0.1:{port}/crs.wkt", "type": "ogcwkt"}},
               "features": [{"type": "Feature", "properties": {"name": "a"},
                             "geometry": {"type": "Point", "coordinates": [135.45, 34.66]}}]},
              open(files["crs-link"], "w"))
    # Not files: a FIFO, a folder, a symlink loop, a dangling link, a Shapefile whose .dbf is a FIFO.
    files["fifo"] = os.path.join(d, "pipe.csv")
    os.mkfifo(files["fifo"])
    files["folder"] = os.path.join(d, "folder.geojson")
    os.mkdir(files["folder"])
    files["loop"] = os.path.join(d, "loop-a.geojson")
    os.symlink("loop-b.geojson", files["loop"])
    os.symlink("loop-a.geojson", os.path.join(d, "loop-b.geojson"))
    files["fifo-dbf"] = os.path.join(d, "fifo-dbf.shp")
    shutil.copy(os.path.join(GOOD, "ward-office.shp"), files["fifo-dbf"])
    shutil.copy(os.path.join(GOOD, "ward-office.shx"), os.path.join(d, "fifo-dbf.shx"))
    os.mkfifo(os.path.join(d, "fifo-dbf.dbf"))
    # A 1 GiB KML broken at byte 92 (sparse: it takes no disk).
    files["big-kml"] = os.path.join(d, "big.kml")
    with open(files["big-kml"], "wb") as f:
        f.write(b'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><')
        f.truncate(1 << 30)
    # A polygon of 260,000 vertices.
    n = 260000
    ring = [[135.455 + 0.01 * math.cos(2 * math.pi * i / n), 34.655 + 0.01 * math.sin(2 * math.pi * i / n)]
            for i in range(n)]
    ring.append(ring[0])
    files["vertices"] = os.path.join(d, "many-vertices.geojson")
    json.dump({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "huge"}, "geometry": {"type": "Polygon", "coordinates": [ring]}},
        {"type": "Feature", "properties": {"name": "small"},
         "geometry": {"type": "Point", "coordinates": [135.45, 34.66]}}]}, open(files["vertices"], "w"))
    # A GeoPackage with a corrupt geometry blob in one feature, and one with a damaged database page.
    files["blob"] = os.path.join(d, "corrupt-geometry.gpkg")
    run("ogr2ogr", "-f", "GPKG", files["blob"], os.path.join(HOSTILE, "collinear.geojson"), "-nln", "shapes")
    shutil.copy(os.path.join(GOOD, "ward-office.gpkg"), os.path.join(d, "corrupt-base.gpkg"))
    run("ogr2ogr", "-f", "GPKG", "-append", files["blob"], os.path.join(GOOD, "ward-office.gpkg"), "-nln", "shapes",
        "-nlt", "GEOMETRY")
    run("ogrinfo", files["blob"], "-sql",
        "UPDATE shapes SET geom = x'4750000100000000DEADBEEF' WHERE fid = (SELECT MAX(fid) FROM shapes)")
    files["page"] = os.path.join(d, "damaged.gpkg")
    shutil.copy(os.path.join(GOOD, "ward-office.gpkg"), files["page"])
    with open(files["page"], "r+b") as f:
        f.seek(4096 * 2)
        f.write(b"\xff" * 4096)
    # A GeoPackage whose features name a coordinate system (srs_id) it does not define.
    files["srs"] = os.path.join(d, "undefined-srs.gpkg")
    shutil.copy(os.path.join(GOOD, "ward-office.gpkg"), files["srs"])
    db = sqlite3.connect(files["srs"])
    db.execute("UPDATE gpkg_geometry_columns SET srs_id = 99999")
    db.execute("UPDATE gpkg_contents SET srs_id = 99999")
    db.commit()
    db.close()
    # A GML file: reading it must not write a .gfs beside it.
    files["gml"] = os.path.join(d, "shapes.gml")
    run("ogr2ogr", "-f", "GML", files["gml"], os.path.join(GOOD, "polygon-with-hole.geojson"))
    for side in glob.glob(os.path.join(d, "shapes.gfs")) + glob.glob(os.path.join(d, "shapes.xsd")):
        os.remove(side)
    # File names GDAL cannot take as a table name, and a GeoPackage whose feature table is a view.
    files["gpkg-name"] = os.path.join(d, "gpkg_contents.geojson")
    shutil.copy(os.path.join(HOSTILE, "formula-cells.geojson"), files["gpkg-name"])
    files["dash-name"] = os.path.join(d, "-dash.geojson")
    shutil.copy(os.path.join(HOSTILE, "formula-cells.geojson"), files["dash-name"])
    files["view"] = os.path.join(d, "view.gpkg")
    shutil.copy(os.path.join(GOOD, "ward-office.gpkg"), files["view"])
    db = sqlite3.connect(files["view"])
    table = db.execute("SELECT table_name FROM gpkg_contents WHERE data_type = 'features'").fetchone()[0]
    db.execute(f'CREATE VIEW office_view AS SELECT * FROM "{table}"')
    db.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) SELECT 'office_view', "
               "data_type, 'office_view', srs_id FROM gpkg_contents WHERE table_name = ?", (table,))
    db.execute("INSERT INTO gpkg_geometry_columns SELECT 'office_view', column_name, geometry_type_name, srs_id, z, m "
               "FROM gpkg_geometry_columns WHERE table_name = ?", (table,))
    db.commit()
    db.close()
    for name in ["impossible-dates.csv", "shifted-rows.csv", "collinear.geojson", "unknown-srid.geojson",
                 "formula-cells.geojson", "utf16.csv", "garbage-prj.shp", "cr-line-ends.csv", "numeric-header.csv",
                 "quoted-separator.csv", "line-break-in-value.csv"]:
        files[name.split(".")[0]] = os.path.join(d, name)
    return files, listener


def main(binary):
    tmp = tempfile.mkdtemp(prefix="sm-hostile-")
    env = dict(os.environ, SAFETYMAP_CONFIG_DIR=os.path.join(tmp, "cfg"))
    try:
        corpus = os.path.join(tmp, "corpus")
        os.mkdir(corpus)
        files, listener = make_corpus(corpus)
        base = os.path.join(tmp, "base.gpkg")
        r = run(binary, "import", "--into", base, os.path.join(GOOD, "ward-office.csv"), env=env)
        check(r.returncode == 0, f"a base project is made ({r.stderr[-300:]})")
        before = layer_counts(base)

        def both(key):
            """check and import one file; returns (check result, import result, project counts after)."""
            path = files[key]
            c = run(binary, "check", "--lang", "en", "--", path, env=env)
            proj = os.path.join(tmp, key + ".gpkg")
            shutil.copy(base, proj)
            i = run(binary, "import", "--lang", "en", "--into", proj, "--", path, env=env)
            check(c.returncode >= 0 and i.returncode >= 0,
                  f"{key}: no crash (check {c.returncode}, import {i.returncode})")
            return c, i, layer_counts(proj)

        def refused(key, phrase):
            c, i, after = both(key)
            name = os.path.basename(files[key])
            lines = [l for l in c.stdout.splitlines() if "error:" in l]
            check(c.returncode == 1 and any(name in l and phrase in l for l in lines),
                  f"{key}: check names the file and says '{phrase}' ({lines[:2]})")
            check(i.returncode == 1 and phrase in i.stderr and name in i.stderr,
                  f"{key}: import says the same ({i.stderr.strip()[-300:]})")
            check(after == before, f"{key}: the project is as it was ({after} vs {before})")
            check(len(c.stdout) + len(c.stderr) < 4000 and len(i.stderr) < 4000,
                  f"{key}: the messages are short ({len(c.stdout)}, {len(i.stderr)} bytes)")

        # A stray quote in the real 2019 police file: refused, with the line, nothing half-imported.
        refused("stray-quote", "line 3: a double quote")
        # Not ordinary files, in words a clerk understands; none of them hangs.
        refused("fifo", "a pipe (FIFO)")
        refused("folder", "a folder, not a file")
        refused("loop", "symbolic link that leads round in a loop")
        refused("fifo-dbf", "fifo-dbf.dbf beside it is a pipe")
        refused("big-kml", "safetymap reads KML files up to 256 MiB")
        refused("utf16", "UTF-16 text: save it as UTF-8")
        refused("garbage-prj", "garbage-prj.prj beside it cannot be read as a coordinate system")
        refused("unknown-srid", "unknown coordinate reference system")
        refused("page", "the GeoPackage is damaged")
        refused("srs", "names a coordinate system it does not define")

        # Into a project that does not exist yet, every file refused: no project of the bundled data alone is made.
        fresh = os.path.join(tmp, "never-made.gpkg")
        i = run(binary, "import", "--lang", "en", "--into", fresh, "--", files["stray-quote"], env=env)
        check(i.returncode == 1 and not os.path.exists(fresh) and "was not made" in i.stderr,
              f"a new project is not made when every file is refused ({i.stderr.strip()[-200:]})")

        # The legacy CRS link: refused, and no connection reached the listener.
        refused("crs-link", "from the network")
        try:
            conn, _ = listener.accept()
            conn.close()
            check(False, "crs-link: no file made safetymap connect to the address it names")
        except BlockingIOError:
            check(True, "crs-link: no file made safetymap connect to the address it names")

        # Long values: no crash, the messages quote at most 40 characters; the 70,000-byte value is named.
        c, i, after = both("long-town")
        check("築港１丁目" not in i.stderr or len(i.stderr) < 4000, "long-town: the messages stay short")
        check("row 3 not read" in c.stdout and "row 3 not read" in i.stderr and "70000 bytes" in i.stderr,
              "long-town: the 70,000-byte value is named by its row, in check and import")
        check(re.search(r"row 4 not placed: 'z{40}…' \(10000 characters\)", i.stderr) is not None,
              "long-town: an unknown 10,000-character 町丁目 is quoted in 40 characters")
        check(after.get("crimes") == before.get("crimes", 0) + 1,
              f"long-town: the one placeable record is added ({before.get('crimes')} → {after.get('crimes')})")

        # Impossible dates: named by row in check and import, the real one imported.
        c, i, after = both("impossible-dates")
        for row, date in [(2, "2019-02-30"), (3, "2019/2/29"), (4, "20190231")]:
            said = f"row {row} not imported: the date '{date}' does not exist"
            check(said in c.stdout and said in i.stderr, f"impossible-dates: {said} (check and import)")
        check(after.get("crimes") == before.get("crimes", 0) + 1, "impossible-dates: 2019-02-28 is imported")

        # Shifted rows: named and left out, the others kept; check and import name the same rows.
        c, i, after = both("shifted-rows")
        for row, n in [(3, 15), (4, 13)]:
            said = f"row {row} not read: it has {n} values where the header has 14"
            check(said in c.stdout and said in i.stderr, f"shifted-rows: {said}")
        check(after.get("crimes") == before.get("crimes", 0) + 2, "shifted-rows: rows 2 and 5 are imported")
        check(sorted(re.findall(r"row (\d+) not", c.stdout)) == sorted(re.findall(r"row (\d+) not", i.stderr)),
              "shifted-rows: check names exactly the rows import leaves out")

        # How GDAL reads a table is how the scan reads it: CR line ends, a header with a number in it (a header
        # still), a quoted separator in the header, a quoted line break (kept, and said).
        c, i, after = both("cr-line-ends")
        check(after.get("cr_line_ends") == 2 and c.returncode == 0, "cr-line-ends: both records, and check says ok")
        c, i, after = both("numeric-header")
        check("row 3 not read: it has 5 values where the header has 4" in c.stdout and after.get("numeric_header") == 2,
              f"numeric-header: the first line is the header, row 3 is named, rows 2 and 4 kept ({after.get('numeric_header')})")
        c, i, after = both("quoted-separator")
        check(after.get("quoted_separator") == 2 and c.returncode == 0, "quoted-separator: ';' separates, both kept")
        c, i, after = both("line-break-in-value")
        check("row 2: it spans lines 2–3" in c.stdout and "row 2: it spans lines 2–3" in i.stderr
              and after.get("line_break_in_value") == 2, "line-break-in-value: kept, and the span is said")

        # A polygon with no area: named, not drawn as a sliver; the square next to it is kept.
        c, i, after = both("collinear")
        check("no area" in c.stdout and "feature 1" in c.stdout, "collinear: check finds the flat polygon")
        check(after.get("collinear") == 1, f"collinear: only the real square is imported ({after.get('collinear')})")

        # A corrupt geometry blob: named by feature, the others kept.
        c, i, after = both("blob")
        check(re.search(r"corrupt geometry in feature \d+", c.stdout) is not None
              and "corrupt geometry" in i.stderr, "blob: the corrupt geometry is named by feature")
        check(after.get("corrupt_geometry", 0) >= 1, "blob: the readable features are imported")

        # 260,000 vertices: refused by feature with the limit; the point beside it is imported.
        c, i, after = both("vertices")
        check("feature 1 has 260001 vertices" in c.stdout and "feature 1 has 260001 vertices" in i.stderr,
              "vertices: the huge polygon is named with its vertex count")
        check(after.get("many_vertices") == 1, "vertices: the small feature is imported")

        # GML: read without writing a .gfs (or anything) beside it.
        before_files = set(os.listdir(corpus))
        c, i, after = both("gml")
        check(set(os.listdir(corpus)) == before_files, "gml: nothing is written beside the user's file")
        check(after.get("shapes") == 1, "gml: its feature is imported")

        # Names GDAL cannot take as tables, and a view: imported in one batch, every summary true.
        proj = os.path.join(tmp, "batch.gpkg")
        shutil.copy(base, proj)
        i = run(binary, "import", "--lang", "en", "--into", proj, "--", files["gpkg-name"], files["dash-name"],
                files["view"], env=env)
        check(i.returncode == 0, f"batch: gpkg_…, -… and a view import together ({i.stderr.strip()[-300:]})")
        after = layer_counts(proj)
        added = len(after) - len(before)
        check(added == 4, f"batch: one table per imported layer ({sorted(set(after) - set(before))})")
        # A save that fails (a write failure injected after 100 features): no summary claims an addition.
        proj = os.path.join(tmp, "failing.gpkg")
        shutil.copy(base, proj)
        i = run(binary, "import", "--lang", "en", "--into", proj, files["gpkg-name"],
                env=dict(env, SAFETYMAP_TEST_SAVE_FAIL_AFTER="100"))
        check(i.returncode == 1 and "added" not in i.stdout and "nothing was imported" in i.stderr
              and "injected failure" in i.stderr, f"batch: a save that fails prints no summary ({i.stdout.strip()[:200]})")
        check(layer_counts(proj) == before, "batch: and the project is as it was")

        # Formula cells: neutralised in CSV, exact in GeoJSON, and a CSV export imports back exactly.
        proj = os.path.join(tmp, "formula.gpkg")
        shutil.copy(base, proj)
        run(binary, "import", "--into", proj, files["formula-cells"], env=env)
        out_csv, out_json = os.path.join(tmp, "f.csv"), os.path.join(tmp, "f.geojson")
        run(binary, "export", "--project", proj, "--layer", "formula-cells", "--out", out_csv, env=env)
        run(binary, "export", "--project", proj, "--layer", "formula-cells", "--out", out_json, env=env)
        import csv
        rows = list(csv.DictReader(open(out_csv, encoding="utf-8-sig", newline="")))
        names = [r["name"] for r in rows]
        dangerous = [n for n in names if n[:1] in ("=", "+", "-", "@", "\t", "\r") and n != "-3.5"]
        check(not dangerous, f"formula: no exported cell starts a formula ({dangerous})")
        check("'=HYPERLINK(\"http://example.invalid/\",\"詳細\")" in names and "-3.5" in names and "'-2+3" in names,
              "formula: formulas get a leading apostrophe, a plain number does not")
        check("'=column" in rows[0], "formula: a column name is neutralised too")
        exact = [f["properties"]["name"] for f in json.load(open(out_json))["features"]]
        check("+cmd|' /C calc'!A0" in exact and "\t=1+1" in exact, "formula: GeoJSON keeps the exact values")
        back = os.path.join(tmp, "back.gpkg")
        shutil.copy(base, back)
        r = run(binary, "import", "--into", back, out_csv, env=env)
        got = run("ogrinfo", "-ro", "-al", back, "f").stdout
        check("name (String) = +cmd|' /C calc'!A0" in got and "=column (String) = x" in got,
              "formula: the CSV imports back with the exact values")

        # Tables safetymap does not own survive a save; a project naming a file outside it does not read it.
        proj = os.path.join(tmp, "foreign.gpkg")
        shutil.copy(base, proj)
        db = sqlite3.connect(proj)
        db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, note TEXT)")
        db.execute("INSERT INTO notes (note) VALUES ('日曜の防災訓練は雨天決行')")
        layers = json.loads(db.execute("SELECT value FROM safetymap_project WHERE key = 'layers'").fetchone()[0])
        secret = os.path.join(tmp, "secret.geojson")
        shutil.copy(os.path.join(GOOD, "polygon-with-hole.geojson"), secret)
        layers.append({"id": "stolen", "reference": secret, "role": "roads"})
        layers.append({"id": "blocked", "reference": files["fifo"], "role": "roads"})
        db.execute("UPDATE safetymap_project SET value = ? WHERE key = 'layers'", (json.dumps(layers),))
        db.commit()
        db.close()
        r = run(binary, "import", "--lang", "en", "--into", proj, files["formula-cells"], env=env)
        check(r.returncode == 0, f"foreign: the import works ({r.stderr.strip()[-300:]})")
        check(f"names a file outside it as layer 'stolen': {secret}" in r.stderr and "It was not read" in r.stderr,
              "foreign: the outside file is named and not read")
        after = layer_counts(proj)
        check("stolen" not in after and not any("secret" in k for k in after), "foreign: its rows are not saved")
        db = sqlite3.connect(proj)
        notes = db.execute("SELECT note FROM notes").fetchall()
        check(notes == [("日曜の防災訓練は雨天決行",)], "foreign: the user's own table is kept with its rows")
        kept = json.loads(db.execute("SELECT value FROM safetymap_project WHERE key = 'layers'").fetchone()[0])
        check(any(e.get("id") == "stolen" and e.get("reference") == secret and "table" not in e for e in kept),
              "foreign: the unread reference stays in the project as it was named (not read, not dropped)")
        check("kept 1 table(s) safetymap does not own: notes" in r.stderr, "foreign: the save says it kept it")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("all hostile-file checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
