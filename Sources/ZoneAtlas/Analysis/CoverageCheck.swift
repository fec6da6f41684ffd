import ZoneGeometry
import ZoneProjection

/// Units that should tile an area (the communes of a city) checked for overlaps between them and
/// gaps: inside a given boundary, or else holes in the outline of their union. GEOS 3.11 has no
/// coverage validator, so this is built from the STR-tree, the boundary test and overlay.
public struct CoverageReport: Sendable {
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

    /// Pairs of units that overlap.
    public var overlaps: [OverlapReport.Pair]
    public var gaps: [Gap]
    /// Geodesic area of the units' union, m².
    public var coveredSquareMetres: Double
    /// Geodesic area of the boundary, when one was given, m².
    public var boundarySquareMetres: Double?

    /// Checks `units` (polygonal features) for overlaps and gaps.
    /// - Parameters:
    ///   - boundary: the area they should cover; without one, gaps are the holes in their union.
    ///   - minimumAreaSquareMetres: smaller overlaps and gaps are left out.
    public static func check(_ units: [any RegistryFeature], boundary: Geometry? = nil,
                             minimumAreaSquareMetres: Double = 0) throws -> CoverageReport {
        let polygonal = units.filter { $0.geometry.type.isPolygonal }
        let overlaps = try OverlapReport.find(polygonal, minimumAreaSquareMetres: minimumAreaSquareMetres).pairs
        let union = try Geometry.union(of: polygonal.map(\.geometry))
        var gapAreas: Geometry
        if let boundary {
            gapAreas = try boundary.difference(union).polygonalParts()
        } else {
            // The holes of the union's polygons, as polygons.
            var holes: [Geometry] = []
            try union.forEachPath { path in
                guard path.role == .hole else { return }
                holes.append(try Geometry(.polygon([(0..<path.x.count).map { Coordinate(path.x[$0], path.y[$0]) }])))
            }
            gapAreas = try Geometry.collection(holes, as: .multiPolygon)
        }
        let tree = try STRtree(polygonal.map(\.geometry))
        let pieces = try gapAreas.parts().filter { !$0.isEmpty }
        let gaps = try parallelMap(count: pieces.count, chunkSize: 8) { k -> Gap? in
            let piece = pieces[k]
            let area = try Geodesic.wgs84.area(of: piece)
            guard area > minimumAreaSquareMetres, let point = try piece.pointOnSurface().point else { return nil }
            let neighbours = try tree.query(piece, predicate: .intersects).map { polygonal[$0].id }
            return Gap(geometry: piece, areaSquareMetres: area, location: point, neighbours: neighbours)
        }.compactMap { $0 }.sorted { $0.areaSquareMetres > $1.areaSquareMetres }
        return CoverageReport(overlaps: overlaps, gaps: gaps, coveredSquareMetres: try Geodesic.wgs84.area(of: union),
                              boundarySquareMetres: try boundary.map { try Geodesic.wgs84.area(of: $0) })
    }
}
