#!/usr/bin/env python3
"""`safetymap briefing`: the evacuation drill briefing on the real ward data. Every block is reachable
or listed as unreachable; no walk is shorter than the straight line; with a capacity everyone is either
assigned or in the shortfall; the PDF's text carries the district, the buildings and the minutes.
On a loaded centre-line network (a 100 m street lattice over the ward, where the shortest walk between
two points on the lines has a closed form) every walk is that exact length and goes to the nearest door."""
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from lattice import LATTICE, write_lattice  # noqa: E402

ROOT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def run(*args, env=None):
    return subprocess.run(list(args), capture_output=True, text=True, env=env, timeout=300)


def lattice_walk(p, q, x0, y0):
    """The shortest walk between two points on the lattice's lines (each on a row, a column or both)."""
    on = lambda v, o: abs((v - o) / LATTICE - round((v - o) / LATTICE)) < 1e-6
    dx, dy = abs(p[0] - q[0]), abs(p[1] - q[1])
    for a, b, o_along, o_across in ((0, 1, x0, y0), (1, 0, y0, x0)):
        # Both on lines running along axis a (rows for a = 0) but not on a crossing line between them.
        if on(p[b], o_across) and on(q[b], o_across) and not (on(p[a], o_along) or on(q[a], o_along)):
            if abs(p[b] - q[b]) < 1e-6:
                return abs(p[a] - q[a])
            gap = lambda v: (v - o_along) // LATTICE
            if gap(p[a]) == gap(q[a]):  # no crossing street between them: out to one end of the block and back
                lo = o_along + gap(p[a]) * LATTICE
                return abs(p[b] - q[b]) + min(p[a] - lo + q[a] - lo, 2 * (lo + LATTICE) - p[a] - q[a])
    return dx + dy


