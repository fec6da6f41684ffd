import Foundation
import Testing

/// `zoneatlas diff` between files, revisions and days, in each output format. The shapes are hand
/// built: a 0.010° square at 20° N that grows east by a 0.002° strip (its area by the closed form
/// for an ellipsoidal cell, computed once with python3's math module: 231,690.44 m²), a zone
/// removed and one added; GDAL (ogrinfo, ogr2ogr) reads and reprojects the files.
struct DiffCommandTests {
    static func square(_ id: String, _ west: Double, _ east: Double, name: String? = nil, declared: Double? = nil) -> String {
        let properties = "\"id\":\"\(id)\",\"name\":\"\(name ?? id)\",\"kind\":\"industrial_park\""
            + (declared.map { ",\"declared_area_ha\":\($0)" } ?? "")
        return #"{"type":"Feature","properties":{\#(properties)},"geometry":{"type":"Polygon","coordinates":[[[\#(west),20.0],[\#(east),20.0],[\#(east),20.01],[\#(west),20.01],[\#(west),20.0]]]}}"#
    }

    func files() throws -> (before: String, after: String, directory: URL) {
        let directory = URL(fileURLWithPath: try CLI.temporaryFile("", name: "x")).deletingLastPathComponent()
        let before = directory.appendingPathComponent("before.geojson"), after = directory.appendingPathComponent("after.geojson")
        try (#"{"type":"FeatureCollection","features":["# + [Self.square("sq", 106.0, 106.01, declared: 115.8), Self.square("gone", 106.1, 106.11),
                                                            Self.square("same", 106.2, 106.21)].joined(separator: ",") + "]}")
            .write(to: before, atomically: true, encoding: .utf8)
        try (#"{"type":"FeatureCollection","features":["# + [Self.square("sq", 106.0, 106.012, name: "Square (adjusted)", declared: 139),
                                                            Self.square("same", 106.2, 106.21), Self.square("new", 106.3, 106.31)]
                .joined(separator: ",") + "]}")
            .write(to: after, atomically: true, encoding: .utf8)
        return (before.path, after.path, directory)
    }

    func changes(_ run: CLI.Run) throws -> [[String: Any]] {
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return try #require(object["changes"] as? [[String: Any]])
    }

    @Test func twoFilesWithoutARegistry() throws {
        let (before, after, directory) = try files()
        let changes = try self.changes(try CLI.run(["diff", before, after, "--format", "json", "--registry", "/nonexistent.gpkg"]))
        #expect(changes.map { $0["id"] as? String } == ["gone", "new", "sq"])
        #expect(changes.map { $0["change"] as? String } == ["removed", "added", "changed"])
        let grown = changes[2]
        #expect(abs((grown["gained_ha"] as? Double ?? 0) - 23.1690) < 0.0001 && grown["lost_ha"] as? Double == 0)
        // geod -I +ellps=WGS84 20 106.01 20 106.012: 209.294 m; measured in VN-2000 / TM-3, within 0.05 m.
        #expect(abs((grown["hausdorff_m"] as? Double ?? 0) - 209.29) < 0.05)
        #expect(abs((grown["declared_change_ha"] as? Double ?? 0) - 23.2) < 1e-9)
        #expect(grown["fields"] as? [String] == ["name: sq → Square (adjusted)", "declared_area_ha: 115.8 → 139"])

        let table = try CLI.run(["diff", before, after])
        #expect(table.status == 0 && table.stdout.contains("23.1690") && table.stdout.contains("removed"))
        let csv = try CLI.run(["diff", before, after, "--format", "csv"])
        #expect(csv.stdout.split(separator: "\r\n").count == 4 && csv.stdout.hasPrefix("layer,id,name,change,gained_ha,lost_ha"))

        // The gained and lost polygons as GeoJSON that GDAL reads: the strip, the new zone, the removed one.
        let polygons = directory.appendingPathComponent("changes.geojson").path
        #expect(try CLI.run(["diff", before, after, "--format", "geojson", "--output", polygons]).status == 0)
        let info = try CLI.run(external: "/usr/bin/ogrinfo", ["-q", "-al", polygons, "-where", "part = 'gained' AND id = 'sq'"])
        #expect(info.stdout.contains("POLYGON ((106.01 20") || info.stdout.contains("POLYGON ((106.012 20"), "\(info.stdout)")
        let count = try CLI.run(external: "/usr/bin/ogrinfo", ["-so", "-al", polygons])
        #expect(count.stdout.contains("Feature Count: 3"), "\(count.stdout)")
    }

    @Test func aFileInAnotherCRSIsReprojected() throws {
        let (before, after, directory) = try files()
        // GDAL writes the "before" file in VN-2000 / TM-3 105-45 (a legacy crs member).
        let projected = directory.appendingPathComponent("before-9210.geojson").path
        let ogr = try CLI.run(external: "/usr/bin/ogr2ogr", ["-f", "GeoJSON", "-t_srs", "EPSG:9210", "-lco", "RFC7946=NO", projected, before])
        #expect(ogr.status == 0, "\(ogr.stderr)")
        let changes = try self.changes(try CLI.run(["diff", projected, after, "--format", "json"]))
        #expect(changes.map { $0["id"] as? String } == ["gone", "new", "sq"])
        // The round trip (GDAL's PROJ pipeline there, ours back) may move a vertex by under a centimetre
        // (checked below), which along the strip's 1,100 m edge is at most 11 m², 0.0011 ha.
        #expect(abs((changes[2]["gained_ha"] as? Double ?? 0) - 23.1690) < 0.0012)
        // Against itself, the round trip through TM-3 moves no vertex by a centimetre: no differences.
        let same = try CLI.run(["diff", projected, before])
        #expect(same.status == 0 && same.stdout.contains("no differences"), "\(same.stdout)")
    }

    @Test func revisionsAndDaysOfARegistry() throws {
        let (before, after, directory) = try files()
        let registry = directory.appendingPathComponent("registry.gpkg").path
        #expect(try CLI.run(["import", before, "--registry", registry]).status == 0)
        #expect(try CLI.run(["import", after, "--registry", registry, "--decision", "1/QĐ-UBND"]).status == 0)
        // Revision 2 upserts: "gone" stays in the registry; the square grew and "new" came.
        let changes = try self.changes(try CLI.run(["diff", "1", "2", "--format", "json", "--registry", registry]))
        #expect(changes.map { $0["id"] as? String } == ["new", "sq"])
        // A revision against a file: the file lacks "gone" and has the grown square.
        let mixed = try self.changes(try CLI.run(["diff", "2", after, "--format", "json", "--registry", registry]))
        #expect(mixed.map { $0["id"] as? String } == ["gone"])
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        #expect(try self.changes(try CLI.run(["diff", "1", today, "--format", "json", "--registry", registry])).count == 2)
        for bad in [["diff", "1", "5"], ["diff", "1999-01-01", "2"], ["diff", "1", "no-such-file.geojson"]] {
            let run = try CLI.run(bad + ["--registry", registry])
            #expect(run.status == 2, "\(bad): \(run.stderr)")
        }
    }

    /// The README's example: GeoData, then the specialized economic zone scaled by 1.03 about its
    /// centre (Examples/History). The ground it gains lies in its six host communes — the six the
    /// GeoData source text names — and the per-commune hectares add up to the zone's gain.
    @Test func theReadmeAdjustmentByCommune() throws {
        let directory = URL(fileURLWithPath: try CLI.temporaryFile("", name: "x")).deletingLastPathComponent()
        let registry = directory.appendingPathComponent("hp.gpkg").path
        #expect(try CLI.run(["import", "GeoData", "--registry", registry]).status == 0)
        #expect(try CLI.run(["import", "Examples/History/sez-hai-phong-adjusted.geojson", "--registry", registry,
                             "--decision", "123/QĐ-TTg", "--decision-date", "2026-06-30"]).status == 0)
        let run = try CLI.run(["diff", "1", "2", "--format", "json", "--registry", registry])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let changes = try #require(object["changes"] as? [[String: Any]]), communes = try #require(object["by_commune"] as? [[String: Any]])
        #expect(changes.count == 1 && changes[0]["id"] as? String == "sez-hai-phong")
        #expect(Set(communes.compactMap { $0["commune_name"] as? String })
                == ["Thượng Hồng", "Nguyễn Lương Bằng", "Bắc Thanh Miện", "Thanh Miện", "Hải Hưng", "Bình Giang"])
        let total = communes.reduce(0.0) { $0 + ($1["gained_ha"] as? Double ?? 0) }
        #expect(abs(total - (changes[0]["gained_ha"] as? Double ?? 0)) < 0.001 * Double(communes.count), "\(total)")
    }
}
