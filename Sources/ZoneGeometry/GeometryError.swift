/// A failure in building, reading or operating on a geometry.
///
/// Coordinate paths are indices into the nested coordinate arrays of a ``GeometryValue``,
/// in the order GeoJSON nests them: `[2, 0, 5]` is polygon 2, ring 0, position 5 of a
/// multipolygon.
public enum GeometryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// GEOS reported an error; `message` is GEOS's own text.
    case engine(operation: String, message: String)
    /// Text or bytes in a geometry format (WKT, WKB, GeoJSON) could not be read.
    case unreadable(format: String, message: String)
    /// A coordinate is NaN or infinite.
    case nonFiniteCoordinate(path: [Int])
    /// A linestring or ring has fewer positions than its type needs.
    case tooFewPositions(path: [Int], count: Int, minimum: Int)
    /// A polygon ring does not end where it starts.
    case unclosedRing(path: [Int])
    /// The operation does not apply to this geometry type.
    case unsupported(String)

    /// A sentence naming the failure and, for a coordinate, its path.
    public var description: String {
        switch self {
        case let .engine(operation, message):
            return "GEOS \(operation) failed: \(message)"
        case let .unreadable(format, message):
            return "unreadable \(format): \(message)"
        case let .nonFiniteCoordinate(path):
            return "coordinate at \(Self.describe(path)) is not a finite number"
        case let .tooFewPositions(path, count, minimum):
            return "\(Self.describe(path)) has \(count) positions; at least \(minimum) are needed"
        case let .unclosedRing(path):
            return "ring at \(Self.describe(path)) is not closed: its last position differs from its first"
        case let .unsupported(what):
            return what
        }
    }

    private static func describe(_ path: [Int]) -> String {
        path.isEmpty ? "coordinates" : "coordinates/" + path.map(String.init).joined(separator: "/")
    }
}
