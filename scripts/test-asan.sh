#!/usr/bin/env bash
# Runs the whole suite under AddressSanitizer with LeakSanitizer, failing on any memory error and on
# any leak of ours. Extra arguments go to `swift test` (e.g. --filter GeoPackageBinaryTests).
#
#   scripts/test-asan.sh [swift test arguments]
#
# It builds in its own path, .build/asan, so the normal and thread-sanitizer builds are untouched.
# The leaks that Foundation and XCTest themselves leave at exit are suppressed by
# scripts/lsan-suppressions.txt, each entry explained there; no entry names a ZoneAtlas module.
set -euo pipefail
cd "$(dirname "$0")/.."
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0:exitcode=23${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=1:exitcode=23${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
swift test --scratch-path .build/asan --sanitize=address "$@"
