import Foundation
import Testing
import ZoneAtlas
import ZoneGeoJSON
import ZoneGeometry

/// The registry over the project's GeoData, read through each store's SQL (the GeoPackage's indexes
/// and R-tree, PostGIS's indexes and GiST `&&`). Expected ids are read from the GeoData files
/// themselves (their `parent`, `kind` and names), the oracle being the data as drawn.
struct RegistryTests {
    /// GeoData's entries, as an import keeps them.
    static func geoData() throws -> LayeredEntries {
        LayeredEntries(try RegistryImporter().read([Paths.geoData]).entries)
    }

    /// A new registry file holding GeoData.
    static func geoDataStore() throws -> GeoPackageStore {
        let store = GeoPackageStore(path: try Paths.temporaryDirectory().appendingPathComponent("registry.gpkg").path)
        let entries = try RegistryImporter().read([Paths.geoData]).entries
        try store.write { writer in try writer.upsert(entries) }
        return store
    }

    @Test(arguments: StoreKind.underTest) func importsEveryLayer(_ kind: StoreKind) throws {
        let under = try StoreUnderTest.geoData(kind), store = under.store
        #expect(try store.entries(RegistryFilter(layers: [.zones])).count == 8)
        #expect(try store.entries(RegistryFilter(layers: [.communes])).count == 10)
        #expect(try store.entries(RegistryFilter(layers: [.corridors])).count == 7)
        guard case let .zone(sez)? = try store.entry(id: "sez-hai-phong") else {
            Issue.record("no sez-hai-phong")
            return
        }
        #expect(sez.declaredAreaHectares == 5300)
        #expect(sez.legalBasis == LegalBasis(decision: "288/QĐ-TTg", date: "2026-02-12"))
        #expect(try store.entries(RegistryFilter(layers: [.corridors], kind: "bridge")).count == 1)
        #expect(try store.entry(id: "no-such-id") == nil)
    }

