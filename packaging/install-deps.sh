#!/usr/bin/env bash
# Installs the Debian 12 packages Recheck needs to build, test and run.
# Idempotent and quick when everything is present; uses sudo when not root.
set -euo pipefail

PACKAGES=(
  # build tools
  cmake ninja-build g++ pkg-config ccache lld
  # Qt 5 and QGIS 3.22 (Debian's)
  qtbase5-dev qttools5-dev qttools5-dev-tools libqt5svg5-dev libqt5sql5-sqlite
  qgis qgis-providers python3-qgis libqgis-dev
  # geodata stack
  libsqlite3-dev sqlite3 libspatialite-dev libsqlite3-mod-spatialite
  libgdal-dev gdal-bin libgeos-dev libproj-dev
  # zipped packages (check-out --zip)
  libminizip-dev
  # the PostgreSQL/PostGIS office master (core/master) and its test server
  postgresql-15 postgresql-15-postgis-3 libpq-dev
  # reminders, Gantt, tests
  libcurl4-openssl-dev libssl-dev libkgantt-dev catch2
  # QgsAuthManager's header (reminder secrets in QGIS's authentication database)
  qtkeychain-qt5-dev libqca-qt5-2-dev
  # smoke tests: real QGIS under a virtual display, screenshots
  xvfb xauth imagemagick
  # Chinese text in maps, labels and screenshots
  fonts-wqy-microhei
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
