// Benchmark of ZoneAtlas against the peers in ../shared/bench/ (Shapely 2 + pyproj, plain C).
//
//     zoneatlas-bench [run] FILE [--crs EPSG:32648] [--distance 500] [--dump PREFIX]
//     zoneatlas-bench parse FILE [--python PYTHON]
//     zoneatlas-bench registry FILE [--large FILE] [--postgres URL]
//
// `run` times the six phases of peer.py with the same definitions (parse, validity, geodesic area,
// projected area, overlaps, corridors within a distance) and prints the same JSON (timings_s,
// checksums, ru_maxrss_kb), so ../shared/bench/compare.py can check it against the peers.
// `parse` times the GeoJSON reader alone, next to Shapely's from_geojson when --python is given.
// run-peers.sh beside this file runs everything in one go and prints the ratios.
import Foundation
import ZoneAtlas
import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("zoneatlas-bench: \(message)\n".utf8))
    exit(2)
}

/// Seconds since an arbitrary origin, monotonic.
func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Peak resident memory of this process, in kB.
func peakMemoryKB() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss
}

func option(_ name: String, in arguments: [String]) -> String? {
    arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
}

func printJSON(_ object: [String: Any]) {
    guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]) else {
        fail("cannot encode the report")
    }
    print(String(decoding: data, as: UTF8.self))
}

