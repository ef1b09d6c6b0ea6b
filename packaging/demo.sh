#!/usr/bin/env bash
# `make demo`: the demo county, opened in real QGIS with the suite loaded, or
# (no display, or HEADLESS=1) generated and rendered headless with a summary.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-build}
case "$build" in /*) ;; *) build="$root/$build" ;; esac
demo_dir="$build/demo"
recheck="$build/bin/recheck"

echo "== Generating the demo county in $demo_dir"
"$recheck" demo --out "$demo_dir" --force --render "$demo_dir/demo-map.png"
echo
"$recheck" info "$demo_dir/master.sqlite"
echo

if [ "${HEADLESS:-0}" = "1" ] || [ -z "${DISPLAY:-}" ]; then
  echo "== Headless run (no display or HEADLESS=1): QGIS was not started."
  echo "   The map of the demo county, rendered through the customerarchive provider:"
  echo "     $demo_dir/demo-map.png"
  echo "   Open the project in QGIS on a machine with a display:"
  echo "     packaging/run-qgis.sh $demo_dir/recheck-demo.qgs"
  exit 0
fi

echo "== Starting QGIS with the Recheck suite on $demo_dir/recheck-demo.qgs"
exec "$root/packaging/run-qgis.sh" "$demo_dir/recheck-demo.qgs"
