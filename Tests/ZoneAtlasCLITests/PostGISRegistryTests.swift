import Foundation
import TestSupport
import Testing

/// The registry in PostGIS, against the private server that `scripts/postgis.sh` starts (the
/// README's test command starts it and sets `ZONEATLAS_TEST_POSTGRES`). Each test works in a schema
/// of its own. The oracles: the same commands on a GeoPackage registry (itself checked against GDAL
/// and SQLite), `psql` on the server, and GDAL's PostgreSQL driver (`ogrinfo`, `ogr2ogr`).
@Suite(.serialized)
struct PostGISRegistryTests {
    /// The test server's URL (database `zoneatlas`, user `zoneatlas`, password `zoneatlas`).
    static var server: String {
        get throws {
            try #require(ProcessInfo.processInfo.environment["ZONEATLAS_TEST_POSTGRES"],
                         "start the test server: scripts/postgis.sh start && eval \"$(scripts/postgis.sh env)\"")
        }
    }

    /// A registry URL in a new schema.
    static func registry() throws -> (url: String, schema: String) {
        let schema = "t_" + UUID().uuidString.prefix(8).lowercased()
        return (try server + "?schema=\(schema)", schema)
    }

    /// Runs SQL through `psql` on the test server and returns its unaligned output.
    static func psql(_ sql: String) throws -> String {
        let run = try CLI.run(external: "/usr/bin/psql", [try server, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql])
        #expect(run.status == 0, "psql: \(run.stderr)")
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// GDAL's connection string for the test server and a schema.
    static func gdal(_ schema: String) -> String {
        "PG:host=127.0.0.1 port=55432 user=zoneatlas password=zoneatlas dbname=zoneatlas schemas=\(schema)"
    }

    /// What a schema holds, as one line: per layer the rows and a digest of ids, names and geometries.
    static func content(_ schema: String) throws -> String {
        try ["zones", "communes", "corridors", "zoneatlas_revisions"].map { table in
            let digest = table == "zoneatlas_revisions" ? "string_agg(fid::text, ',' ORDER BY fid)"
                : "md5(string_agg(id || coalesce(name, '') || ST_AsText(geom), ',' ORDER BY id))"
            return try psql("SELECT '\(table)', count(*), \(digest) FROM \(schema).\(table)")
        }.joined(separator: " ")
    }

    @Test func everyCommandAnswersAsOnTheGeoPackage() throws {
        let (url, schema) = try Self.registry()
        let file = URL(fileURLWithPath: try CLI.temporaryFile("", name: "x")).deletingLastPathComponent().appendingPathComponent("r.gpkg").path
        for registry in [url, file] {
            let run = try CLI.run(["import", "GeoData", "--registry", registry])
            #expect(run.status == 0, "\(run.stderr)")
        }
        // Rows as the server counts them, and as GDAL reads them.
        #expect(try Self.psql("SELECT count(*) FROM \(schema).zones") == "8")
        #expect(try Self.psql("SELECT count(*) FROM \(schema).communes") == "10")
        #expect(try Self.psql("SELECT count(*) FROM \(schema).corridors") == "7")
        #expect(try Self.psql("SELECT GeometryType(geom), ST_SRID(geom) FROM \(schema).zones LIMIT 1") == "MULTIPOLYGON|4326")
        let ogrinfo = try CLI.run(external: "/usr/bin/ogrinfo", ["-ro", "-so", Self.gdal(schema), "zones"])
        #expect(ogrinfo.stdout.contains("Feature Count: 8"), "\(ogrinfo.stdout) \(ogrinfo.stderr)")
        // The server's geodesic area of the SEZ, against ZoneAtlas's on the same rows.
        let serverHectares = try #require(Double(try Self.psql(
            "SELECT ST_Area(geom::geography, true) / 10000 FROM \(schema).zones WHERE id = 'sez-hai-phong'")))
        let areas = try CLI.run(["areas", "--registry", url, "--format", "csv"])
        let row = try #require(areas.stdout.split(separator: "\r\n").first { $0.contains("sez-hai-phong") })
        #expect(row.contains(String(format: "%.2f", serverHectares)), "\(row) vs PostGIS \(serverHectares)")
        for command in [["list"], ["show", "sez-hai-phong"], ["areas"], ["overlaps"], ["apportion"], ["adjacency"], ["coverage"],
                        ["list", "--bbox", "106.6,20.8,106.8,20.9"], ["list", "--kind", "ward"], ["list", "--name", "thuong hong"],
                        ["export", "--layer", "zones", "--format", "geojson"], ["export", "--layer", "corridors", "--format", "csv"]] {
            let format = command[0] == "export" ? [] : ["--format", "json"]
            let onServer = try CLI.run(command + format + ["--registry", url])
            let onFile = try CLI.run(command + format + ["--registry", file])
            #expect(onServer.status == onFile.status, "\(command): \(onServer.stderr)")
            #expect(onServer.stdout == onFile.stdout, "\(command) differs between PostGIS and GeoPackage")
            #expect(!onServer.stdout.isEmpty, "\(command) printed nothing")
        }
    }

    @Test func gdalReadsWhatZoneAtlasWroteAndItsEditsBecomeARevision() throws {
        let (url, schema) = try Self.registry()
        #expect(try CLI.run(["import", "GeoData", "--registry", url]).status == 0)
        let extra = try CLI.temporaryFile("""
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"gdal-1","name":"Khu GDAL","kind":"industrial_park"},
            "geometry":{"type":"MultiPolygon","coordinates":[[[[106.6,20.8],[106.61,20.8],[106.61,20.81],[106.6,20.81],[106.6,20.8]]]]}}]}
            """)
        let append = try CLI.run(external: "/usr/bin/ogr2ogr", ["-append", "-f", "PostgreSQL", Self.gdal(schema), extra, "-nln", "zones"])
        #expect(append.status == 0, "\(append.stderr)")
        let show = try CLI.run(["show", "gdal-1", "--registry", url, "--format", "json"])
        #expect(show.status == 0 && show.stdout.contains("Khu GDAL"), "\(show.stderr)")
        // The next command that reads the history records GDAL's append as a revision of its own.
        #expect(try CLI.run(["log", "--registry", url]).stdout.contains("outside edit"))
        // A rename through psql, then the feature's history: GDAL's append, the rename.
        _ = try Self.psql("UPDATE \(schema).zones SET name = 'Khu đổi tên' WHERE id = 'gdal-1'")
        let log = try CLI.run(["log", "gdal-1", "--registry", url, "--format", "csv"])
        #expect(log.status == 0, "\(log.stderr)")
        let lines = log.stdout.split(separator: "\r\n")
        #expect(lines.count == 3, "\(log.stdout)")
        #expect(lines.dropFirst().first?.contains("added") == true && lines.last?.contains("Khu GDAL → Khu đổi tên") == true, "\(log.stdout)")
        #expect(try Self.psql("SELECT count(*) FROM \(schema).zoneatlas_revisions WHERE command = 'outside edit'") == "2")
        // Revert to the import: the zone GDAL added is gone again, and GDAL sees 8 zones.
        #expect(try CLI.run(["revert", "1", "--registry", url]).status == 0)
        #expect(try Self.psql("SELECT count(*) FROM \(schema).zones") == "8")
        #expect(try CLI.run(["show", "gdal-1", "--registry", url, "--at", "3"]).stdout.contains("Khu đổi tên"))
    }

    @Test func aFailedImportChangesNothing() throws {
        let (url, schema) = try Self.registry()
        #expect(try CLI.run(["import", "GeoData", "--registry", url]).status == 0)
        let before = try Self.content(schema)
        let moved = try RegistryDurabilityTests.zones(500, prefix: "late")
        let broken = try CLI.temporaryFile(#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"x","properties":{},"geometry":{"type":"Polygon","coordinates":[[[106,20],[107,20]]]}}]}"#)
        let run = try CLI.run(["import", "GeoData/zones.geojson", moved, broken, "--registry", url])
        #expect(run.status != 0, "\(run.stdout)")
        #expect(try Self.content(schema) == before)
    }

    @Test func eightImportersAtOnceAllLand() throws {
        let (url, schema) = try Self.registry()
        let directory = URL(fileURLWithPath: try CLI.temporaryFile("", name: "x")).deletingLastPathComponent()
        let files = try (0..<8).map { try RegistryDurabilityTests.zones(150, prefix: "p\($0)") }
        let importers = try files.enumerated().map { index, file in
            try RegistryDurabilityTests.start(["import", file, "--registry", url], stderr: directory.appendingPathComponent("import-\(index)").path)
        }
        for (index, importer) in importers.enumerated() {
            let end = try importer.wait()
            let log = (try? String(contentsOfFile: directory.appendingPathComponent("import-\(index)").path, encoding: .utf8)) ?? ""
            #expect(end == .exited(0), "importer \(index): \(log)")
        }
        #expect(try Self.psql("SELECT count(*) FROM \(schema).zones") == "1200")
        #expect(try Self.psql("SELECT string_agg(fid::text, ',' ORDER BY fid) FROM \(schema).zoneatlas_revisions") == "1,2,3,4,5,6,7,8")
        #expect(try Self.psql("SELECT count(*) FROM \(schema).zones_history WHERE valid_to IS NULL") == "1200")
    }

    @Test func aConnectionKilledMidImportLeavesNothingHalfWritten() throws {
        let (url, schema) = try Self.registry()
        #expect(try CLI.run(["import", "GeoData", "--registry", url]).status == 0)
        let before = try Self.content(schema)
        let big = try RegistryDurabilityTests.zones(6000, prefix: "big")
        let directory = URL(fileURLWithPath: big).deletingLastPathComponent()
        let importer = try RegistryDurabilityTests.start(["import", big, "--registry", url], stderr: directory.appendingPathComponent("stderr").path)
        var killed = "0"
        let deadline = Date().addingTimeInterval(60)
        while killed == "0" && importer.isRunning && Date() < deadline {
            killed = try Self.psql("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE pid <> pg_backend_pid() AND query LIKE 'INSERT INTO "\(schema)"."zones"%'
                """)
        }
        let end = try importer.wait()
        let message = (try? String(contentsOfFile: directory.appendingPathComponent("stderr").path, encoding: .utf8)) ?? ""
        #expect(killed == "1", "the import ended before its connection could be killed")
        #expect(end == .exited(2), "\(message)")
        #expect(message.contains("nothing imported"), "\(message)")
        #expect(try Self.content(schema) == before)
    }

    @Test(arguments: [
        ("postgresql://zoneatlas:zoneatlas@127.0.0.1:1/zoneatlas", "cannot connect"),
        ("postgresql://zoneatlas:wrong@127.0.0.1:55432/zoneatlas", "password authentication failed"),
        ("postgresql://zoneatlas:zoneatlas@127.0.0.1:55432/no_such_database", "does not exist"),
        ("postgresql://zoneatlas@127.0.0.1:55432/zoneatlas?sslmode=verify-full", "sslmode"),
        ("postgresql://zoneatlas@127.0.0.1:99999/zoneatlas", "port"),
    ])
    func aServerThatCannotBeUsedIsAMessageAndExitTwo(url: String, reason: String) throws {
        let run = try CLI.run(["import", "GeoData/zones.geojson", "--registry", url])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains(reason), "\(run.stderr)")
        #expect(!run.stderr.contains(":wrong@"), "the password was printed: \(run.stderr)")
        let list = try CLI.run(["list", "--registry", url])
        #expect(list.status == 2 && list.stderr.contains(reason), "\(list.stderr)")
    }

    @Test func anImportWaitsForAnotherWriterAndGivesUpWithExitTwo() throws {
        let (url, schema) = try Self.registry()
        #expect(try CLI.run(["import", "GeoData", "--registry", url]).status == 0)
        let before = try Self.content(schema)
        // psql holds the schema's writer lock (as a second zoneatlas would) for 4 s.
        // Other tests' imports hold advisory locks of their own, so the wait below looks for this
        // psql's lock by its application name.
        let holder = try Subprocess("/usr/bin/psql", [try Self.server + "?application_name=hold_\(schema)", "-X", "-q", "-c", """
            BEGIN; SELECT pg_advisory_xact_lock(hashtextextended('zoneatlas \(schema)', 0)); SELECT pg_sleep(4); COMMIT;
            """], directory: CLI.repository)
        var held = ""
        let deadline = Date().addingTimeInterval(10)
        while held != "1" && Date() < deadline {
            held = try Self.psql("""
                SELECT count(*) FROM pg_locks JOIN pg_stat_activity USING (pid)
                WHERE locktype = 'advisory' AND granted AND application_name = 'hold_\(schema)'
                """)
        }
        #expect(held == "1", "psql did not take the lock")
        let start = Date()
        let refused = try CLI.run(["import", "GeoData/zones.geojson", "--registry", url, "--lock-timeout", "1"])
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("held it for more than 1 s"), "\(refused.stderr)")
        #expect(Date().timeIntervalSince(start) < 3.5)
        #expect(try Self.content(schema) == before)
        // With time enough, the import waits for the lock and lands.
        let waited = try CLI.run(["import", "GeoData/zones.geojson", "--registry", url, "--lock-timeout", "30"])
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(try holder.wait() == .exited(0))
        #expect(try Self.psql("SELECT count(*) FROM \(schema).zoneatlas_revisions") == "2")
    }

    /// A planner's login (no superuser) on a database without PostGIS: PostGIS is not an extension
    /// such a user may add, so the import says whom to ask, exits 2 and creates nothing there.
    @Test func aDatabaseWithoutPostGISThatTheUserMayNotExtendIsAMessage() throws {
        _ = try Self.psql("""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'zoneatlas_planner') THEN
                CREATE ROLE zoneatlas_planner LOGIN PASSWORD 'planner' NOSUPERUSER NOCREATEDB;
              END IF;
            END $$
            """)
        let database = try Self.server + "_nopostgis"
        let url = "postgresql://zoneatlas_planner:planner@127.0.0.1:55432/zoneatlas_nopostgis?schema=planning"
        let run = try CLI.run(["import", "GeoData", "--registry", url])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("zoneatlas import: ") && run.stderr.contains("has no PostGIS, and zoneatlas_planner may not add it")
                && run.stderr.contains("CREATE EXTENSION postgis"), "\(run.stderr)")
        let created = try CLI.run(external: "/usr/bin/psql", [database, "-X", "-A", "-t", "-c",
            "SELECT (SELECT count(*) FROM pg_extension WHERE extname = 'postgis') || '|' || (SELECT count(*) FROM pg_namespace WHERE nspname = 'planning')"])
        #expect(created.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0|0", "\(created.stdout) \(created.stderr)")
        // Reading it is a message too, not an empty registry.
        let list = try CLI.run(["list", "--registry", url])
        #expect(list.status == 2 && list.stdout.isEmpty, "\(list.stderr)")
    }

    /// `zoneatlas export … | head`: when the reader stops early the command ends as a Unix tool's
    /// does, by SIGPIPE (status 141), with nothing on stderr — also with the PostGIS store, whose
    /// network library ignores SIGPIPE.
    @Test func aReaderThatStopsEarlyEndsTheCommandQuietly() throws {
        let (url, _) = try Self.registry()
        let communes = "\(CLI.sharedData)/hai_phong_communes_2025.geojson"
        let imported = try CLI.run(["import", communes, "--as-layer", "communes", "--map", "declared_area_km2=area", "--registry", url])
        #expect(imported.status == 0, "\(imported.stderr)")
        // The export (about 250 kB) is more than a pipe holds, so the writer meets the closed pipe.
        let run = try CLI.run(external: "/bin/bash", ["-c", """
            '\(CLI.binary)' export --layer communes --format geojson --registry '\(url)' | head -c 100 > /dev/null
            echo "${PIPESTATUS[0]}"
            """])
        #expect(run.stdout == "141\n", "\(run.stdout)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
    }

    @Test func aTableAnotherProgramMadeIsRefused() throws {
        let (url, schema) = try Self.registry()
        _ = try Self.psql("CREATE SCHEMA \(schema); CREATE TABLE \(schema).zones (gid serial PRIMARY KEY, label text, geom geometry)")
        let run = try CLI.run(["import", "GeoData/zones.geojson", "--registry", url])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("was not made by ZoneAtlas"), "\(run.stderr)")
        #expect(try Self.psql("SELECT count(*) FROM \(schema).zones") == "0")
    }
}
