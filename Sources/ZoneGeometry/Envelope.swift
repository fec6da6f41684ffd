/// An axis-aligned bounding box in the coordinates of its geometry (degrees for lon/lat).
public struct Envelope: Sendable, Hashable, CustomStringConvertible {
    /// Least x (west edge for lon/lat), in coordinate units.
    public var minX: Double
    /// Least y (south edge for lon/lat), in coordinate units.
    public var minY: Double
    /// Greatest x (east edge for lon/lat), in coordinate units.
    public var maxX: Double
    /// Greatest y (north edge for lon/lat), in coordinate units.
    public var maxY: Double

    /// A box from its edges, in coordinate units (`minX` ≤ `maxX`, `minY` ≤ `maxY`).
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// Width along x, in coordinate units.
    public var width: Double { maxX - minX }
    /// Height along y, in coordinate units.
    public var height: Double { maxY - minY }

    /// The box grown by `distance` coordinate units on every side.
    public func expanded(by distance: Double) -> Envelope {
        Envelope(minX: minX - distance, minY: minY - distance, maxX: maxX + distance, maxY: maxY + distance)
    }

    /// The smallest box holding both.
    public func union(_ other: Envelope) -> Envelope {
        Envelope(minX: min(minX, other.minX), minY: min(minY, other.minY),
                 maxX: max(maxX, other.maxX), maxY: max(maxY, other.maxY))
    }

    /// `[minX, minY, maxX, maxY]`, the order of a GeoJSON `bbox`.
    public var description: String { "[\(minX), \(minY), \(maxX), \(maxY)]" }
}
