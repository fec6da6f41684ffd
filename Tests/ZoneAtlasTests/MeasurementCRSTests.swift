import Testing
import ZoneAtlas
import ZoneGeometry
import ZoneProjection

/// The analyses that measure in a planar CRS refuse one whose coordinates are not metres, with
/// PROJ's error about the CRS itself (no feature named).
struct MeasurementCRSTests {
    @Test func areasAndAdjacencyRefuseAGeographicCRS() throws {
        let zone = Zone(id: "z", name: "z", kind: .industrialPark,
                        geometry: try Geometry(wkt: "POLYGON((106.6 20.8, 106.7 20.8, 106.7 20.9, 106.6 20.8))"))
        let road = Corridor(id: "c", name: "c", kind: .road, geometry: try Geometry(wkt: "LINESTRING(106.5 20.85, 106.8 20.85)"))
        func refused(_ error: any Error) -> Bool {
            if case .projection(.notPlanarMetres(definition: "EPSG:4326", _, kind: "geographic", unit: "degree"), feature: nil) = error as? AnalysisError {
                return true
            }
            return false
        }
        #expect { try AreaReport.measure([zone], crs: .wgs84) } throws: { refused($0) }
        #expect { try CorridorAdjacency.find(corridors: [road], zones: [zone], distanceMetres: 0, crs: .wgs84) } throws: { refused($0) }
    }

    /// A position PROJ cannot transform (latitude 95°, past the pole) names the feature it is in
    /// and keeps PROJ's error: the position's index and coordinates, as given (hand-made input).
    @Test func aPositionPROJCannotTransformNamesItsFeature() throws {
        let good = Zone(id: "good", name: "good", kind: .industrialPark,
                        geometry: try Geometry(wkt: "POLYGON((106.6 20.8, 106.7 20.8, 106.7 20.9, 106.6 20.8))"))
        let bad = Zone(id: "bad", name: "bad", kind: .industrialPark,
                       geometry: try Geometry(wkt: "POLYGON((106.6 20.8, 106.7 95, 106.7 20.9, 106.6 20.8))"))
        #expect {
            try AreaReport.measure([good, bad], crs: try .epsg(32648))
        } throws: { error in
            guard case let .projection(.transformFailed(index, x, y, _), feature) = error as? AnalysisError else { return false }
            return feature == FeatureReference(layer: .zones, id: "bad") && index == 1 && x == 106.7 && y == 95
        }
    }
}
