#!/usr/bin/env python3
"""`safetymap print`: the printout a community safety centre posts. Checked as staff would get it:
the PDF's text (pdftotext) has the district and every crime type's count, equal to counts made
independently with GDAL's SQL (SpatiaLite ST_Within over the derived files); the CJK font is embedded
(pdffonts); page 1 rendered to PNG (pdftoppm) shows the district's fill and the crime colours; the
atlas has a map page per district; bad arguments are clear errors that leave no file behind."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from PIL import Image

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
DERIVED = os.path.join(ROOT, "geodata", "derived")
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def run(*args, **kw):
    return subprocess.run(list(args), capture_output=True, text=True, **kw)


def spatial_counts(tmp, district, first, last):
    """Crimes per type in the district between two months, by GDAL SQL over a GeoPackage of both layers."""
    gpkg = os.path.join(tmp, "join.gpkg")
    if not os.path.exists(gpkg):
        subprocess.run(["ogr2ogr", "-f", "GPKG", gpkg, os.path.join(DERIVED, "districts.geojson"), "-nln", "districts"], check=True)
        subprocess.run(["ogr2ogr", "-append", gpkg, os.path.join(DERIVED, "crimes.geojson"), "-nln", "crimes"], check=True)
    q = ("SELECT c.手口 AS t, COUNT(*) AS n FROM crimes c, districts d WHERE ST_Within(c.geom, d.geom) "
         f"AND d.name = '{district}' AND substr(c.\"発生年月日（始期）\", 1, 6) BETWEEN '{first}' AND '{last}' GROUP BY c.手口")
    out = run("ogrinfo", "-ro", "-q", "-dialect", "SQLite", "-sql", q, gpkg).stdout
    types = re.findall(r"  t \(String\) = (.+)", out)
    counts = [int(x) for x in re.findall(r"  n \(Integer\) = (\d+)", out)]
    return dict(zip(types, counts))


def hexrgb(h):
    return tuple(int(h[i:i + 2], 16) for i in (1, 3, 5))


def near(a, b, tol=12):
    return all(abs(x - y) <= tol for x, y in zip(a, b))


def main(binary, out):
    os.makedirs(out, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="sm-print-")
    env = dict(os.environ, SAFETYMAP_CONFIG_DIR=os.path.join(tmp, "cfg"))
    try:
        pdf = os.path.join(out, "ichioka.pdf")
        r = run(binary, "print", "--district", "市岡", "--from", "2024-01", "--to", "2024-12", "--out", pdf, env=env)
        check(r.returncode == 0 and os.path.exists(pdf), "print --district 市岡 writes a PDF")
        check("100%" in r.stderr, "progress is shown on the command line")
        text = run("pdftotext", "-layout", pdf, "-").stdout
        check("市岡地域 地域安全マップ" in text, "the map page is titled with the district")
        check("2024年1月 – 2024年12月" in text, "the period is printed")
        expected = spatial_counts(tmp, "市岡", "202401", "202412")
        table = {}
        for line in text.splitlines():
            m = re.match(r"\s*(\S+)\s+(\d+)\s+(\d+|—)\s+([+-]?\d+|—)\s*$", line)
            if m:
                table[m.group(1)] = int(m.group(2))
        for t, n in expected.items():
            check(table.get(t) == n, f"{t}: the table prints {table.get(t)}, GDAL SQL counts {n}")
        check(table.get("合計") == sum(expected.values()), f"the total is {sum(expected.values())}")
        check("合成サンプル" in text and "概略データ" in text, "the approximate and synthetic notes are on the paper")
        check(re.search(r"1\s*/\s*2", text) and re.search(r"2\s*/\s*2", text), "pages are numbered n / N")
        fonts = run("pdffonts", pdf).stdout
        check(re.search(r"NotoSansCJK\S*\s+CID Type 0C.*\byes\s+yes", fonts) is not None, "the Japanese font is embedded")

        # Page 1 as staff would see it: the district's fill around the map's centre, the crime colours on it.
        subprocess.run(["pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-png", pdf, os.path.join(out, "ichioka-page")], check=True)
        png = next(os.path.join(out, f) for f in sorted(os.listdir(out)) if f.startswith("ichioka-page"))
        img = Image.open(png).convert("RGB")
        stats = json.loads(run(binary, "stats", "--json", env=env).stdout)
        fill = hexrgb(next(d["fill"] for d in stats["per_district"] if d["name"] == "市岡"))
        blends = [tuple(round(f * 0.55 + u * 0.45) for f, u in zip(fill, under)) for under in ((250, 249, 245), (196, 196, 200))]
        W, H = img.size
        cx, cy = W // 2, int(H * 0.52)
        hits = sum(1 for x in range(cx - 60, cx + 60, 3) for y in range(cy - 60, cy + 60, 3)
                   if any(near(img.getpixel((x, y)), b) for b in blends))
        check(hits > 100, f"the district's area carries its fill colour ({hits} samples of 1600)")
        colours = {p for p in img.getdata()}
        for name, col in (("自転車盗", (230, 159, 0)), ("車上ねらい", (86, 180, 233))):
            check(any(near(p, col, 6) for p in colours), f"the {name} colour is on the map")

        # The atlas: one map page per district, then its tables.
        atlas = os.path.join(out, "atlas.pdf")
        r = run(binary, "print", "--all", "--from", "2023-01", "--to", "2024-12", "--out", atlas, env=env)
        check(r.returncode == 0, "print --all writes the atlas")
        pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", atlas).stdout).group(1))
        map_pages = []
        for p in range(1, pages + 1):
            t = run("pdftotext", "-f", str(p), "-l", str(p), atlas, "-").stdout
            m = re.search(r"(\S+)地域 地域安全マップ", t)
            if m:
                map_pages.append(m.group(1))
        check(len(map_pages) == 11 and len(set(map_pages)) == 11, f"the atlas has one map page per district ({len(map_pages)})")
        check(pages > 22, f"each district has its table pages too ({pages} pages)")

        # Bad arguments: a clear error, a non-zero exit, no file.
        cases = [
            (["--district", "どこにもない", "--out", os.path.join(tmp, "a.pdf")], "unknown district"),
            (["--district", "市岡", "--out", "/nonexistent-dir/a.pdf"], "does not exist"),
            (["--district", "市岡", "--out", "/proc/a.pdf"], "cannot"),
            (["--district", "市岡", "--from", "2030-01", "--to", "2030-12", "--out", os.path.join(tmp, "b.pdf")], "no crime records"),
            (["--district", "市岡", "--from", "2024-05", "--to", "2024-01", "--out", os.path.join(tmp, "c.pdf")], "period is empty"),
            (["--district", "市岡", "--paper", "B5", "--out", os.path.join(tmp, "d.pdf")], "unknown paper"),
        ]
        for args, words in cases:
            r = run(binary, "print", *args, env=env)
            target = args[args.index("--out") + 1]
            check(r.returncode != 0 and words in r.stderr and not os.path.exists(target),
                  f"{' '.join(args[:2])} …: exit {r.returncode}, says '{words}'")
        leftovers = [f for f in os.listdir(out) + os.listdir(tmp) if ".tmp" in f]
        check(not leftovers, "no temporary file is left behind")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
