import ZoneGeometry
import ZoneProjection

/// The geometric core of overlap finding: every pair of polygons whose interiors meet with
/// positive area, found with an STR-tree and prepared geometries on all cores.
///
/// Pairs that only touch (share edges or points) are told apart without computing their
/// intersection; only overlapping pairs pay for the overlay.
public struct OverlapSearch: Sendable {
    /// One overlapping pair, `first < second`.
    public struct Pair: Sendable {
        /// The index of one polygon in the input.
        public var first: Int
        /// The index of the other polygon, greater than ``first``.
        public var second: Int
        /// The polygonal part of the intersection (planar overlay in lon/lat).
        public var intersection: Geometry
        /// Its geodesic area on WGS84, m².
        public var areaSquareMetres: Double
    }

    /// What a search found.
    public struct Result: Sendable {
        /// The overlapping pairs.
        public var pairs: [Pair]
        /// Pairs whose geometries intersect at all, touching ones included.
        public var intersectingPairCount: Int
    }

    /// A search.
    public init() {}

    /// Searches `polygons` (WGS84 lon/lat).
    /// - Throws: ``AnalysisError/geometry(_:feature:)`` (naming no feature) when GEOS fails.
    public func run(_ polygons: [Geometry]) throws(AnalysisError) -> Result {
        try search(polygons, feature: { _ in nil })
    }

    /// Searches the polygons of `features` (WGS84 lon/lat), naming the feature GEOS failed on.
    func run(_ features: [any RegistryFeature]) throws(AnalysisError) -> Result {
        try search(features.map(\.geometry), feature: { features[$0] })
    }

    private func search(_ polygons: [Geometry], feature: (Int) -> (any RegistryFeature)?) throws(AnalysisError) -> Result {
        let tree = try analysing { () throws(GeometryError) in try STRtree(polygons) }
        let perPolygon = try analysingInParallel(count: polygons.count, chunkSize: 32, feature: feature) {
            i throws(GeometryError) -> (pairs: [Pair], intersecting: Int) in
            let polygon = polygons[i]
            guard let envelope = polygon.envelope else { return ([], 0) }
            let candidates = try tree.query(envelope).filter { $0 > i }
            guard !candidates.isEmpty else { return ([], 0) }
            let rings = try InteriorContact.Rings(polygon)
            var prepared: PreparedGeometry?
            var pairs: [Pair] = []
            var intersecting = 0
            for j in candidates {
                // Decided from the boundaries where that is certain: a touch skips the overlay.
                switch InteriorContact.classify(rings, try InteriorContact.Rings(polygons[j])) {
                case .disjoint: continue
                case .touch:
                    intersecting += 1
                    continue
                case .overlap:
                    intersecting += 1
                case .uncertain:
                    if prepared == nil { prepared = try PreparedGeometry(polygon) }
                    guard try prepared!.intersects(polygons[j]) else { continue }
                    intersecting += 1
                }
                let shared = try polygon.intersection(polygons[j]).polygonalParts()
                guard try shared.area() > 0 else { continue }
                let area = try Geodesic.wgs84.area(of: shared)
                pairs.append(Pair(first: i, second: j, intersection: shared, areaSquareMetres: area))
            }
            return (pairs, intersecting)
        }
        return Result(pairs: perPolygon.flatMap(\.pairs), intersectingPairCount: perPolygon.reduce(0) { $0 + $1.intersecting })
    }
}
