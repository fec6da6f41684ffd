import Foundation
import Testing

/// `zoneatlas registry copy`: a GeoPackage with a history (GeoData imported, adjusted by a decision,
/// reverted, then a zone appended by GDAL) copied into PostGIS and from there into a new GeoPackage.
/// The oracles: SQLite's `sqlite3` on the source file and `psql` on the server count and list what
/// each holds, GDAL's GeoPackage validator checks the file written, and every reading command must
/// answer the same on the three registries.
struct RegistryCopyTests {
    /// A GeoPackage with four revisions, the fourth GDAL's append recorded when the copy begins.
    func sourceRegistry() throws -> (registry: String, directory: URL) {
        let (registry, directory) = try HistoryCommandTests().adjustedRegistry()
        #expect(try CLI.run(["revert", "1", "--registry", registry, "--message", "back to GeoData"]).status == 0)
        let extra = directory.appendingPathComponent("gdal.geojson").path
        try """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"gdal-1","name":"Khu GDAL","kind":"industrial_park"},
            "geometry":{"type":"MultiPolygon","coordinates":[[[[106.6,20.8],[106.61,20.8],[106.61,20.81],[106.6,20.81],[106.6,20.8]]]]}}]}
            """.write(toFile: extra, atomically: true, encoding: .utf8)
        let append = try CLI.run(external: "/usr/bin/ogr2ogr", ["-append", registry, extra, "-nln", "zones"])
        #expect(append.status == 0, "\(append.stderr)")
        return (registry, directory)
    }

    /// Runs SQL through `sqlite3` on a GeoPackage.
    func sqlite(_ file: String, _ sql: String) throws -> String {
        let run = try CLI.run(external: "/usr/bin/sqlite3", [file, sql])
        #expect(run.status == 0, "sqlite3: \(run.stderr)")
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aRegistryTravelsToPostGISAndBackWithItsWholeHistory() throws {
        let (file, directory) = try sourceRegistry()
        let (url, schema) = try PostGISRegistryTests.registry()
        let back = directory.appendingPathComponent("back.gpkg").path

        let there = try CLI.run(["registry", "copy", file, url, "--author", "an"])
        #expect(there.status == 0, "\(there.stderr)")
        #expect(there.stdout.isEmpty)
        // GDAL's append became revision 4 of the source; the copy is revision 5 of the server.
        #expect(there.stderr.contains("copied 4 revisions") && there.stderr.contains("as its revision 5"), "\(there.stderr)")
        let again = try CLI.run(["registry", "copy", url, back])
        #expect(again.status == 0 && again.stderr.contains("copied 5 revisions"), "\(again.stderr)")

        // What each holds, counted by SQLite and by PostgreSQL.
        // One line a revision, its columns split by `|` (as psql -A prints them).
        let sqliteRevisions = "SELECT fid || '|' || time || '|' || author || '|' || coalesce(decision, '') || '|' || added || '|' || changed "
            + "|| '|' || removed FROM zoneatlas_revisions ORDER BY fid"
        let sourceRevisions = try sqlite(file, sqliteRevisions)
        #expect(sourceRevisions.split(separator: "\n").count == 4)
        let serverRevisions = try PostGISRegistryTests.psql(
            "SELECT fid, time, author, coalesce(decision, ''), added, changed, removed FROM \(schema).zoneatlas_revisions ORDER BY fid")
        #expect(serverRevisions.split(separator: "\n").prefix(4).joined(separator: "\n") == sourceRevisions)
        #expect(serverRevisions.split(separator: "\n").count == 5 && serverRevisions.hasSuffix("|0|0|0"),
                "the copy is one revision that changes no feature: \(serverRevisions)")
        let backRevisions = try sqlite(back, sqliteRevisions)
        #expect(backRevisions.split(separator: "\n").prefix(5).joined(separator: "\n") == serverRevisions)
        for layer in ["zones", "communes", "corridors"] {
            let versions = "SELECT count(*) FROM \(layer)_history", rows = "SELECT count(*) FROM \(layer)"
            let inFile = try sqlite(file, versions)
            #expect(try PostGISRegistryTests.psql(versions.replacingOccurrences(of: layer, with: "\(schema).\(layer)")) == inFile)
            #expect(try sqlite(back, versions) == inFile)
            #expect(try sqlite(back, rows) == sqlite(file, rows))
        }
        // GDAL's validator on the file written.
        let validator = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"
        let validated = try CLI.run(external: "/usr/bin/python3", [validator, back])
        #expect(validated.status == 0, "\(validated.stdout) \(validated.stderr)")

        // Every reading command, the past included, answers alike on the three.
        for command in [["log"], ["log", "sez-hai-phong"], ["log", "gdal-1"], ["list"], ["list", "--at", "2"], ["show", "gdal-1", "--at", "4"],
                        ["diff", "1", "2"], ["diff", "2", "4"], ["areas", "--at", "2"], ["export", "--layer", "zones", "--format", "geojson"]] {
            let format = command[0] == "export" ? [] : ["--format", command[0] == "show" ? "json" : "csv"]
            var outputs = try [file, url, back].map { registry in try CLI.run(command + format + ["--registry", registry]) }
            if command == ["log"] {
                // The copies have their own revisions on top; below them, the same.
                outputs = outputs.map { run in
                    var run = run
                    run.stdout = run.stdout.split(separator: "\r\n").filter { !$0.hasPrefix("5,") && !$0.hasPrefix("6,") }.joined(separator: "\r\n")
                    return run
                }
            }
            #expect(outputs.allSatisfy { $0.status == 0 }, "\(command): \(outputs.map(\.stderr))")
            #expect(!outputs[0].stdout.isEmpty && outputs.allSatisfy { $0.stdout == outputs[0].stdout }, "\(command) differs: \(outputs.map(\.stdout))")
        }
    }

    @Test func aCopyIntoARegistryWithAHistoryChangesNothing() throws {
        let (file, directory) = try sourceRegistry()
        let (url, schema) = try PostGISRegistryTests.registry()
        #expect(try CLI.run(["import", "GeoData", "--registry", url]).status == 0)
        let before = try PostGISRegistryTests.content(schema)
        let refused = try CLI.run(["registry", "copy", file, url])
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("zoneatlas registry copy: ") && refused.stderr.contains("has a history of its own"), "\(refused.stderr)")
        #expect(try PostGISRegistryTests.content(schema) == before)

        // Into a GeoPackage that has one: the file is as it was, byte for byte.
        let other = directory.appendingPathComponent("other.gpkg").path
        #expect(try CLI.run(["import", "GeoData/corridors.geojson", "--registry", other]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: other))
        #expect(try CLI.run(["registry", "copy", file, other]).status == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == bytes)

        for (arguments, message) in [(["registry", "copy", directory.appendingPathComponent("none.gpkg").path, other], "no registry at"),
                                     (["registry", "copy", file, file], "the same registry"),
                                     (["registry", "copy", file], "missing expected argument")] {
            let run = try CLI.run(arguments)
            #expect(run.status == 2 && run.stderr.contains(message) && run.stdout.isEmpty, "\(arguments): \(run.stderr)")
        }
    }
}
