/// A position: `x`/`y` are longitude/latitude in degrees for geographic data, or easting/northing
/// in the units of a projected coordinate reference system. `z` is optional height.
public struct Coordinate: Sendable, Hashable, CustomStringConvertible {
    /// Longitude in degrees, or easting in the CRS's unit.
    public var x: Double
    /// Latitude in degrees, or northing in the CRS's unit.
    public var y: Double
    /// Height, in the CRS's vertical unit, when the data has one; carried along, never used in measures.
    public var z: Double?

    /// A position from its ordinates (x longitude or easting, y latitude or northing).
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

    /// `(x, y)` or `(x, y, z)`.
    public var description: String {
        z.map { "(\(x), \(y), \($0))" } ?? "(\(x), \(y))"
    }
}
