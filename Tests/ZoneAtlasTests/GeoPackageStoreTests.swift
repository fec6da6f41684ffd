import Foundation
import TestSupport
import Testing
import ZoneAtlas
import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// The GeoPackage store, checked with real clients: GDAL's ogrinfo and validator read what we write,
/// we read what ogr2ogr writes, edits made through GDAL survive our writes, and SQLite's own locks
/// and transactions decide what a concurrent or failed write leaves.
struct GeoPackageStoreTests {
    struct Stop: Error {}

    func bytes(_ store: GeoPackageStore) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: store.path))
    }

    func sqlite(_ store: GeoPackageStore, _ sql: String) throws -> String {
        try Paths.run("sqlite3", [store.path, sql]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func roundTrip() throws {
        let store = try RegistryTests.geoDataStore()
        let source = try RegistryTests.geoData()
        let zones = try store.entries(RegistryFilter(layers: [.zones])).compactMap { if case let .zone(z) = $0 { z } else { nil } }
        let corridors = try store.entries(RegistryFilter(layers: [.corridors])).compactMap { if case let .corridor(c) = $0 { c } else { nil } }
        #expect(zones.map(\.id) == source.zones.map(\.id))
        #expect(try store.entries(RegistryFilter(layers: [.communes])).map(\.id) == source.communes.map(\.id))
        #expect(corridors.map(\.id) == source.corridors.map(\.id))
        for (a, b) in zip(zones, source.zones) {
            #expect(a.name == b.name && a.kind == b.kind && a.status == b.status && a.parentID == b.parentID)
            #expect(a.declaredAreaHectares == b.declaredAreaHectares && a.legalBasis == b.legalBasis)
            #expect(a.properties == b.properties)
            #expect(try a.geometry.equals(b.geometry))
        }
        for (a, b) in zip(corridors, source.corridors) {
            #expect(a.kind == b.kind && a.widthMetres == b.widthMetres && a.properties == b.properties)
            #expect(try a.geometry.equals(b.geometry))
        }
    }

    @Test func gdalValidatesAndReadsOurLayers() throws {
        let store = try RegistryTests.geoDataStore()
        // GDAL's GeoPackage validator (python3-gdal) accepts the file.
        let validator = try Paths.run("/usr/bin/python3", ["/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py", store.path])
        #expect(validator.status == 0, "\(validator.output)")
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
            // The source properties are declared as JSON, the decision date as a date.
            #expect(text.contains("properties: String(JSON)"), "\(name)")
        }
        #expect(layer("zones").contains("decision_date: Date"))
        // GDAL finds the spatial index and the typed columns.
        let sql = try Paths.run("ogrinfo", [store.path, "-sql", "SELECT HasSpatialIndex('zones', 'geom') AS indexed, kind FROM zones WHERE id = 'sez-hai-phong'"])
        #expect(sql.output.contains("indexed (Integer) = 1"))
        #expect(sql.output.contains("kind (String) = specialized_economic_zone"))
        // The facts table is an attributes table GDAL lists, keyed by an integer.
        let facts = try Paths.run("ogrinfo", ["-so", store.path, "zoneatlas_registry"])
        #expect(facts.output.contains("Geometry: None"), "\(facts.output)")
    }

    /// The R-tree that ZoneAtlas's `ST_MinX` … functions fill through the triggers holds, for every
    /// row, the envelope that GDAL's own `ST_MinX` … give for the same geometry blob, and nothing else.
    @Test func theSpatialIndexHoldsTheEnvelopesGDALMeasures() throws {
        let store = try RegistryTests.geoDataStore()
        for layer in ["zones", "communes", "corridors"] {
            let measured = try Paths.run("ogrinfo", ["-q", store.path, "-sql",
                                                     "SELECT fid, ST_MinX(geom) AS minx, ST_MaxX(geom) AS maxx, ST_MinY(geom) AS miny, ST_MaxY(geom) AS maxy FROM \(layer)"])
            #expect(measured.status == 0)
            // ogrinfo prints "  minx (Real) = 106.5" for each field of each row, in fid order.
            let values = measured.output.split(separator: "\n").compactMap { line -> Double? in
                guard let range = line.range(of: " (Real) = ") else { return nil }
                return Double(line[range.upperBound...].trimmingCharacters(in: .whitespaces))
            }
            let rows = try sqlite(store, "SELECT minx, maxx, miny, maxy FROM rtree_\(layer)_geom ORDER BY id")
                .split(separator: "\n").flatMap { $0.split(separator: "|").compactMap { Double($0) } }
            #expect(!values.isEmpty && values.count == rows.count, "\(layer): \(values.count) values from GDAL, \(rows.count) in the R-tree")
            // The R-tree stores 32-bit floats, rounded outwards.
            for (index, (gdal, indexed)) in zip(values, rows).enumerated() {
                let isMinimum = index % 4 == 0 || index % 4 == 2
                #expect(isMinimum ? indexed <= gdal : indexed >= gdal, "\(layer) value \(index): \(indexed) vs \(gdal)")
                #expect(abs(indexed - gdal) < 1e-4, "\(layer) value \(index): \(indexed) vs \(gdal)")
            }
        }
    }

    @Test func readsWhatOgr2ogrWrites() throws {
        let path = try Paths.temporaryDirectory().appendingPathComponent("ogr.gpkg").path
        let converted = try Paths.run("ogr2ogr", ["-f", "GPKG", "-nln", "communes", path, "\(Paths.sharedData)/hai_phong_communes_2025.geojson"])
        #expect(converted.status == 0)
        var mapping = FieldMapping()
        try mapping.set("declared_area_km2=area")
        let store = GeoPackageStore(path: path, mapping: mapping)
        let communes = try store.features(.communes)
        #expect(communes.count == 114)
        // The same total as pyproj gives for the GeoJSON file (SharedDataTests): 3,080,117,369.69 m².
        let total = try communes.reduce(0.0) { $0 + (try Geodesic.wgs84.area(of: $1.geometry)) }
        #expect(abs(total - 3080117369.692861) / total < 1e-9)
        guard case let .commune(first)? = try store.entry(id: "10507") else {
            Issue.record("no commune 10507")
            return
        }
        #expect(first.name == "Thành Đông" && first.type == .ward && first.population == 50307)
        #expect(abs((first.declaredAreaHectares ?? 0) - 1222) < 1e-9)  // area 12.22 km²
    }

    @Test func failedWriteLeavesTheFileByteForByte() throws {
        let store = try RegistryTests.geoDataStore()
        let before = try bytes(store)
        let square = try Geometry(wkt: "POLYGON ((106.1 20.8, 106.2 20.8, 106.2 20.9, 106.1 20.9, 106.1 20.8))")
        #expect(throws: Stop.self) {
            try store.write { writer in
                try writer.upsert([.zone(Zone(id: "half-written", name: "x", kind: .urbanArea, geometry: square)),
                                   .zone(Zone(id: "sez-hai-phong", name: "renamed", kind: .urbanArea, geometry: square))])
                try writer.setFact("last_import", "never")
                throw Stop()
            }
        }
        #expect(try bytes(store) == before)
        #expect(try store.entry(id: "half-written") == nil)
        #expect(try store.entry(id: "sez-hai-phong")?.feature.name == "Khu kinh tế chuyên biệt Hải Phòng")
        // A registry whose directory is gone cannot be written, and says so.
        #expect(throws: RegistryError.self) {
            try GeoPackageStore(path: "/nonexistent-dir/registry.gpkg").write { writer in
                try writer.upsert([.zone(Zone(id: "z", name: "z", kind: .urbanArea, geometry: square))])
            }
        }
    }

    @Test func editsMadeThroughGDALAreSeenAndKept() throws {
        let store = try RegistryTests.geoDataStore()
        let fids = try sqlite(store, "SELECT group_concat(id || '=' || fid) FROM (SELECT id, fid FROM zones ORDER BY fid)")
        // A planner renames a commune, adds a column and a style table, and appends a zone in GDAL/QGIS.
        #expect(try Paths.run("ogrinfo", [store.path, "-sql", "UPDATE communes SET name = 'Thượng Hồng (sửa)' WHERE id = '10993'"]).status == 0)
        #expect(try Paths.run("ogrinfo", [store.path, "-sql", "ALTER TABLE zones ADD COLUMN note TEXT"]).status == 0)
        #expect(try Paths.run("ogrinfo", [store.path, "-sql", "UPDATE zones SET note = 'checked on site' WHERE id = 'sez-hai-phong'"]).status == 0)
        #expect(try Paths.run("ogrinfo", [store.path, "-sql", "CREATE TABLE layer_styles (id INTEGER PRIMARY KEY, f_table_name TEXT, styleQML TEXT)"]).status == 0)
        #expect(try Paths.run("ogrinfo", [store.path, "-sql", "INSERT INTO layer_styles (f_table_name, styleQML) VALUES ('zones', '<qgis/>')"]).status == 0)
        let added = try Paths.temporaryDirectory().appendingPathComponent("added.geojson")
        try #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"gdal-zone","name":"Vẽ trong QGIS","kind":"urban_area"},"geometry":{"type":"MultiPolygon","coordinates":[[[[106.5,20.5],[106.6,20.5],[106.6,20.6],[106.5,20.5]]]]}}]}"#
            .write(to: added, atomically: true, encoding: .utf8)
        #expect(try Paths.run("ogr2ogr", ["-update", "-append", "-nln", "zones", store.path, added.path]).status == 0)

        // The next read sees them.
        #expect(try store.entry(id: "10993")?.feature.name == "Thượng Hồng (sửa)")
        #expect(try store.entry(id: "gdal-zone")?.feature.name == "Vẽ trong QGIS")
        #expect(try store.entries(RegistryFilter(layers: [.zones], bbox: Envelope(minX: 106.55, minY: 20.51, maxX: 106.56, maxY: 20.52)))
                .map(\.id) == ["gdal-zone"])

        // A later import of the zones keeps every one of those edits, and every fid.
        let zones = try RegistryImporter().read(["\(Paths.geoData)/zones.geojson"]).entries
        try store.write { writer in try writer.upsert(zones) }
        #expect(try sqlite(store, "SELECT group_concat(id || '=' || fid) FROM (SELECT id, fid FROM zones WHERE id != 'gdal-zone' ORDER BY fid)") == fids)
        #expect(try sqlite(store, "SELECT note FROM zones WHERE id = 'sez-hai-phong'") == "checked on site")
        #expect(try sqlite(store, "SELECT styleQML FROM layer_styles") == "<qgis/>")
        #expect(try store.entry(id: "gdal-zone")?.feature.name == "Vẽ trong QGIS")
        #expect(try store.entry(id: "10993")?.feature.name == "Thượng Hồng (sửa)")
        #expect(try sqlite(store, "PRAGMA integrity_check") == "ok")
        #expect(try Paths.run("/usr/bin/python3", ["/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py", store.path]).status == 0)
    }

    /// Holds the registry's write lock from another process (as QGIS does while it saves) for `seconds`.
    func holdLock(_ store: GeoPackageStore, seconds: Double) throws -> Subprocess {
        try Subprocess.holdingLock(on: store.path, seconds: seconds, script: "\(Paths.repository.path)/Tests/Support/hold_lock.py")
    }

    @Test func aWriterWaitsForTheLockAndGivesUpPastTheTimeout() throws {
        let store = try RegistryTests.geoDataStore()
        let square = try Geometry(wkt: "POLYGON ((106.1 20.8, 106.2 20.8, 106.2 20.9, 106.1 20.9, 106.1 20.8))")
        let entry = RegistryEntry.zone(Zone(id: "after-the-lock", name: "x", kind: .urbanArea, geometry: square))

        let holder = try holdLock(store, seconds: 2)
        let start = Date()
        try GeoPackageStore(path: store.path, lockTimeoutSeconds: 20).write { writer in try writer.upsert([entry]) }
        #expect(Date().timeIntervalSince(start) > 1.5)
        try holder.wait()
        #expect(try store.entry(id: "after-the-lock") != nil)

        let before = try bytes(store)
        let longer = try holdLock(store, seconds: 3)
        do {
            try GeoPackageStore(path: store.path, lockTimeoutSeconds: 0.5).write { writer in
                try writer.upsert([.zone(Zone(id: "never", name: "x", kind: .urbanArea, geometry: square))])
            }
            Issue.record("the write did not wait for the lock")
        } catch let error as RegistryError {
            guard case .locked = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
        try longer.wait()
        #expect(try bytes(store) == before)
    }

    @Test func aBrokenGeometryBlobIsLocatedAndSparesTheRest() throws {
        let store = try RegistryTests.geoDataStore()
        let fid = try sqlite(store, "SELECT fid FROM zones WHERE id = 'ip-dinh-vu'")
        // A client that registers the trigger functions (as GDAL does) writes a blob whose WKB is garbage.
        let crafted = try Paths.run("/usr/bin/python3", ["-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.create_function('ST_IsEmpty', 1, lambda blob: 0)
            for name in ('ST_MinX', 'ST_MaxX', 'ST_MinY', 'ST_MaxY'):
                c.create_function(name, 1, lambda blob: 0.0)
            c.execute("UPDATE zones SET geom = X'4750000100000000FFFF' WHERE id = 'ip-dinh-vu'")
            c.commit()
            """, store.path])
        #expect(crafted.status == 0)
        do {
            _ = try store.entries(RegistryFilter(layers: [.zones]))
            Issue.record("a broken blob was read")
        } catch {
            guard case let .badRow(_, table, badFID, .blob(.badGeometry)) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(table == "zones" && String(badFID) == fid)
        }
        #expect(try store.entry(id: "sez-hai-phong") != nil)
        #expect(try store.entries(RegistryFilter(layers: [.communes])).count == 10)
    }

    @Test func missingFileIsAnEmptyRegistryAndGarbageIsAnError() throws {
        let missing = GeoPackageStore(path: "/nonexistent/registry.gpkg")
        #expect(!missing.exists)
        #expect(try missing.entries().isEmpty)
        #expect(try missing.entry(id: "x") == nil)
        let garbage = try Paths.temporaryDirectory().appendingPathComponent("garbage.gpkg")
        try Data("not sqlite at all".utf8).write(to: garbage)
        #expect(throws: RegistryError.self) { try GeoPackageStore(path: garbage.path).entries() }
    }
}
