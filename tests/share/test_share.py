#!/usr/bin/env python3
"""The shared store on a real PostgreSQL + PostGIS server (run under `pg_virtualenv`, which starts a throwaway
cluster and sets PGHOST, PGPORT, PGUSER and PGPASSWORD for its superuser).

`safetymap share init` from the bundled project (layer counts and declared geometry types against the source files
through ogrinfo; a second run changes nothing; a foreign table of the same name stops it before any write); logins;
row-level security through psql as a centre's login (築港 may write inside 築港 only, the ward office everywhere);
the same through `safetymap share apply`; version conflicts (nothing of the step written, both versions in the
history); history and restore; values stored verbatim; the password never printed; clear messages for a wrong
password and no server.

  test_share.py SAFETYMAP_BINARY"""
import json
import os
import subprocess
import sys
import tempfile
import uuid

ROOT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from checks import check, failures  # noqa: E402

BIN = sys.argv[1]
def run(*args, env=None, user=None, password=None):
    e = dict(os.environ if env is None else env)
    if user:
        e["PGUSER"] = user
    if password is not None:
        e["PGPASSWORD"] = password
    return subprocess.run(list(args), capture_output=True, text=True, env=e, timeout=600)


def psql(db, sql, user=None, password=None):
    """Runs SQL as a login; returns (ok, output, error)."""
    r = run("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", sql, user=user,
            password=password)
    return r.returncode == 0, r.stdout.strip(), r.stderr.strip()


def sm(*args, user=None, password=None):
    return run(BIN, *args, user=user, password=password)


def ogr_count(path, layer=None):
    args = ["ogrinfo", "-ro", "-so", "-al", path] if layer is None else ["ogrinfo", "-ro", "-so", path, layer]
    out = run(*args).stdout
    return int(next(line.split(":")[1] for line in out.splitlines() if line.startswith("Feature Count")))


