/// The shape of a `coordinates` value as read, before the geometry type is known: positions
/// are stored flat in a ``PositionStore`` and referred to by index.
indirect enum CoordinateNode {
    /// One position `[x, y]` or `[x, y, z]`.
    case position(Int)
    /// An array whose elements are consecutive positions (a ring, a line, multipoint members).
    case run(Range<Int>)
    /// An array of arrays (or an empty array).
    case list([CoordinateNode])
    /// Something here was wrong and has been reported already.
    case broken
}

/// Positions of the feature being read, as separate x, y and z arrays (z only once a 3D
/// position appears; earlier positions get NaN).
struct PositionStore {
    var x: [Double] = []
    var y: [Double] = []
    var z: [Double] = []

    var count: Int { x.count }
    var hasZ: Bool { !z.isEmpty }

    @inline(__always)
    mutating func append(_ px: Double, _ py: Double, _ pz: Double?) -> Int {
        x.append(px)
        y.append(py)
        if let pz {
            if z.count < x.count - 1 { z.append(contentsOf: repeatElement(.nan, count: x.count - 1 - z.count)) }
            z.append(pz)
        } else if !z.isEmpty {
            z.append(.nan)
        }
        return x.count - 1
    }

    mutating func removeAll() {
        x.removeAll(keepingCapacity: true)
        y.removeAll(keepingCapacity: true)
        z.removeAll(keepingCapacity: true)
    }
}
