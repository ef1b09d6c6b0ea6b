#!/usr/bin/env bash
# run-pg-master-smoke.sh BUILD_DIR SOURCE_DIR
# A PostgreSQL master in the real QGIS: a demo county migrated (`recheck
# migrate`) into a database of its own on the [pg] tests' server (the
# recheck_pg fixture of tests/pg), then QGIS under Xvfb with the suite,
# where smoke_pg_master_check.py opens it through "Open PostgreSQL Master…"
# (the location typed into the plugin's own dialog) and records the layers
# QGIS's postgres provider gives: valid, with the master's features, and a
# feature count that is not -1 (the partitioned parents were analysed).
# Screenshot in test-artifacts/smoke-pg-master.png.
set -uo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
artifacts="$build/test-artifacts"
mkdir -p "$artifacts" "$build/test-scratch"
work=$(mktemp -d "$build/test-scratch/smoke-pg-XXXXXX")
psql=${RECHECK_PG_BIN:-/usr/lib/postgresql/15/bin}/psql
server=$(cat "$build/test-pg/conninfo" 2>/dev/null | sed 's/ dbname=[^ ]*//')
database="recheck_smoke_$$"
cleanup() {
  stop_xvfb 2>/dev/null
  [ -n "$server" ] && "$psql" -q "$server dbname=postgres" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "PG MASTER SMOKE FAILED: $*" >&2
  [ -f "$work/qgis.log" ] && { echo "--- QGIS output (last 40 lines)"; tail -40 "$work/qgis.log"; } >&2
  exit 1
}

[ -n "$server" ] || fail "no PostgreSQL test server ($build/test-pg/conninfo); run under ctest (fixture recheck_pg)"
"$psql" -q -v ON_ERROR_STOP=1 "$server dbname=postgres" -c "CREATE DATABASE $database" >/dev/null \
  || fail "cannot create database $database"
"$psql" -q -v ON_ERROR_STOP=1 "$server dbname=$database" -c "CREATE EXTENSION postgis" >/dev/null \
  || fail "cannot create PostGIS in $database"
master="$server dbname=$database"

"$build/bin/recheck" demo --out "$work/demo" --customers 3000 --districts 8 --seed 7 > "$work/demo.log" 2>&1 \
  || { cat "$work/demo.log" >&2; fail "recheck demo failed"; }
"$build/bin/recheck" migrate "$work/demo/master.sqlite" "$master" > "$work/migrate.log" 2>&1 \
  || { cat "$work/migrate.log" >&2; fail "recheck migrate failed"; }

# What the layers must hold: the rows of every table with a geometry (a
# partitioned parent, not its partitions).
expected=""
for table in $("$psql" -At "$master" -c "SELECT g.f_table_name FROM geometry_columns g JOIN pg_class c ON \
    c.relname = g.f_table_name WHERE g.f_table_schema = current_schema() AND NOT c.relispartition ORDER BY 1"); do
  rows=$("$psql" -At "$master" -c "SELECT count(*) FROM \"$table\"") || fail "cannot count $table"
  expected="$expected${expected:+,}$table=$rows"
done
export RECHECK_SMOKE_EXPECTED="$expected"
[ -n "$RECHECK_SMOKE_EXPECTED" ] || fail "the migrated master has no table with a geometry"
export RECHECK_SMOKE_MASTER="$master"
export RECHECK_SMOKE_T0=$(date +%s.%N)

. "$src/tests/smoke/xvfb.sh"
start_xvfb "$work" || fail "could not start Xvfb"
display=$DISPLAY
export RECHECK_SMOKE_RESULT="$work/result.json"
export RECHECK_SMOKE_SCREENSHOT="$artifacts/smoke-pg-master.png"
rm -f "$RECHECK_SMOKE_SCREENSHOT"

BUILD_DIR="$build" RECHECK_QGIS_PROFILES="$work/profiles" \
  timeout 150 "$src/packaging/run-qgis.sh" --code "$src/tests/smoke/smoke_pg_master_check.py" \
  > "$work/qgis.log" 2>&1
status=$?

if [ ! -f "$RECHECK_SMOKE_RESULT" ]; then
  import -display "$display" -window root "$artifacts/smoke-pg-master-timeout.png" 2>/dev/null
  fail "QGIS never ran the check script (exit $status); see $artifacts/smoke-pg-master-timeout.png"
fi
cat "$RECHECK_SMOKE_RESULT"
[ "$status" -eq 0 ] || fail "QGIS exited with status $status"

/usr/bin/python3 - "$RECHECK_SMOKE_RESULT" <<'PY' || fail "checks failed"
import json, os, sys
r = json.load(open(sys.argv[1]))
expected = dict(pair.split("=") for pair in os.environ["RECHECK_SMOKE_EXPECTED"].split(","))
problems = []
if not r["action"]:
    problems.append("no \"Open PostgreSQL Master…\" action")
elif not r["typed"]:
    problems.append("the master dialog never opened")
if not r["layers"]:
    problems.append("no layer was added")
for layer in r["layers"]:
    name = layer["table"] or layer["name"]
    if not layer["valid"]:
        problems.append("invalid layer: %s" % name)
    if layer["provider"] != "postgres":
        problems.append("layer %s uses provider %s" % (name, layer["provider"]))
    rows = int(expected.get(layer["table"], -1))
    if layer["read"] != rows:
        problems.append("layer %s: %d features read, the table holds %d" % (name, layer["read"], rows))
    if layer["features"] != rows:
        problems.append("layer %s: feature count %d, the table holds %d" % (name, layer["features"], rows))
tables = {layer["table"] for layer in r["layers"]}
missing = sorted(set(expected) - tables)
if missing:
    problems.append("tables without a layer: " + ", ".join(missing))
if not any(layer["read"] > 0 for layer in r["layers"] if layer["table"] == "customers"):
    problems.append("no customers shown")
if r["modal"]:
    problems.append("a modal dialog is open: " + r["modal"])
if not r["screenshot"]:
    problems.append("no screenshot written")
for p in problems:
    print("problem:", p)
print("PostgreSQL master open in QGIS after %.1f s: %s" % (
    r["seconds_to_check"], ", ".join("%s %d" % (l["table"], l["read"]) for l in r["layers"])))
sys.exit(1 if problems else 0)
PY
echo "screenshot: $RECHECK_SMOKE_SCREENSHOT"
