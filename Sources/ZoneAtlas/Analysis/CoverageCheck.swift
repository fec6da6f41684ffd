import ZoneGeometry
import ZoneProjection

/// Units that should tile an area (the communes of a city) checked for overlaps between them and
/// gaps: inside a given boundary, or else holes in the outline of their union. GEOS 3.11 has no
/// coverage validator, so this is built from the STR-tree, the boundary test and overlay.
public struct CoverageReport: Sendable {
    /// Ground no unit covers.
    public struct Gap: Sendable {
        /// The gap's polygon, WGS84.
        public var geometry: Geometry
        /// Geodesic area, m².
        public var areaSquareMetres: Double
        /// A point inside the gap, to find it on a map.
        public var location: Coordinate
        /// The units whose boundary the gap touches.
        public var neighbours: [String]
    }

    /// Pairs of units that overlap, slivers left out.
    public var overlaps: [OverlapReport.Pair]
    /// The overlaps set aside as slivers.
    public var overlapSlivers: SliverSummary
    /// Gaps, largest first, slivers left out.
    public var gaps: [Gap]
    /// The gaps set aside as slivers.
    public var gapSlivers: SliverSummary
    /// Geodesic area of the units' union, m².
    public var coveredSquareMetres: Double
    /// Geodesic area of the boundary, when one was given, m².
    public var boundarySquareMetres: Double?

    /// Checks `units` (polygonal features) for overlaps and gaps.
    /// - Parameters:
    ///   - units: the units that should tile (lon/lat degrees), e.g. communes.
    ///   - boundary: the area they should cover; without one, gaps are the holes in their union.
    ///   - tolerance: (`slivers:`) overlaps and gaps below this tolerance are counted, not listed.
    ///   - known: (`areasSquareMetres:`) the geodesic area of each of `units`, in the same order, when already
    ///     measured (m²); otherwise they are measured here.
    public static func check(_ units: [any RegistryFeature], boundary: Geometry? = nil,
                             slivers tolerance: SliverTolerance = .none, areasSquareMetres known: [Double]? = nil) throws(AnalysisError) -> CoverageReport {
        precondition(known == nil || known?.count == units.count, "one area per unit")
        let kept = units.indices.filter { units[$0].geometry.type.isPolygonal }
        let polygonal = kept.map { units[$0] }
        let areas: [Double]
        if let known {
            areas = kept.map { known[$0] }
        } else {
            areas = try analysingInParallel(polygonal, chunkSize: 16) { i throws(GeometryError) in try Geodesic.wgs84.area(of: polygonal[i].geometry) }
        }
        let overlaps = try OverlapReport.find(polygonal, slivers: tolerance, areasSquareMetres: areas)
        let tree = try analysing { () throws(GeometryError) in try STRtree(polygonal.map(\.geometry)) }
        let (union, coveredSquareMetres) = try unionByGroup(polygonal, areasSquareMetres: areas, tree: tree)
        // A failure from here on concerns the union of all units, no one of them.
        let pieces = try analysing { () throws(GeometryError) in
            var gapAreas: Geometry
            if let boundary {
                gapAreas = try boundary.difference(union).polygonalParts()
            } else {
                // The holes of the union's polygons, as polygons.
                var holes: [Geometry] = []
                try union.forEachPath { path throws(GeometryError) in
                    guard path.role == .hole else { return }
                    holes.append(try Geometry(.polygon([(0..<path.x.count).map { Coordinate(path.x[$0], path.y[$0]) }])))
                }
                gapAreas = try Geometry.collection(holes, as: .multiPolygon)
            }
            // A hole ring that touches itself makes an invalid polygon on its own: repaired, and
            // pieces that collapse to nothing (no area) are no gaps.
            return try gapAreas.parts().filter { !$0.isEmpty }
        }
        let measured = try analysingInParallel(count: pieces.count, chunkSize: 8) { k throws(GeometryError) -> (gap: Gap, sliver: Bool)? in
            let piece = try pieces[k].validPolygons()
            let area = try Geodesic.wgs84.area(of: piece)
            guard area > 0, let point = try piece.pointOnSurface().point else { return nil }
            let neighbours = try tree.query(piece, predicate: .intersects).map { polygonal[$0].id }
            return (Gap(geometry: piece, areaSquareMetres: area, location: point, neighbours: neighbours),
                    try tolerance.isSliver(piece, areaSquareMetres: area))
        }.compactMap { $0 }
        var gapSlivers = SliverSummary()
        for found in measured where found.sliver { gapSlivers.add(areaSquareMetres: found.gap.areaSquareMetres) }
        let gaps = measured.filter { !$0.sliver }.map(\.gap).sorted { $0.areaSquareMetres > $1.areaSquareMetres }
        return CoverageReport(overlaps: overlaps.pairs, overlapSlivers: overlaps.slivers, gaps: gaps, gapSlivers: gapSlivers,
                              coveredSquareMetres: coveredSquareMetres,
                              boundarySquareMetres: try analysing { () throws(GeometryError) in try boundary.map { b throws(GeometryError) in try Geodesic.wgs84.area(of: b) } })
    }

    /// The union of polygons, made group by group: polygons that intersect (or touch) are in one
    /// group, so different groups are apart and their unions together form a valid multipolygon
    /// without one overlay over everything (units that do not tile cost no noding at all).
    /// - Returns: the union and its geodesic area, m² (a lone unit's area is the one given).
    static func unionByGroup(_ units: [any RegistryFeature], areasSquareMetres areas: [Double], tree: STRtree) throws(AnalysisError) -> (Geometry, Double) {
        let geometries = units.map(\.geometry)
        let neighbours = try analysingInParallel(units, chunkSize: 32) { i throws(GeometryError) in try tree.query(geometries[i], predicate: .intersects) }
        var parent = Array(geometries.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        for (i, list) in neighbours.enumerated() {
            for j in list {
                let (a, b) = (root(i), root(j))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var groups: [[Int]] = []
        var groupOf: [Int: Int] = [:]
        for i in geometries.indices {
            let r = root(i)
            if let g = groupOf[r] { groups[g].append(i) } else {
                groupOf[r] = groups.count
                groups.append([i])
            }
        }
        let found = groups
        let unions = try analysingInParallel(count: found.count, chunkSize: 1, feature: { units[found[$0][0]] }) {
            g throws(GeometryError) -> (parts: [Geometry], area: Double) in
            let members = found[g]
            if members.count == 1 { return (try geometries[members[0]].polygonalParts().parts(), areas[members[0]]) }
            let union = try Geometry.union(of: members.map { geometries[$0] })
            return (try union.polygonalParts().parts(), try Geodesic.wgs84.area(of: union))
        }
        let union = try analysing { () throws(GeometryError) in try Geometry.collection(unions.flatMap(\.parts), as: .multiPolygon) }
        return (union, unions.reduce(0) { $0 + $1.area })
    }
}
