#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ with AddressSanitizer (leak detection on) and runs each for
# SECONDS (default 60). Exits non-zero when any target finds a crash, a leak, a timeout or an
# out-of-memory; the input that caused it is left in .build/fuzz/findings/.
#
#   scripts/fuzz.sh [SECONDS]
#
# SwiftPM cannot link a -sanitize=fuzzer product on Linux, so the library modules are built by
# SwiftPM with coverage and ASan instrumentation (in their own build path, .build/fuzz, so the
# normal build is untouched) and each target is compiled and linked here with swiftc against their
# objects. Seeds: the GeoJSON fixtures and GeoData for the reader; for the blob decoder, the
# GeoPackage geometry blobs ogr2ogr writes for the same files.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build=.build/fuzz
release=$build/release
work=$build/work
mkdir -p "$build/findings" "$work"

swift build -c release --build-path "$build" --target ZoneAtlas -Xswiftc -sanitize=fuzzer,address

# The module map of every C module built, which the Swift modules importing them need found: the one
# SwiftPM generated in the module's build folder, or else the package's own; and the system libraries'.
modulemaps=(-Xcc -fmodule-map-file=Sources/CGEOS/module.modulemap -Xcc -fmodule-map-file=Sources/CPROJ/module.modulemap
            -Xcc -fmodule-map-file="$build/checkouts/GRDB.swift/Sources/GRDBSQLite/module.modulemap")
for folder in "$release"/*.build; do
    module=$(basename "$folder" .build)
    if [ -f "$folder/module.modulemap" ]; then
        modulemaps+=(-Xcc -fmodule-map-file="$folder/module.modulemap")
    else
        for own in "$build"/checkouts/*/Sources/"$module"/include/module.modulemap; do
            if [ -f "$own" ]; then modulemaps+=(-Xcc -fmodule-map-file="$own"); fi
        done
    fi
done
link() {  # link OUTPUT SOURCE MODULE...
    local output=$1 source=$2 objects=() object module; shift 2
    # Every object of each module (C targets, such as swift-crypto's BoringSSL, keep theirs in
    # subfolders; some names have spaces).
    for module in "$@"; do
        while IFS= read -r -d '' object; do objects+=("$object"); done < <(find "$release/$module.build" -name '*.o' -print0)
    done
    # (ld.gold warns about ASan's local symbols; those warnings are noise.)
    swiftc -sanitize=fuzzer,address -parse-as-library -O -I "$release/Modules" "${modulemaps[@]}" \
        "$source" "${objects[@]}" -lgeos_c -lproj -lsqlite3 -lstdc++ -o "$output" 2>&1 | { grep -v "Cannot export local symbol" || true; }
    test -x "$output"
}
link "$build/geojson-reader-fuzzer" Fuzz/GeoJSONReaderFuzzer.swift ZoneGeometry ZoneProjection ZoneGeoJSON
# ZoneAtlas needs every module built for it (GRDB, swift-crypto, PostgresNIO and SwiftNIO …).
link "$build/geopackage-blob-fuzzer" Fuzz/GeoPackageBlobFuzzer.swift $(cd "$release" && ls -d -- *.build | sed 's/\.build$//')

# Seeds for the blob decoder: every geometry blob ogr2ogr writes for the fixtures and GeoData.
blobs=$work/geopackage-blob-seeds
rm -rf "$blobs" && mkdir -p "$blobs"
for file in Tests/ZoneGeoJSONTests/Fixtures/good/*.geojson GeoData/*.geojson; do
    gpkg=$work/seed.gpkg
    rm -f "$gpkg"
    ogr2ogr -q -f GPKG -nln seed "$gpkg" "$file" 2>/dev/null || continue
    ogrinfo -q "$gpkg" -sql "SELECT hex(geom) AS blob FROM seed WHERE geom IS NOT NULL" 2>/dev/null \
        | sed -n 's/^ *blob (String) = //p' | { index=0; while read -r hex; do
            index=$((index + 1))
            printf '%b' "$(printf '%s' "$hex" | sed 's/../\\x&/g')" > "$blobs/$(basename "$file" .geojson)-$index"
        done; }
done
test -n "$(ls "$blobs")" || { echo "fuzz.sh: no GeoPackage blob seeds (is gdal-bin installed?)" >&2; exit 2; }

# Swift's own crash backtracer would run inside ASan's report and muddle it; libFuzzer's is enough.
export SWIFT_BACKTRACE=enable=no
status=0
run() {  # run NAME MAX_LEN SEED_DIR...
    local name=$1 maxLength=$2; shift 2
    local corpus=$work/corpus-$name
    mkdir -p "$corpus"
    echo "== $name: $seconds s"
    if ! "$build/$name" -max_total_time="$seconds" -max_len="$maxLength" -timeout=10 -rss_limit_mb=4096 \
        -print_final_stats=1 -print_coverage=0 -artifact_prefix="$build/findings/$name-" "$corpus" "$@" \
        > "$work/$name.log" 2>&1; then
        status=1
        echo "fuzz.sh: $name found a problem; see $work/$name.log and $build/findings/" >&2
        grep -E "ERROR|SUMMARY|Test unit written" "$work/$name.log" >&2 || tail -20 "$work/$name.log" >&2
    fi
    grep -E "^#[0-9]+.*DONE|^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)" "$work/$name.log" || true
    grep -Eo "cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*" "$work/$name.log" | tail -1 || true
}
run geojson-reader-fuzzer 65536 Tests/ZoneGeoJSONTests/Fixtures/good Tests/ZoneGeoJSONTests/Fixtures/broken GeoData
run geopackage-blob-fuzzer 4096 "$blobs"
exit $status
