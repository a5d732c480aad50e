#!/usr/bin/env python3
"""Twelve centres at once on a real server (run under pg_virtualenv): one login per centre (the 11 districts, 築港
twice, as the ward has two centres there), each a client running `safetymap share apply` concurrently for a fixed
amount of work: importing records into its district in batches, editing them, and writes planned to conflict (a
change sent again on the version it replaced; the two 築港 centres changing one record from the same version).

Checked afterwards: every committed record is in the database exactly once with its last committed values; every
planned conflicting write was reported as a conflict (exit 3) and wrote nothing; the history holds exactly one row
per committed change. Nothing waits on the clock: each client does its work and stops.

  test_load.py SAFETYMAP_BINARY"""
import json
import os
import subprocess
import sys
import tempfile
import threading
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from checks import check, failures  # noqa: E402

BIN = sys.argv[1]
ROUNDS = 4        # per client: a batch imported, then edits
BATCH = 5         # records per import
def psql(sql):
    r = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", "ward", "-c", sql],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(r.stderr)
    return r.stdout.strip()


class Client(threading.Thread):
    def __init__(self, n, district, point, tmp, shared):
        super().__init__()
        self.login, self.district, self.point, self.tmp, self.shared = f"centre_{n:02d}", district, point, tmp, shared
        self.env = dict(os.environ, PGUSER=self.login, PGPASSWORD=self.login + "-pw")
        self.committed = {}          # uid → the values last committed
        self.changes = 0             # committed changes (inserts + updates that changed a record)
        self.planned, self.reported = 0, 0  # planned conflicting writes, and those reported as conflicts
        self.shared_result = None    # 築港's two centres: the exit code of their race on one record
        self.errors = []

    def apply(self, changes):
        path = os.path.join(self.tmp, f"{self.login}-{uuid.uuid4().hex}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(changes, f, ensure_ascii=False)
        r = subprocess.run([BIN, "share", "apply", "--db", "PG:dbname=ward", "--changes", path, "--json"],
                           capture_output=True, text=True, env=self.env)
        if r.returncode not in (0, 3):
            self.errors.append(r.stderr.strip())
        return r.returncode, (json.loads(r.stdout) if r.stdout.strip() else {})

    def run(self):
        x, y = self.point
        for rnd in range(ROUNDS):
            batch = [{"op": "insert", "table": "crimes", "uid": str(uuid.uuid4()),
                      "values": {"罪名": f"{self.login} r{rnd} #{i}", "手口": "取込"},
                      "geometry": f"POINT({x + i * 0.5} {y + rnd * 0.5})"} for i in range(BATCH)]
            code, out = self.apply(batch)
            if code == 0 and out.get("written") == BATCH:
                for ch in batch:
                    self.committed[ch["uid"]] = ch["values"]
                self.changes += BATCH
            # Edit the first record of the batch (version 1 → 2), then send the same kind of edit again on version 1:
            # the store has version 2 by then, so that write is planned to conflict.
            first = batch[0]["uid"]
            edit = {"op": "update", "table": "crimes", "uid": first, "version": 1,
                    "values": {"手口": f"{self.login} 修正 {rnd}"}}
            code, out = self.apply([edit])
            if code == 0 and out.get("written") == 1:
                self.committed[first] = dict(self.committed[first], **edit["values"])
                self.changes += 1
            stale = dict(edit, values={"手口": f"{self.login} 古い版から {rnd}"})
            self.planned += 1
            code, out = self.apply([stale])
            if code == 3 and out.get("conflicts") and out.get("written") == 0:
                self.reported += 1
        if self.shared:  # the two 築港 centres: one record, the same version, different values
            code, out = self.apply([{"op": "update", "table": "crimes", "uid": self.shared, "version": 1,
                                     "values": {"手口": f"{self.login} の版"}}])
            self.shared_result = code


def main():
    tmp = tempfile.mkdtemp(prefix="sm-load-")
    subprocess.run(["createdb", "ward"], check=True)
    subprocess.run([BIN, "share", "init", "--db", "PG:dbname=ward"], check=True, capture_output=True)
    districts = psql("SELECT string_agg(name || '|' || ST_X(p) || '|' || ST_Y(p), ',' ORDER BY name) FROM "
                     "(SELECT name, ST_PointOnSurface(geom) p FROM districts) d").split(",")
    districts = [(d.split("|")[0], (float(d.split("|")[1]), float(d.split("|")[2]))) for d in districts]
    check(len(districts) == 11, "the store has the 11 districts")
    centres = districts + [districts[[d for d, _ in districts].index("築港")]]  # 12 centres: 築港 has two
    for n, (d, _) in enumerate(centres, 1):
        pw = os.path.join(tmp, f"pw{n}")
        with open(pw, "w") as f:
            f.write(f"centre_{n:02d}-pw\n")
        subprocess.run([BIN, "share", "user", "add", "--db", "PG:dbname=ward", "--name", f"centre_{n:02d}",
                        "--district", d, "--password-file", pw], check=True, capture_output=True)
    chikko = [d for d, _ in districts].index("築港")
    point = districts[chikko][1]
    shared = str(uuid.uuid4())
    psql(f"INSERT INTO crimes (uid, \"罪名\", geom) VALUES ('{shared}', '共有の記録', "
         f"ST_SetSRID(ST_MakePoint({point[0]}, {point[1]}), 6674))")
    history_before = int(psql("SELECT count(*) FROM safetymap_history"))

    clients = [Client(n, d, p, tmp, shared if d == "築港" else None) for n, (d, p) in enumerate(centres, 1)]
    for c in clients:
        c.start()
    for c in clients:
        c.join()

    errors = [e for c in clients for e in c.errors]
    check(not errors, "no client failed for any other reason: " + "; ".join(errors[:3]))
    committed = {u: v for c in clients for u, v in c.committed.items()}
    check(len(committed) == 12 * ROUNDS * BATCH, f"every import was committed ({len(committed)} records)")
    rows = psql("SELECT string_agg(uid || '|' || \"罪名\" || '|' || coalesce(\"手口\", ''), E'\\n') FROM crimes "
                "WHERE \"罪名\" LIKE 'centre_%'").split("\n")
    stored = {}
    for line in rows:
        u, name, how = line.split("|")
        stored.setdefault(u, []).append((name, how))
    check(all(len(v) == 1 for v in stored.values()) and set(stored) == set(committed),
          "each committed record is in the database exactly once")
    check(all(stored[u][0] == (v["罪名"], v["手口"]) for u, v in committed.items()),
          "… with the values last committed (no conflicting write got through)")
    planned = sum(c.planned for c in clients)
    reported = sum(c.reported for c in clients)
    check(planned == 12 * ROUNDS and reported == planned, f"every planned conflicting write was reported ({reported} of {planned})")
    race = sorted(c.shared_result for c in clients if c.shared)
    check(race == [0, 3], f"of 築港's two centres changing one record from one version, one wins and one is told ({race})")
    winner = next(c.login for c in clients if c.shared and c.shared_result == 0)
    check(psql(f"SELECT \"手口\" FROM crimes WHERE uid = '{shared}'") == f"{winner} の版", "… the winner's version is stored")
    changes = sum(c.changes for c in clients) + 1  # and the race's winner
    history = int(psql("SELECT count(*) FROM safetymap_history")) - history_before
    check(history == changes, f"the history holds one row per committed change ({history} rows, {changes} changes)")
    per = psql("SELECT count(*) FROM (SELECT uid FROM safetymap_history WHERE op = 'insert' GROUP BY uid "
               "HAVING count(*) > 1) d")
    check(per == "0", "no record was inserted twice")
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
