#!/usr/bin/env bash
# The interactive review in headless Chromium (Debian packages chromium, chromium-driver,
# python3-selenium, libjs-leaflet). Builds nothing: give it the zoneatlas binary.
#
#     Tests/Browser/run-browser-tests.sh .build/debug/zoneatlas [OUT_DIR]
#
# Writes the review of the real Hai Phong communes with the port channels and GeoData/, runs the
# checks of review_in_browser.py, leaves screenshots in OUT_DIR/screenshots, prints
# "N passed, N failed" and exits non-zero on any failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
binary="${1:?usage: run-browser-tests.sh PATH/TO/zoneatlas [OUT_DIR]}"
out="${2:-$(mktemp -d)}"
mkdir -p "$out"
data="${ZONEATLAS_SHARED_DATA:-$root/../shared/data}"
"$binary" review "$data/hai_phong_communes_2025.geojson" "$data/hai_phong_port_channels.geojson" "$root/GeoData" \
    --out-dir "$out/real" --fail-on never > "$out/review.log" 2>&1 || { cat "$out/review.log"; echo "0 passed, 1 failed"; exit 1; }
/usr/bin/python3 "$here/review_in_browser.py" "$out/real" "$out/screenshots"