    @Test(arguments: StoreKind.underTest) func filters(_ kind: StoreKind) throws {
        let under = try StoreUnderTest.geoData(kind), store = under.store
        let parks = try store.entries(RegistryFilter(parent: "ez-dinh-vu-cat-hai")).map(\.id)
        #expect(Set(parks) == ["ip-dinh-vu", "ip-nam-dinh-vu", "ip-trang-due"])
        #expect(try store.entries(RegistryFilter(kind: "industrial_park")).count == 5)
        #expect(try store.entries(RegistryFilter(kind: "INDUSTRIAL_PARK")).count == 5)
        #expect(try store.entries(RegistryFilter(layers: [.zones], status: .established)).count == 8)
        #expect(try store.entries(RegistryFilter(name: "thuong hong")).map(\.feature.name) == ["Thượng Hồng"])
        #expect(try store.entries(RegistryFilter(layers: [.zones], name: "dinh vu")).map(\.id)
                == ["ez-dinh-vu-cat-hai", "ip-dinh-vu", "ip-nam-dinh-vu"])
        // GeoData's communes file has 6 of type commune (xã), 3 wards and 1 special zone.
        #expect(try store.entries(RegistryFilter(layers: [.communes], kind: "commune")).count == 6)
        #expect(try store.entries(RegistryFilter(layers: [.communes], kind: "ward")).count == 3)
    }

    @Test(arguments: StoreKind.underTest) func spatialFilters(_ kind: StoreKind) throws {
        let under = try StoreUnderTest.geoData(kind), store = under.store
        // The SEZ lies in the six host communes (GeoData/README.md): a box around it finds them and it.
        let sez = try #require(try store.entry(id: "sez-hai-phong")?.feature)
        let box = try #require(sez.geometry.envelope)
        let near = try store.entries(RegistryFilter(layers: [.zones, .communes], bbox: box))
        #expect(near.filter { $0.layer == .communes }.count == 6)
        #expect(near.contains { $0.id == "sez-hai-phong" })
        // A point inside Tràng Duệ IP (its label point) meets it and its parent economic zone.
        let inside = try #require(try store.entry(id: "ip-trang-due")?.feature).geometry.pointOnSurface()
        let hits = try store.entries(RegistryFilter(layers: [.zones], intersecting: inside)).map(\.id)
        #expect(Set(hits) == ["ip-trang-due", "ez-dinh-vu-cat-hai"])
        #expect(try store.entries(RegistryFilter(bbox: Envelope(minX: 0, minY: 0, maxX: 1, maxY: 1))).isEmpty)
    }

    @Test(arguments: StoreKind.underTest) func upsertReplacesBySameIdAndKeepsTheFid(_ kind: StoreKind) throws {
        let under = try StoreUnderTest.geoData(kind), store = under.store
        let fidBefore = try under.sql("SELECT fid FROM zones WHERE id = 'sez-hai-phong'")
        let square = try Geometry(wkt: "POLYGON ((106.1 20.8, 106.2 20.8, 106.2 20.9, 106.1 20.9, 106.1 20.8))")
        let changes = try store.write { writer in
            try writer.upsert([.zone(Zone(id: "sez-hai-phong", name: "SEZ redrawn", kind: .specializedEconomicZone, geometry: square)),
                               .zone(Zone(id: "new-zone", name: "Khu mới", kind: .urbanArea, geometry: square))])
            return writer.changes
        }
        #expect(changes.added == [.zones: 1] && changes.replaced == [.zones: 1])
        #expect(try store.entries(RegistryFilter(layers: [.zones])).count == 9)
        #expect(try store.entry(id: "sez-hai-phong")?.feature.name == "SEZ redrawn")
        #expect(try under.sql("SELECT fid FROM zones WHERE id = 'sez-hai-phong'") == fidBefore && !fidBefore.isEmpty)
        // The spatial index follows the change (in the GeoPackage, the R-tree triggers fired by our own writes).
        #expect(try store.entries(RegistryFilter(layers: [.zones], intersecting: square.centroid())).map(\.id).sorted()
                == ["new-zone", "sez-hai-phong"])
    }

    /// On a Citus cluster the zones and their history are distributed by id, on the same shards,
    /// and every other table is a reference table. Oracle: Citus's catalog, `pg_dist_partition`
    /// (`h`: hash-distributed, `n`: a reference table).
    @Test(.enabled(if: StoreKind.citusServer != nil, "no Citus cluster given in ZONEATLAS_TEST_CITUS (Citus is not in Debian)"))
    func onCitusZonesAreDistributedByID() throws {
        let under = try StoreUnderTest.geoData(.citus)
        let tables = try under.sql("""
            SELECT c.relname, p.partmethod, CASE p.partmethod WHEN 'h' THEN column_to_column_name(p.logicalrelid, p.partkey) ELSE '' END
            FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid WHERE c.relnamespace = current_schema()::regnamespace ORDER BY 1
            """)
        #expect(tables.split(separator: "\n") == [
            "communes|n|", "communes_history|n|", "corridors|n|", "corridors_history|n|", "zoneatlas_edits|n|",
            "zoneatlas_registry|n|", "zoneatlas_revisions|n|", "zones|h|id", "zones_history|h|id",
        ])
        #expect(try under.sql("""
            SELECT count(DISTINCT colocationid) FROM pg_dist_partition WHERE logicalrelid IN ('zones'::regclass, 'zones_history'::regclass)
            """) == "1")
    }

    @Test func mixedFileRoutesByKindAndGeometry() throws {
        let file = try Paths.temporaryDirectory().appendingPathComponent("mixed.geojson")
        try """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","id":"z1","properties":{"kind":"industrial_park"},"geometry":{"type":"Polygon","coordinates":[[[106.1,20.8],[106.2,20.8],[106.2,20.9],[106.1,20.8]]]}},
        {"type":"Feature","id":"c1","properties":{"kind":"ward"},"geometry":{"type":"Polygon","coordinates":[[[106.3,20.8],[106.4,20.8],[106.4,20.9],[106.3,20.8]]]}},
        {"type":"Feature","id":"r1","properties":{"kind":"corridor"},"geometry":{"type":"LineString","coordinates":[[106.1,20.7],[106.4,20.7]]}},
        {"type":"Feature","id":"r2","properties":{},"geometry":{"type":"LineString","coordinates":[[106.1,20.6],[106.4,20.6]]}},
        {"type":"Feature","id":"r3","properties":{"kind":"expressway"},"geometry":{"type":"MultiLineString","coordinates":[[[106.1,20.5],[106.4,20.5]]]}}
        ]}
        """.write(to: file, atomically: true, encoding: .utf8)
        let entries = try RegistryImporter().read([file.path]).entries
        #expect(entries.map { "\($0.layer.rawValue)/\($0.id)" }
                == ["zones/z1", "communes/c1", "corridors/r1", "corridors/r2", "corridors/r3"])
    }

    @Test func brokenFileAmongGoodOnesImportsNothing() throws {
        let directory = try Paths.temporaryDirectory()
        let broken = directory.appendingPathComponent("broken.geojson")
        try #"{"type":"Feature","id":"bad","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}}"#
            .write(to: broken, atomically: true, encoding: .utf8)
        do {
            _ = try RegistryImporter().read(["\(Paths.geoData)/zones.geojson", broken.path])
            Issue.record("expected invalid input")
        } catch {
            guard case let .invalidInput(results) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(results.map(\.hasErrors) == [false, true])
        }
        #expect(throws: RegistryError.self) { try RegistryImporter().read(["/nonexistent"]) }
    }

    @Test func formatsZoneAtlasDoesNotReadSayHowToConvert() throws {
        let directory = try Paths.temporaryDirectory()
        for name in ["parks.shp", "parks.fgb", "parks.kml"] {
            let path = directory.appendingPathComponent(name).path
            try Data("not read".utf8).write(to: URL(fileURLWithPath: path))
            do {
                _ = try RegistryImporter().read([path])
                Issue.record("\(name) was read")
            } catch {
                #expect("\(error)".contains("ogr2ogr"), "\(error)")
            }
        }
        // A folder with nothing ZoneAtlas reads is an error too, not an empty import.
        do {
            _ = try RegistryImporter().read([directory.path])
            Issue.record("an empty folder was read")
        } catch {
            #expect("\(error)".contains("no GeoJSON"), "\(error)")
        }
    }
}
