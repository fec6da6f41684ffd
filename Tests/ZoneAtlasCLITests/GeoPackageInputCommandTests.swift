import Foundation
import Testing

/// A GeoPackage given as input is validated as a GeoJSON file is: `validate` reports its problems
/// by table and fid, `import` refuses it and leaves the registry as it was, `review` counts its
/// errors, and `--policy warn|repair` works on it.
///
/// The GeoPackage is made by GDAL's ogr2ogr from hand-made GeoJSON (GDAL does not validate). The
/// reasons and locations expected are GDAL's: `ogrinfo -dialect sqlite -sql "SELECT fid,
/// ST_IsValidReason(geom) FROM parcels"` on it, run once when this test was written, said
/// fid 1 `Valid Geometry`, fid 2 `Self-intersection[106.005 20.005]`, fid 3 `Hole lies outside shell[106.02 20.02]`.
struct GeoPackageInputCommandTests {
    static let features = [
        ("good", "[[[106.0,20.0],[106.01,20.0],[106.01,20.01],[106.0,20.01],[106.0,20.0]]]"),
        ("bowtie", "[[[106.0,20.0],[106.01,20.01],[106.01,20.0],[106.0,20.01],[106.0,20.0]]]"),
        ("hole", "[[[106.0,20.0],[106.01,20.0],[106.01,20.01],[106.0,20.01],[106.0,20.0]],"
            + "[[106.02,20.02],[106.02,20.03],[106.03,20.03],[106.03,20.02],[106.02,20.02]]]"),
    ]

    /// `parcels.gpkg`, alone in a new directory: table `parcels`, fids 1 (good), 2 (bow tie), 3 (hole outside its shell).
    static func invalidGeoPackage() throws -> String {
        let text = "{\"type\":\"FeatureCollection\",\"features\":[" + features.map {
            "{\"type\":\"Feature\",\"properties\":{\"id\":\"\($0.0)\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":\($0.1)}}"
        }.joined(separator: ",") + "]}"
        let source = try CLI.temporaryFile(text, name: "parcels.geojson")
        let directory = try CLI.temporaryFile("", name: "x")
        let gpkg = URL(fileURLWithPath: directory).deletingLastPathComponent().appendingPathComponent("parcels.gpkg").path
        try FileManager.default.removeItem(atPath: directory)
        let run = try CLI.run(external: "/usr/bin/ogr2ogr", ["-f", "GPKG", "-nln", "parcels", gpkg, source])
        try #require(run.status == 0, "\(run.stderr)")
        return gpkg
    }

    /// A registry holding GeoData's zones.
    static func registry() throws -> String {
        let path = URL(fileURLWithPath: try CLI.temporaryFile("", name: "x")).deletingLastPathComponent().appendingPathComponent("r.gpkg").path
        let run = try CLI.run(["import", "GeoData/zones.geojson", "--registry", path])
        try #require(run.status == 0, "\(run.stderr)")
        return path
    }

    /// Each zone's id and whether GDAL finds its geometry valid, from the registry's zones table.
    static func validity(_ registry: String) throws -> [String: String] {
        let run = try CLI.run(external: "/usr/bin/ogrinfo", ["-q", "-dialect", "sqlite", "-sql",
                                                             "SELECT id, ST_IsValid(geom) AS valid FROM zones", registry])
        var found: [String: String] = [:]
        var id: String?
        for line in run.stdout.split(separator: "\n") {
            if let range = line.range(of: "id (String) = ") { id = String(line[range.upperBound...]) }
            if let range = line.range(of: "valid (Integer) = "), let id { found[id] = String(line[range.upperBound...]) }
        }
        return found
    }

    @Test func validateReportsTableAndFid() throws {
        let gpkg = try Self.invalidGeoPackage()
        let run = try CLI.run(["validate", gpkg])
        #expect(run.status == 1)
        #expect(run.stdout.contains("parcels.gpkg: 3 features, 2 errors, 0 warnings"), "\(run.stdout)")
        #expect(run.stdout.contains("error   self-intersection  table parcels fid 2 (id bowtie)\n"
                                    + "          the geometry is invalid: Self-intersection at [106.005, 20.005]\n"), "\(run.stdout)")
        #expect(run.stdout.contains("error   hole-outside-shell  table parcels fid 3 (id hole)\n"
                                    + "          the geometry is invalid: Hole lies outside shell at [106.02, 20.02]\n"), "\(run.stdout)")
    }

    @Test func validateAsJSON() throws {
        let gpkg = try Self.invalidGeoPackage()
        let run = try CLI.run(["validate", "--format", "json", gpkg])
        #expect(run.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let file = try #require((report["files"] as? [[String: Any]])?.first)
        #expect(file["path"] as? String == gpkg && file["features"] as? Int == 3 && file["errors"] as? Int == 2)
        let problems = try #require(file["problems"] as? [[String: Any]])
        #expect(problems.map { "\($0["code"] ?? "") \($0["table"] ?? "") \($0["fid"] ?? "") \($0["id"] ?? "")" }
                == ["self-intersection parcels 2 bowtie", "hole-outside-shell parcels 3 hole"])
        #expect(problems.map { $0["location"] as? [Double] ?? [] } == [[106.005, 20.005], [106.02, 20.02]])
    }

    @Test func importRefusesAndChangesNothing() throws {
        let gpkg = try Self.invalidGeoPackage()
        let registry = try Self.registry()
        let before = try Data(contentsOf: URL(fileURLWithPath: registry))
        let run = try CLI.run(["import", gpkg, "--registry", registry])
        #expect(run.status == 1)
        #expect(run.stderr.contains("table parcels fid 2 (id bowtie)") && run.stderr.contains("table parcels fid 3 (id hole)"), "\(run.stderr)")
        #expect(run.stderr.contains("nothing imported"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: registry)) == before)
    }

    @Test func importWithWarnKeepsAndWithRepairMends() throws {
        let gpkg = try Self.invalidGeoPackage()
        let warned = try Self.registry()
        let warn = try CLI.run(["import", "--policy", "warn", gpkg, "--registry", warned])
        #expect(warn.status == 0, "\(warn.stderr)")
        #expect(warn.stderr.contains("imported 3 features") && warn.stderr.contains("with 2 warnings"), "\(warn.stderr)")
        let keptValidity = try Self.validity(warned)
        #expect(keptValidity["good"] == "1" && keptValidity["bowtie"] == "0" && keptValidity["hole"] == "0", "\(keptValidity)")

        let repaired = try Self.registry()
        let repair = try CLI.run(["import", "--policy", "repair", gpkg, "--registry", repaired])
        #expect(repair.status == 0, "\(repair.stderr)")
        let mendedValidity = try Self.validity(repaired)
        #expect(mendedValidity["good"] == "1" && mendedValidity["bowtie"] == "1" && mendedValidity["hole"] == "1", "\(mendedValidity)")
    }

    @Test func reviewCountsTheErrors() throws {
        let gpkg = try Self.invalidGeoPackage()
        let out = URL(fileURLWithPath: gpkg).deletingLastPathComponent().appendingPathComponent("review").path
        let run = try CLI.run(["review", URL(fileURLWithPath: gpkg).deletingLastPathComponent().path, "--out-dir", out])
        #expect(run.status == 1)
        #expect(run.stdout.contains("\n2 errors in the input files\n"), "\(run.stdout)")
        let json = try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("review.json"))
        let review = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let problems = try #require(review["problems"] as? [[String: Any]])
        #expect(problems.map { "\($0["code"] ?? "") \($0["table"] ?? "") \($0["fid"] ?? "")" } == ["repaired parcels 2", "repaired parcels 3"])
    }
}
