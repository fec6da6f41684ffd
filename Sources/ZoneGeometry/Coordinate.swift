/// A position: `x`/`y` are longitude/latitude in degrees for geographic data, or easting/northing
/// in the units of a projected coordinate reference system. `z` is optional height.
public struct Coordinate: Sendable, Hashable, CustomStringConvertible {
    public var x: Double
    public var y: Double
    public var z: Double?

    public init(x: Double, y: Double, z: Double? = nil) {
        self.x = x
        self.y = y
        self.z = z
    }

    /// Shorthand for a 2D position.
    public init(_ x: Double, _ y: Double) {
        self.init(x: x, y: y)
    }

    /// Whether every ordinate is a finite number.
    public var isFinite: Bool {
        x.isFinite && y.isFinite && (z?.isFinite ?? true)
    }

    public var description: String {
        z.map { "(\(x), \(y), \($0))" } ?? "(\(x), \(y))"
    }
}
