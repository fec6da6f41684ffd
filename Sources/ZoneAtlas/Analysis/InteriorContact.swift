import ZoneGeometry

/// Whether the interiors of two valid polygonal geometries meet, decided from their boundaries
/// alone, without computing their intersection: the test that lets pairs which only touch (shared
/// edges in a tiling of communes, a common corner) skip the overlay.
///
/// Two valid polygonal areas whose boundaries do not cross properly overlap exactly when some
/// piece of one boundary (cut at the other's vertices) lies inside the other, or when a piece
/// both share has both interiors on the same side. Orientation signs use Shewchuk's error-bounded
/// filter (``Orientation``); where a sign is not certain the answer is ``Contact/uncertain`` and
/// the caller falls back to GEOS.
enum InteriorContact {
    enum Contact {
        /// The interiors meet (positive area in common).
        case overlap
        /// The boundaries meet but the interiors do not.
        case touch
        /// No point in common.
        case disjoint
        /// Rounding could change the answer: ask GEOS.
        case uncertain
    }

    /// The rings of a polygonal geometry as flat arrays, with the side its interior lies on.
    struct Rings {
        struct Ring {
            var range: Range<Int>
            /// Whether the geometry's interior lies left of the ring's direction.
            var interiorOnLeft: Bool
        }

        var x: [Double] = []
        var y: [Double] = []
        var rings: [Ring] = []
        var envelope: Envelope

        init(_ geometry: Geometry) throws(GeometryError) {
            envelope = geometry.envelope ?? Envelope(minX: 0, minY: 0, maxX: -1, maxY: -1)
            var x: [Double] = [], y: [Double] = [], rings: [Ring] = []
            try geometry.forEachPath { path in
                guard path.role != .line, path.x.count >= 4 else { return }
                let start = x.count
                x.append(contentsOf: path.x)
                y.append(contentsOf: path.y)
                var twiceArea = 0.0
                for i in start..<(x.count - 1) { twiceArea += (x[i] - x[start]) * (y[i + 1] - y[start]) - (x[i + 1] - x[start]) * (y[i] - y[start]) }
                rings.append(Ring(range: start..<x.count, interiorOnLeft: (twiceArea > 0) != (path.role == .hole)))
            }
            self.x = x
            self.y = y
            self.rings = rings
        }
    }

    /// One edge: ring index and the index of its first point.
    private struct Edge {
        var ring: Int
        var start: Int
    }

    static func classify(_ a: Rings, _ b: Rings) -> Contact {
        let box = Envelope(minX: max(a.envelope.minX, b.envelope.minX), minY: max(a.envelope.minY, b.envelope.minY),
                           maxX: min(a.envelope.maxX, b.envelope.maxX), maxY: min(a.envelope.maxY, b.envelope.maxY))
        guard box.minX <= box.maxX, box.minY <= box.maxY else { return .disjoint }
        let edgesA = edges(a, meeting: box), edgesB = edges(b, meeting: box)
        // Proper crossings decide at once; any other contact of the boundaries makes it at least a touch.
        var contact = false
        for ea in edgesA {
            let (p, q) = (point(a, ea.start), point(a, ea.start + 1))
            for eb in edgesB {
                let (r, s) = (point(b, eb.start), point(b, eb.start + 1))
                guard max(p.x, q.x) >= min(r.x, s.x), max(r.x, s.x) >= min(p.x, q.x),
                      max(p.y, q.y) >= min(r.y, s.y), max(r.y, s.y) >= min(p.y, q.y) else { continue }
                guard let o1 = Orientation.sign(r, s, p), let o2 = Orientation.sign(r, s, q),
                      let o3 = Orientation.sign(p, q, r), let o4 = Orientation.sign(p, q, s) else { return .uncertain }
                if o1 * o2 < 0 && o3 * o4 < 0 { return .overlap }
                if o1 * o2 <= 0 && o3 * o4 <= 0 { contact = true }
            }
        }
        let forward = pieces(of: a, edgesA, against: b, edgesB)
        if forward != .touch { return forward }
        let backward = pieces(of: b, edgesB, against: a, edgesA)
        if backward != .touch { return backward }
        return contact ? .touch : .disjoint
    }

