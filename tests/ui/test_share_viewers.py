#!/usr/bin/env python3
"""Two viewers on one shared store (a real PostgreSQL + PostGIS server started by pg_virtualenv), driven as two
people drive them (xdotool on two Xvfb screens): centre 築港's login adds a crime record on the map and the ward
office's viewer shows it without reloading (LISTEN/NOTIFY); the ward office moves it; 築港, not yet told of the move,
undoes its addition: that is a conflict, shown side by side, nothing written until 築港 chooses; it keeps its own
version and the history holds all three versions.

In 築港's viewer the job that reads other people's changes is held (SAFETYMAP_TEST_HOLD_JOB=share-fetch), so its
undo is made on the version it had: the race two people at two desks run into, made certain.

  test_share_viewers.py --binary SAFETYMAP --out DIR"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_viewer import Failure, Session, check  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from postgres import server  # noqa: E402

DB = "ward"


def psql(sql):
    r = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-d", DB, "-c", sql], capture_output=True, text=True)
    if r.returncode != 0:
        raise Failure("psql: " + r.stderr)
    return r.stdout.strip()


def crimes(state):
    return next(l for l in state["layers"] if l["role"] == "crimes")["features"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    binary = os.path.abspath(args.binary)
    tmp = tempfile.mkdtemp(prefix="sm-share-ui-")
    subprocess.run(["createdb", DB], check=True)
    subprocess.run([binary, "share", "init", "--db", "PG:dbname=" + DB], check=True, capture_output=True)
    logins = {"chikko": ("築港", "chikko-pw"), "ward_office": (None, "ward-office-pw")}
    for name, (district, password) in logins.items():
        pwfile = os.path.join(tmp, name)
        with open(pwfile, "w") as f:
            f.write(password + "\n")
        where = ["--district", district] if district else ["--ward-office"]
        subprocess.run([binary, "share", "user", "add", "--db", "PG:dbname=" + DB, "--name", name, *where,
                        "--password-file", pwfile], check=True, capture_output=True)
    db = ["--db", "PG:dbname=" + DB]
    as_login = lambda name: {"PGUSER": name, "PGPASSWORD": logins[name][1]}
    for name in logins:
        os.makedirs(os.path.join(args.out, name), exist_ok=True)
    a = Session(binary, os.path.join(args.out, "chikko"), db,
                extra_env=dict(as_login("chikko"), SAFETYMAP_TEST_HOLD_JOB="share-fetch"))
    b = Session(binary, os.path.join(args.out, "ward_office"), db, extra_env=as_login("ward_office"))
    try:
        live = lambda t: t["ready"] and t["share"]["open"] and t["share"]["listening"] and t["camera"]["settled"]
        sa = a.wait(live, "築港's viewer opens the shared store and listens", timeout=120)
        sb = b.wait(live, "the ward office's viewer opens it too", timeout=120)
        check(sa["share"]["login"] == "chikko" and sb["share"]["login"] == "ward_office", "each says who is connected")
        before = crimes(sa)
        check(before == int(psql("SELECT count(*) FROM crimes")), f"both show the store's {before} crime records")

        # 築港 adds a record on the map: written at once, and it appears in the ward office's viewer.
        a.click_widget(sa, "tool:add")
        sa = a.wait(lambda t: t["edit"]["tool"] == 1, "築港 chooses the Add tool")
        x, y = next(d for d in sa["districts"] if d["name"] == "築港")["inside_window"]
        a.click(x, y)
        # Written: nothing unsent, and nothing left unsaved (the store has it all; the title loses its mark).
        sa = a.wait(lambda t: crimes(t) == before + 1 and t["share"]["unsent"] == 0 and not t["edit"]["dirty"],
                    "the new record is written to the store")
        uid = psql("SELECT uid FROM crimes WHERE changed_by = 'chikko'")
        check(len(uid) == 36, "the store has it, by chikko")
        sb = b.wait(lambda t: crimes(t) == before + 1 and t["share"]["remote"] >= 1,
                    "the ward office's viewer shows it without reloading")
        if not next(l for l in sb["layers"] if l["role"] == "crimes")["visible"]:
            b.click_widget(sb, "layer-visible:crimes")
            sb = b.wait(lambda t: next(l for l in t["layers"] if l["role"] == "crimes")["visible"], "crimes shown")
        b.screenshot("20-share-arrived.png")

        # The ward office moves it a little (inside 築港).
        sb = b.wait(lambda t: any(p["layer"] == "crimes" and p["feature"] == before for p in t["points"]),
                    "the new record is on the ward office's map")
        p = next(p for p in sb["points"] if p["layer"] == "crimes" and p["feature"] == before)
        b.click(p["x"], p["y"])
        sb = b.wait(lambda t: t["selection"] and t["selection"]["layer"] == "crimes", "the ward office selects it")
        check(sb["selection"]["attributes"].get("uid") == uid, "the record selected is the one 築港 added")
        b.click_widget(sb, "tool:move")
        b.wait(lambda t: t["edit"]["tool"] == 2, "the Move tool")
        b.drag(p["x"], p["y"], p["x"] + 8, p["y"] + 4)
        b.wait(lambda t: t["edit"]["undo"] >= 1 and not t["edit"]["dirty"] and t["share"]["unsent"] == 0,
               "the move is written")
        check(psql(f"SELECT version || ' ' || changed_by FROM crimes WHERE uid = '{uid}'") == "2 ward_office",
              "the store has the ward office's version 2")
        original = psql(f"SELECT after->>'geom' FROM safetymap_history WHERE uid = '{uid}' AND version = 1")

        # The inspector's history: who changed the record, when, and an earlier version brought back.
        sb = b.wait(lambda t: "inspector-history" in t["widgets"], "the inspector offers the record's history")
        b.click_widget(sb, "inspector-history")
        sb = b.wait(lambda t: t["share"]["history"] == 2 and "share:restore:1" in t["widgets"],
                    "the history window lists its two versions (added by 築港, moved by the ward office)")
        b.screenshot("21-share-history.png")
        b.click_widget(sb, "share:restore:1")
        sb = b.wait(lambda t: t["share"]["history"] == 3, "restoring version 1 adds version 3")
        now = psql(f"SELECT version || ' ' || ST_DWithin(geom, ST_SetSRID(ST_GeomFromGeoJSON('{original}'), 6674), 0.001) "
                   f"|| ' ' || ST_AsText(geom) FROM crimes WHERE uid = '{uid}'")
        check(now.startswith("3 true"), f"the record is back where 築港 put it, as version 3 ({now}; was {original})")

        # 築港 (not yet told) undoes its addition: a conflict, shown, nothing written.
        a.key("ctrl+z")
        sa = a.wait(lambda t: t["share"]["conflict"] and "share:conflict" in t["widgets"],
                    "築港's undo meets the newer version: the conflict window opens")
        a.screenshot("23-share-conflict.png")
        check(psql(f"SELECT count(*) FROM crimes WHERE uid = '{uid}'") == "1", "nothing was written while it asks")
        a.click_widget(sa, "share:keep-mine")
        a.wait(lambda t: not t["share"]["conflict"] and t["share"]["unsent"] == 0, "築港 keeps its own version")
        check(psql(f"SELECT count(*) FROM crimes WHERE uid = '{uid}'") == "0", "the record is deleted, as 築港 chose")
        hist = psql(f"SELECT string_agg(op || ':' || changed_by || ':' || version, ' ' ORDER BY id) "
                    f"FROM safetymap_history WHERE uid = '{uid}'")
        check(hist == "insert:chikko:1 update:ward_office:2 update:ward_office:3 delete:chikko:4",
              f"both versions stay in the history ({hist})")
        sb = b.wait(lambda t: crimes(t) == before, "the ward office's viewer sees the deletion")
        b.screenshot("24-share-after.png")
        check(not sb["edit"]["dirty"], "showing a layer is this desk's view: nothing is left unsaved")
        # The server goes away: 築港 keeps working, its edit waits (said on screen), and is sent once asked again.
        server("stop")
        sa = a.wait(lambda t: not t["share"]["listening"], "築港's viewer says other people's edits are not arriving")
        n = crimes(sa)
        a.click_widget(sa, "tool:add")
        a.wait(lambda t: t["edit"]["tool"] == 1, "the Add tool again")
        a.click(x, y + 6)
        sa = a.wait(lambda t: crimes(t) == n + 1 and t["share"]["offline"] and t["share"]["unsent"] == 1,
                    "with the server gone the record is on 築港's map, marked not yet sent")
        a.screenshot("25-share-offline.png")
        server("start")
        sa = a.wait(lambda t: t["share"]["listening"], "the viewer listens again once the server is back", timeout=120)
        a.click_widget(sa, "share:retry")
        a.wait(lambda t: t["share"]["unsent"] == 0 and not t["share"]["offline"], "送信 again: the record is written")
        check(psql("SELECT count(*) FROM crimes WHERE changed_by = 'chikko'") == "1", "the store has it once")
        b.wait(lambda t: crimes(t) == before + 1, "and the ward office's viewer shows it")
        said = sb["messages"] + a.state()["messages"]
        check(not any("cannot" in m or "refused" in m for m in said), "no error about the store in either viewer")
        check(any("deleted by someone else: undo starts again" in m for m in sb["messages"]),
              "the ward office is told why its undo history starts again")
    finally:
        a.close()
        b.close()
    print("share viewers: all checks passed")


if __name__ == "__main__":
    try:
        main()
    except Failure as e:
        print(f"FAIL {e}")
        sys.exit(1)
