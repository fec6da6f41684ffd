import Foundation

/// `zoneatlas-bench registry FILE [--large FILE]`: the registry as a user meets it — whole
/// `zoneatlas` processes (import, show, list --bbox, import of one more zone) on a registry made
/// from FILE, each timed with its peak memory, beside GDAL doing the same on the same file
/// (`ogr2ogr` loading it, `ogrinfo -where`, `ogrinfo -spat`, `ogr2ogr -append`). With `--large`,
/// the import of that file (e.g. 1,000,000 zones) into an empty registry, with its peak memory.
/// The `zoneatlas` binary is the one beside this benchmark.
enum RegistryBench {
    /// One whole process: its wall-clock seconds, peak resident memory and exit status.
    struct Measure {
        var seconds: Double
        var peakMegabytes: Double
        var status: Int32
    }

    static func measure(_ arguments: [String]) -> Measure {
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let start = now()
        guard posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ) == 0 else { fail("cannot start \(arguments[0])") }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        return Measure(seconds: now() - start, peakMegabytes: Double(usage.ru_maxrss) / 1024,
                       status: (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f))
    }

    static func run(_ file: String, large: String?) {
        let zoneatlas = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("zoneatlas").path
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zoneatlas-bench-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let registry = directory.appendingPathComponent("registry.gpkg").path
        let gdal = directory.appendingPathComponent("gdal.gpkg").path
        let one = directory.appendingPathComponent("one.geojson").path
        // One more zone, and a 10 km box (0.09° of latitude, 0.096° of longitude at 20.8° N) in Hai Phong.
        let square = "[[106.60,20.80],[106.61,20.80],[106.61,20.81],[106.60,20.81],[106.60,20.80]]"
        try? #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"bench-one-more","properties":{"kind":"industrial_park","name":"Khu thêm"},"geometry":{"type":"Polygon","coordinates":[\#(square)]}}]}"#
            .write(toFile: one, atomically: true, encoding: .utf8)
        let box = ["106.60", "20.80", "106.696", "20.89"]

        var rows: [(String, Measure, Measure?, String)] = []
        rows.append(("import whole file into an empty registry", measure([zoneatlas, "import", file, "--registry", registry]),
                     measure(["ogr2ogr", "-f", "GPKG", gdal, file, "-nln", "zones"]), "≤ 10 s"))
        rows.append(("show ID", measure([zoneatlas, "show", "5", "--registry", registry]),
                     measure(["ogrinfo", "-q", "-where", "id='5'", gdal, "zones"]), "≤ 100 ms, ≤ 60 MB"))
        rows.append(("list --bbox (10 km box)", measure([zoneatlas, "list", "--bbox", box.joined(separator: ","), "--registry", registry]),
                     measure(["ogrinfo", "-q", "-spat"] + box + [gdal, "zones"]), "≤ 200 ms"))
        rows.append(("list --name", measure([zoneatlas, "list", "--name", "an lao", "--registry", registry]),
                     measure(["ogrinfo", "-q", "-where", "name LIKE '%An Lão%'", gdal, "zones"]), "—"))
        rows.append(("import one more zone", measure([zoneatlas, "import", one, "--registry", registry]),
                     measure(["ogr2ogr", "-update", "-append", "-nln", "zones", gdal, one]), "≤ 200 ms"))
        if let large {
            let big = directory.appendingPathComponent("large.gpkg").path
            rows.append(("import of --large into an empty registry", measure([zoneatlas, "import", large, "--registry", big]), nil,
                         "peak ≤ 2 GB"))
        }

        func cell(_ measure: Measure?) -> String {
            guard let measure else { return "—" }
            return String(format: "%.3f s, %.0f MB", measure.seconds, measure.peakMegabytes) + (measure.status == 0 ? "" : " (exit \(measure.status))")
        }
        print("registry of \(file)\n")
        print("| what | ZoneAtlas | GDAL on the same file | target |")
        print("|---|---|---|---|")
        for (name, ours, theirs, target) in rows {
            print("| \(name) | \(cell(ours)) | \(cell(theirs)) | \(target) |")
        }
        if rows.contains(where: { $0.1.status != 0 }) { exit(1) }
    }
}
