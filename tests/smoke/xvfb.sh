# Sourced by the scripts that run real QGIS (smoke, package tests).
# start_xvfb WORKDIR: starts a virtual display of our own on a free number
# (so a screenshot can be taken even if QGIS hangs), exports DISPLAY and
# XVFB_PID, and gives QGIS a private HOME and XDG_RUNTIME_DIR under WORKDIR.
# The caller's EXIT trap should run stop_xvfb.
start_xvfb() {
  local work=$1 display="" n
  for n in $(seq 90 160); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then display=":$n"; break; fi
  done
  if [ -z "$display" ]; then
    echo "no free X display number" >&2
    return 1
  fi
  Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp > "$work/xvfb.log" 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
  export DISPLAY=$display XVFB_PID
  export HOME="$work/home" XDG_RUNTIME_DIR="$work/xdg"
  mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
}

stop_xvfb() {
  [ -n "${XVFB_PID:-}" ] && kill "$XVFB_PID" 2>/dev/null
  return 0
}
