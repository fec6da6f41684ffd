import CPROJ
import ZoneGeometry

/// Area and perimeter on the ellipsoid, in square metres and metres, as ``Geodesic/measure(_:)``
/// returns them.
public struct GeodesicMeasure: Sendable, Equatable {
    /// Area in m²: each polygon's shell less its holes, summed over polygons (see
    /// ``Geodesic/measure(_:)`` for how a ring's side is chosen). 0 for points and lines.
    public var areaSquareMetres: Double
    /// Perimeter in m: the lengths of all rings (holes included) and lines.
    public var perimeterMetres: Double

    /// Area in hectares (1 ha = 10,000 m²).
    public var areaHectares: Double { areaSquareMetres / 10_000 }
}

/// Measures on an ellipsoid with Karney's algorithms (PROJ's `geodesic.h`, from GeographicLib):
/// exact to round-off, no projection involved, edges are geodesics (not rhumb lines or straight
/// lines in some projection).
///
/// Geometries are taken as **longitude/latitude in degrees** on this ellipsoid (WGS84 for
/// ``wgs84``): transform other data to EPSG:4326 first.
///
/// ## Which side of a ring is the polygon
///
/// A ring splits the ellipsoid into two regions, and only its orientation tells which one is
/// meant. The three area functions differ in how they read it, as georust/geo's
/// `geodesic_area_signed` and `geodesic_area_unsigned` do:
///
/// - ``area(of:)`` and ``measure(_:)`` ignore orientation: each ring bounds the **smaller** of its
///   two regions, so a polygon's area is |shell| − Σ |holes| whichever way its rings run. Right
///   for every polygon smaller than half the earth (any zone, commune or country), and what the
///   analyses use: GEOS's overlay results and many files have clockwise shells. A ring enclosing
///   more than half the earth is read as the rest of the earth.
/// - ``signedArea(of:)`` reads each polygon's shell as counter-clockwise-positive: a
///   counter-clockwise shell gives a positive area, a clockwise one a negative area of the same
///   size; holes reduce its magnitude. Each ring is still taken as smaller than half the earth
///   (Karney's result in (−A/2, A/2], A the ellipsoid's area), so a counter-clockwise ring enclosing
///   more than half the earth gives the negative of the rest of the earth.
/// - ``unsignedArea(of:)`` trusts RFC 7946 orientation and is right for a polygon of **any size**:
///   a shell bounds the region on its left (it runs counter-clockwise around its interior), a hole
///   the region on its right (clockwise), each in [0, A). A shell running the other way gives the
///   rest of the earth, and a counter-clockwise hole takes the rest of the earth off its shell.
public struct Geodesic: @unchecked Sendable {
    // Immutable after init; geodesic.h only reads it.
    private var model = geod_geodesic()
    /// Equatorial radius in metres.
    public let semiMajorAxis: Double
    /// Flattening (a − b) / a, dimensionless (0 for a sphere).
    public let flattening: Double

    /// The WGS84 ellipsoid: a = 6,378,137 m, f = 1/298.257223563.
    public static let wgs84 = Geodesic(semiMajorAxis: 6_378_137, flattening: 1 / 298.257223563)

    /// An ellipsoid of equatorial radius `semiMajorAxis` (metres) and `flattening` (a − b) / a.
    public init(semiMajorAxis: Double, flattening: Double) {
        self.semiMajorAxis = semiMajorAxis
        self.flattening = flattening
        geod_init(&model, semiMajorAxis, flattening)
    }

    /// Area (m²) and perimeter (m) of the polygons, and length (m) of the lines, in `geometry`
    /// (lon/lat degrees). The area ignores ring orientation: a polygon's area is |shell| − Σ |holes|,
    /// each ring taken as the smaller of the two regions it bounds, so it is right for polygons
    /// smaller than half the earth whichever way their rings run (see ``unsignedArea(of:)`` for
    /// larger ones).
    /// - Throws: `GeometryError` when GEOS cannot hand over the geometry's coordinates.
    public func measure(_ geometry: Geometry) throws(GeometryError) -> GeodesicMeasure {
        try measure(geometry, reading: .orientationFree)
    }

    /// Area in m² of the polygons in `geometry` (lon/lat degrees), whatever the orientation of
    /// their rings, for polygons smaller than half the earth; 0 for points and lines. The same as
    /// ``measure(_:)``'s ``GeodesicMeasure/areaSquareMetres``, and the absolute value of
    /// ``signedArea(of:)`` for a single polygon.
    /// - Throws: `GeometryError` when GEOS cannot hand over the geometry's coordinates.
    public func area(of geometry: Geometry) throws(GeometryError) -> Double {
        try measure(geometry).areaSquareMetres
    }

