#!/usr/bin/env bash
# Builds the DocC documentation of every library module (swift-docc-plugin) into .build/docs/MODULE,
# and fails if DocC or the compiler warns about anything: an unresolved symbol link, a topic that
# names no symbol, a parameter documented that does not exist. Run by scripts/test.sh.
#   scripts/docs.sh [MODULE...]      (default: every library module)
set -euo pipefail
cd "$(dirname "$0")/.."
modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=(ZoneGeometry ZoneProjection ZoneGeoJSON ZoneAtlas)
mkdir -p .build/docs
status=0
for module in "${modules[@]}"; do
    log=".build/docs/$module.log"
    if ! swift package --allow-writing-to-directory .build/docs generate-documentation --target "$module" \
            --output-path ".build/docs/$module" --warnings-as-errors >"$log" 2>&1; then
        echo "docs: $module: generate-documentation failed" >&2
        status=1
    fi
    if grep -E "warning:|error:" "$log" >&2; then
        echo "docs: $module: DocC or the compiler warned (whole log in $log)" >&2
        status=1
    fi
    [ $status -ne 0 ] || echo "docs: $module: no warnings, .build/docs/$module"
done
exit $status
