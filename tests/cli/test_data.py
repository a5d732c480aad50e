#!/usr/bin/env python3
"""Keeping the data: `safetymap import`, `check` and `export`, and a project file that survives being
killed at any moment of a save. Everything is read back with GDAL's own tools (ogrinfo) or SQLite."""
import csv
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from checks import check, failures, run  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
BAD = os.path.join(ROOT, "tests", "data", "bad")
SAMPLE = os.path.join(ROOT, "tests", "data", "samples", "crime-sample-SYNTHETIC.csv")  # synthetic: tests only
HEADER = ("罪名,手口,管轄警察署（発生地）,管轄交番・駐在所（発生地）,市区町村コード（発生地）,都道府県（発生地）,"
          "市区町村（発生地）,町丁目（発生地）,発生年月日（始期）,発生時（始期）,発生場所,発生場所の詳細,被害者の性別,被害者の年齢,施錠関係")
ROWS = [
    "窃盗,自転車盗,港警察署,,271071,大阪府,大阪市港区,市岡一丁目,20250105,10,道路上,,,,施錠なし",      # row 2: placed
    "窃盗,ひったくり,港警察署,,271071,大阪府,大阪市港区,弁天９丁目,20250106,11,道路上,,女性,10歳代,",   # row 3: no such 町丁目
    "窃盗,自転車盗,大正警察署,,271080,大阪府,大阪市大正区,三軒家東一丁目,20250107,12,道路上,,,,",     # row 4: other ward
    "窃盗,車上ねらい,港警察署,,271071,大阪府,大阪市港区,,20250108,13,道路上,,,,",                      # row 5: no 町丁目
    "窃盗,部品ねらい,港警察署,,271071,大阪府,大阪市港区,夕凪２丁目,20250109,14,その他,,,,",            # row 6: full-width digit
]


def count(gpkg, layer):
    out = run("ogrinfo", "-ro", "-so", gpkg, layer).stdout
    m = re.search(r"Feature Count: (\d+)", out)
    return int(m.group(1)) if m else None


