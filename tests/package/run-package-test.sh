#!/usr/bin/env bash
# run-package-test.sh BUILD_DIR SOURCE_DIR
# Builds the .deb with CPack and checks it as a user would meet it:
#  1. name, version, architecture, dependencies on Debian's QGIS 3.22;
#  2. contents: CLI, provider + every plugin, man page (one section per verb
#     of `recheck --help`), examples;
#  3. unpacked into a scratch root: the CLI runs, and real QGIS under Xvfb
#     with a fresh zh_CN profile loads the suite from the packaged files and
#     shows the Recheck menu in Chinese (screenshot in test-artifacts/);
#  4. only when RECHECK_TEST_DEB_INSTALL=1 and root (CI sets it): `apt-get
#     install ./recheck_*.deb`, QGIS finds provider and plugins in its own
#     plugin folder with no further step, then `apt-get purge` leaves none of
#     the package's files behind.
set -uo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
artifacts="$build/test-artifacts"
mkdir -p "$artifacts" "$build/test-scratch"
work=$(mktemp -d "$build/test-scratch/package-XXXXXX")
installed_here=0
cleanup() {
  stop_xvfb
  if [ "$installed_here" = 1 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq recheck > /dev/null 2>&1
  fi
  rm -rf "$work"
}
. "$src/tests/smoke/xvfb.sh"
trap cleanup EXIT

fail() {
  echo "PACKAGE TEST FAILED: $*" >&2
  for log in "$work"/*.log; do
    [ -f "$log" ] && { echo "--- $(basename "$log") (last 30 lines)"; tail -30 "$log"; } >&2
  done
  exit 1
}
has_chinese() { /usr/bin/python3 -c 'import sys; sys.exit(0 if any("\u4e00" <= c <= "\u9fff" for c in sys.argv[1]) else 1)' "$1"; }

# 1. Build the package.
(cd "$build" && cpack -G DEB -B "$work/out" > "$work/cpack.log" 2>&1) || fail "cpack failed"
deb=$(ls "$work"/out/recheck_*_amd64.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no recheck_<version>_amd64.deb written"
version=$(dpkg-deb -f "$deb" Version)
[ "$(basename "$deb")" = "recheck_${version}_amd64.deb" ] || fail "file name $(basename "$deb") does not match version $version"
[ "$(dpkg-deb -f "$deb" Architecture)" = amd64 ] || fail "architecture is not amd64"
depends=$(dpkg-deb -f "$deb" Depends)
for needed in "qgis (>= 3.22)" "qgis (<< 3.23)" "libqgis-core3.22" "libspatialite"; do
  case "$depends" in *"$needed"*) ;; *) fail "Depends lacks '$needed': $depends" ;; esac
done
echo "package: $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

# 2. Contents.
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' > "$work/contents.txt"
want=(/usr/bin/recheck /usr/lib/qgis/plugins/libcustomerarchiveprovider.so /usr/share/man/man1/recheck.1.gz
      /usr/share/recheck/systemd/recheck-remind.timer /usr/share/recheck/examples/remind.example.json
      /usr/share/doc/recheck/copyright)
plugins=""
for lib in "$build"/qgis-plugins/librecheck*plugin.so; do
  [ -e "$lib" ] || continue
  want+=("/usr/lib/qgis/plugins/$(basename "$lib")")
  plugins="$plugins${plugins:+,}$(basename "$lib" .so)"
done
[ -n "$plugins" ] || fail "no plugin staged in $build/qgis-plugins"
for f in "${want[@]}"; do grep -qx "$f" "$work/contents.txt" || fail "$f is not in the package"; done

root="$work/root"
dpkg-deb -x "$deb" "$root" || fail "dpkg-deb -x failed"
verbs=$(LANG=C "$root/usr/bin/recheck" --help | awk '/^Verbs:/{v=1;next} v&&/^  [a-z]/{n++} v&&/^$/{if(n)exit} END{print n+0}')
sections=$(zcat "$root/usr/share/man/man1/recheck.1.gz" | grep -c '^\.SS ')
[ "$verbs" -gt 0 ] && [ "$verbs" = "$sections" ] || fail "man page has $sections verb sections, recheck --help lists $verbs verbs"
"$root/usr/bin/recheck" --version | grep -q "$version" || fail "packaged recheck --version does not say $version"
zh_help=$(LANG=zh_CN.UTF-8 LC_ALL= "$root/usr/bin/recheck" --help)
has_chinese "$zh_help" || fail "recheck --help under LANG=zh_CN.UTF-8 is not in Chinese"
# Nothing in the package may point back into the build tree.
if grep -rl --binary-files=binary -F "$build" "$root" > "$work/buildpaths.txt" 2>/dev/null; then
  fail "packaged files refer to the build folder: $(tr '\n' ' ' < "$work/buildpaths.txt")"
fi

# 3. QGIS in zh_CN with the suite loaded from the unpacked package.
run_qgis_check() { # $1: plugin dir for run-qgis.sh, $2: screenshot name
  export RECHECK_PACKAGE_RESULT="$work/result-$2.json"
  export RECHECK_PACKAGE_SCREENSHOT="$artifacts/$2.png"
  export RECHECK_PACKAGE_EXPECTED_PLUGINS="$plugins"
  rm -f "$RECHECK_PACKAGE_SCREENSHOT" "$RECHECK_PACKAGE_RESULT"
  RECHECK_PLUGIN_DIR="$1" RECHECK_QGIS_LOCALE=zh_CN RECHECK_QGIS_PROFILES="$work/profiles-$2" \
    timeout 150 "$src/packaging/run-qgis.sh" --code "$src/tests/package/package_check.py" > "$work/qgis-$2.log" 2>&1
  [ -f "$RECHECK_PACKAGE_RESULT" ] || fail "QGIS never ran the check script ($2)"
  cat "$RECHECK_PACKAGE_RESULT"
  /usr/bin/python3 - "$RECHECK_PACKAGE_RESULT" <<'PY' || fail "QGIS checks failed ($2)"
import json, sys
r = json.load(open(sys.argv[1]))
chinese = lambda s: any("\u4e00" <= c <= "\u9fff" for c in s)
problems = []
missing = sorted(set(r["plugins_expected"]) - set(r["plugins_found"]))
if missing:
    problems.append("plugins not loaded: " + ", ".join(missing))
if "customerarchive" not in r["providers"]:
    problems.append("provider customerarchive not registered")
if not chinese(r["menu_title"]):
    problems.append("Recheck menu title not in Chinese: %r" % r["menu_title"])
untranslated = [e for e in r["menu_entries"] if not chinese(e)]
if not r["menu_entries"] or untranslated:
    problems.append("menu entries not in Chinese: %r" % (untranslated or "none"))
if not r["screenshot"]:
    problems.append("no screenshot written")
for p in problems:
    print("problem:", p)
sys.exit(1 if problems else 0)
PY
  echo "screenshot: $RECHECK_PACKAGE_SCREENSHOT"
}
start_xvfb "$work" || fail "could not start Xvfb"
run_qgis_check "$root/usr/lib/qgis/plugins" package-qgis-zh_CN

# 4. The real thing, on machines that allow it.
if [ "${RECHECK_TEST_DEB_INSTALL:-0}" = 1 ] && [ "$(id -u)" = 0 ]; then
  if dpkg-query -W -f='${Status}' recheck 2>/dev/null | grep -q "install ok installed"; then
    fail "recheck is already installed on this machine; remove it before the install test"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" > "$work/apt-install.log" 2>&1 \
    || fail "apt-get install $deb failed"
  installed_here=1
  for f in "${want[@]}"; do [ -e "$f" ] || fail "$f missing after apt install"; done
  run_qgis_check system package-qgis-installed-zh_CN
  DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq recheck > "$work/apt-purge.log" 2>&1 || fail "apt-get purge recheck failed"
  installed_here=0
  left=""
  while read -r f; do
    [ -z "$f" ] && continue
    if [ -d "$f" ]; then
      case "$f" in /usr/share/recheck/*|/usr/share/recheck/|/usr/share/doc/recheck/*|/usr/share/doc/recheck/) left="$left $f" ;; esac
    elif [ -e "$f" ]; then
      left="$left $f"
    fi
  done < "$work/contents.txt"
  [ -z "$left" ] || fail "left behind after purge:$left"
  echo "installed with apt, QGIS loaded it from /usr/lib/qgis/plugins, purged without leftovers"
else
  echo "system install test skipped (set RECHECK_TEST_DEB_INSTALL=1 as root; CI does)"
fi
echo "PACKAGE OK"
