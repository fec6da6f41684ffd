// Benchmark of ZoneAtlas against the peers in ../shared/bench/ (Shapely 2 + pyproj, plain C).
//
//     zoneatlas-bench parse FILE [--python PYTHON]
//
// `parse` reads FILE (GeoJSON) into GEOS geometries, as phase a of peer.py and geos_baseline.c,
// and prints the time and MB/s; with --python it times Shapely's `from_geojson` on the same file
// in the same run (PYTHON must have shapely installed, e.g. ../shared/bench's .venv).
import Foundation
import ZoneGeoJSON
import ZoneGeometry

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

var arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.first == "parse", arguments.count >= 2 else {
    fail("usage: zoneatlas-bench parse FILE [--python PYTHON]")
}
let file = arguments[1]
let python = arguments.firstIndex(of: "--python").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
guard let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int else { fail("cannot read \(file)") }

let start = now()
let result: ReadResult
do {
    result = try GeoJSONReader(options: ReadOptions(checkValidity: false)).read(contentsOf: file)
} catch {
    fail("\(error)")
}
let seconds = now() - start
let polygons = result.collection.features.filter { $0.geometry?.type.isPolygonal == true }.count
let megabytes = Double(size) / 1_000_000
var report: [String: Any] = [
    "file": file,
    "megabytes": megabytes,
    "features": result.featureCount,
    "polygons": polygons,
    "errors": result.problems.filter { $0.severity == .error }.count,
    "timings_s": ["a_parse": seconds],
    "megabytes_per_s": megabytes / seconds,
    "ru_maxrss_kb": peakMemoryKB(),
]
if let python, let shapely = shapelySeconds(python: python, file: file) {
    report["shapely_from_geojson_s"] = shapely
    report["ratio_to_shapely"] = seconds / shapely
}
let json = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
print(String(decoding: json, as: UTF8.self))
