import ZoneGeometry

/// The geometric core of corridor adjacency: every (corridor, zone) pair within a distance, in the
/// units of a projected CRS.
///
/// Long corridors are cut into short pieces first, so each piece asks the zones' STR-tree about a
/// small box and each distance test compares a few segments with one zone. (GEOS 3.11's prepared
/// distance-within is far slower than this on long lines.)
public struct CorridorProximity: Sendable {
    /// Segments per corridor piece.
    public var segmentsPerPiece: Int

    /// A search cutting corridors into pieces of `segmentsPerPiece` segments, each asking the STR-tree about a small box.
    public init(segmentsPerPiece: Int = 8) {
        self.segmentsPerPiece = max(1, segmentsPerPiece)
    }

    /// The indices (ascending) of the zones within `distance` of `corridor`. The tree may be
    /// shared by calls on several threads at once (one per corridor, say).
    /// - Parameters:
    ///   - corridor: a line in a projected CRS.
    ///   - zones: an STR-tree over the zones in the same CRS.
    ///   - distance: how near, in the CRS's units (metres for a projected CRS in metres).
    public func zonesNear(_ corridor: Geometry, in zones: STRtree, within distance: Double) throws(GeometryError) -> [Int] {
        var found = Set<Int>()
        for piece in try pieces(of: corridor) {
            guard let envelope = piece.envelope else { continue }
            for z in try zones.query(envelope.expanded(by: distance)) where !found.contains(z) {
                if try piece.test(.withinDistance(distance), zones.geometries[z]) { found.insert(z) }
            }
        }
        return found.sorted()
    }

    /// The corridor cut into runs of at most ``segmentsPerPiece`` segments.
    func pieces(of corridor: Geometry) throws(GeometryError) -> [Geometry] {
        var pieces: [Geometry] = []
        try corridor.forEachPath { path throws(GeometryError) in
            var start = 0
            let count = path.x.count
            while start < count - 1 {
                let end = min(count - 1, start + segmentsPerPiece)
                let layout = PackedLayout(type: .lineString, paths: [start..<(end + 1)])
                pieces.append(try Geometry(packed: layout, x: path.x, y: path.y))
                start = end
            }
        }
        return pieces
    }
}
