#!/usr/bin/env bash
# The whole test suite, as the README gives it and CI runs it, on a fresh Debian machine as root:
# the system packages it needs, a private PostgreSQL + PostGIS server (scripts/postgis.sh, on port
# 55432 and a socket in /tmp/zoneatlas-pg, stopped when the script ends however it ends), then
#   1. the suite (Swift Testing, against GDAL's tools, SQLite's CLI, psql and PostGIS, GeographicLib's Planimeter and the real data in ../shared),
#   2. the DocC documentation of every library module, failing on any warning (scripts/docs.sh),
#   3. the review page in headless Chromium through WebDriver (Tests/Browser/run-browser-tests.sh),
#   4. the suite again under the thread sanitizer,
#   5. the suite under AddressSanitizer with leak detection (scripts/test-asan.sh),
#   6. each libFuzzer target for 60 s (scripts/fuzz.sh).
# Each step stops the run on its first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    libgeos-dev libproj-dev libsqlite3-dev sqlite3 pkg-config proj-bin gdal-bin python3-gdal librsvg2-bin \
    libjs-leaflet chromium chromium-driver python3-selenium procps geographiclib-tools \
    postgresql postgresql-15-postgis-3
scripts/postgis.sh start
trap 'scripts/postgis.sh stop' EXIT
eval "$(scripts/postgis.sh env)"
swift build --build-tests
swift test
scripts/docs.sh
Tests/Browser/run-browser-tests.sh .build/debug/zoneatlas
swift test --sanitize=thread --scratch-path .build/tsan
scripts/test-asan.sh
scripts/fuzz.sh 60
