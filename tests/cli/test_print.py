#!/usr/bin/env python3
"""`safetymap print`: the printout a community safety centre posts. Checked as staff would get it:
the PDF's text (pdftotext) has the district and every crime type's count, equal to counts made
independently with GDAL's SQL (SpatiaLite ST_Within over the derived files); the CJK font is embedded
(pdffonts); page 1 rendered to PNG (pdftoppm) shows the district's fill and the crime colours; the
atlas has a map page per district; bad arguments are clear errors that leave no file behind."""
import csv
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
         f"AND d.name = '{district}' AND substr(c.\"発生年月日（始期）\", 1, 7) BETWEEN '{first}' AND '{last}' GROUP BY c.手口")
    out = run("ogrinfo", "-ro", "-q", "-dialect", "SQLite", "-sql", q, gpkg).stdout
    types = re.findall(r"  t \(String\) = (.+)", out)
    counts = [int(x) for x in re.findall(r"  n \(Integer\) = (\d+)", out)]
    return dict(zip(types, counts))


def stats_district_towns(binary, env, district):
    """The district's 町丁目 as `safetymap stats --json` lists them (kanji 丁目 numbers: 市岡一丁目)."""
    j = json.loads(run(binary, "stats", "--json", env=env).stdout)
    return {c["town"] for c in j["per_chome"] if c["district"] == district}


def police_counts_by_town(year, towns):
    """Records per 町丁目 (as the police write it: 市岡１丁目) in a year, counted here from the police CSVs."""
    reference = os.environ.get("SAFETYMAP_REFERENCE", os.path.join(ROOT, "..", "shared", "reference-data"))
    kanji = "〇一二三四五六七八九"
    counts = {}
    for name in ("osaka_2018zitensyatou_27107_minato.csv", "osaka_2019zitensyatou_27107_minato.csv"):
        with open(os.path.join(reference, "osaka-police-crime-minato", name), encoding="cp932", newline="") as f:
            for row in csv.DictReader(f):
                town = row["町丁目（発生地）"]
                as_kanji = town[:-3] + kanji[ord(town[-3]) - ord("０")] + "丁目"
                if as_kanji in towns and row["発生年月日（始期）"].startswith(year):
                    counts[town] = counts.get(town, 0) + 1
    return counts


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
        r = run(binary, "print", "--district", "市岡", "--from", "2019-01", "--to", "2019-12", "--out", pdf, env=env)
        check(r.returncode == 0 and os.path.exists(pdf), "print --district 市岡 writes a PDF")
        check("100%" in r.stderr, "progress is shown on the command line")
        text = run("pdftotext", "-layout", pdf, "-").stdout
        check("市岡地域 地域安全マップ" in text, "the map page is titled with the district")
        check("2019年1月 – 2019年12月" in text, "the period is printed")
        expected = spatial_counts(tmp, "市岡", "2019-01", "2019-12")
        table = {}
        for line in text.splitlines():
            m = re.match(r"\s*(\S+)\s+(\d+)\s+(\d+|—)\s+([+-]?\d+|—)\s*$", line)
            if m:
                table[m.group(1)] = int(m.group(2))
        for t, n in expected.items():
            check(table.get(t) == n, f"{t}: the table prints {table.get(t)}, GDAL SQL counts {n}")
        check(table.get("合計") == sum(expected.values()), f"the total is {sum(expected.values())}")
        check("概略データ" in text and "合成サンプル" not in text, "the approximate note is on the paper; nothing is synthetic")
        check("大阪府警察" in text and "OpenStreetMap contributors" in text and "e-Stat" in text,
              "the police, census and OpenStreetMap sources are credited on the paper")
        check(text.count("（記録なし：未読込）") >= 6, "the six types without open records say so, not 0")
        # The per-町丁目 table: each town's count equals a count made here from the police CSVs.
        towns = {}
        for line in text.splitlines():
            m = re.match(r"\s*(\S+丁目)\s+(\d+)\s+(\d+|—)\s+([+-]?\d+|—)\s*$", line)
            if m:
                towns[m.group(1)] = int(m.group(2))
        expected_towns = police_counts_by_town("2019", stats_district_towns(binary, env, "市岡"))
        check(towns and towns == {t: n for t, n in expected_towns.items() if n}, f"per 町丁目: {towns} (CSV: {expected_towns})")
        n_pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", pdf).stdout).group(1))
        check(n_pages >= 2 and all(re.search(rf"{i}\s*/\s*{n_pages}", text) for i in range(1, n_pages + 1)),
              f"pages are numbered n / N ({n_pages} pages)")
        check("年ごとの件数" in text and re.search(r"2018\s+2019", text) is not None, "the table pages chart the records per year")
        fonts = run("pdffonts", pdf).stdout
        check(re.search(r"NotoSansCJK\S*\s+CID Type 0C.*\byes\s+yes", fonts) is not None, "the Japanese font is embedded")

        # Page 1 as staff would see it: the 町丁目 in their choropleth class colours, as on the screen.
        subprocess.run(["pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-png", pdf, os.path.join(out, "ichioka-page")], check=True)
        png = next(os.path.join(out, f) for f in sorted(os.listdir(out)) if f.startswith("ichioka-page"))
        img = Image.open(png).convert("RGB")
        ramp = [(242, 240, 247), (203, 201, 226), (158, 154, 200), (117, 107, 177), (84, 39, 143)]  # ColorBrewer Purples
        W, H = img.size
        found = {c for c in ramp for x in range(W // 6, W * 5 // 6, 4) for y in range(H // 6, H * 2 // 3, 4)
                 if near(img.getpixel((x, y)), tuple(round(v * 0.85 + u * 0.15) for v, u in zip(c, (250, 249, 245))), 8)}
        check(len(found) >= 3, f"the map page shows the 町丁目 choropleth ({len(found)} class colours seen)")
        # The atlas: one map page per district, then its tables.
        atlas = os.path.join(out, "atlas.pdf")
        r = run(binary, "print", "--all", "--from", "2018-01", "--to", "2019-12", "--out", atlas, env=env)
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
            (["--district", "市岡", "--from", "2019-05", "--to", "2019-01", "--out", os.path.join(tmp, "c.pdf")], "period is empty"),
            (["--district", "市岡", "--project", os.path.join(tmp, "none.gpkg"), "--out", os.path.join(tmp, "e.pdf")], "no such project"),
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