def main(binary):
    tmp = tempfile.mkdtemp(prefix="sm-data-")
    env = dict(os.environ, SAFETYMAP_CONFIG_DIR=os.path.join(tmp, "cfg"))
    try:
        sjis = os.path.join(tmp, "osaka_2025zitensyatou.csv")
        with open(sjis, "wb") as f:
            f.write(("\n".join([HEADER] + ROWS) + "\n").encode("cp932"))
        proj = os.path.join(tmp, "project.gpkg")
        bundled = count(os.path.join(ROOT, "geodata", "derived", "crimes.geojson"), "crimes")
        check(bundled == 658, f"the bundled project holds the 658 real police records ({bundled})")
        r = run(binary, "import", "--into", proj, sjis, env=env)
        check(r.returncode == 0, "import --into a new project succeeds")
        check("Shift_JIS" in r.stderr + r.stdout, "the detected encoding (Shift_JIS) is reported")
        check("row 3 not placed" in r.stderr and "弁天９丁目" in r.stderr, "row 3 (an unknown 町丁目) is reported by number and reason")
        check("row 5 not placed" in r.stderr, "row 5 (no 町丁目) is reported")
        check("大阪市大正区 1" in r.stderr, "records of other wards are counted, not silently dropped")
        check(count(proj, "crimes") == bundled + 2, f"two records placed (crimes: {count(proj, 'crimes')})")
        attrs = run("ogrinfo", "-ro", "-q", proj, "-sql", "SELECT 手口, approximate, placement FROM crimes").stdout
        check("町丁目「夕凪二丁目」内の道路上の点" in attrs and "approximate (Integer(Boolean)) = 1" in attrs,
              "records placed by 町丁目 say so (approximate, placement method)")

        r = run(binary, "import", "--into", proj, sjis, env=env)
        check(count(proj, "crimes") == bundled + 2 and "重複 2件" in r.stdout, "importing the same file twice adds nothing")

        # The police open-data format as the project's own sample has it (UTF-8), and a tab-separated
        # Shift_JIS variant as Osaka publishes some years.
        r = run(binary, "import", "--into", proj, SAMPLE, env=env)
        added = re.search(r"(\d+)件を「crimes」に追加", r.stdout)
        check(r.returncode == 0 and added and int(added.group(1)) == 481, f"the police-format sample imports as it is ({added and added.group(1)})")
        tab = os.path.join(tmp, "tab.csv")
        with open(tab, "wb") as f:
            f.write(("\n".join([HEADER.replace(",", "\t")] + [ROWS[4].replace(",", "\t").replace("20250109", "20250110")]) + "\n").encode("cp932"))
        r = run(binary, "import", "--into", proj, tab, env=env)
        check("1件を「crimes」に追加" in r.stdout, "a tab-separated Shift_JIS file imports")
        n_before = count(proj, "crimes")
        with sqlite3.connect(proj) as db:
            check(db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "the project is a sound SQLite database")
            tables = {row[0] for row in db.execute("SELECT table_name FROM gpkg_contents")}
            check({"crimes", "districts", "safetymap_project"} <= tables, "the project holds the layers and its metadata")

        # The prefecture's own files, as a centre downloads them: 港区's rows are kept (here they are the very
        # records the bundled project derived from the ward extract, so they come back as duplicates, key for key),
        # every other municipality is counted, and the rows with no municipality are reported, not guessed.
        reference = os.environ.get("SAFETYMAP_REFERENCE", os.path.join(ROOT, "..", "shared", "reference-data"))
        pref = os.path.join(reference, "osaka-police-crime-prefecture")
        for name, minato, blank in (("osaka_2018zitensyatou.csv", 314, 4), ("osaka_2019zitensyatou.csv", 344, 0)):
            path = os.path.join(pref, name)
            with open(path, encoding="cp932", newline="") as f:
                rows = list(csv.DictReader(f))
            cities = {}
            for row in rows:
                c = row["市区町村（発生地）"]
                if c and "港区" not in c:
                    cities[c] = cities.get(c, 0) + 1
            target = os.path.join(tmp, "pref.gpkg")
            r = run(binary, "import", "--into", target, path, env=env, timeout=900)
            m = re.search(r"(\d+)件を読み込み、(\d+)件を「crimes」に追加.*重複 (\d+)件、区外 (\d+)件、配置できない行 (\d+)件", r.stdout)
            check(r.returncode == 0 and m is not None, f"{name}: the prefecture file imports ({r.stdout.strip()[:160]})")
            if not m:
                continue
            read, added, dup, outside, unplaced = map(int, m.groups())
            check(read == len(rows), f"{name}: every row is read ({read} of {len(rows)})")
            check(added == 0 and dup == minato, f"{name}: 港区's {minato} rows are kept (as the bundled records: {dup})")
            check(outside == sum(cities.values()), f"{name}: {outside} rows of other municipalities counted")
            check(unplaced == blank and (blank == 0 or r.stderr.count("no municipality") == blank),
                  f"{name}: {blank} rows without a municipality are reported, not guessed ({unplaced})")
            big_city = max(cities, key=cities.get)
            check(f"{big_city} {cities[big_city]}" in r.stderr, f"{name}: counted by municipality ({big_city} {cities[big_city]})")

        # Killed at many moments of a save: the file is always the old project or the new one.
        big = os.path.join(tmp, "more.csv")
        with open(big, "w", encoding="utf-8") as f:
            f.write(HEADER + "\n")
            for i in range(200):
                f.write(f"窃盗,自転車盗,港警察署,,271071,大阪府,大阪市港区,市岡二丁目,2025{1 + i % 12:02d}{1 + i % 28:02d},{i % 24},道路上,#{i},,,\n")
        slow = dict(env, SAFETYMAP_TEST_SAVE_DELAY_US="1000", SAFETYMAP_TEST_SAVE_PROGRESS="50")
        # Kill moments come from the process itself, never from the clock: it says on stderr when the save starts,
        # after every 50 features written into its temporary file, and when the file is renamed into place.
        # One save is read whole first, to spread the kills over its progress lines.
        def start(target):
            return subprocess.Popen([binary, "import", "--into", target, big], env=slow,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

        def wait_line(p, word, nth=1):
            """Reads the process's stderr until the nth line starting with `word` (blocking: the event itself)."""
            for line in p.stderr:
                if line.startswith(word):
                    nth -= 1
                    if nth == 0:
                        return True
            return False

        target = os.path.join(tmp, "measure.gpkg")
        shutil.copy(proj, target)
        p = start(target)
        check(wait_line(p, "safetymap import: saving"), "import says when its save starts")
        steps = sum(1 for line in p.stderr if line.startswith("safetymap save:"))
        p.wait()
        check(steps >= 10, f"the save reports its progress ({steps} steps of 50 features)")
        during_trial = None
        outcomes = {"old": 0, "new": 0}
        trials = 14
        for trial in range(trials):
            target = os.path.join(tmp, f"kill{trial}.gpkg")
            shutil.copy(proj, target)
            p = start(target)
            if trial < 2:
                wait_line(p, "safetymap import: saving")  # the records are read and placed; the file is not yet touched
            elif trial >= trials - 2:
                wait_line(p, "safetymap import: saved")  # renamed into place
            else:  # inside the temporary file, at steps spread from the first to the next-to-last
                wait_line(p, "safetymap save:", 1 + (trial - 2) * max(1, steps - 2) // (trials - 4))
            p.send_signal(signal.SIGKILL)
            p.wait()
            p.stderr.close()
            if any(f.startswith(f".kill{trial}.tmp-") for f in os.listdir(tmp)):
                outcomes["during"] = outcomes.get("during", 0) + 1  # killed while writing the new file
                during_trial = trial
            n = count(target, "crimes")
            with sqlite3.connect(target) as db:
                sound = db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            if n == n_before:
                outcomes["old"] += 1
            elif n == n_before + 200:
                outcomes["new"] += 1
            check(sound and n in (n_before, n_before + 200), f"killed save #{trial}: the project opens with {n} crimes")
        check(outcomes["old"] > 0 and outcomes["new"] > 0 and outcomes.get("during", 0) > 0,
              f"kills landed before, during and after the save ({outcomes})")
        if during_trial is not None:
            # (The 200 records the killed save never finished: an import with nothing new saves nothing.)
            r = run(binary, "import", "--into", os.path.join(tmp, f"kill{during_trial}.gpkg"), big, env=env)
            check(not any(f.startswith(f".kill{during_trial}.tmp-") for f in os.listdir(tmp)),
                  "the next save removes the killed save's temporary file")

        # A centre works from its own saved project: stats, print and briefing take --project.
        r = run(binary, "stats", "--json", "--project", proj, env=env)
        check(r.returncode == 0 and json.loads(r.stdout)["crimes"] == n_before,
              f"stats --project counts the project's own records ({n_before})")
        own = os.path.join(tmp, "own.pdf")
        r = run(binary, "print", "--district", "市岡", "--project", proj, "--out", own, env=env)
        text = run("pdftotext", "-layout", own, "-").stdout if r.returncode == 0 else ""
        check("2025-01-05" in text, "print --project prints the record the centre imported (市岡一丁目, 2025-01-05)")

        # Export: GeoJSON in EPSG:4326 (RFC 7946), CSV in UTF-8 with a BOM or in Shift_JIS.
        gj = os.path.join(tmp, "crimes.geojson")
        r = run(binary, "export", "--project", proj, "--layer", "crimes", "--out", gj, env=env)
        data = json.load(open(gj, encoding="utf-8"))
        lon, lat = data["features"][0]["geometry"]["coordinates"]
        check(r.returncode == 0 and "crs" not in data and 135.3 < lon < 135.6 and 34.5 < lat < 34.8,
              "GeoJSON export is RFC 7946: lon/lat, no crs member")
        check(len(data["features"]) == n_before, "every record is exported")
        csv_sjis = os.path.join(tmp, "crimes-sjis.csv")
        r = run(binary, "export", "--project", proj, "--layer", "crimes", "--out", csv_sjis, "--encoding", "sjis", env=env)
        raw = open(csv_sjis, "rb").read()
        text = raw.decode("cp932")
        check(r.returncode == 0 and text.startswith("罪名,手口") and "緯度" in text.splitlines()[0], "Shift_JIS CSV export, with 緯度/経度 columns")
        csv_utf8 = os.path.join(tmp, "crimes.csv")
        run(binary, "export", "--project", proj, "--layer", "crimes", "--out", csv_utf8, env=env)
        check(open(csv_utf8, "rb").read(3) == b"\xef\xbb\xbf", "UTF-8 CSV export has a BOM for Excel")
        proj2 = os.path.join(tmp, "reimport.gpkg")
        r = run(binary, "import", "--into", proj2, csv_sjis, env=env)
        check(count(proj2, "crimes") == n_before, "the Shift_JIS export imports back record for record")
        r = run(binary, "export", "--layer", "nosuch", "--out", os.path.join(tmp, "x.csv"), env=env)
        check(r.returncode == 2 and "no layer 'nosuch'" in r.stderr, "exporting an unknown layer is a clear error")

        # check: every file of the bad corpus is reported, by name, with a non-zero exit; a good file passes.
        bigline = os.path.join(tmp, "bigline.csv")
        with open(bigline, "w") as f:
            f.write("名称,緯度,経度\n" + "x" * 100_000_000 + ",34.66,135.45\n")
        bad = sorted(os.path.join(BAD, f) for f in os.listdir(BAD) if not f.endswith((".shx", ".dbf")))
        for path in bad + [bigline]:
            r = run(binary, "check", path, env=env, timeout=120)
            name = os.path.basename(path)
            if name == "shiftjis.csv":  # readable data: the encoding is reported, not an error
                check(r.returncode == 0 and "Shift_JIS" in r.stdout, "check shiftjis.csv reports Shift_JIS")
                continue
            check(r.returncode == 1 and name in r.stdout and ("error" in r.stdout or "warning" in r.stdout),
                  f"check {name}: exit {r.returncode}, {r.stdout.strip().splitlines()[-1][:110] if r.stdout.strip() else r.stderr[:100]}")
        r = run(binary, "check", os.path.join(ROOT, "geodata", "derived", "districts.geojson"), env=env)
        check(r.returncode == 0 and "ok" in r.stdout, "check passes a good file")
        r = run(binary, "check", sjis, env=env)
        check("Shift_JIS" in r.stdout and "row 5" in r.stdout, "check reports the encoding and the row without a place")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
