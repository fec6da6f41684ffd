#!/usr/bin/env bash
# Runs ZoneAtlas, peer.py (Shapely 2 + pyproj) and geos_baseline (plain C over GEOS 3.11 + PROJ 9.1)
# in one run, on data made by gen_zones.py, checks their checksums agree (compare.py), and prints
# each phase's time and ZoneAtlas's ratios against the targets.
#
#   Sources/zoneatlas-bench/run-peers.sh            # 10k and 100k zones, 10k commune tiling
#   SIZES="1000" COMMUNES=0 Sources/zoneatlas-bench/run-peers.sh
#
# The peers come from ../shared/bench (read-only); they are copied to $BENCH_DIR (default
# .build/bench) and set up there with its setup.sh (a Python venv with shapely/pyproj, the C build).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED_BENCH:-$repo/../shared/bench}
work=${BENCH_DIR:-$repo/.build/bench}
sizes=${SIZES:-"10000 100000"}
communes=${COMMUNES:-10000}

mkdir -p "$work/data" "$work/out"
for f in gen_zones.py peer.py compare.py geos_baseline.c parse_floor.cpp setup.sh; do
  install -m 0644 "$shared/$f" "$work/$f"
done
[ -x "$work/geos_baseline" ] && [ -x "$work/.venv/bin/python" ] || (cd "$work" && bash setup.sh >&2)
(cd "$repo" && swift build -c release --product zoneatlas-bench >&2)
za="$repo/.build/release/zoneatlas-bench"
py="$work/.venv/bin/python"

files=()
for n in $sizes; do files+=("zones_$n"); done
[ "$communes" != 0 ] && files+=("communes_$communes")
for name in "${files[@]}"; do
  data="$work/data/$name.geojson"
  if [ ! -f "$data" ]; then
    kind=${name%%_*}; n=${name##*_}
    flag=$([ "$kind" = zones ] && echo --zones || echo --communes)
    "$py" "$work/gen_zones.py" "$flag" "$n" --corridors $((n / 100)) --seed 1 --out "$data" >&2
  fi
  echo "== $name" >&2
  "$za" run "$data" > "$work/out/$name.zoneatlas.json"
  "$py" "$work/peer.py" "$data" --no-variants > "$work/out/$name.py.json"
  "$work/geos_baseline" "$data" > "$work/out/$name.c.json"
  "$py" "$work/compare.py" "$work/out/$name.py.json" "$work/out/$name.zoneatlas.json" > "$work/out/$name.compare.json" \
    || echo "CHECKSUMS DIFFER for $name: see $work/out/$name.compare.json" >&2
done

"$py" - "$work/out" "${files[@]}" <<'PY'
import json, sys
out, names = sys.argv[1], sys.argv[2:]
phases = ["a_parse", "b_valid", "c_geod_area", "d_proj_area", "e_overlaps", "f_corridors", "total_core"]
def load(name, impl):
    return json.load(open("%s/%s.%s.json" % (out, name, impl)))
runs = {n: {i: load(n, i) for i in ("zoneatlas", "py", "c")} for n in names}
print("| phase | " + " | ".join("%s %s" % (n, i) for n in names for i in ("ZoneAtlas", "Shapely", "C 3.11", "ratio")) + " |")
print("|---" * (1 + 4 * len(names)) + "|")
for p in phases:
    cells = []
    for n in names:
        z, s, c = (runs[n][i]["timings_s"].get(p) for i in ("zoneatlas", "py", "c"))
        best = min(s, c) if p != "f_corridors" else s
        cells += ["%.3f" % z, "%.3f" % s, "%.3f" % c, "%.2f×" % (z / best)]
    print("| %s | %s |" % (p, " | ".join(cells)))
print("| peak RSS (MB) | " + " | ".join(
    "%d | %d | %d | %.2f×" % tuple([runs[n][i]["ru_maxrss_kb"] / 1024 for i in ("zoneatlas", "py", "c")]
                                  + [runs[n]["zoneatlas"]["ru_maxrss_kb"] / runs[n]["c"]["ru_maxrss_kb"]]) for n in names) + " |")
print()
print("Ratios: per phase against the faster peer (corridors: against Shapely); totals against each peer below.")
ok = True
for n in names:
    z, s, c = (runs[n][i] for i in ("zoneatlas", "py", "c"))
    agree = json.load(open("%s/%s.compare.json" % (out, n)))["checksums_agree"]
    t = lambda r, p: r["timings_s"][p]
    checks = [("checksums agree with peer.py", agree),
              ("total ≤ 0.5× C (%.2f×)" % (t(z, "total_core") / t(c, "total_core")), t(z, "total_core") <= 0.5 * t(c, "total_core")),
              ("total ≤ 0.5× Shapely (%.2f×)" % (t(z, "total_core") / t(s, "total_core")), t(z, "total_core") <= 0.5 * t(s, "total_core")),
              ("parse ≤ 0.25× Shapely (%.2f×)" % (t(z, "a_parse") / t(s, "a_parse")), t(z, "a_parse") <= 0.25 * t(s, "a_parse")),
              ("peak memory ≤ C's", z["ru_maxrss_kb"] <= c["ru_maxrss_kb"])]
    for p in ("b_valid", "c_geod_area", "d_proj_area", "e_overlaps"):
        best = min(t(s, p), t(c, p))
        limit = 0.2 * t(s, p) if (p == "e_overlaps" and n.startswith("communes")) else 1.2 * best
        label = "≤ 0.2× Shapely" if (p == "e_overlaps" and n.startswith("communes")) else "≤ 1.2× faster peer"
        checks.append(("%s %s (%.2f×)" % (p, label, t(z, p) / best), t(z, p) <= limit))
    checks.append(("f_corridors ≤ 1.5× Shapely (%.2f×)" % (t(z, "f_corridors") / t(s, "f_corridors")), t(z, "f_corridors") <= 1.5 * t(s, "f_corridors")))
    print("%s: %s" % (n, "; ".join("%s %s" % ("ok" if good else "MISSED", label) for label, good in checks)))
    ok &= all(good for _, good in checks)
zones = sorted((int(n.split("_")[1]), n) for n in names if n.startswith("zones_"))
if len(zones) >= 2:
    (small, a), (big, b) = zones[0], zones[-1]
    scale = runs[b]["zoneatlas"]["timings_s"]["total_core"] / runs[a]["zoneatlas"]["timings_s"]["total_core"]
    good = scale <= 1.1 * big / small
    print("scaling: %dk takes %.1f× the time of %dk (target ≤ %.0f×): %s" % (big // 1000, scale, small // 1000, 1.1 * big / small, "ok" if good else "MISSED"))
    ok &= good
sys.exit(0 if ok else 1)
PY
