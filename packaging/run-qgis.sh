#!/usr/bin/env bash
# Starts the real `qgis` with a fresh, isolated profile in which every plugin
# of the suite staged in build/qgis-plugins is enabled. Arguments go to qgis
# unchanged (a project file, --code script.py, …).
#
# Environment:
#   BUILD_DIR              build folder (default: build)
#   RECHECK_QGIS_PROFILES  profiles folder to use (default: a new temporary one)
#   RECHECK_NO_PLUGINS=1   same isolated profile, suite not enabled (for timing)
#   RECHECK_QGIS_LOCALE    e.g. zh_CN: QGIS (and the suite) in that language
#   RECHECK_PLUGIN_DIR     plugins from this folder instead of the build's
#                          (e.g. an unpacked .deb); "system": the installed
#                          suite in QGIS's own /usr/lib/qgis/plugins, no
#                          extra search path
#
# Why a settings file: QGIS_PLUGINPATH loads Python plugins only; C++ plugins
# need [plugins] searchPathsForPlugins plus [Plugins] lib<name>=true
# (shared/QGIS-NOTES.md). The provider registers itself from the archive
# plugin, since QGIS only discovers provider modules in its own plugin folder.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-build}
case "$build" in /*) ;; *) build="$root/$build" ;; esac
plugins=${RECHECK_PLUGIN_DIR:-$build/qgis-plugins}
search_path="$plugins"
if [ "$plugins" = "system" ]; then
  plugins=/usr/lib/qgis/plugins
  search_path=""
fi
if [ ! -d "$plugins" ]; then
  echo "run-qgis: $plugins does not exist; build first (make build)" >&2
  exit 2
fi

profiles=${RECHECK_QGIS_PROFILES:-$(mktemp -d "${TMPDIR:-/tmp}/recheck-qgis-XXXXXX")}
ini_dir="$profiles/profiles/default/QGIS"
mkdir -p "$ini_dir"
{
  if [ -n "$search_path" ]; then
    echo "[plugins]"
    echo "searchPathsForPlugins=$search_path"
    echo
  fi
  echo "[Plugins]"
  if [ "${RECHECK_NO_PLUGINS:-0}" != "1" ]; then
    for lib in "$plugins"/librecheck*plugin.so; do
      [ -e "$lib" ] || continue
      base=$(basename "$lib" .so)
      echo "$base=true"
    done
  fi
  echo
  echo "[qgis]"
  echo "checkVersion=false"
  echo "showTips=false"
  echo "allowCrashReporting=false"
  echo
  if [ -n "${RECHECK_QGIS_LOCALE:-}" ]; then
    echo "[locale]"
    echo "overrideFlag=true"
    echo "userLocale=$RECHECK_QGIS_LOCALE"
    echo
  fi
  echo "[core]"
  echo "NewsFeed\\\\httpsfeedqgisorg\\\\disabled=true"
} > "$ini_dir/QGIS3.ini"

exec qgis --profiles-path "$profiles" --nologo "$@"
