import CPROJ
import ZoneGeometry

/// Area and perimeter on the ellipsoid, in square metres and metres.
public struct GeodesicMeasure: Sendable, Equatable {
    /// Area in m²: the shells' areas less their holes', summed over polygons.
    public var areaSquareMetres: Double
    /// Perimeter in m: the lengths of all rings (holes included) and lines.
    public var perimeterMetres: Double

    /// Area in hectares (1 ha = 10,000 m²).
    public var areaHectares: Double { areaSquareMetres / 10_000 }
}

/// Measures on an ellipsoid with Karney's algorithms (PROJ's `geodesic.h`): exact to round-off,
/// valid for any size of polygon, no projection involved.
///
/// Geometries are taken as **longitude/latitude in degrees** on this ellipsoid (WGS84 for
/// ``wgs84``): transform other data to EPSG:4326 first.
public struct Geodesic: @unchecked Sendable {
    // Immutable after init; geodesic.h only reads it.
    private var model = geod_geodesic()
    /// Equatorial radius in metres.
    public let semiMajorAxis: Double
    /// Flattening (a − b) / a.
    public let flattening: Double

    /// The WGS84 ellipsoid: a = 6,378,137 m, f = 1/298.257223563.
    public static let wgs84 = Geodesic(semiMajorAxis: 6_378_137, flattening: 1 / 298.257223563)

    public init(semiMajorAxis: Double, flattening: Double) {
        self.semiMajorAxis = semiMajorAxis
        self.flattening = flattening
        geod_init(&model, semiMajorAxis, flattening)
    }

    /// Area and perimeter of the polygons and length of the lines in `geometry` (lon/lat degrees).
    /// A polygon's area is |shell| − Σ|holes| whatever the rings' orientation.
    public func measure(_ geometry: Geometry) throws -> GeodesicMeasure {
        var result = GeodesicMeasure(areaSquareMetres: 0, perimeterMetres: 0)
        try withUnsafePointer(to: model) { g in
            try geometry.forEachPath { path in
                var area = 0.0, perimeter = 0.0
                var polygon = geod_polygon()
                geod_polygon_init(&polygon, path.role == .line ? 1 : 0)
                for i in 0..<path.x.count {
                    geod_polygon_addpoint(g, &polygon, path.y[i], path.x[i])
                }
                geod_polygon_compute(g, &polygon, 0, 1, &area, &perimeter)
                switch path.role {
                case .shell: result.areaSquareMetres += abs(area)
                case .hole: result.areaSquareMetres -= abs(area)
                case .line: break
                }
                result.perimeterMetres += perimeter
            }
        }
        return result
    }

    /// Area in m² of the polygons in `geometry` (lon/lat degrees); 0 for points and lines.
    public func area(of geometry: Geometry) throws -> Double {
        try measure(geometry).areaSquareMetres
    }

    /// Length in m of lines, or perimeter of polygons, in `geometry` (lon/lat degrees).
    public func length(of geometry: Geometry) throws -> Double {
        try measure(geometry).perimeterMetres
    }

    /// The length in m of the shortest path on the ellipsoid between two lon/lat positions.
    public func distance(from a: Coordinate, to b: Coordinate) -> Double {
        var metres = 0.0, azimuth1 = 0.0, azimuth2 = 0.0
        withUnsafePointer(to: model) { g in
            geod_inverse(g, a.y, a.x, b.y, b.x, &metres, &azimuth1, &azimuth2)
        }
        return metres
    }
}
