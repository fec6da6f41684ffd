import Foundation
import Testing
import ZoneAtlas
import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// The GeoPackage store, checked with a real client: GDAL's ogrinfo reads what we write, and we read
/// what ogr2ogr writes.
struct GeoPackageStoreTests {
    func saved() throws -> (GeoPackageStore, Registry) {
        let store = GeoPackageStore(path: try Paths.temporaryDirectory().appendingPathComponent("registry.gpkg").path)
        let registry = try RegistryTests.geoData()
        try store.save(registry)
        return (store, registry)
    }

    @Test func roundTrip() throws {
        let (store, registry) = try saved()
        let loaded = try store.load()
        #expect(loaded.zones.map(\.id) == registry.zones.map(\.id))
        #expect(loaded.communes.map(\.id) == registry.communes.map(\.id))
        #expect(loaded.corridors.map(\.id) == registry.corridors.map(\.id))
        for (a, b) in zip(loaded.zones, registry.zones) {
            #expect(a.name == b.name && a.kind == b.kind && a.status == b.status && a.parentID == b.parentID)
            #expect(a.declaredAreaHectares == b.declaredAreaHectares && a.legalBasis == b.legalBasis)
            #expect(a.properties == b.properties)
            #expect(try a.geometry.equals(b.geometry))
        }
        for (a, b) in zip(loaded.corridors, registry.corridors) {
            #expect(a.kind == b.kind && a.widthMetres == b.widthMetres && a.properties == b.properties)
            #expect(try a.geometry.equals(b.geometry))
        }
    }

    @Test func ogrinfoReadsOurLayers() throws {
        let (store, _) = try saved()
        let info = try Paths.run("ogrinfo", ["-so", "-al", store.path])
        #expect(info.status == 0)
        let layers = info.output.components(separatedBy: "Layer name: ").dropFirst()
        func layer(_ name: String) -> String { layers.first { $0.hasPrefix(name + "\n") } ?? "" }
        for (name, count, type) in [("zones", 8, "Multi Polygon"), ("communes", 10, "Multi Polygon"), ("corridors", 7, "Multi Line String")] {
            let text = layer(name)
            #expect(text.contains("Geometry: \(type)"), "\(name)")
            #expect(text.contains("Feature Count: \(count)"), "\(name)")
            #expect(text.contains("ID[\"EPSG\",4326]"), "\(name)")
            // The extent GDAL reads from our file equals the one it reads from the source GeoJSON.
            let source = try Paths.run("ogrinfo", ["-so", "-al", "\(Paths.geoData)/\(name).geojson"])
            let extent = source.output.split(separator: "\n").first { $0.hasPrefix("Extent:") }
            #expect(extent != nil && text.contains(String(extent!)), "\(name): \(String(describing: extent))")
        }
        // GDAL finds the spatial index and the typed columns.
        let sql = try Paths.run("ogrinfo", [store.path, "-sql", "SELECT HasSpatialIndex('zones', 'geom') AS indexed, kind FROM zones WHERE id = 'sez-hai-phong'"])
        #expect(sql.output.contains("indexed (Integer) = 1"))
        #expect(sql.output.contains("kind (String) = specialized_economic_zone"))
    }

    @Test func readsWhatOgr2ogrWrites() throws {
        let path = try Paths.temporaryDirectory().appendingPathComponent("ogr.gpkg").path
        let converted = try Paths.run("ogr2ogr", ["-f", "GPKG", "-nln", "communes", path, "\(Paths.sharedData)/hai_phong_communes_2025.geojson"])
        #expect(converted.status == 0)
        var mapping = FieldMapping()
        try mapping.set("declared_area_km2=area")
        let registry = try GeoPackageStore(path: path).load(mapping: mapping)
        #expect(registry.communes.count == 114)
        // The same total as pyproj gives for the GeoJSON file (SharedDataTests): 3,080,117,369.69 m².
        let total = try registry.communes.reduce(0.0) { $0 + (try Geodesic.wgs84.area(of: $1.geometry)) }
        #expect(abs(total - 3080117369.692861) / total < 1e-9)
        let first = try #require(registry.commune(id: "10507"))
        #expect(first.name == "Thành Đông" && first.type == .ward && first.population == 50307)
        #expect(abs((first.declaredAreaHectares ?? 0) - 1222) < 1e-9)  // area 12.22 km²
    }

    @Test func failedImportLeavesTheFileByteForByte() throws {
        let (store, registry) = try saved()
        let before = try Data(contentsOf: URL(fileURLWithPath: store.path))
        let broken = try Paths.temporaryDirectory().appendingPathComponent("broken.geojson")
        try #"{"type":"Polygon","coordinates":[[[106,20],[107,21],[107,20],[106,21],[106,20]]]}"#.write(to: broken, atomically: true, encoding: .utf8)
        #expect(throws: RegistryError.self) { try RegistryImporter().read(["\(Paths.geoData)/zones.geojson", broken.path]) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.path)) == before)
        // A save that cannot finish (its directory is gone) leaves no partial file and throws.
        let gone = GeoPackageStore(path: "/nonexistent-dir/registry.gpkg")
        #expect(throws: RegistryError.self) { try gone.save(registry) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.path)) == before)
    }

    @Test func interruptedWriteLeavesThePreviousFile() throws {
        let (store, registry) = try saved()
        let before = try Data(contentsOf: URL(fileURLWithPath: store.path))
        // A write killed half-way leaves only its side file, which the next save replaces.
        try Data("half a GeoPackage".utf8).write(to: URL(fileURLWithPath: store.path + ".zoneatlas-new"))
        #expect(try store.load().zones.count == 8)
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.path)) == before)
        try store.save(registry)
        #expect(!FileManager.default.fileExists(atPath: store.path + ".zoneatlas-new"))
        #expect(try store.load().zones.count == 8)
    }

    @Test func missingFileIsAnEmptyRegistryAndGarbageIsAnError() throws {
        #expect(try GeoPackageStore(path: "/nonexistent/registry.gpkg").load().zones.isEmpty)
        let garbage = try Paths.temporaryDirectory().appendingPathComponent("garbage.gpkg")
        try Data("not sqlite at all".utf8).write(to: garbage)
        #expect(throws: RegistryError.self) { try GeoPackageStore(path: garbage.path).load() }
    }
}
