#!/usr/bin/env python3
"""`safetymap briefing`: the evacuation drill briefing on the real ward data. Every block is reachable
or listed as unreachable; no walk is shorter than the straight line; with a capacity everyone is either
assigned or in the shortfall; the PDF's text carries the district, the buildings and the minutes."""
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def run(*args, env=None):
    return subprocess.run(list(args), capture_output=True, text=True, env=env, timeout=300)


def main(binary):
    tmp = tempfile.mkdtemp(prefix="sm-brief-")
    env = dict(os.environ, SAFETYMAP_CONFIG_DIR=os.path.join(tmp, "cfg"))
    try:
        pdf = os.path.join(tmp, "ichioka.pdf")
        r = run(binary, "briefing", "--district", "市岡", "--out", pdf, "--json", env=env)
        check(r.returncode == 0 and os.path.exists(pdf), "briefing --district 市岡 writes a PDF")
        check("100%" in r.stderr, "progress is shown on the command line")
        j = json.loads(r.stdout)
        check(abs(j["people"] - 80319) < 1, "the ward's estimated people add up to its population")
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