def main(binary):
    tmp = tempfile.mkdtemp(prefix="sm-brief-")
    env = dict(os.environ, SAFETYMAP_CONFIG_DIR=os.path.join(tmp, "cfg"))
    try:
        pdf = os.path.join(tmp, "ichioka.pdf")
        r = run(binary, "briefing", "--district", "市岡", "--out", pdf, "--json", env=env)
        check(r.returncode == 0 and os.path.exists(pdf), "briefing --district 市岡 writes a PDF")
        check("100%" in r.stderr, "progress is shown on the command line")
        j = json.loads(r.stdout)
        w = j["share_within_minutes"]
        fast, slow = w["1.0"], w["0.5"]
        check(j["deadlines"] == [15, 120] and all(0 <= fast[m] <= 1 and 0 <= slow[m] <= 1 for m in ("15", "120")) and
              fast["15"] <= fast["120"] and all(slow[m] <= fast[m] for m in ("15", "120")),
              f"the share within the default deadlines (15 and 120 minutes) grows with time and with speed ({fast}, {slow})")
        text = run("pdftotext", "-layout", pdf, "-").stdout
        check("4.5 m" in text and "120 分" in text and "10〜20 分" in text and "2013" in text,
              "the assumptions quote the tsunami height, the +1 m arrival and JMA's 10–20 minutes, with the source")
        check("15分以内に着く人の割合" in text and "120分以内に着く人の割合" in text and "2015年国勢調査" in text, "the summary says how many arrive in time, and that people are the 2015 census")
        census = {}
        with open(os.path.join(ROOT_DIR, "geodata", "derived", "districts.geojson"), encoding="utf-8") as f:
            for feat in json.load(f)["features"]:
                census[feat["properties"]["name"]] = feat["properties"]["population"]
        mine = {d["name"]: round(d["people"]) for d in j["districts"]}
        check(mine == census, f"each district's people are the census sum of its 町丁目 ({mine})")
        check(j["people"] == 82035 and j["people_source"].startswith("2015 census"),
              f"the ward's people are its 2015 census population, spread per 町丁目 ({j['people']})")
        check(abs(j["assigned"] + j["shortfall"] - j["people"]) < 1e-6, "assigned + shortfall = everyone (nearest mode)")
        for o in j["origins"]:
            if not o["reachable"]:
                continue
            for f in o["flows"]:
                b = next(b for b in j["buildings"] if b["name"] == f["building"])
                straight = math.hypot(o["x"] - b["x"], o["y"] - b["y"])
                if f["distance_m"] + 60 < straight:  # the door is within 60 m of the building
                    failures.append(f"walk shorter than the straight line: {f}")
        check(all(o["reachable"] or not o["flows"] for o in j["origins"]), "unreachable blocks have no destination, not a zero walk")
        check(not [f for f in failures if f.startswith("walk shorter")], "no walk is shorter than the straight line")
        dist = {d["name"]: d for d in j["districts"]}
        check(all(d["blocks"] > 0 for d in dist.values()), "every district has blocks of people")

        text = run("pdftotext", "-layout", pdf, "-").stdout
        check("市岡地域 避難訓練ブリーフィング" in text, "the briefing is titled with the district")
        used = {f["building"] for o in j["origins"] for f in o["flows"]}
        named = [b for b in used if b.replace("　", " ").split()[0] in text.replace("　", " ")]
        check(len(named) == len(used), f"every building the district uses is named ({len(named)}/{len(used)})")
        check(re.search(r"\d+\.\d\s+\d+\.\d", text) is not None and "分（要支援）" in text, "the minutes (normal and support) are printed")
        check("1.0 m/s" in text and "0.5 m/s" in text and "推計" in text, "the speeds and the estimate are stated")
        fonts = run("pdffonts", pdf).stdout
        check("NotoSansCJK" in fonts and " yes " in fonts, "the Japanese font is embedded")

        # Capacity-aware, with an assumed capacity: overflow goes on, and everyone is counted.
        r = run(binary, "briefing", "--district", "築港", "--json", "--mode", "capacity", "--capacity", "400", env=env)
        c = json.loads(r.stdout)
        check(abs(c["assigned"] + c["shortfall"] - c["people"]) < 1e-6, "capacity mode: assigned + shortfall = everyone")
        check(all(b["load"] <= 400 + 1 for b in c["buildings"]), "no building takes more than its capacity")
        check(any(len(o["flows"]) > 1 for o in c["origins"]) or c["shortfall"] > 0, "full buildings send people on")
        check(all(b["capacity_assumed"] for b in c["buildings"] if b["capacity"] is not None), "the capacities are marked assumed")
        en = os.path.join(tmp, "chikko-en.pdf")
        r = run(binary, "briefing", "--district", "Chikko", "--out", en, "--lang", "en", "--speed", "0.8", env=env)
        t = run("pdftotext", en, "-").stdout
        check(r.returncode == 0 and "Chikko — Evacuation drill briefing" in t and "0.8 m/s" in t, "English, at another speed")

        # On a loaded centre-line network: the exact lattice walk to the nearest door, for every block.
        lattice = os.path.join(tmp, "lattice.geojson")
        ward = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "geodata", "derived", "ward.geojson")
        x0, y0 = write_lattice(ward, lattice)
        netpdf = os.path.join(tmp, "net.pdf")
        r = run(binary, "briefing", "--district", "市岡", "--walk-network", lattice, "--json", "--out", netpdf, env=env)
        n = json.loads(r.stdout) if r.returncode == 0 else {}
        check(n.get("surface") == "network" and n["network"]["nodes"] > 10000, "--walk-network: the planner walks on the lines")
        check("centre-line network" in r.stderr, "the progress says what is walked on")
        check(n["people"] == 82035 and n["shortfall"] == 0,
              f"on the lattice everyone in the ward reaches a building ({n['people']}, short {n['shortfall']})")
        doors = [(b["door"]["x"], b["door"]["y"]) for b in n["buildings"] if b["street"]]
        door_of = {b["name"]: (b["door"]["x"], b["door"]["y"]) for b in n["buildings"] if b["street"]}
        check(len(doors) == len(n["buildings"]), "every building has a door on the lattice (lines every 100 m)")
        wrong, not_nearest = [], []
        for o in n["origins"]:
            f = o["flows"][0]
            exact = lattice_walk((o["x"], o["y"]), door_of[f["building"]], x0, y0)
            if abs(f["distance_m"] - exact) > 0.05:
                wrong.append((o["x"], o["y"], f["building"], f["distance_m"], exact))
            if min(lattice_walk((o["x"], o["y"]), d, x0, y0) for d in doors) < f["distance_m"] - 0.05:
                not_nearest.append((o["x"], o["y"], f["building"]))
        check(len(n["origins"]) > 30 and not wrong, f"every walk is the exact lattice length ({len(n['origins'])} blocks; wrong: {wrong[:3]})")
        check(not not_nearest, f"every block goes to its nearest door (not: {not_nearest[:3]})")
        t = run("pdftotext", netpdf, "-").stdout
        check("道路中心線ネットワーク" in t and "lattice.geojson" in t, "the briefing says it walked on the loaded network")
        c = json.loads(run(binary, "briefing", "--district", "市岡", "--walk-network", lattice, "--walk-on", "grid", "--json",
                           env=env).stdout)
        check(c["surface"] == "grid", "--walk-on grid keeps the road surfaces when a network is loaded")
        points = os.path.join(tmp, "points.geojson")
        with open(points, "w") as f:
            json.dump({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
                       "geometry": {"type": "Point", "coordinates": [135.45, 34.66]}}]}, f)
        r = run(binary, "briefing", "--district", "市岡", "--walk-network", points, "--json", env=env)
        check(r.returncode != 0 and "points.geojson" in r.stderr and "must be lines" in r.stderr,
              "a network file of points: a clear error naming the file")

        for args, words in [(["--district", "どこ", "--out", os.path.join(tmp, "x.pdf")], "unknown district"),
                            (["--district", "市岡", "--out", "/nonexistent/x.pdf"], "does not exist"),
                            (["--district", "市岡", "--out", os.path.join(tmp, "y.pdf"), "--speed", "0"], "walking speed")]:
            r = run(binary, "briefing", *args, env=env)
            check(r.returncode != 0 and words in r.stderr and not os.path.exists(args[3]), f"{args[:2]} {args[-2:]}: '{words}'")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
