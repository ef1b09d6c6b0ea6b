#!/usr/bin/env bash
# startup-timing.sh [BUILD_DIR] [RUNS]  — on demand, not a ctest test.
# Measures how long real QGIS (under Xvfb) takes until its --code script runs,
# with the Recheck suite enabled and without it, on an empty project; prints
# each run and the medians.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
runs=${2:-5}
work=$(mktemp -d)
trap 'kill ${xvfb_pid:-0} 2>/dev/null; rm -rf "$work"' EXIT
display=":$((RANDOM % 50 + 150))"
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp > /dev/null 2>&1 &
xvfb_pid=$!
sleep 1
export DISPLAY=$display HOME="$work/home" XDG_RUNTIME_DIR="$work/xdg"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export RECHECK_SMOKE_EXPECTED_PLUGINS="" RECHECK_SMOKE_SCREENSHOT="$work/shot.png"

measure() { # $1 = 0 with suite, 1 without
  local times=()
  for i in $(seq "$runs"); do
    export RECHECK_SMOKE_RESULT="$work/r.json" RECHECK_SMOKE_T0=$(date +%s.%N)
    RECHECK_NO_PLUGINS=$1 RECHECK_QGIS_PROFILES="$work/p$1-$i" BUILD_DIR="$build" \
      timeout 120 "$root/packaging/run-qgis.sh" --code "$root/tests/smoke/smoke_check.py" > /dev/null 2>&1
    times+=("$(/usr/bin/python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["seconds_to_check"] - 2.5))' "$work/r.json")")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "runs: "; for (i=1;i<=NR;i++) printf "%s ", a[i]; printf " median %s s\n", a[int((NR+1)/2)]}'
}
echo "QGIS start-up until ready (the check script's 2.5 s settling delay subtracted):"
echo -n "  with the Recheck suite:    "; measure 0
echo -n "  without (same profile setup): "; measure 1
