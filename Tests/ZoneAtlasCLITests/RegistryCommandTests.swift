import Foundation
import Testing

/// `zoneatlas import`, `list`, `show` and `export` over a registry file, as a planner would run them.
struct RegistryCommandTests {
    func registry() throws -> String {
        let path = URL(fileURLWithPath: try CLI.temporaryFile("", name: "x")).deletingLastPathComponent()
            .appendingPathComponent("registry.gpkg").path
        let geoData = try CLI.run(["import", "GeoData", "--registry", path])
        #expect(geoData.status == 0, "\(geoData.stderr)")
        #expect(geoData.stdout.isEmpty)
        #expect(geoData.stderr.contains("zones: 8 added, 0 replaced"))
        return path
    }

    @Test func importGeoDataAndTheRealCommunes() throws {
        let path = try registry()
        let communes = try CLI.run(["import", "\(CLI.sharedData)/hai_phong_communes_2025.geojson", "--as-layer", "communes",
                                    "--map", "declared_area_km2=area", "--registry", path])
        #expect(communes.status == 0, "\(communes.stderr)")
        // GeoData's ten communes carry official codes that the real file also has: they are replaced.
        #expect(communes.stderr.contains("communes: 104 added, 10 replaced"))
        let list = try CLI.run(["list", "--layer", "communes", "--format", "json", "--registry", path])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 114)
    }

    @Test func listFiltersAndFormats() throws {
        let path = try registry()
        let search = try CLI.run(["list", "--name", "thuong hong", "--format", "csv", "--registry", path])
        #expect(search.status == 0)
        let lines = search.stdout.split(separator: "\r\n")
        #expect(lines.first == "layer,id,name,kind,status,parent,declared_ha,measured_ha,length_km")
        #expect(lines.count == 2 && lines[1].contains("Thượng Hồng"))
        let parks = try CLI.run(["list", "--parent", "ez-dinh-vu-cat-hai", "--registry", path])
        #expect(parks.stdout.split(separator: "\n").count == 4)  // header + 3 parks
        #expect(try CLI.run(["list", "--bbox", "1,2,3", "--registry", path]).status == 2)
        #expect(try CLI.run(["list", "--registry", "/nonexistent.gpkg"]).status == 2)
    }

    @Test func showAndExport() throws {
        let path = try registry()
        let show = try CLI.run(["show", "sez-hai-phong", "--registry", path])
        #expect(show.status == 0)
        #expect(show.stdout.contains("288/QĐ-TTg of 2026-02-12"))
        #expect(try CLI.run(["show", "no-such-zone", "--registry", path]).status == 1)
        let json = try CLI.run(["show", "sez-hai-phong", "--format", "json", "--registry", path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["declared_ha"] as? Double == 5300)

        let exported = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("zones.geojson").path
        let export = try CLI.run(["export", "--layer", "zones", "--output", exported, "--registry", path])
        #expect(export.status == 0)
        // What we export validates cleanly and GDAL reads the same 8 features.
        #expect(try CLI.run(["validate", exported]).status == 0)
        let csv = try CLI.run(["export", "--layer", "corridors", "--format", "csv", "--registry", path])
        #expect(csv.stdout.split(separator: "\r\n").count == 8)
        #expect(csv.stdout.contains("MULTILINESTRING") || csv.stdout.contains("LINESTRING"))
    }

    @Test func brokenImportExitsOneAndChangesNothing() throws {
        let path = try registry()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let broken = try CLI.temporaryFile(#"{"type":"Polygon","coordinates":[[[106,20],[107,21],[107,20],[106,21],[106,20]]]}"#)
        let run = try CLI.run(["import", "GeoData/zones.geojson", broken, "--registry", path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("nothing imported"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        // Into a registry that does not exist yet: none is left behind, not even an empty file.
        let fresh = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("fresh.gpkg").path
        #expect(try CLI.run(["import", broken, "--registry", fresh]).status == 1)
        #expect(!FileManager.default.fileExists(atPath: fresh))
    }

    @Test func helpOnRegistryCommands() throws {
        for command in ["import", "list", "show", "export"] {
            let run = try CLI.run([command, "--help"])
            #expect(run.status == 0 && run.stdout.contains("--registry"), "\(command)")
        }
    }
}

/// A GeoPackage that ZoneAtlas did not write — another table name, another CRS — read as input.
struct ForeignGeoPackageTests {
    func ogr2ogr(_ arguments: [String]) throws {
        let run = try CLI.run(external: "/usr/bin/ogr2ogr", arguments)
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func aTableInAnotherCRSGoesWhereLayerFromSendsIt() throws {
        let directory = URL(fileURLWithPath: try CLI.temporaryFile("", name: "x")).deletingLastPathComponent()
        let foreign = directory.appendingPathComponent("khu.gpkg").path
        // GDAL writes GeoData's zones as table khu_cong_nghiep in VN-2000 / TM-3 105-45.
        try ogr2ogr(["-f", "GPKG", "-t_srs", "EPSG:9210", "-nln", "khu_cong_nghiep", foreign, "\(CLI.repository)/GeoData/zones.geojson"])
        let registry = directory.appendingPathComponent("r.gpkg").path
        let run = try CLI.run(["import", foreign, "--layer-from", "khu_cong_nghiep=zones", "--registry", registry])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("zones: 8 added"))
        // Read back in WGS84: the measured areas match those of the source file read directly. Both sides
        // are measured by the same code, so this checks the round trip through GDAL's reprojection and
        // ours, not the area itself (AnalysisTests checks areas against pyproj).
        let fromGPKG = try CLI.run(["list", "--layer", "zones", "--format", "csv", "--registry", registry]).stdout
        let direct = try CLI.run(["areas", "\(CLI.repository)/GeoData/zones.geojson", "--format", "json"]).stdout
        let rows = fromGPKG.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let areas = try #require(try JSONSerialization.jsonObject(with: Data(direct.utf8)) as? [String: Any])
        let features = try #require(areas["features"] as? [[String: Any]])
        #expect(rows.count == 8 && features.count == 8)
        for row in rows {
            let id = String(row[1]), measured = Double(row[7]) ?? -1
            let source = try #require(features.first { $0["id"] as? String == id })
            let hectares = (source["geodesic_area_m2"] as? Double ?? 0) / 10_000
            // Two reprojections (to TM-3 by GDAL, back by PROJ) move vertices by well under a millimetre.
            #expect(abs(measured - hectares) < 0.01, "\(id): \(measured) ha against \(hectares) ha")
        }
        // A table that is not there is an error naming the ones that are.
        let missing = try CLI.run(["import", foreign, "--layer-from", "parks=zones", "--registry", registry])
        #expect(missing.status == 2 && missing.stderr.contains("khu_cong_nghiep"), "\(missing.stderr)")
    }

    @Test func duplicateIdsInAGeoPackageAreReportedNotCollapsed() throws {
        let directory = URL(fileURLWithPath: try CLI.temporaryFile("", name: "x")).deletingLastPathComponent()
        let foreign = directory.appendingPathComponent("twice.gpkg").path
        try ogr2ogr(["-f", "GPKG", "-nln", "khu", foreign, "\(CLI.repository)/GeoData/zones.geojson"])
        try ogr2ogr(["-update", "-append", "-nln", "khu", foreign, "\(CLI.repository)/GeoData/zones.geojson"])
        let registry = directory.appendingPathComponent("r.gpkg").path
        let run = try CLI.run(["import", foreign, "--layer-from", "khu=zones", "--registry", registry])
        #expect(run.status == 1)
        // The first zone's two rows, fids 1 and 9 (GeoData/zones.geojson holds 8 zones), are both named.
        #expect(run.stderr.contains("table khu fid 9") && run.stderr.contains("is already used by fid 1"), "\(run.stderr)")
        // Nothing was written: the registry file holds no zone.
        if FileManager.default.fileExists(atPath: registry) {
            let list = try CLI.run(["list", "--registry", registry])
            #expect(list.stdout.split(separator: "\n").count <= 1, "\(list.stdout)")
        }
    }
}