    /// Walks the pieces of `a`'s edges near `b`: inside `b`, or shared with interiors on one side, is an overlap.
    private static func pieces(of a: Rings, _ edgesA: [Edge], against b: Rings, _ edgesB: [Edge]) -> Contact {
        // Whether the last piece was outside b and ended at a point off b's boundary: then the next
        // piece of the same ring, starting there, is outside too.
        var outsideUpTo = -1
        var cuts: [(x: Double, y: Double)] = []
        cuts.reserveCapacity(8)
        for ea in edgesA {
            let (p, q) = (point(a, ea.start), point(a, ea.start + 1))
            // b's vertices on this edge, strictly between its ends, cut it into pieces.
            cuts.removeAll(keepingCapacity: true)
            cuts.append(p)
            for eb in edgesB {
                let r = point(b, eb.start)
                guard r != p, r != q, within(r, p, q) else { continue }
                guard let o = Orientation.sign(p, q, r) else { return .uncertain }
                if o == 0 { cuts.append(r) }
            }
            if cuts.count > 2 {
                let vertical = p.x == q.x
                cuts[1...].sort { vertical ? ($0.y < $1.y) == (p.y < q.y) : ($0.x < $1.x) == (p.x < q.x) }
            }
            cuts.append(q)
            for k in 0..<(cuts.count - 1) {
                let (u, v) = (cuts[k], cuts[k + 1])
                if u == v { continue }
                // Continues an outside piece through a vertex of a not on b's boundary.
                let continuesOutside = k == 0 && outsideUpTo == ea.start && cuts.count == 2
                    && !onBoundary(u, b, edgesB)
                var shared = false
                for eb in edgesB {
                    let (r, s) = (point(b, eb.start), point(b, eb.start + 1))
                    guard within(u, r, s), within(v, r, s) else { continue }
                    guard let o1 = Orientation.sign(r, s, u), let o2 = Orientation.sign(r, s, v) else { return .uncertain }
                    guard o1 == 0 && o2 == 0 else { continue }
                    shared = true
                    let sameDirection = (q.x - p.x) * (s.x - r.x) + (q.y - p.y) * (s.y - r.y) > 0
                    let bLeft = b.rings[eb.ring].interiorOnLeft == sameDirection
                    if a.rings[ea.ring].interiorOnLeft == bLeft { return .overlap }
                    break
                }
                if shared { continue }
                if continuesOutside {
                    outsideUpTo = ea.start + 1
                    continue
                }
                let middle = (x: (u.x + v.x) / 2, y: (u.y + v.y) / 2)
                if middle.x >= b.envelope.minX, middle.x <= b.envelope.maxX, middle.y >= b.envelope.minY, middle.y <= b.envelope.maxY {
                    switch locate(middle, in: b) {
                    case nil: return .uncertain
                    case true?: return .overlap
                    case false?: break
                    }
                }
                if k == cuts.count - 2 { outsideUpTo = ea.start + 1 }
            }
        }
        return .touch
    }

    /// Whether `u` lies on one of b's edges near the box (certain answers only; doubt counts as on).
    private static func onBoundary(_ u: (x: Double, y: Double), _ b: Rings, _ edgesB: [Edge]) -> Bool {
        for eb in edgesB {
            let (r, s) = (point(b, eb.start), point(b, eb.start + 1))
            guard within(u, r, s) else { continue }
            guard let o = Orientation.sign(r, s, u), o != 0 else { return true }
        }
        return false
    }

    /// Even-odd point in polygon over every ring; `nil` when the point is on or too near an edge.
    private static func locate(_ m: (x: Double, y: Double), in b: Rings) -> Bool? {
        var inside = false
        for ring in b.rings {
            for i in ring.range.lowerBound..<(ring.range.upperBound - 1) {
                let (p, q) = (point(b, i), point(b, i + 1))
                guard (p.y > m.y) != (q.y > m.y) else { continue }
                guard let o = Orientation.sign(p, q, m), o != 0 else { return nil }
                if (q.y > p.y) == (o > 0) { inside.toggle() }
            }
        }
        return inside
    }

    private static func edges(_ rings: Rings, meeting box: Envelope) -> [Edge] {
        var edges: [Edge] = []
        for (r, ring) in rings.rings.enumerated() {
            for i in ring.range.lowerBound..<(ring.range.upperBound - 1) {
                let (x0, x1, y0, y1) = (rings.x[i], rings.x[i + 1], rings.y[i], rings.y[i + 1])
                if max(x0, x1) >= box.minX, min(x0, x1) <= box.maxX, max(y0, y1) >= box.minY, min(y0, y1) <= box.maxY {
                    edges.append(Edge(ring: r, start: i))
                }
            }
        }
        return edges
    }

    @inline(__always)
    private static func point(_ rings: Rings, _ i: Int) -> (x: Double, y: Double) {
        (rings.x[i], rings.y[i])
    }

    /// Whether `r` lies in the bounding box of segment p–q.
    @inline(__always)
    private static func within(_ r: (x: Double, y: Double), _ p: (x: Double, y: Double), _ q: (x: Double, y: Double)) -> Bool {
        r.x >= min(p.x, q.x) && r.x <= max(p.x, q.x) && r.y >= min(p.y, q.y) && r.y <= max(p.y, q.y)
    }
}