/// Times Shapely's GeoJSON reader on `file` in a separate Python process.
func shapelySeconds(python: String, file: String) -> Double? {
    let script = """
        import sys, time, shapely
        t = time.perf_counter()
        raw = open(sys.argv[1], "rb").read()
        g = shapely.get_parts(shapely.from_geojson(raw))
        print(time.perf_counter() - t)
        """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", script, file]
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { return nil }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Double(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
}

func parse(_ file: String) -> ReadResult {
    do {
        return try GeoJSONReader(options: ReadOptions(checkValidity: false)).read(contentsOf: file)
    } catch {
        fail("\(error)")
    }
}

func parseOnly(_ file: String, python: String?) {
    guard let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int else { fail("cannot read \(file)") }
    let start = now()
    let result = parse(file)
    let seconds = now() - start
    let megabytes = Double(size) / 1_000_000
    var report: [String: Any] = [
        "file": file, "megabytes": megabytes, "features": result.featureCount,
        "errors": result.problems.filter { $0.severity == .error }.count,
        "timings_s": ["a_parse": seconds], "megabytes_per_s": megabytes / seconds, "ru_maxrss_kb": peakMemoryKB(),
    ]
    if let python, let shapely = shapelySeconds(python: python, file: file) {
        report["shapely_from_geojson_s"] = shapely
        report["ratio_to_shapely"] = seconds / shapely
    }
    printJSON(report)
}

/// The six phases of peer.py, same definitions, same checksums.
func run(_ file: String, crsName: String, distance: Double, dump: String?) throws {
    var timings: [String: Double] = [:]
    var checksums: [String: Any] = [:]
    var t = now()

    // (a) parse: read the file and build every geometry.
    let features = parse(file).collection.features.compactMap(\.geometry)
    timings["a_parse"] = now() - t
    let polygons = features.filter { $0.type.isPolygonal }
    let corridors = features.filter { $0.type == .lineString }
    let n = polygons.count

    // (b) validity of every geometry.
    t = now()
    let valid = try parallelMap(count: features.count, chunkSize: 256) { try features[$0].isValid }
    timings["b_valid"] = now() - t
    checksums["n_invalid"] = valid.filter { !$0 }.count

    // (c) geodesic area of each polygon on WGS84.
    t = now()
    let geodesicAreas = try parallelMap(count: n, chunkSize: 64) { try Geodesic.wgs84.area(of: polygons[$0]) }
    timings["c_geod_area"] = now() - t
    checksums["geod_area_total_m2"] = geodesicAreas.reduce(0, +)

    // (d) transform to the projected CRS in bulk, then planar area.
    t = now()
    let toProjected = try Transformer(from: .wgs84, to: try CRS(crsName))
    let projectedWithArea = try parallelMap(count: n, chunkSize: 64) { i -> (Geometry, Double) in
        let shape = try toProjected.transform(polygons[i])
        return (shape, try shape.area())
    }
    let projected = projectedWithArea.map(\.0), projectedAreas = projectedWithArea.map(\.1)
    timings["d_proj_area"] = now() - t
    checksums["proj_area_total_m2"] = projectedAreas.reduce(0, +)

    // (e) overlapping pairs (interiors meet with positive planar area) and their geodesic areas.
    t = now()
    let overlaps = try OverlapSearch().run(polygons)
    timings["e_overlaps"] = now() - t
    checksums["n_intersecting_pairs"] = overlaps.intersectingPairCount
    checksums["n_overlap_pairs"] = overlaps.pairs.count
    checksums["overlap_area_total_m2"] = overlaps.pairs.reduce(0) { $0 + $1.areaSquareMetres }
    checksums["overlap_pair_hash"] = overlaps.pairs.reduce(0) { $0 + $1.first * n + $1.second }

    // (f) zones within the distance of each corridor, in the projected CRS.
    t = now()
    let corridorsProjected = try parallelMap(count: corridors.count, chunkSize: 8) { try toProjected.transform(corridors[$0]) }
    let tree = try STRtree(projected)
    let near = try parallelMap(count: corridorsProjected.count, chunkSize: 1) {
        try CorridorProximity().zonesNear(corridorsProjected[$0], in: tree, within: distance)
    }
    timings["f_corridors"] = now() - t
    checksums["n_corridor_zone_pairs"] = near.reduce(0) { $0 + $1.count }
    checksums["n_zones_near_corridor"] = Set(near.flatMap { $0 }).count
    checksums["corridor_pair_hash"] = near.enumerated().reduce(0) { sum, item in sum + item.element.reduce(0) { $0 + item.offset * n + $1 } }

    timings["total_core"] = ["a_parse", "b_valid", "c_geod_area", "d_proj_area", "e_overlaps", "f_corridors"].reduce(0) { $0 + timings[$1]! }

    if let dump {
        let areas = (0..<n).map { "\($0)\t\(geodesicAreas[$0])\t\(projectedAreas[$0])\n" }.joined()
        let pairs = overlaps.pairs.sorted { ($0.first, $0.second) < ($1.first, $1.second) }
            .map { "\($0.first)\t\($0.second)\t\($0.areaSquareMetres)\n" }.joined()
        try areas.write(toFile: dump + ".areas.tsv", atomically: true, encoding: .utf8)
        try pairs.write(toFile: dump + ".pairs.tsv", atomically: true, encoding: .utf8)
    }
    printJSON([
        "impl": "zoneatlas", "file": file, "crs": crsName, "distance_m": distance,
        "counts": ["features": features.count, "polygons": n, "corridors": corridors.count,
                   "polygon_vertices": polygons.reduce(0) { $0 + $1.coordinateCount },
                   "corridor_vertices": corridors.reduce(0) { $0 + $1.coordinateCount }],
        "timings_s": timings, "checksums": checksums, "ru_maxrss_kb": peakMemoryKB(),
    ])
}

if CommandLine.arguments.dropFirst().first == "stream" { streamBench(Array(CommandLine.arguments.dropFirst(2))); exit(0) }
var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "review" { reviewBenchmark(Array(arguments.dropFirst())) }
if let first = arguments.first, !["run", "parse", "registry"].contains(first) { arguments.insert("run", at: 0) }
guard arguments.count >= 2, !arguments[1].hasPrefix("-") else {
    fail("usage: zoneatlas-bench [run] FILE [--crs EPSG:32648] [--distance 500] [--dump PREFIX] | parse FILE [--python PYTHON] "
         + "| registry FILE [--large FILE] [--postgres URL]")
}
if arguments[0] == "parse" {
    parseOnly(arguments[1], python: option("--python", in: arguments))
} else if arguments[0] == "registry" {
    RegistryBench.run(arguments[1], large: option("--large", in: arguments), postgres: option("--postgres", in: arguments))
} else {
    do {
        try run(arguments[1], crsName: option("--crs", in: arguments) ?? "EPSG:32648",
                distance: option("--distance", in: arguments).flatMap(Double.init) ?? 500, dump: option("--dump", in: arguments))
    } catch {
        fail("\(error)")
    }
}
