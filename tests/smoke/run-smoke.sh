#!/usr/bin/env bash
# run-smoke.sh BUILD_DIR SOURCE_DIR
# Starts real QGIS under Xvfb with the suite and a small demo project, lets
# smoke_check.py (run by QGIS's --code) record what QGIS loaded, and checks it.
set -uo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
artifacts="$build/test-artifacts"
mkdir -p "$artifacts" "$build/test-scratch"
work=$(mktemp -d "$build/test-scratch/smoke-XXXXXX")
trap 'rm -rf "$work"' EXIT

fail() {
  echo "SMOKE FAILED: $*" >&2
  [ -f "$work/qgis.log" ] && { echo "--- QGIS output (last 40 lines)"; tail -40 "$work/qgis.log"; } >&2
  exit 1
}

"$build/bin/recheck" demo --out "$work/demo" --customers 3000 --districts 8 --seed 7 > "$work/demo.log" 2>&1 \
  || { cat "$work/demo.log" >&2; fail "recheck demo failed"; }

expected=""
for lib in "$build"/qgis-plugins/librecheck*plugin.so; do
  [ -e "$lib" ] && expected="$expected${expected:+,}$(basename "$lib" .so)"
done
[ -n "$expected" ] || fail "no plugin staged in $build/qgis-plugins"

. "$src/tests/smoke/xvfb.sh"
start_xvfb "$work" || fail "could not start Xvfb"
trap 'stop_xvfb; rm -rf "$work"' EXIT
display=$DISPLAY

export RECHECK_SMOKE_RESULT="$work/result.json"
export RECHECK_SMOKE_SCREENSHOT="$artifacts/smoke-qgis-demo.png"
export RECHECK_SMOKE_EXPECTED_PLUGINS="$expected"
export RECHECK_SMOKE_T0=$(date +%s.%N)
rm -f "$RECHECK_SMOKE_SCREENSHOT"

BUILD_DIR="$build" RECHECK_QGIS_PROFILES="$work/profiles" \
  timeout 150 "$src/packaging/run-qgis.sh" --code "$src/tests/smoke/smoke_check.py" "$work/demo/recheck-demo.qgs" \
  > "$work/qgis.log" 2>&1
status=$?

if [ ! -f "$RECHECK_SMOKE_RESULT" ]; then
  import -display "$display" -window root "$artifacts/smoke-qgis-timeout.png" 2>/dev/null
  fail "QGIS never ran the check script (exit $status): start-up blocked, e.g. by a modal dialog; see $artifacts/smoke-qgis-timeout.png"
fi
cat "$RECHECK_SMOKE_RESULT"
[ "$status" -eq 0 ] || fail "QGIS exited with status $status"

/usr/bin/python3 - "$RECHECK_SMOKE_RESULT" <<'PY' || fail "checks failed"
import json, sys
r = json.load(open(sys.argv[1]))
problems = []
missing = sorted(set(r["plugins_expected"]) - set(r["plugins_found"]))
if missing:
    problems.append("plugins not loaded: " + ", ".join(missing))
if "customerarchive" not in r["providers"]:
    problems.append("provider customerarchive not registered")
if not r["layers"]:
    problems.append("the project has no layers")
for layer in r["layers"]:
    if not layer["valid"]:
        problems.append("invalid layer: %s" % layer["name"])
    if layer["provider"] != "customerarchive":
        problems.append("layer %s uses provider %s" % (layer["name"], layer["provider"]))
if r["modal"]:
    problems.append("a modal dialog is open: " + r["modal"])
if not r["screenshot"]:
    problems.append("no screenshot written")
if r["canvas_layers"] < len(r["layers"]):
    problems.append("map canvas shows %d of %d layers" % (r["canvas_layers"], len(r["layers"])))
for p in problems:
    print("problem:", p)
print("QGIS ready with the suite and the demo project after %.1f s" % r["seconds_to_check"])
sys.exit(1 if problems else 0)
PY
echo "screenshot: $RECHECK_SMOKE_SCREENSHOT"
