import ZoneGeometry
import ZoneProjection

/// Every pair of features whose interiors overlap with positive area, with the overlap's geodesic
/// area and its share of each. A zone inside its declared parent is containment, not a conflict.
public struct OverlapReport: Sendable {
    /// How the two features of a pair relate.
    public enum Relation: String, Sendable {
        /// Two features that should not share ground do.
        case overlap
        /// A zone lies inside the zone it declares as its parent.
        case containment
        /// A zone overlaps its declared parent but sticks out of it.
        case partialContainment = "partial_containment"
    }

    /// Two features whose interiors overlap.
    public struct Pair: Sendable {
        /// One feature.
        public var a: any RegistryFeature
        /// The other feature.
        public var b: any RegistryFeature
        /// Geodesic area of the overlap on WGS84, m².
        public var areaSquareMetres: Double
        /// The overlap as a share of a's (b's) geodesic area, 0…1.
        public var shareOfA: Double
        /// The overlap as a share of b's geodesic area, 0…1.
        public var shareOfB: Double
        /// Whether one is declared to lie in the other.
        public var relation: Relation
        /// The overlap's polygons, WGS84 lon/lat.
        public var geometry: Geometry
    }

    /// The pairs that are not slivers.
    public var pairs: [Pair]
    /// The overlaps set aside as slivers.
    public var slivers: SliverSummary

    /// Pairs that are conflicts (not a zone inside its declared parent).
    public var conflicts: [Pair] { pairs.filter { $0.relation != .containment } }
    /// The summed area of every pair, m².
    public var totalAreaSquareMetres: Double { pairs.reduce(0) { $0 + $1.areaSquareMetres } }

    /// Finds the overlapping pairs among polygonal `features` (others are ignored).
    /// - Parameters:
    ///   - features: the features to compare (lon/lat degrees).
    ///   - tolerance: (`slivers:`) overlaps below this tolerance are counted in ``slivers``, not listed.
    ///   - known: (`areasSquareMetres:`) the geodesic area of each of `features`, in the same order, when
    ///     already measured (m²); otherwise they are measured here.
    public static func find(_ features: [any RegistryFeature], slivers tolerance: SliverTolerance = .none,
                            areasSquareMetres known: [Double]? = nil) throws(AnalysisError) -> OverlapReport {
        precondition(known == nil || known?.count == features.count, "one area per feature")
        let kept = features.indices.filter { features[$0].geometry.type.isPolygonal }
        let polygonal = kept.map { features[$0] }
        let found = try OverlapSearch().run(polygonal)
        let areas: [Double]
        if let known {
            areas = kept.map { known[$0] }
        } else {
            areas = try analysingInParallel(polygonal, chunkSize: 64) { i throws(GeometryError) in try Geodesic.wgs84.area(of: polygonal[i].geometry) }
        }
        let sliver = try analysingInParallel(count: found.pairs.count, chunkSize: 16, feature: { polygonal[found.pairs[$0].first] }) {
            k throws(GeometryError) in try tolerance.isSliver(found.pairs[k].intersection, areaSquareMetres: found.pairs[k].areaSquareMetres)
        }
        var summary = SliverSummary()
        for (k, pair) in found.pairs.enumerated() where sliver[k] { summary.add(areaSquareMetres: pair.areaSquareMetres) }
        let pairs = try found.pairs.indices.filter { !sliver[$0] }.map { k throws(AnalysisError) -> Pair in
            let pair = found.pairs[k]
            let (a, b) = (polygonal[pair.first], polygonal[pair.second])
            let shareA = areas[pair.first] > 0 ? pair.areaSquareMetres / areas[pair.first] : 0
            let shareB = areas[pair.second] > 0 ? pair.areaSquareMetres / areas[pair.second] : 0
            var relation = Relation.overlap
            // The child's share inside its parent: all of it (to a part in a million) is containment.
            if let parent = a.parentID, parent == b.id {
                relation = shareA >= 1 - 1e-6 ? .containment : .partialContainment
            } else if let parent = b.parentID, parent == a.id {
                relation = shareB >= 1 - 1e-6 ? .containment : .partialContainment
            }
            return Pair(a: a, b: b, areaSquareMetres: pair.areaSquareMetres, shareOfA: shareA, shareOfB: shareB,
                        relation: relation, geometry: try analysing(a) { () throws(GeometryError) in try pair.intersection.validPolygons() })
        }
        return OverlapReport(pairs: pairs, slivers: summary)
    }
}