    /// Signed area in m² of the polygons in `geometry` (lon/lat degrees), as georust/geo's
    /// `geodesic_area_signed`: positive for a polygon whose shell runs counter-clockwise (RFC 7946),
    /// negative for one whose shell runs clockwise; a polygon's holes reduce its magnitude
    /// whichever way they run. Summed over the polygons of a multipolygon; 0 for points and lines.
    ///
    /// Assumes each polygon is smaller than half the earth: a counter-clockwise shell enclosing
    /// more gives the negative of the rest of the earth, as a clockwise shell around that rest
    /// would. Use ``unsignedArea(of:)`` for such polygons.
    /// - Throws: `GeometryError` when GEOS cannot hand over the geometry's coordinates.
    public func signedArea(of geometry: Geometry) throws(GeometryError) -> Double {
        try measure(geometry, reading: .signed).areaSquareMetres
    }

    /// Area in m² of the polygons in `geometry` (lon/lat degrees) read with RFC 7946 orientation,
    /// as georust/geo's `geodesic_area_unsigned`: right for polygons of any size, up to the whole
    /// earth less a hole. A shell is the region on the left of its path (counter-clockwise around
    /// its interior), a hole the region on the right of its path (clockwise); each in [0, A), A the
    /// ellipsoid's area. 0 for points and lines.
    ///
    /// A shell drawn clockwise gives the rest of the earth (A less the area it was meant to
    /// enclose), and a hole drawn counter-clockwise takes the rest of the earth off its shell: use
    /// it on data whose orientation is known (ZoneGeoJSON's `GeoJSONWriter` output, or a reader's
    /// `ring-orientation` warnings absent), else ``area(of:)``.
    /// - Throws: `GeometryError` when GEOS cannot hand over the geometry's coordinates.
    public func unsignedArea(of geometry: Geometry) throws(GeometryError) -> Double {
        try measure(geometry, reading: .unsigned).areaSquareMetres
    }

    /// Length in m of lines, or perimeter of polygons (holes included), in `geometry` (lon/lat
    /// degrees); the sum over every part of a collection.
    /// - Throws: `GeometryError` when GEOS cannot hand over the geometry's coordinates.
    public func length(of geometry: Geometry) throws(GeometryError) -> Double {
        try measure(geometry).perimeterMetres
    }

    /// The length in m of the shortest path on the ellipsoid between two lon/lat positions
    /// (degrees; `x` longitude, `y` latitude).
    public func distance(from a: Coordinate, to b: Coordinate) -> Double {
        var metres = 0.0, azimuth1 = 0.0, azimuth2 = 0.0
        withUnsafePointer(to: model) { g in
            geod_inverse(g, a.y, a.x, b.y, b.x, &metres, &azimuth1, &azimuth2)
        }
        return metres
    }

    /// How a ring's area is read: see the type's documentation.
    private enum AreaReading {
        /// |ring|, each ring the smaller side.
        case orientationFree
        /// Counter-clockwise positive, each ring in (−A/2, A/2].
        case signed
        /// Shells the left side, holes the right side, each in [0, A).
        case unsigned
    }

    private func measure(_ geometry: Geometry, reading: AreaReading) throws(GeometryError) -> GeodesicMeasure {
        var result = GeodesicMeasure(areaSquareMetres: 0, perimeterMetres: 0)
        // The sign of the shell whose holes come next (forEachPath gives a shell, then its holes).
        var shellSign = 1.0
        try withUnsafePointer(to: model) { g throws(GeometryError) in
            try geometry.forEachPath { path in
                var area = 0.0, perimeter = 0.0
                var polygon = geod_polygon()
                geod_polygon_init(&polygon, path.role == .line ? 1 : 0)
                for i in 0..<path.x.count {
                    geod_polygon_addpoint(g, &polygon, path.y[i], path.x[i])
                }
                // geod_polygon_compute(reverse, sign): reverse counts clockwise as positive; sign
                // returns a signed result in (−A/2, A/2] instead of the other side in [0, A).
                let unsigned = reading == .unsigned
                geod_polygon_compute(g, &polygon, unsigned && path.role == .hole ? 1 : 0, unsigned ? 0 : 1,
                                     &area, &perimeter)
                switch (reading, path.role) {
                case (_, .line): break
                case (.orientationFree, .shell): result.areaSquareMetres += abs(area)
                case (.orientationFree, .hole): result.areaSquareMetres -= abs(area)
                case (.signed, .shell):
                    shellSign = area < 0 ? -1 : 1
                    result.areaSquareMetres += area
                case (.signed, .hole): result.areaSquareMetres -= shellSign * abs(area)
                case (.unsigned, .shell): result.areaSquareMetres += area
                case (.unsigned, .hole): result.areaSquareMetres -= area
                }
                result.perimeterMetres += perimeter
            }
        }
        return result
    }
}
