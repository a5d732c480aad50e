#!/usr/bin/env python3
"""`safetymap stats`: the same figures the plan panel shows, checked against GDAL's own SQL over the
derived files, per district, in both languages, and with a clear error for an unknown district."""
import csv
import json
import os
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
CRIMES = os.path.join(ROOT, "geodata", "derived", "crimes.geojson")
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def sql(query, path):
    out = subprocess.run(["ogrinfo", "-ro", "-q", "-dialect", "SQLite", "-sql", query, path],
                         capture_output=True, text=True, check=True).stdout
    rows, row = [], {}
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("OGRFeature"):
            if row:
                rows.append(row)
            row = {}
        elif " = " in line and "(" in line:
            name = line.split(" (")[0]
            row[name] = line.split(" = ", 1)[1]
    if row:
        rows.append(row)
    return rows


def main(binary):
    env = dict(os.environ, SAFETYMAP_CONFIG_DIR=os.path.join(os.environ.get("TMPDIR", "/tmp"), f"sm-stats-{os.getpid()}"))
    r = subprocess.run([binary, "stats", "--json"], capture_output=True, text=True, env=env)
    check(r.returncode == 0, "stats --json exits 0")
    j = json.loads(r.stdout)
    by_type = {row["t"]: int(row["n"]) for row in sql("SELECT 手口 AS t, COUNT(*) AS n FROM crimes GROUP BY 手口", CRIMES)}
    check(j["crimes_by_type"] == by_type, f"crimes by type equal GDAL SQL: {by_type}")
    check(j["crimes"] == sum(by_type.values()), "the total equals the sum of the types")
    check(j["districts"] == 11 and len(j["per_district"]) == 11, "11 districts")
    check(j["crimes_synthetic"] is False, "the crimes are the police's real records, not a sample")
    check(j["crimes"] == 658 and j["crimes_by_type"] == {"自転車盗": 658}, "658 bicycle thefts (2018 and 2019 files)")
    check(set(j["crime_types_without_records"]) == {"車上ねらい", "部品ねらい", "オートバイ盗", "自動販売機ねらい", "ひったくり", "自動車盗"},
          "the six other types say 'no records loaded', not 0")
    check(j["population"] == 82035, f"the ward's people are the 2015 census ({j['population']})")

    # Per 町丁目 and per district, each year: equal to a count made here from the police CSVs themselves.
    reference = os.environ.get("SAFETYMAP_REFERENCE", os.path.join(ROOT, "..", "shared", "reference-data"))
    folder = os.path.join(reference, "osaka-police-crime-minato")
    kanji = "〇一二三四五六七八九"
    counts = {}
    for name in ("osaka_2018zitensyatou_27107_minato.csv", "osaka_2019zitensyatou_27107_minato.csv"):
        with open(os.path.join(folder, name), encoding="cp932", newline="") as f:
            for row in csv.DictReader(f):
                town = row["町丁目（発生地）"]
                digit = town[-3]  # full-width digit before 丁目
                town = town[:-3] + kanji[ord(digit) - ord("０")] + "丁目"
                year = row["発生年月日（始期）"][:4]
                counts.setdefault(town, {}).setdefault(year, 0)
                counts[town][year] += 1
    years = {}
    for t in counts.values():
        for y, n in t.items():
            years[y] = years.get(y, 0) + n
    check(years.get("2018") == 321 and years.get("2019") == 325 and sum(years.values()) == 658,
          f"by the date each record carries: {sorted(years.items())}")
    got = {c["town"]: {y: v["count"] for y, v in c["by_year"].items()} for c in j["per_chome"] if c["by_year"]}
    check(got == counts, "per 町丁目 and year, the counts equal the CSVs'")
    pop = {c["town"]: c["population"] for c in j["per_chome"]}
    rate_ok = all(v["rate_per_1000"] is None if not pop[c["town"]] else abs(v["rate_per_1000"] - 1000 * v["count"] / pop[c["town"]]) < 0.051
                  for c in j["per_chome"] for v in c["by_year"].values())
    check(rate_ok, "rates are per 1,000 residents of the 2015 census (none where no one lives)")
    for d in j["per_district"]:
        mine = {}
        people = 0
        for c in j["per_chome"]:
            if c["district"] == d["name"]:
                people += c["population"] or 0
                for y, v in c["by_year"].items():
                    mine[y] = mine.get(y, 0) + v["count"]
        check(d["population"] == people, f"{d['name']}: its people are the census sum of its 町丁目 ({people})")
        check({y: v["count"] for y, v in d["crimes_by_year"].items()} == mine,
              f"{d['name']}: per year, the sum of its 町丁目 ({mine})")
    ind = {i["id"]: i for i in j["indicators"]}
    check(ind["tsunami_buildings.count"]["disagrees"] == (j["tsunami_buildings"] != 108),
          "the building count is compared with the plan's 108")
    check("108" in ind["tsunami_buildings.count"]["plan"], "the plan's own words carry 108")
    check(ind["tsunami_buildings.capacity"]["known"] is False, "capacity is unknown, not invented")
    check(sum(d["crimes"] for d in j["per_district"]) <= j["crimes"], "per-district crimes add up within the ward")

    r = subprocess.run([binary, "stats", "--json", "--district", "Ichioka"], capture_output=True, text=True, env=env)
    d = json.loads(r.stdout)
    row = next(x for x in j["per_district"] if x["name"] == "市岡")
    check(d["district"] == "市岡" and d["crimes"] == row["crimes"],
          f"--district Ichioka counts only 市岡 ({d['crimes']} crimes)")
    check(d["crimes_by_type"] == {k: v for k, v in row["crimes_by_type"].items()}, "its types match its row")

    r = subprocess.run([binary, "stats", "--lang", "en"], capture_output=True, text=True, env=env)
    check(r.returncode == 0 and "Tsunami evacuation buildings: " in r.stdout and "Ichioka" in r.stdout,
          "stats --lang en prints English labels and district names")
    r = subprocess.run([binary, "stats"], capture_output=True, text=True, env=env)
    check("津波避難ビルの数" in r.stdout and "計画は108" in r.stdout, "stats prints Japanese by default, with the plan's figure")

    r = subprocess.run([binary, "stats", "--district", "どこにもない"], capture_output=True, text=True, env=env)
    check(r.returncode == 2 and "unknown district 'どこにもない'" in r.stderr and "市岡" in r.stderr,
          "an unknown district is a clear error listing the districts")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
