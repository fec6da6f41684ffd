import Testing
import ZoneAtlas
import ZoneGeometry
import ZoneProjection

/// The analyses that measure in a planar CRS refuse one whose coordinates are not metres.
struct MeasurementCRSTests {
    @Test func areasAndAdjacencyRefuseAGeographicCRS() throws {
        let zone = Zone(id: "z", name: "z", kind: .industrialPark,
                        geometry: try Geometry(wkt: "POLYGON((106.6 20.8, 106.7 20.8, 106.7 20.9, 106.6 20.8))"))
        let road = Corridor(id: "c", name: "c", kind: .road, geometry: try Geometry(wkt: "LINESTRING(106.5 20.85, 106.8 20.85)"))
        func refused(_ error: any Error) -> Bool {
            if case .notPlanarMetres(definition: "EPSG:4326", _, kind: "geographic", unit: "degree") = error as? ProjectionError { return true }
            return false
        }
        #expect { try AreaReport.measure([zone], crs: .wgs84) } throws: { refused($0) }
        #expect { try CorridorAdjacency.find(corridors: [road], zones: [zone], distanceMetres: 0, crs: .wgs84) } throws: { refused($0) }
    }
}
