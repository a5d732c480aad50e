"""The throwaway PostgreSQL server the shared-store tests run beside (scripts/with-postgres.sh starts it with
pg_virtualenv, which sets PGHOST, PGPORT, PGUSER and PGPASSWORD)."""
import os
import subprocess


def server(action):
    """Stops (at once, as a crash would) or starts that server."""
    port = os.environ.get("PGPORT", "5432")
    clusters = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True).stdout.split("\n")
    name = next((c.split()[1] for c in clusters if len(c.split()) > 2 and c.split()[2] == port), "regress")
    args = ["pg_ctlcluster", "15", name, action] + (["-m", "immediate"] if action == "stop" else [])
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(" ".join(args) + ": " + r.stderr)
