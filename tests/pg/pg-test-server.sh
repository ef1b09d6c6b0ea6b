#!/usr/bin/env bash
# A throw-away PostgreSQL 15 + PostGIS 3 server for the [pg] tests.
#
#   pg-test-server.sh start DIR   initdb in DIR/data, start postgres on
#                                 127.0.0.1 on a free port, create the
#                                 database recheck_test with postgis, and
#                                 write its connection string to DIR/conninfo
#   pg-test-server.sh stop DIR    stop that server and remove DIR/data
#
# ctest runs `start` as a FIXTURES_SETUP and `stop` as a FIXTURES_CLEANUP
# (tests/pg/CMakeLists.txt), so the server is stopped even when tests fail.
# postgres refuses to run as root: as root, the server runs as the Debian
# `postgres` user (or RECHECK_PG_USER), which then owns DIR/data.
set -euo pipefail

action=${1:-}
dir=${2:-}
if [ -z "$action" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 64
fi

pg_bin=${RECHECK_PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$pg_bin/initdb" ]; then
  echo "pg-test-server: $pg_bin/initdb not found; install postgresql-15 and postgresql-15-postgis-3" \
       "(packaging/install-deps.sh)" >&2
  exit 1
fi

data="$dir/data"
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data="$dir/data"

# Runs a PostgreSQL program as the server's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "${RECHECK_PG_USER:-postgres}" -- "$@"
  else
    "$@"
  fi
}

stop_server() {
  if [ -f "$data/postmaster.pid" ]; then
    as_owner "$pg_bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 ||
      as_owner "$pg_bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
}

case "$action" in
start)
  # A server left behind by an interrupted run goes first.
  stop_server
  rm -rf "$data" "$dir/conninfo"
  mkdir -p "$data"
  if [ "$(id -u)" -eq 0 ]; then
    chown "${RECHECK_PG_USER:-postgres}" "$data"
  fi
  chmod 700 "$data"
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_owner "$pg_bin/initdb" -D "$data" -U recheck -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  # Sockets in the data directory (the owner can write there); TCP on
  # 127.0.0.1 only. fsync off: a test server's data is disposable.
  as_owner "$pg_bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
        -c full_page_writes=off -c max_connections=50" start >/dev/null ||
    { cat "$data/server.log" >&2; exit 1; }
  conn="host=127.0.0.1 port=$port user=recheck"
  "$pg_bin/psql" -q -v ON_ERROR_STOP=1 "$conn dbname=postgres" -c "CREATE DATABASE recheck_test" >/dev/null
  "$pg_bin/psql" -q -v ON_ERROR_STOP=1 "$conn dbname=recheck_test" -c "CREATE EXTENSION postgis" >/dev/null
  echo "$conn dbname=recheck_test" >"$dir/conninfo"
  echo "pg-test-server: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') with PostGIS on 127.0.0.1:$port ($dir/conninfo)"
  ;;
stop)
  stop_server
  rm -rf "$data" "$dir/conninfo"
  echo "pg-test-server: stopped"
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2
  exit 64
  ;;
esac
