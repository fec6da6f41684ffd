/// An axis-aligned bounding box in the coordinates of its geometry (degrees for lon/lat).
public struct Envelope: Sendable, Hashable, CustomStringConvertible {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

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

    public var description: String { "[\(minX), \(minY), \(maxX), \(maxY)]" }
}
