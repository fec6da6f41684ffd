import CGEOS

extension Geometry {
    /// The discrete Hausdorff distance to `other`, planar, in coordinate units: the farthest any
    /// vertex of one geometry lies from the other — how far the boundary moved at most. As GEOS's
    /// `GEOSHausdorffDistance(Densify)`: a polygon is measured by its rings, a line by itself.
    ///
    /// For lines and polygons the result is GEOS's, computed with the early break of Taha and
    /// Hanbury (2015): a point that lies within the largest distance found so far of any segment of
    /// the other geometry cannot raise it, and the segment nearest the previous point is tried
    /// first. Two versions of a boundary are mostly near each other, so this looks at a few segments
    /// per point instead of all of them (GEOS 3.11 compares every point with every segment).
    /// Geometries with points, and empty ones, go to GEOS.
    ///
    /// - Parameters:
    ///   - other: the geometry to measure to, in the same coordinates.
    ///   - densifyFraction: when given (0 < f ≤ 1), each segment is first split into pieces of at
    ///     most that fraction of its length, so that a shift in the middle of a long edge is
    ///     measured too; `nil` measures at the vertices only.
    public func hausdorffDistance(to other: Geometry, densifyFraction: Double? = nil) throws(GeometryError) -> Double {
        // A fraction out of (0, 1] goes to GEOS, which says what is wrong with it.
        if densifyFraction.map({ $0 > 0 && $0 <= 1 }) ?? true, let mine = try SegmentList(self), let theirs = try SegmentList(other) {
            // GEOS's number of pieces per segment: the fraction's reciprocal, rounded.
            let pieces = densifyFraction.map { Int((1 / $0).rounded()) } ?? 1
            let farthest = max(mine.farthestSquaredDistance(to: theirs, pieces: pieces),
                               theirs.farthestSquaredDistance(to: mine, pieces: pieces))
            return farthest.squareRoot()
        }
        let context = GEOSContext.current
        var value = 0.0
        context.clearError()
        if let densifyFraction {
            try context.check(GEOSHausdorffDistanceDensify_r(context.handle, handle, other.handle, densifyFraction, &value),
                              "HausdorffDistanceDensify")
        } else {
            try context.check(GEOSHausdorffDistance_r(context.handle, handle, other.handle, &value), "HausdorffDistance")
        }
        return value
    }
}

/// The segments of a geometry's lines and rings, as flat arrays of their ends.
private struct SegmentList {
    var x0: [Double] = [], y0: [Double] = [], x1: [Double] = [], y1: [Double] = []
    /// The last vertex of each line and ring (every other vertex starts a segment).
    var endX: [Double] = [], endY: [Double] = []

    private init() {}

    /// The segments of `geometry`; `nil` when it is empty or has points (which have no segments).
    init?(_ geometry: Geometry) throws(GeometryError) {
        switch geometry.type {
        case .lineString, .linearRing, .polygon, .multiLineString, .multiPolygon: break
        case .point, .multiPoint, .geometryCollection: return nil
        }
        guard !geometry.isEmpty else { return nil }
        var list = SegmentList()
        try geometry.forEachPath { path in
            let count = path.x.count
            guard count > 0 else { return }
            for i in 1..<count {
                list.x0.append(path.x[i - 1])
                list.y0.append(path.y[i - 1])
                list.x1.append(path.x[i])
                list.y1.append(path.y[i])
            }
            list.endX.append(path.x[count - 1])
            list.endY.append(path.y[count - 1])
        }
        guard !list.x0.isEmpty else { return nil }
        self = list
    }

    /// The squared distance from (px, py) to segment `k` (GEOS's point-to-segment distance).
    @inline(__always)
    func squaredDistance(_ px: Double, _ py: Double, _ k: Int) -> Double {
        let ax = x0[k], ay = y0[k], dx = x1[k] - ax, dy = y1[k] - ay
        let length2 = dx * dx + dy * dy
        var t = length2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / length2 : 0
        t = min(1, max(0, t))
        let ex = ax + t * dx - px, ey = ay + t * dy - py
        return ex * ex + ey * ey
    }

    /// The largest squared distance from a point of this geometry — its vertices, and the points
    /// `i/pieces` of the way along each segment (GEOS's densified points) — to the nearest segment
    /// of `other`.
    func farthestSquaredDistance(to other: SegmentList, pieces: Int) -> Double {
        var farthest = 0.0
        var last = 0
        let count = other.x0.count
        func visit(_ px: Double, _ py: Double) {
            // Cannot raise the largest: the segment nearest the previous point is as near.
            if other.squaredDistance(px, py, last) <= farthest { return }
            var nearest = Double.infinity, nearestIndex = last
            // Outward from that segment, stopping at the first that is near enough.
            for step in 0..<count {
                let offset = (step + 1) / 2
                let k = step % 2 == 1 ? (last + offset) % count : (last - offset % count + count) % count
                let d = other.squaredDistance(px, py, k)
                if d < nearest {
                    nearest = d
                    nearestIndex = k
                    if nearest <= farthest { break }
                }
            }
            last = nearestIndex
            farthest = max(farthest, nearest)
        }
        // Along each segment, its start and the points between (so that the next point is near the last).
        for k in x0.indices {
            let dx = (x1[k] - x0[k]) / Double(pieces), dy = (y1[k] - y0[k]) / Double(pieces)
            for i in 0..<pieces { visit(x0[k] + Double(i) * dx, y0[k] + Double(i) * dy) }
        }
        for i in endX.indices { visit(endX[i], endY[i]) }
        return farthest
    }
}
