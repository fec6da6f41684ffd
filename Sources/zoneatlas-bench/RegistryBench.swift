import Foundation

/// `zoneatlas-bench registry FILE [--large FILE]`: the registry as a user meets it — whole
/// `zoneatlas` processes (import, show, list --bbox, import of one more zone) on a registry made
/// from FILE, each timed with its peak memory, beside GDAL doing the same on the same file
/// (`ogr2ogr` loading it, `ogrinfo -where`, `ogrinfo -spat`, `ogr2ogr -append`); then the file
/// imported again unchanged and with every zone moved, the history read by box at two revisions,
/// the diff of the whole change, a 100-revision history read by box at its middle, and the cost of
/// SQLite's `quick_check` on the registry. With `--large`, the import of that file (e.g. 1,000,000
/// zones) into an empty registry, with its peak memory, and `quick_check` on it.
/// With `--postgres URL` (a database, no `?` part), the same on a PostGIS registry in a schema of
/// its own beside `ogr2ogr` loading the file into the same server, then the six analysis commands
/// (with GeoData's communes and corridors imported too) on the GeoPackage and on PostGIS, and the
/// server doing the geodesic areas and the overlaps itself in SQL through `psql`, for the choice of
/// where that work runs. The `zoneatlas` binary is the one beside this benchmark.
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

    static func run(_ file: String, large: String?, postgres: String?) {
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
        // The whole file again with every zone moved east by 1e-5° (about 1 m): every row changes,
        // so every one gets a new version; then the history read back by box and compared whole.
        let moved = directory.appendingPathComponent("moved.geojson").path
        let move = """
            import json, sys
            d = json.load(open(sys.argv[1]))
            def mv(c): return [round(c[0] + 1e-5, 7)] + c[1:] if isinstance(c[0], (int, float)) else [mv(x) for x in c]
            for f in d["features"]: f["geometry"]["coordinates"] = mv(f["geometry"]["coordinates"])
            d.pop("bbox", None)
            json.dump(d, open(sys.argv[2], "w"), separators=(",", ":"))
            """
        let same = measure([zoneatlas, "import", file, "--registry", registry])
        rows.append(("import the same file again (nothing changes; revision 3)", same, nil,
                     String(format: "— (%.1f× the first import)", same.seconds / rows[0].1.seconds)))
        if measure(["python3", "-c", move, file, moved]).status == 0 {
            let reimport = measure([zoneatlas, "import", moved, "--registry", registry])
            rows.append(("import the file again, every zone moved (revision 4)", reimport, nil,
                         String(format: "≤ 2× the first import (%.1f×)", reimport.seconds / rows[0].1.seconds)))
            rows.append(("list --at 1 --bbox (10 km box; versions closed, in the history's R-tree)",
                         measure([zoneatlas, "list", "--at", "1", "--bbox", box.joined(separator: ","), "--registry", registry]), nil, "≤ 200 ms"))
            rows.append(("list --at 4 --bbox (10 km box; current versions, in the layer's R-tree)",
                         measure([zoneatlas, "list", "--at", "4", "--bbox", box.joined(separator: ","), "--registry", registry]), nil, "≤ 200 ms"))
            rows.append(("diff 1 4 (every zone changed)", measure([zoneatlas, "diff", "1", "4", "--format", "csv", "--registry", registry]), nil,
                         "≤ 60 s, ≤ 1.5 GB"))
            // 96 more revisions, each moving the next 1,000 features of the file by 2e-5° (a plan
            // adjusted a district at a time): a 100-revision history, read back at its middle.
            let parts = directory.appendingPathComponent("revisions").path
            let split = """
                import json, os, sys
                d = json.load(open(sys.argv[1])); os.makedirs(sys.argv[2], exist_ok=True)
                def mv(c): return [round(c[0] + 2e-5, 7)] + c[1:] if isinstance(c[0], (int, float)) else [mv(x) for x in c]
                for r in range(96):
                    part = d["features"][r * 1000:(r + 1) * 1000]
                    for f in part: f["geometry"]["coordinates"] = mv(f["geometry"]["coordinates"])
                    json.dump({"type": "FeatureCollection", "features": part}, open(f"{sys.argv[2]}/{r:02d}.geojson", "w"), separators=(",", ":"))
                """
            if measure(["python3", "-c", split, file, parts]).status == 0 {
                var slowest = 0.0, failed = 0
                for r in 0..<96 {
                    let revision = measure([zoneatlas, "import", "\(parts)/" + String(format: "%02d.geojson", r), "--registry", registry])
                    slowest = max(slowest, revision.seconds)
                    if revision.status != 0 { failed += 1 }
                }
                let failures = failed == 0 ? "" : "; \(failed) of those imports failed"
                rows.append(("list --at 50 --bbox (10 km box) after 100 revisions (each of the last 96 moved 1,000 zones, "
                             + String(format: "in %.2f s at most", slowest) + "\(failures))",
                             measure([zoneatlas, "list", "--at", "50", "--bbox", box.joined(separator: ","), "--registry", registry]), nil, "≤ 200 ms"))
            }
        }
        // What a write's integrity check costs, alone (SQLite's CLI on the registry as it is now).
        rows.append(("PRAGMA quick_check (every write runs it first)", measure(["sqlite3", registry, "PRAGMA quick_check"]), nil, "—"))
        if let large {
            let big = directory.appendingPathComponent("large.gpkg").path
            rows.append(("import of --large into an empty registry", measure([zoneatlas, "import", large, "--registry", big]), nil,
                         "peak ≤ 2 GB"))
            rows.append(("PRAGMA quick_check on that registry", measure(["sqlite3", big, "PRAGMA quick_check"]), nil, "—"))
        }

        if let postgres {
            rows += self.postgres(postgres, file: file, registry: registry, one: one, box: box, zoneatlas: zoneatlas)
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

    /// The PostGIS rows: the registry commands in a new schema beside GDAL loading the same server,
    /// then the analyses on both stores and the server's own geodesic areas and overlaps.
    static func postgres(_ server: String, file: String, registry: String, one: String, box: [String], zoneatlas: String)
        -> [(String, Measure, Measure?, String)] {
        let schema = "zoneatlas_bench_\(getpid())", gdalTable = "zoneatlas_bench_gdal_\(getpid())"
        let url = server + "?schema=" + schema
        let psql = ["psql", server, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null", "-c"]
        defer { _ = measure(psql + ["DROP SCHEMA IF EXISTS \(schema) CASCADE; DROP TABLE IF EXISTS \(gdalTable)"]) }
        var rows: [(String, Measure, Measure?, String)] = []
        rows.append(("PostGIS: import whole file into an empty schema", measure([zoneatlas, "import", file, "--registry", url]),
                     measure(["ogr2ogr", "-f", "PostgreSQL", server, file, "-nln", gdalTable, "-lco", "GEOMETRY_NAME=geom"]), "≤ 15 s"))
        rows.append(("PostGIS: show ID", measure([zoneatlas, "show", "5", "--registry", url]),
                     measure(["ogrinfo", "-q", "-where", "id='5'", server, gdalTable]), "≤ 100 ms"))
        rows.append(("PostGIS: list --bbox (10 km box)", measure([zoneatlas, "list", "--bbox", box.joined(separator: ","), "--registry", url]),
                     measure(["ogrinfo", "-q", "-spat"] + box + [server, gdalTable]), "≤ 200 ms"))
        rows.append(("PostGIS: list --name", measure([zoneatlas, "list", "--name", "an lao", "--registry", url]),
                     measure(["ogrinfo", "-q", "-where", "name LIKE '%An Lão%'", server, gdalTable]), "—"))
        rows.append(("PostGIS: import one more zone", measure([zoneatlas, "import", one, "--registry", url]),
                     measure(["ogr2ogr", "-update", "-append", "-nln", gdalTable, server, one]), "≤ 200 ms"))

        // The analyses need communes and corridors: GeoData's, in both registries.
        let geoData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GeoData")
        for target in [registry, url] {
            for layer in ["communes", "corridors"] {
                _ = measure([zoneatlas, "import", geoData.appendingPathComponent("\(layer).geojson").path, "--as-layer", layer, "--registry", target])
            }
        }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("zoneatlas-bench-review-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        for command in [["areas"], ["apportion"], ["overlaps"], ["coverage"], ["adjacency"], ["review", "--out-dir", out, "--fail-on", "never"]] {
            let format = command[0] == "review" ? [] : ["--format", "csv"]
            rows.append(("\(command[0]): PostGIS (GeoPackage in the GDAL column)", measure([zoneatlas] + command + format + ["--registry", url]),
                         measure([zoneatlas] + command + format + ["--registry", registry]), "≤ 1.5× GeoPackage"))
        }
        // Where the work could run instead: the server, in SQL.
        rows.append(("areas: ZoneAtlas on PostGIS rows (the server's ST_Area(geography) in the GDAL column)",
                     measure([zoneatlas, "areas", "--format", "csv", "--registry", url]),
                     measure(psql + ["SELECT id, ST_Area(geom::geography, true) / 10000 FROM \(schema).zones"]), "choose"))
        rows.append(("overlaps: ZoneAtlas on PostGIS rows (the server's ST_Intersects + ST_Intersection in the GDAL column)",
                     measure([zoneatlas, "overlaps", "--format", "csv", "--registry", url]),
                     measure(psql + ["""
                        SELECT a.id, b.id, ST_Area(ST_Intersection(a.geom, b.geom)::geography, true) FROM \(schema).zones a
                        JOIN \(schema).zones b ON a.id < b.id AND ST_Intersects(a.geom, b.geom) AND NOT ST_Touches(a.geom, b.geom)
                        """]), "choose"))
        return rows
    }
}