def main():
    tmp = tempfile.mkdtemp(prefix="safetymap-share-")
    db = "ward"
    check(run("createdb", db).returncode == 0, "createdb ward")
    pg = "PG:dbname=" + db

    # -- init from the bundled project
    r = sm("share", "init", "--db", pg)
    check(r.returncode == 0 and "shared store created" in r.stdout, "share init creates the store: " + r.stdout + r.stderr)
    ok, counts, _ = psql(db, "SELECT table_name || '=' || (xpath('/row/c/text()', query_to_xml("
                             "format('SELECT count(*) AS c FROM %I', table_name), false, true, '')))[1]::text "
                             "FROM safetymap_layers ORDER BY position")
    counts = dict(line.split("=") for line in counts.splitlines())
    derived = os.path.join(ROOT_DIR, "geodata", "derived")
    for table, source in [("crimes", "crimes.geojson"), ("districts", "districts.geojson"),
                          ("tsunami_buildings", "tsunami-buildings.geojson"), ("chome", "chome.geojson"),
                          ("roads", "roads.gpkg")]:
        want = ogr_count(os.path.join(derived, source))
        check(int(counts.get(table, -1)) == want, f"{table}: {counts.get(table)} rows in the store, {want} in {source}")
    ok, types, _ = psql(db, "SELECT f_table_name || ' ' || type || ' ' || srid FROM geometry_columns "
                            "ORDER BY f_table_name")
    types = dict((line.split()[0], line.split()[1:]) for line in types.splitlines())
    check(types.get("crimes") == ["POINT", "6674"], f"crimes declares POINT in EPSG:6674: {types.get('crimes')}")
    check(types.get("districts") == ["MULTIPOLYGON", "6674"], f"districts declares MULTIPOLYGON: {types.get('districts')}")
    check(types.get("safety_centres", [""])[0] == "POINT", "the safety centres declare POINT (even when empty)")
    ok, cols, _ = psql(db, "SELECT string_agg(column_name, ',') FROM information_schema.columns "
                           "WHERE table_name = 'crimes'")
    check(all(c in cols.split(",") for c in ("uid", "version", "changed_by", "changed_at", "手口", "geom")),
          "crimes keeps its Japanese columns and gains uid, version, changed_by, changed_at")

    # QGIS's layer_styles: a default QML style per table, the crimes coloured by 手口 as on safetymap's map.
    ok, styled, _ = psql(db, "SELECT string_agg(f_table_name, ',' ORDER BY f_table_name) FROM layer_styles "
                             "WHERE useasdefault AND f_geometry_column = 'geom' AND f_table_schema = 'public'")
    check(set(styled.split(",")) == set(counts), "layer_styles has a default style for every layer: " + styled)
    ok, qml, _ = psql(db, "SELECT styleqml FROM layer_styles WHERE f_table_name = 'crimes'")
    import xml.etree.ElementTree as ET
    root = ET.fromstring(qml.split("\n", 1)[1])
    renderer = root.find("renderer-v2")
    check(renderer is not None and renderer.get("type") == "categorizedSymbol" and renderer.get("attr") == "手口",
          "the crimes' QML colours them by 手口")
    colours = {c.get("value"): root.find(f"renderer-v2/symbols/symbol[@name='{c.get('symbol')}']/layer/Option/"
                                         "Option[@name='color']").get("value") for c in renderer.iter("category")}
    check(colours.get("自転車盗") == "230,159,0,255", f"… 自転車盗 in the map's orange ({colours.get('自転車盗')})")
    before = psql(db, "SELECT count(*) FROM crimes")[1]
    r = sm("share", "init", "--db", pg)
    check(r.returncode == 0 and "already set up" in r.stdout and "0 layer(s) added" in r.stdout,
          "a second init changes nothing: " + r.stdout.strip())
    check(psql(db, "SELECT count(*) FROM crimes")[1] == before, "… the crimes are not doubled")
    check(psql(db, "SELECT count(*) FROM safetymap_history")[1] == "0", "… and no history rows come of it")

    # A foreign table of a layer's name stops init before it writes anything.
    run("createdb", "other")
    psql("other", "CREATE TABLE crimes (id int)")
    r = sm("share", "init", "--db", "PG:dbname=other")
    check(r.returncode != 0 and "a table named crimes is already there" in r.stderr,
          "init refuses a database with a foreign table of the same name: " + r.stderr.strip())
    check(psql("other", "SELECT to_regclass('safetymap_layers') IS NULL AND to_regclass('districts') IS NULL")[1] == "t",
          "… and wrote nothing there")

    # -- logins
    pw = {"chikko": "centre-築港-pw", "ward_office": "ward-office-pw", "ichioka": "centre-市岡-pw"}
    for name, secret in pw.items():
        with open(os.path.join(tmp, name), "w") as f:
            f.write(secret + "\n")
    r1 = sm("share", "user", "add", "--db", pg, "--name", "chikko", "--district", "築港", "--password-file",
            os.path.join(tmp, "chikko"))
    r2 = sm("share", "user", "add", "--db", pg, "--name", "ward_office", "--ward-office", "--password-file",
            os.path.join(tmp, "ward_office"))
    r3 = sm("share", "user", "add", "--db", pg, "--name", "ichioka", "--district", "Ichioka", "--password-file",
            os.path.join(tmp, "ichioka"))
    check(r1.returncode == 0 and r2.returncode == 0 and r3.returncode == 0, "three logins added: " + r1.stderr + r2.stderr)
    check(psql(db, "SELECT district FROM safetymap_logins WHERE login = 'ichioka'")[1] == "市岡",
          "a district given by its English name is kept by its Japanese one")
    r = sm("share", "user", "add", "--db", pg, "--name", "nobody", "--district", "Atlantis")
    check(r.returncode != 0 and "unknown district 'Atlantis'" in r.stderr and "築港(Chikko)" in r.stderr,
          "an unknown district is named with the list of districts")
    ok, hashed, _ = psql(db, "SELECT rolpassword FROM pg_authid WHERE rolname = 'chikko'")
    check(hashed.startswith("SCRAM-SHA-256$") and pw["chikko"] not in hashed, "the password is stored hashed")

    # Places inside 築港 and 市岡, and a crime record in each.
    inside = lambda d: psql(db, f"SELECT ST_AsText(ST_PointOnSurface(geom)) FROM districts WHERE name = '{d}'")[1]
    chikko_pt, ichioka_pt = inside("築港"), inside("市岡")
    crime_in = lambda d: psql(db, "SELECT c.uid FROM crimes c JOIN districts d ON ST_Intersects(d.geom, c.geom) "
                                  f"WHERE d.name = '{d}' ORDER BY c.fid LIMIT 1")[1]
    chikko_crime, ichioka_crime = crime_in("築港"), crime_in("市岡")
    check(len(chikko_crime) == 36 and len(ichioka_crime) == 36, "there are crime records in 築港 and in 市岡")

    # -- row-level security through psql, as each login
    as_chikko = dict(user="chikko", password=pw["chikko"])
    ok, _, err = psql(db, f"INSERT INTO crimes (\"罪名\", geom) VALUES ('test', ST_GeomFromText('{chikko_pt}', 6674))",
                      **as_chikko)
    check(ok, "psql as 築港: insert inside 築港 is allowed " + err)
    ok, _, err = psql(db, f"INSERT INTO crimes (\"罪名\", geom) VALUES ('test', ST_GeomFromText('{ichioka_pt}', 6674))",
                      **as_chikko)
    check(not ok and "row-level security" in err, "psql as 築港: insert inside 市岡 is refused: " + err)
    ok, out, err = psql(db, f"UPDATE crimes SET \"手口\" = 'x' WHERE uid = '{ichioka_crime}' RETURNING uid", **as_chikko)
    check(ok and out == "", "psql as 築港: update of a 市岡 record changes nothing")
    ok, out, err = psql(db, f"DELETE FROM crimes WHERE uid = '{ichioka_crime}' RETURNING uid", **as_chikko)
    check(ok and out == "", "psql as 築港: delete of a 市岡 record deletes nothing")
    check(psql(db, f"SELECT count(*) FROM crimes WHERE uid = '{ichioka_crime}' AND \"手口\" IS DISTINCT FROM 'x'")[1]
          == "1", "… the 市岡 record is as it was")
    ok, _, err = psql(db, f"UPDATE crimes SET geom = ST_GeomFromText('{ichioka_pt}', 6674) WHERE uid = '{chikko_crime}'",
                      **as_chikko)
    check(not ok and "row-level security" in err, "psql as 築港: moving a 築港 record into 市岡 is refused")
    ok, out, err = psql(db, f"UPDATE crimes SET \"手口\" = 'その他' WHERE uid = '{chikko_crime}' RETURNING version",
                        **as_chikko)
    check(ok and out == "2", f"psql as 築港: update of a 築港 record is allowed and makes version 2 ({out} {err})")
    ok, out, err = psql(db, "UPDATE districts SET name_en = 'x' WHERE name = '築港' RETURNING 1", **as_chikko)
    check(ok and out == "", "psql as 築港: the districts layer is the ward office's")
    ok, _, err = psql(db, "INSERT INTO safetymap_history (layer, uid, op, version, changed_by, changed_at) VALUES "
                          "('crimes', gen_random_uuid(), 'insert', 1, 'forged', now())", **as_chikko)
    check(not ok and "permission denied" in err, "psql as 築港: the history cannot be written by hand")
    ok, _, err = psql(db, "UPDATE safetymap_activities SET status = 'done' WHERE district = '市岡'", **as_chikko)
    ok2, _, err2 = psql(db, "INSERT INTO safetymap_activities (district, kind, status) VALUES ('市岡', 'drill', 'done')",
                        **as_chikko)
    check(not ok2 and "row-level security" in err2, "psql as 築港: 市岡's drill status is refused")
    ok, _, err = psql(db, "INSERT INTO safetymap_activities (district, kind, status) VALUES ('築港', 'drill', 'done')",
                      **as_chikko)
    check(ok, "psql as 築港: 築港's drill status is allowed " + err)
    as_ward = dict(user="ward_office", password=pw["ward_office"])
    ok, out, err = psql(db, f"UPDATE crimes SET \"手口\" = '区役所' WHERE uid = '{ichioka_crime}' RETURNING version",
                        **as_ward)
    check(ok and out == "2", f"psql as the ward office: update inside 市岡 is allowed ({out} {err})")
    ok, out, err = psql(db, "SELECT count(*) FROM crimes", **as_chikko)
    check(ok and int(out) > 0, "every login reads every record")

    # -- the same rules through safetymap
    def apply(changes, login=None, *extra, password=None):
        path = os.path.join(tmp, "changes-" + uuid.uuid4().hex + ".json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(changes, f, ensure_ascii=False)
        kw = dict(user=login, password=password or pw[login]) if login else {}
        return sm("share", "apply", "--db", pg, "--changes", path, "--json", *extra, **kw)

    version = lambda u: int(psql(db, f"SELECT version FROM crimes WHERE uid = '{u}'")[1])
    r = apply([{"op": "update", "table": "crimes", "uid": ichioka_crime, "version": version(ichioka_crime),
                "values": {"手口": "築港から"}}], "chikko")
    check(r.returncode == 4 and "refused by the database" in r.stderr and "築港" in r.stderr,
          "safetymap as 築港: a change inside 市岡 is refused (exit 4): " + r.stderr.strip())
    new_uid = str(uuid.uuid4())
    r = apply([{"op": "insert", "table": "crimes", "uid": new_uid, "values": {"罪名": "ひったくり"},
                "geometry": ichioka_pt}], "chikko")
    check(r.returncode == 4 and psql(db, f"SELECT count(*) FROM crimes WHERE uid = '{new_uid}'")[1] == "0",
          "safetymap as 築港: adding a record inside 市岡 is refused, nothing written")
    # A step of two changes, the second refused: the first is not written either.
    v = version(chikko_crime)
    r = apply([{"op": "update", "table": "crimes", "uid": chikko_crime, "version": v, "values": {"手口": "一歩目"}},
               {"op": "delete", "table": "crimes", "uid": ichioka_crime, "version": version(ichioka_crime)}], "chikko")
    check(r.returncode == 4 and version(chikko_crime) == v, "a step with one refused change writes none of it")
    hostile = "'); DROP TABLE crimes; --\t\x01改行\n\"引用\" \\ %s $1 \u202e"
    r = apply([{"op": "insert", "table": "crimes", "uid": new_uid, "values": {"罪名": hostile, "手口": None},
                "geometry": chikko_pt}], "chikko")
    check(r.returncode == 0 and json.loads(r.stdout)["written"] == 1, "safetymap as 築港: adding inside 築港 " + r.stderr)
    r = apply([{"op": "insert", "table": "crimes", "uid": new_uid, "values": {"罪名": hostile},
                "geometry": chikko_pt}], "chikko")
    check(r.returncode == 0 and json.loads(r.stdout)["written"] == 0 and
          psql(db, f"SELECT count(*) FROM crimes WHERE uid = '{new_uid}'")[1] == "1",
          "the same insert sent again is not doubled")
    stored = run("psql", "-X", "-A", "-t", "-d", db, "-c",
                 f"SELECT encode(convert_to(\"罪名\", 'UTF8'), 'hex') FROM crimes WHERE uid = '{new_uid}'").stdout.strip()
    check(bytes.fromhex(stored).decode("utf-8") == hostile, "SQL and control characters are stored verbatim")

    # -- conflicts: two people change the same record from the same version
    v = version(chikko_crime)
    first = apply([{"op": "update", "table": "crimes", "uid": chikko_crime, "version": v, "values": {"手口": "Aの変更"}}],
                  "chikko")
    second = apply([{"op": "update", "table": "crimes", "uid": chikko_crime, "version": v,
                     "values": {"手口": "Bの変更"}},
                    {"op": "update", "table": "crimes", "uid": new_uid, "version": 1, "values": {"手口": "同じ一歩"}}],
                   "ward_office")
    report = json.loads(second.stdout) if second.stdout.strip() else {}
    check(first.returncode == 0 and second.returncode == 3, "the later save of the same version is a conflict (exit 3)")
    conflict = (report.get("conflicts") or [{}])[0]
    check(conflict.get("their_by") == "chikko" and conflict.get("their_version") == v + 1 and
          (conflict.get("theirs") or {}).get("手口") == "Aの変更",
          "the conflict shows the other version: who, which version, their record")
    check(psql(db, f"SELECT \"手口\" FROM crimes WHERE uid = '{chikko_crime}'")[1] == "Aの変更" and
          psql(db, f"SELECT version FROM crimes WHERE uid = '{new_uid}'")[1] == "1",
          "nothing of the conflicting step was written (not even its other change)")
    forced = apply([{"op": "update", "table": "crimes", "uid": chikko_crime, "version": v, "values": {"手口": "Bの変更"}}],
                   "ward_office", "--force")
    check(forced.returncode == 0, "keeping mine after seeing theirs writes a new version")
    r = sm("share", "history", "--db", pg, "--table", "crimes", "--uid", chikko_crime, "--json")
    hist = json.loads(r.stdout) if r.returncode == 0 else []
    mine = [(h["by"], (h["after"] or {}).get("手口")) for h in hist]
    check(("chikko", "Aの変更") in mine and ("ward_office", "Bの変更") in mine,
          "both versions stay in the history: " + str(mine))
    check([h["version"] for h in hist] == list(range(2, 2 + len(hist))) and all(h["op"] == "update" for h in hist),
          "the history has one row per committed change, versions in order")

    # -- a deleted record is not brought back by an addition sent again; brought back on purpose, its versions go on
    r = apply([{"op": "delete", "table": "crimes", "uid": new_uid, "version": version(new_uid)}], "chikko")
    check(r.returncode == 0, "築港 deletes its record")
    resend = [{"op": "insert", "table": "crimes", "uid": new_uid, "values": {"罪名": "再送"}, "geometry": chikko_pt}]
    r = apply(resend, "chikko")
    check(r.returncode == 3 and json.loads(r.stdout)["conflicts"][0]["deleted"],
          "an addition sent again after the record was deleted is a conflict, not a resurrection")
    last = int(psql(db, f"SELECT max(version) FROM safetymap_history WHERE uid = '{new_uid}'")[1])
    r = apply([dict(resend[0], recreate=True, values={"罪名": hostile})], "chikko")
    check(r.returncode == 0 and version(new_uid) == last + 1,
          f"brought back on purpose (an undone deletion) it goes on from version {last} to {last + 1}")

    # -- nobody but the store attaches its history trigger (it runs as the store's owner)
    ok, _, err = psql(db, "CREATE TEMP TABLE forged (uid uuid, version int); CREATE TRIGGER f AFTER INSERT ON forged "
                          "FOR EACH ROW EXECUTE FUNCTION safetymap_record()", **as_chikko)
    check(not ok and "permission denied" in err, "a centre cannot attach the history trigger to a table of its own")
    psql("postgres", "CREATE ROLE someone_else LOGIN")
    r = sm("share", "user", "add", "--db", pg, "--name", "someone_else", "--district", "築港")
    check(r.returncode != 0 and "not a safetymap login" in r.stderr, "share user add leaves other roles alone")

    # -- restore an earlier version
    r = sm("share", "restore", "--db", pg, "--table", "crimes", "--uid", chikko_crime, "--version", str(v + 1),
           user="ward_office", password=pw["ward_office"])
    check(r.returncode == 0 and psql(db, f"SELECT \"手口\" || ' ' || version FROM crimes WHERE uid = '{chikko_crime}'")[1]
          == f"Aの変更 {v + 3}", "restoring version " + str(v + 1) + " writes it back as a new version " + r.stderr)
    psql(db, f"DELETE FROM crimes WHERE uid = '{new_uid}'")
    r = sm("share", "restore", "--db", pg, "--table", "crimes", "--uid", new_uid, "--version", str(last + 1))
    check(r.returncode == 0 and
          psql(db, f"SELECT \"罪名\" = {quote(hostile)} AND ST_AsText(geom) = '{chikko_pt}' FROM crimes "
                   f"WHERE uid = '{new_uid}'")[1] == "t",
          "a deleted record is restored with its values and its place " + r.stderr)

    # -- bad connections: one clear sentence, no password in it
    r = apply([], "chikko", password="wrong")
    check(r.returncode != 0 and "refused the login" in r.stderr and "wrong" not in r.stderr.replace("wrong user", ""),
          "a wrong password: " + r.stderr.strip())
    r = sm("share", "init", "--db", "PG:dbname=ward host=127.0.0.1 port=1")
    check(r.returncode != 0 and "no PostgreSQL server answers" in r.stderr and "127.0.0.1:1" in r.stderr,
          "no server: " + r.stderr.strip())
    r = sm("share", "init", "--db", "PG:dbname=nosuchdb")
    check(r.returncode != 0 and "no such database" in r.stderr, "no such database: " + r.stderr.strip())
    everything = "".join([r1.stdout, r1.stderr, r2.stdout, r2.stderr, r3.stdout, r3.stderr])
    check(all(secret not in everything for secret in pw.values()), "no password is printed")

    # -- a table altered by someone else: the viewer's data still reads, a write names the problem and writes nothing
    run("createdb", "-T", db, "altered")
    psql("altered", "ALTER TABLE crimes DROP COLUMN \"手口\"")
    r = sm("stats", "--db", "PG:dbname=altered", "--json")
    check(r.returncode == 0 and json.loads(r.stdout), "a store whose crimes lost a column still opens (stats)")
    def apply_to(dbname, changes):
        path = os.path.join(tmp, "altered-" + uuid.uuid4().hex + ".json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(changes, f, ensure_ascii=False)
        return sm("share", "apply", "--db", "PG:dbname=" + dbname, "--changes", path)
    v = psql("altered", f"SELECT version FROM crimes WHERE uid = '{chikko_crime}'")[1]
    r = apply_to("altered", [{"op": "update", "table": "crimes", "uid": chikko_crime, "version": int(v),
                              "values": {"罪名": "変更", "手口": "消えた列"}}])
    check(r.returncode == 1 and "手口" in r.stderr and "does not exist" in r.stderr,
          "a change to a column someone dropped names it: " + r.stderr.strip())
    check(psql("altered", f"SELECT version FROM crimes WHERE uid = '{chikko_crime}'")[1] == v, "… and writes nothing")
    psql("altered", "ALTER TABLE crimes DROP COLUMN version CASCADE")
    r = sm("stats", "--db", "PG:dbname=altered")
    check("uid and version columns are gone" in r.stderr, "a table that lost its version column is named when opened")

    # -- the README's set-up: an administrator login that may create roles (not a superuser) owns the database
    psql("postgres", "CREATE ROLE ward_admin LOGIN CREATEROLE PASSWORD 'admin-pw'")
    run("createdb", "--owner", "ward_admin", "office")
    psql("office", "CREATE EXTENSION postgis")
    admin = dict(user="ward_admin", password="admin-pw")
    r = sm("share", "init", "--db", "PG:dbname=office", **admin)
    check(r.returncode == 0 and "shared store created" in r.stdout, "the README's set-up: init as the office's "
          "administrator (not a superuser) " + r.stderr.strip())
    r = sm("share", "user", "add", "--db", "PG:dbname=office", "--name", "office_chikko", "--district", "築港",
           "--password-file", os.path.join(tmp, "chikko"), **admin)
    check(r.returncode == 0, "… it adds a centre's login " + r.stderr.strip())
    ok, out, err = psql("office", f"INSERT INTO crimes (\"罪名\", geom) VALUES ('x', ST_GeomFromText('{ichioka_pt}', "
                                  "6674))", user="office_chikko", password=pw["chikko"])
    check(not ok and "row-level security" in err, "… whose writes outside 築港 the database refuses")

    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


def quote(s):
    return "'" + s.replace("'", "''") + "'"


if __name__ == "__main__":
    sys.exit(main())
