#!/usr/bin/env bash
# run-basemap-smoke.sh BUILD_DIR SOURCE_DIR
# Offline basemap on the laptop: the office configures a raster (a GeoTIFF
# painted one unmistakable colour) and a road layer for a demo county, a
# district is checked out, the office sources are deleted, and the package's
# project opens in real QGIS under Xvfb. smoke_basemap_check.py (run by
# QGIS's --code) takes the screenshot kept in
# test-artifacts/smoke-basemap-package.png and counts the basemap's colour in
# that very file, then hides the Basemap group and counts again: the colour
# must be on screen with the basemap and gone without it.
set -uo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
artifacts="$build/test-artifacts"
mkdir -p "$artifacts" "$build/test-scratch"
work=$(mktemp -d "$build/test-scratch/smoke-basemap-XXXXXX")
trap 'rm -rf "$work"' EXIT

fail() {
  echo "BASEMAP SMOKE FAILED: $*" >&2
  [ -f "$work/qgis.log" ] && { echo "--- QGIS output (last 40 lines)"; tail -40 "$work/qgis.log"; } >&2
  exit 1
}

"$build/bin/recheck" demo --out "$work/demo" --customers 1500 --districts 4 --seed 7 > "$work/demo.log" 2>&1 \
  || { cat "$work/demo.log" >&2; fail "recheck demo failed"; }
master="$work/demo/master.sqlite"

# The county's extent (from the SpatiaLite blobs' MBR header) plus 0.05°,
# the first district's code.
read -r district xmin ymin xmax ymax < <(/usr/bin/python3 - "$master" <<'PY'
import sqlite3, struct, sys
db = sqlite3.connect(sys.argv[1])
boxes = [struct.unpack("<4d", g[6:38]) for (g,) in db.execute("SELECT geom FROM districts WHERE geom IS NOT NULL")]
code = db.execute("SELECT code FROM districts ORDER BY code LIMIT 1").fetchone()[0]
print(code, min(b[0] for b in boxes) - 0.05, min(b[1] for b in boxes) - 0.05,
      max(b[2] for b in boxes) + 0.05, max(b[3] for b in boxes) + 0.05)
PY
)
[ -n "$district" ] || fail "the demo county has no district"

mkdir -p "$work/office"
# Magenta imagery: nothing else in QGIS's window is that colour.
gdal_create -q -of GTiff -outsize 600 600 -bands 3 -ot Byte -burn 255 -burn 0 -burn 255 \
  -a_srs EPSG:4490 -a_ullr "$xmin" "$ymax" "$xmax" "$ymin" "$work/office/imagery.tif" \
  || fail "gdal_create failed"
/usr/bin/python3 - "$work/office/roads.geojson" "$xmin" "$ymin" "$xmax" "$ymax" <<'PY'
import json, sys
path, x0, y0, x1, y1 = sys.argv[1], *map(float, sys.argv[2:])
features = []
for i in range(12):
    y = y0 + (y1 - y0) * (i + 0.5) / 12
    x = x0 + (x1 - x0) * (i + 0.5) / 12
    for name, line in ((f"east-west {i}", [[x0, y], [x1, y]]), (f"north-south {i}", [[x, y0], [x, y1]])):
        features.append({"type": "Feature", "properties": {"name": name},
                         "geometry": {"type": "LineString", "coordinates": line}})
json.dump({"type": "FeatureCollection", "features": features}, open(path, "w"))
PY
"$build/bin/recheck" basemap "$master" --add imagery --source "$work/office/imagery.tif" --zoom 12-15 \
  > "$work/basemap.log" 2>&1 || { cat "$work/basemap.log" >&2; fail "recheck basemap (raster) failed"; }
"$build/bin/recheck" basemap "$master" --add roads --vector --source "$work/office/roads.geojson" \
  >> "$work/basemap.log" 2>&1 || { cat "$work/basemap.log" >&2; fail "recheck basemap (roads) failed"; }

"$build/bin/recheck" checkout "$master" --districts "$district" --to "$work/laptop" \
  > "$work/checkout.log" 2>&1 || { cat "$work/checkout.log" >&2; fail "recheck checkout failed"; }
project=$(ls "$work"/laptop/*.qgs 2>/dev/null | head -1)
[ -n "$project" ] || fail "the check-out wrote no package project"
ls "$work"/laptop/*.gpkg > /dev/null 2>&1 || fail "the check-out wrote no basemap GeoPackage"
# The laptop is offline: nothing of the office is left to read.
rm -rf "$work/office"

. "$src/tests/smoke/xvfb.sh"
start_xvfb "$work" || fail "could not start Xvfb"
trap 'stop_xvfb; rm -rf "$work"' EXIT
display=$DISPLAY
export RECHECK_SMOKE_RESULT="$work/result.json"
export RECHECK_SMOKE_SCREENSHOT="$artifacts/smoke-basemap-package.png"
export RECHECK_SMOKE_SCREENSHOT_HIDDEN="$artifacts/smoke-basemap-hidden.png"
rm -f "$RECHECK_SMOKE_SCREENSHOT" "$RECHECK_SMOKE_SCREENSHOT_HIDDEN"

BUILD_DIR="$build" RECHECK_QGIS_PROFILES="$work/profiles" \
  timeout 150 "$src/packaging/run-qgis.sh" --code "$src/tests/smoke/smoke_basemap_check.py" "$project" \
  > "$work/qgis.log" 2>&1
status=$?

if [ ! -f "$RECHECK_SMOKE_RESULT" ]; then
  import -display "$display" -window root "$artifacts/smoke-basemap-timeout.png" 2>/dev/null
  fail "QGIS never ran the check script (exit $status); see $artifacts/smoke-basemap-timeout.png"
fi
cat "$RECHECK_SMOKE_RESULT"
[ "$status" -eq 0 ] || fail "QGIS exited with status $status"

/usr/bin/python3 - "$RECHECK_SMOKE_RESULT" <<'PY' || fail "checks failed"
import json, sys
r = json.load(open(sys.argv[1]))
problems = []
for layer in r["layers"]:
    if not layer["valid"]:
        problems.append("invalid layer: %s" % layer["name"])
if sorted(r["basemap_layers"]) != ["imagery", "roads"]:
    problems.append("the Basemap group holds %s, not imagery and roads" % r["basemap_layers"])
if not r["screenshot"]:
    problems.append("no screenshot written")
# Share of the map canvas's pixels in the basemap's colour, read back from
# the screenshot files.
if r["magenta_with_basemap"] < 0.05:
    problems.append("the screenshot shows the basemap's colour on %.1f %% of the map only"
                    % (100 * r["magenta_with_basemap"]))
if r["magenta_without_basemap"] > 0.005:
    problems.append("the colour stays (%.1f %%) with the basemap hidden: it is not the basemap's"
                    % (100 * r["magenta_without_basemap"]))
if r["modal"]:
    problems.append("a modal dialog is open: " + r["modal"])
for p in problems:
    print("problem:", p)
print("basemap on %.1f %% of the map (%.2f %% hidden)" %
      (100 * r["magenta_with_basemap"], 100 * r["magenta_without_basemap"]))
sys.exit(1 if problems else 0)
PY
echo "screenshot: $RECHECK_SMOKE_SCREENSHOT"
