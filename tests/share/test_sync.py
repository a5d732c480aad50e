#!/usr/bin/env python3
"""Offline work against a real server (run under pg_virtualenv): `safetymap share checkout` and `share sync`.

A centre checks out, edits its GeoPackage with GDAL's own tools (an update, a deletion, a new record without an
identity) while the ward office edits the server; the sync sends the centre's changes in one transaction and takes
the ward office's. The same record changed on both sides is a conflict: nothing moves on either side until --mine
or --theirs. Faults: the server is stopped (pg_ctlcluster … stop -m immediate) at every point of a sync (connected,
before each change, before the commit, after it, after the checkout is written); the sync says so and stops, and
once the server is back the sync run again leaves the same database and the same checkout as one uninterrupted sync.

  test_sync.py SAFETYMAP_BINARY"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from checks import check, failures, run  # noqa: E402
from postgres import server  # noqa: E402

BIN = sys.argv[1]
def psql(db, sql):
    r = run("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", sql)
    if r.returncode != 0:
        raise RuntimeError("psql: " + r.stderr)
    return r.stdout.strip()


def sqlite(path, sql):
    r = run("ogrinfo", "-q", path, "-sql", sql, "-dialect", "SQLite")
    return r.returncode == 0, r.stdout + r.stderr


def dump(db):
    """The shared records and their history, without the times (which differ between runs) and with the new record's
    uid (random, given by each sync) as NEW."""
    new = psql(db, "SELECT coalesce(string_agg(uid::text, ' '), '') FROM crimes WHERE \"罪名\" = 'オフラインの新規'")
    records = psql(db, "SELECT string_agg(concat_ws('|', uid, version, changed_by, \"手口\", \"罪名\", "
                       "ST_AsText(geom)), E'\\n' ORDER BY uid) FROM crimes")
    history = psql(db, "SELECT string_agg(concat_ws('|', layer, uid, op, version, changed_by), E'\\n' "
                       "ORDER BY layer, uid, version, op) FROM safetymap_history")
    def normal(text):  # the new record's uid as NEW, then in order
        for u in new.split():
            text = text.replace(u, "NEW")
        return "\n".join(sorted(text.split("\n")))
    return normal(records) + "\n--\n" + normal(history)


def checkout_rows(path):
    ok, out = sqlite(path, "SELECT CASE WHEN \"罪名\" = 'オフラインの新規' THEN 'NEW' ELSE uid END AS u, version, "
                           "\"手口\", \"罪名\", ST_AsText(geom) FROM crimes ORDER BY u")
    return out


def main():
    tmp = tempfile.mkdtemp(prefix="sm-sync-")
    env_chikko = dict(os.environ, PGUSER="chikko", PGPASSWORD="chikko-pw")
    run("createdb", "tmpl")
    check(run(BIN, "share", "init", "--db", "PG:dbname=tmpl").returncode == 0, "the store is set up")
    pw = os.path.join(tmp, "pw")
    with open(pw, "w") as f:
        f.write("chikko-pw\n")
    run(BIN, "share", "user", "add", "--db", "PG:dbname=tmpl", "--name", "chikko", "--district", "築港",
        "--password-file", pw)
    in_chikko = lambda n: psql("tmpl", "SELECT string_agg(c.uid::text, ' ' ORDER BY c.fid) FROM (SELECT c.uid, c.fid "
                                       "FROM crimes c JOIN districts d ON ST_Intersects(d.geom, c.geom) "
                                       f"WHERE d.name = '築港' ORDER BY c.fid LIMIT {n}) c").split()
    u1, u2, u3, gone = in_chikko(4)
    other = psql("tmpl", "SELECT c.uid FROM crimes c JOIN districts d ON ST_Intersects(d.geom, c.geom) "
                         "WHERE d.name = '市岡' ORDER BY c.fid LIMIT 1")
    inside = psql("tmpl", "SELECT ST_X(p) || ' ' || ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM districts "
                          "WHERE name = '築港') s").split()

    # -- a checkout, edited offline with GDAL's tools
    c0 = os.path.join(tmp, "centre.gpkg")
    r = run(BIN, "share", "checkout", "--db", "PG:dbname=tmpl", "--out", c0, env=env_chikko)
    check(r.returncode == 0 and "checked out" in r.stdout, "share checkout as 築港: " + r.stdout.strip() + r.stderr)
    r = run("ogrinfo", "-ro", "-so", c0, "crimes")
    check("Geometry: Point" in r.stdout and "6674" in r.stdout, "the checkout's crimes are points in EPSG:6674")
    check(psql("tmpl", "SELECT count(*) FROM crimes") in run("ogrinfo", "-ro", "-so", c0, "crimes").stdout,
          "… with every record of the store")
    r = run(BIN, "share", "sync", c0, "--db", "PG:dbname=tmpl", env=env_chikko)
    check(r.returncode == 0 and "0 change(s) sent" in r.stdout, "a sync right after the checkout sends nothing")
    for u, v in ((u1, "オフライン1"), (u2, "オフライン2"), (u3, "改行\nと'引用'")):
        sqlite(c0, f"UPDATE crimes SET \"手口\" = '{v.replace(chr(39), chr(39) * 2)}' WHERE uid = '{u}'")
    sqlite(c0, f"DELETE FROM crimes WHERE uid = '{gone}'")
    new = os.path.join(tmp, "new.geojson")
    with open(new, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:6674"}},
                   "features": [{"type": "Feature", "properties": {"罪名": "オフラインの新規"},
                                 "geometry": {"type": "Point", "coordinates": [float(inside[0]), float(inside[1])]}}]},
                  f, ensure_ascii=False)
    r = run("ogr2ogr", "-append", "-nln", "crimes", c0, new)
    check(r.returncode == 0, "a new record is appended to the checkout with ogr2ogr (it has no uid) " + r.stderr)
    # Meanwhile the ward office changes a 市岡 record on the server.
    psql("tmpl", f"UPDATE crimes SET \"手口\" = '区役所で修正' WHERE uid = '{other}'")

    # -- the reference: one uninterrupted sync of a copy of that checkout into a copy of that database
    run("createdb", "--strategy=file_copy", "-T", "tmpl", "ref")
    ref_file = os.path.join(tmp, "ref.gpkg")
    shutil.copy(c0, ref_file)
    r = run(BIN, "share", "sync", ref_file, "--db", "PG:dbname=ref", env=env_chikko)
    check(r.returncode == 0 and "5 change(s) sent" in r.stdout, "the sync sends 3 updates, 1 deletion, 1 addition: "
          + r.stdout.strip() + r.stderr)
    check(psql("ref", f"SELECT \"手口\" FROM crimes WHERE uid = '{u3}'") == "改行\nと'引用'",
          "values with line breaks and quotes arrive verbatim")
    check(psql("ref", f"SELECT count(*) FROM crimes WHERE uid = '{gone}'") == "0", "the deletion arrives")
    check(psql("ref", "SELECT count(*) FROM crimes WHERE \"罪名\" = 'オフラインの新規' AND changed_by = 'chikko'") == "1",
          "the new record arrives once, by chikko")
    check("区役所で修正" in checkout_rows(ref_file), "the ward office's change comes into the checkout")
    check(psql("ref", "SELECT count(*) FROM safetymap_history WHERE changed_by = 'chikko'") == "5",
          "the history holds one row per change sent")
    r = run(BIN, "share", "sync", ref_file, "--db", "PG:dbname=ref", env=env_chikko)
    check(r.returncode == 0 and "0 change(s) sent" in r.stdout, "a second sync sends nothing")
    before_file = open(ref_file, "rb").read()
    r = run(BIN, "share", "sync", ref_file, "--db", "PG:dbname=ref", env=env_chikko)
    check(r.returncode == 0 and open(ref_file, "rb").read() == before_file,
          "with nothing new on either side the checkout is left as it is")
    reference = dump("ref")
    reference_file = checkout_rows(ref_file)

    # -- the server stopped at every point of the sync
    points = 5 + 4  # connected, before each of the 5 changes, before the commit, committed, written
    # Every point here; the sanitizer run (scripts/sanitize.sh) takes a sample, as its purpose there is memory errors.
    sample = os.environ.get("SAFETYMAP_TEST_SYNC_POINTS")
    for k in (range(points) if not sample else [int(p) for p in sample.split(",")]):
        db = f"fault{k}"
        run("createdb", "--strategy=file_copy", "-T", "tmpl", db)
        path = os.path.join(tmp, f"fault{k}.gpkg")
        shutil.copy(c0, path)
        p = subprocess.Popen([BIN, "share", "sync", path, "--db", "PG:dbname=" + db], env=dict(
            env_chikko, SAFETYMAP_TEST_SYNC_PAUSE=str(k)), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        line = p.stderr.readline()
        paused = f"paused at {k}" in line
        server("stop")
        out, err = p.communicate("go\n", timeout=300)
        server("start")
        what = line.split("(")[-1].rstrip(")\n") if paused else "?"
        if k < points - 1:
            check(paused and p.returncode != 0 and ("lost" in err or "no PostgreSQL server" in err
                                                    or "terminating" in err or "closed" in err),
                  f"stopped at {k} ({what}): the sync says so: {err.strip()[:160]}")
        else:
            check(paused and p.returncode == 0, f"stopped at {k} ({what}): the sync had finished")
        r = run(BIN, "share", "sync", path, "--db", "PG:dbname=" + db, env=env_chikko)
        check(r.returncode == 0, f"… run again once the server is back: {r.stdout.strip()}{r.stderr.strip()}")
        got = dump(db)
        check(got == reference, "… the database is as after one uninterrupted sync" +
              ("" if got == reference else ": " + next((f"{a!r} != {b!r}" for a, b in zip(got.split(), reference.split())
                                                        if a != b), "lengths differ")))
        check(checkout_rows(path) == reference_file, "… and so is the checkout")

    # -- a conflict: the same record changed on both sides
    run("createdb", "--strategy=file_copy", "-T", "ref", "conf")
    c2 = os.path.join(tmp, "conf.gpkg")
    check(run(BIN, "share", "checkout", "--db", "PG:dbname=conf", "--out", c2, env=env_chikko).returncode == 0,
          "a new checkout")
    sqlite(c2, f"UPDATE crimes SET \"手口\" = 'こちらの版' WHERE uid = '{u1}'")
    psql("conf", f"UPDATE crimes SET \"手口\" = '区役所の版' WHERE uid = '{u1}'")
    before_db, before_file = dump("conf"), open(c2, "rb").read()
    r = run(BIN, "share", "sync", c2, env=env_chikko)
    check(r.returncode == 3 and "conflict" in r.stderr and "--mine" in r.stderr,
          "the sync stops at the conflict and says how to choose: " + r.stderr.strip()[:200])
    check(dump("conf") == before_db and open(c2, "rb").read() == before_file,
          "nothing moved on either side")
    r = run(BIN, "share", "sync", c2, "--theirs", env=env_chikko)
    check(r.returncode == 0 and "1 given up" in r.stdout, "--theirs gives this change up: " + r.stdout.strip())
    check(psql("conf", f"SELECT \"手口\" FROM crimes WHERE uid = '{u1}'") == "区役所の版" and
          "区役所の版" in checkout_rows(c2), "… theirs is in the store and in the checkout")
    sqlite(c2, f"UPDATE crimes SET \"手口\" = 'やはりこちら' WHERE uid = '{u1}'")
    psql("conf", f"UPDATE crimes SET \"手口\" = '区役所の二版' WHERE uid = '{u1}'")
    r = run(BIN, "share", "sync", c2, "--mine", env=env_chikko)
    check(r.returncode == 0 and psql("conf", f"SELECT \"手口\" FROM crimes WHERE uid = '{u1}'") == "やはりこちら",
          "--mine writes this version over theirs")
    check(psql("conf", f"SELECT string_agg(changed_by || ':' || (after->>'手口'), ' ' ORDER BY id) "
                       f"FROM safetymap_history WHERE uid = '{u1}' AND id > (SELECT max(id) - 3 FROM safetymap_history "
                       f"WHERE uid = '{u1}')") == "postgres:区役所の版 postgres:区役所の二版 chikko:やはりこちら",
          "both sides' versions stay in the history")
    # A centre's sync cannot change another district's records: refused, nothing sent.
    c3 = os.path.join(tmp, "other.gpkg")
    run(BIN, "share", "checkout", "--db", "PG:dbname=conf user=chikko password=chikko-pw", "--out", c3)
    ok, out = sqlite(c3, "SELECT value FROM safetymap_checkout WHERE key = 'db'")
    check("dbname" in out and "chikko-pw" not in out, "a checkout made with a password in the connection keeps none")
    sqlite(c3, f"UPDATE crimes SET \"手口\" = '越境' WHERE uid = '{other}'")
    sqlite(c3, f"UPDATE crimes SET \"手口\" = '同時に' WHERE uid = '{u2}'")
    before_db = dump("conf")
    r = run(BIN, "share", "sync", c3, env=env_chikko)
    check(r.returncode != 0 and "refused" in r.stderr and dump("conf") == before_db,
          "a sync that touches 市岡 as 築港 is refused whole: " + r.stderr.strip()[:200])
    # A checkout that lost a layer is refused, not read as every record of it deleted.
    c4 = os.path.join(tmp, "lost.gpkg")
    shutil.copy(c2, c4)
    run("ogrinfo", c4, "-sql", "DELLAYER:crimes")
    before_db = dump("conf")
    r = run(BIN, "share", "sync", c4, env=env_chikko)
    check(r.returncode != 0 and "crimes" in r.stderr and "missing" in r.stderr and dump("conf") == before_db,
          "a checkout whose crimes layer is gone is refused, nothing sent: " + r.stderr.strip()[:160])

    # The checkout carries QGIS's layer_styles too; one a user saved from QGIS into a project is kept on save.
    ok, out = sqlite(c2, "SELECT count(*) AS n FROM layer_styles WHERE description = 'safetymap' AND useAsDefault = '1'")
    check("n (Integer) = 11" in out, "the checkout has a default QGIS style for each of its 11 layers")
    proj = os.path.join(tmp, "project.gpkg")
    good = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "good", "ward-office.csv")
    run(BIN, "import", "--into", proj, good)
    sqlite(proj, "UPDATE safetymap_project SET value = 'kept' WHERE key = 'layer_styles'")  # as if QGIS wrote it
    sqlite(proj, "UPDATE layer_styles SET styleName = 'QGISで保存'")
    run(BIN, "import", "--into", proj, good)
    ok, out = sqlite(proj, "SELECT count(*) AS n FROM layer_styles WHERE styleName = 'QGISで保存'")
    check(ok and "n (Integer) = 0" not in out and "n (Integer)" in out, "a layer_styles table of the user's is kept")
    r = run(BIN, "share", "sync", os.path.join(tmp, "pw"))
    check(r.returncode != 0 and ("not a checkout" in r.stderr or "cannot" in r.stderr),
          "a file that is not a checkout: " + r.stderr.strip()[:160])

    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
