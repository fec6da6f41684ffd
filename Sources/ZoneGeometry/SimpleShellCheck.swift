import CGEOS

extension Geometry {
    /// Whether the geometry is a polygon of one ring that is certainly simple (no two edges meet but
    /// neighbours at their shared vertex, no spikes) and encloses area: such a polygon is valid, and
    /// the check is much cheaper than GEOS's. `false` means "ask GEOS", not "invalid".
    var isCertainlyValidSimplePolygon: Bool {
        guard type == .polygon, GEOSGetNumInteriorRings_r(GEOSContext.current.handle, handle) == 0 else { return false }
        var simple = false
        try? forEachPath { path in
            if path.role == .shell { simple = SimpleShellCheck.isSimple(path.x, path.y) }
        }
        return simple
    }
}

/// A sweep over a closed ring's edges in order of their smallest x, testing each pair of edges whose
/// boxes meet with error-bounded orientations (``Orientation``).
enum SimpleShellCheck {
    static func isSimple(_ xs: UnsafeBufferPointer<Double>, _ ys: UnsafeBufferPointer<Double>) -> Bool {
        let n = xs.count
        guard n >= 4 else { return false }
        let vx = UnsafeMutableBufferPointer<Double>.allocate(capacity: n), vy = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        defer {
            vx.deallocate()
            vy.deallocate()
        }
        // The distinct vertices in order (repeated positions are allowed in a valid ring).
        var m = 0
        for i in 0..<n where i == 0 || xs[i] != xs[i - 1] || ys[i] != ys[i - 1] {
            vx[m] = xs[i]
            vy[m] = ys[i]
            m += 1
        }
        if m > 1 && vx[m - 1] == vx[0] && vy[m - 1] == vy[0] { m -= 1 }
        guard m >= 3 else { return false }
        @inline(__always) func next(_ i: Int) -> Int { i + 1 == m ? 0 : i + 1 }
        // Twice the signed area, with a margin for rounding: a ring enclosing no area is left to GEOS.
        var twiceArea = 0.0, scale = 0.0
        for i in 0..<m {
            let j = next(i)
            let term = (vx[i] - vx[0]) * (vy[j] - vy[0]) - (vx[j] - vx[0]) * (vy[i] - vy[0])
            twiceArea += term
            scale += abs(term)
        }
        guard abs(twiceArea) > scale * 1e-12 else { return false }
        // Edges in order of their smallest x, each sorted with its key beside it.
        var order = (0..<m).map { (minX: min(vx[$0], vx[next($0)]), edge: $0) }
        order.withUnsafeMutableBufferPointer { buffer in buffer.sort { $0.minX < $1.minX } }
        return order.withUnsafeBufferPointer { order in
            for k in 0..<m {
                let a = order[k].edge, a1 = next(a)
                let p = (x: vx[a], y: vy[a]), q = (x: vx[a1], y: vy[a1])
                let maxX = max(p.x, q.x), minY = min(p.y, q.y), maxY = max(p.y, q.y)
                var l = k + 1
                while l < m {
                    let (bMinX, b) = order[l]
                    l += 1
                    if bMinX > maxX { break }
                    let b1 = next(b)
                    let r = (x: vx[b], y: vy[b]), s = (x: vx[b1], y: vy[b1])
                    if max(r.y, s.y) < minY || min(r.y, s.y) > maxY { continue }
                    if a1 == b || b1 == a {
                        // Neighbours share one vertex; they must not fold back along each other (a spike).
                        let (shared, before, after) = a1 == b ? (q, p, s) : (p, q, r)
                        guard let o = Orientation.sign(before, shared, after) else { return false }
                        if o == 0 && (after.x - shared.x) * (before.x - shared.x) + (after.y - shared.y) * (before.y - shared.y) > 0 {
                            return false
                        }
                        continue
                    }
                    guard let o1 = Orientation.sign(p, q, r), let o2 = Orientation.sign(p, q, s),
                          let o3 = Orientation.sign(r, s, p), let o4 = Orientation.sign(r, s, q) else { return false }
                    if o1 * o2 <= 0 && o3 * o4 <= 0 { return false }
                }
            }
            return true
        }
    }
}
