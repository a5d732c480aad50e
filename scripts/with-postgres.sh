#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL 15 server (pg_virtualenv: it starts a cluster, sets PGHOST, PGPORT,
# PGUSER and PGPASSWORD, runs the command and drops the cluster). Run as root, pg_virtualenv names its cluster
# "regress"; one left behind by a run that was killed (marked by pg_virtualenv, its server not running) would
# refuse every later run, so it is dropped first.
set -euo pipefail
if [ "$(id -u)" -eq 0 ] && [ -f /etc/postgresql/15/regress/.by_pg_virtualenv ]; then
  if ! pg_ctlcluster 15 regress status >/dev/null 2>&1; then
    echo "with-postgres: dropping the cluster 15/regress a killed run of pg_virtualenv left behind" >&2
    pg_dropcluster 15 regress >/dev/null 2>&1 || rm -rf /etc/postgresql/15/regress /var/lib/postgresql/15/regress
  fi
fi
exec pg_virtualenv -v 15 "$@"
