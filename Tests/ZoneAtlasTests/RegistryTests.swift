import Testing
import ZoneAtlas
import ZoneGeoJSON
import ZoneGeometry

/// The registry over the project's GeoData. Expected ids are read from the GeoData files
/// themselves (their `parent`, `kind` and names), the oracle being the data as drawn.
struct RegistryTests {
    static func geoData() throws -> Registry {
        var registry = Registry()
        registry.insert(try RegistryImporter().read([Paths.geoData]).entries)
        return registry
    }

    @Test func importsEveryLayer() throws {
        let registry = try Self.geoData()
        #expect(registry.zones.count == 8)
        #expect(registry.communes.count == 10)
        #expect(registry.corridors.count == 7)
        #expect(registry.zone(id: "sez-hai-phong")?.declaredAreaHectares == 5300)
        #expect(registry.zone(id: "sez-hai-phong")?.legalBasis == LegalBasis(decision: "288/QĐ-TTg", date: "2026-02-12"))
        #expect(registry.corridors.contains { $0.kind == .bridge })
    }

    @Test func filters() throws {
        let registry = try Self.geoData()
        let parks = try registry.entries(RegistryFilter(parent: "ez-dinh-vu-cat-hai")).map(\.id)
        #expect(Set(parks) == ["ip-dinh-vu", "ip-nam-dinh-vu", "ip-trang-due"])
        #expect(try registry.entries(RegistryFilter(kind: "industrial_park")).count == 5)
        #expect(try registry.entries(RegistryFilter(layers: [.zones], status: .established)).count == 8)
        #expect(try registry.entries(RegistryFilter(name: "thuong hong")).map(\.feature.name) == ["Thượng Hồng"])
        #expect(try registry.entries(RegistryFilter(layers: [.zones], name: "dinh vu")).map(\.id)
                == ["ez-dinh-vu-cat-hai", "ip-dinh-vu", "ip-nam-dinh-vu"])
    }

    @Test func spatialFilters() throws {
        let registry = try Self.geoData()
        // The SEZ lies in the six host communes (GeoData/README.md): a box around it finds them and it.
        let sez = try #require(registry.zone(id: "sez-hai-phong"))
        let box = try #require(sez.geometry.envelope)
        let near = try registry.entries(RegistryFilter(layers: [.zones, .communes], bbox: box))
        #expect(near.filter { $0.layer == .communes }.count == 6)
        #expect(near.contains { $0.id == "sez-hai-phong" })
        // A point inside Tràng Duệ IP (its label point) meets it and its parent economic zone.
        let inside = try registry.zone(id: "ip-trang-due")!.geometry.pointOnSurface()
        let hits = try registry.entries(RegistryFilter(layers: [.zones], intersecting: inside)).map(\.id)
        #expect(Set(hits) == ["ip-trang-due", "ez-dinh-vu-cat-hai"])
        #expect(try registry.entries(RegistryFilter(bbox: Envelope(minX: 0, minY: 0, maxX: 1, maxY: 1))).isEmpty)
    }

    @Test func insertReplacesBySameId() throws {
        var registry = try Self.geoData()
        let square = try Geometry(wkt: "POLYGON ((106.1 20.8, 106.2 20.8, 106.2 20.9, 106.1 20.9, 106.1 20.8))")
        let changes = registry.insert([.zone(Zone(id: "sez-hai-phong", name: "SEZ redrawn", kind: .specializedEconomicZone, geometry: square)),
                                       .zone(Zone(id: "new-zone", name: "Khu mới", kind: .urbanArea, geometry: square))])
        #expect(changes.added == [.zones: 1] && changes.replaced == [.zones: 1])
        #expect(registry.zones.count == 9)
        #expect(registry.zone(id: "sez-hai-phong")?.name == "SEZ redrawn")
        // The spatial index follows the change.
        #expect(try registry.entries(RegistryFilter(layers: [.zones], intersecting: square.centroid())).map(\.id).contains("new-zone"))
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
}
