import ZoneGeometry
import ZoneProjection

/// Which overlaps and gaps are slivers — digitising noise along shared borders rather than real
/// conflicts: those smaller than a minimum area, or thinner than a width. A polygon's width is
/// taken as 2·area / perimeter (geodesic), which is the width of a long thin strip and half the
/// diameter of a disc, so a ragged 3 m seam along a 2 km border counts as 3 m wide.
public struct SliverTolerance: Sendable, Equatable {
    /// Smaller than this is a sliver, m².
    public var minimumAreaSquareMetres: Double
    /// Thinner than this is a sliver, m.
    public var widthMetres: Double

    /// A tolerance; 0 for either disables that test.
    public init(minimumAreaSquareMetres: Double = 0, widthMetres: Double = 0) {
        self.minimumAreaSquareMetres = minimumAreaSquareMetres
        self.widthMetres = widthMetres
    }

    /// No polygon is a sliver.
    public static let none = SliverTolerance()

    /// The width measure used here, 2·area / perimeter, m.
    public static func widthMetres(areaSquareMetres: Double, perimeterMetres: Double) -> Double {
        perimeterMetres > 0 ? 2 * areaSquareMetres / perimeterMetres : 0
    }

    /// Whether a polygon of this geodesic area is a sliver; its perimeter is measured only when a width is set.
    public func isSliver(_ geometry: Geometry, areaSquareMetres: Double) throws(GeometryError) -> Bool {
        if areaSquareMetres < minimumAreaSquareMetres { return true }
        guard widthMetres > 0 else { return false }
        let perimeter = try Geodesic.wgs84.measure(geometry).perimeterMetres
        return Self.widthMetres(areaSquareMetres: areaSquareMetres, perimeterMetres: perimeter) < widthMetres
    }
}

/// How many slivers were set aside, how much ground they cover and the largest of them.
public struct SliverSummary: Sendable, Equatable {
    /// How many slivers.
    public var count = 0
    /// Their summed geodesic area, m².
    public var totalSquareMetres = 0.0
    /// The largest one's geodesic area, m².
    public var largestSquareMetres = 0.0

    /// No sliver yet.
    public init() {}

    /// Counts one sliver of this geodesic area, m².
    public mutating func add(areaSquareMetres: Double) {
        count += 1
        totalSquareMetres += areaSquareMetres
        largestSquareMetres = max(largestSquareMetres, areaSquareMetres)
    }
}
