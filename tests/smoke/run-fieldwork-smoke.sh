#!/usr/bin/env bash
# run-fieldwork-smoke.sh BUILD_DIR SOURCE_DIR
# The laptop's day starts: a package checked out of a demo county for one
# inspector opens in real QGIS under Xvfb with the suite; every layer must be
# valid and the Re-check panel (opened through its action) must list exactly
# the package inspector's open tasks. smoke_fieldwork_check.py (run by QGIS's
# --code) records what it saw and takes the screenshot kept in
# test-artifacts/smoke-fieldwork-package.png.
set -uo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
artifacts="$build/test-artifacts"
mkdir -p "$artifacts" "$build/test-scratch"
work=$(mktemp -d "$build/test-scratch/smoke-fieldwork-XXXXXX")
trap 'rm -rf "$work"' EXIT

fail() {
  echo "FIELDWORK SMOKE FAILED: $*" >&2
  [ -f "$work/qgis.log" ] && { echo "--- QGIS output (last 40 lines)"; tail -40 "$work/qgis.log"; } >&2
  exit 1
}

"$build/bin/recheck" demo --out "$work/demo" --customers 1500 --districts 4 --seed 7 > "$work/demo.log" 2>&1 \
  || { cat "$work/demo.log" >&2; fail "recheck demo failed"; }

# A district with an open, assigned task, and its inspector (plain SQL on the master).
read -r district inspector < <(/usr/bin/python3 - "$work/demo/master.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
row = db.execute("SELECT d.code, s.code FROM tasks t JOIN districts d ON d.uuid = t.district_uuid "
                 "JOIN staff s ON s.uuid = t.assignee_uuid "
                 "WHERE t.status IN ('draft', 'issued', 'in_progress') ORDER BY t.fid LIMIT 1").fetchone()
print(*(row or ("", "")))
PY
)
[ -n "$district" ] && [ -n "$inspector" ] || fail "the demo county has no open, assigned task"

"$build/bin/recheck" checkout "$work/demo/master.sqlite" --districts "$district" --to "$work/laptop" \
  --assignee "$inspector" > "$work/checkout.log" 2>&1 || { cat "$work/checkout.log" >&2; fail "recheck checkout failed"; }
project=$(ls "$work"/laptop/*.qgs 2>/dev/null | head -1)
package=$(ls "$work"/laptop/*.sqlite 2>/dev/null | head -1)
[ -n "$project" ] && [ -n "$package" ] || fail "the check-out wrote no package project"

# What the panel must list: the inspector's open tasks in the package.
export RECHECK_SMOKE_EXPECTED_TASKS=$(/usr/bin/python3 - "$package" "$inspector" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("SELECT count(*) FROM tasks t JOIN staff s ON s.uuid = t.assignee_uuid WHERE s.code = ? "
                 "AND t.status IN ('draft', 'issued', 'in_progress')", (sys.argv[2],)).fetchone()[0])
PY
)
export RECHECK_SMOKE_INSPECTOR="$inspector"
export RECHECK_SMOKE_T0=$(date +%s.%N)

. "$src/tests/smoke/xvfb.sh"
start_xvfb "$work" || fail "could not start Xvfb"
trap 'stop_xvfb; rm -rf "$work"' EXIT
display=$DISPLAY
export RECHECK_SMOKE_RESULT="$work/result.json"
export RECHECK_SMOKE_SCREENSHOT="$artifacts/smoke-fieldwork-package.png"
rm -f "$RECHECK_SMOKE_SCREENSHOT"

BUILD_DIR="$build" RECHECK_QGIS_PROFILES="$work/profiles" \
  timeout 150 "$src/packaging/run-qgis.sh" --code "$src/tests/smoke/smoke_fieldwork_check.py" "$project" \
  > "$work/qgis.log" 2>&1
status=$?

if [ ! -f "$RECHECK_SMOKE_RESULT" ]; then
  import -display "$display" -window root "$artifacts/smoke-fieldwork-timeout.png" 2>/dev/null
  fail "QGIS never ran the check script (exit $status); see $artifacts/smoke-fieldwork-timeout.png"
fi
cat "$RECHECK_SMOKE_RESULT"
[ "$status" -eq 0 ] || fail "QGIS exited with status $status"

/usr/bin/python3 - "$RECHECK_SMOKE_RESULT" <<'PY' || fail "checks failed"
import json, os, sys
r = json.load(open(sys.argv[1]))
problems = []
expected = int(os.environ["RECHECK_SMOKE_EXPECTED_TASKS"])
if not r["layers"]:
    problems.append("the package project has no layers")
for layer in r["layers"]:
    if not layer["valid"]:
        problems.append("invalid layer: %s" % layer["name"])
if not r["panel"]:
    problems.append("the Re-check panel did not open")
else:
    if expected < 1:
        problems.append("the package holds no open task of its inspector")
    if r["panel"]["tasks"] != expected:
        problems.append("the panel lists %d tasks, the package holds %d of %s" %
                        (r["panel"]["tasks"], expected, os.environ["RECHECK_SMOKE_INSPECTOR"]))
    if r["panel"]["inspector"] != os.environ["RECHECK_SMOKE_INSPECTOR"]:
        problems.append("the panel shows the tasks of %r, not the package's inspector" % r["panel"]["inspector"])
    if r["panel"]["rows"] < 1 and r["panel"]["counts"].find("pending 0") < 0:
        problems.append("the panel lists no customer of the selected task")
if r["modal"]:
    problems.append("a modal dialog is open: " + r["modal"])
if not r["screenshot"]:
    problems.append("no screenshot written")
for p in problems:
    print("problem:", p)
print("package project and Re-check panel ready after %.1f s: %s" % (r["seconds_to_check"], r["panel"]))
sys.exit(1 if problems else 0)
PY
echo "screenshot: $RECHECK_SMOKE_SCREENSHOT"
