import ZoneGeometry

/// A failure in PROJ: an unknown CRS, no transformation, or a position that cannot be transformed.
public enum ProjectionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// PROJ does not know the definition (e.g. `EPSG:99999`); `message` is PROJ's.
    case unknownCRS(definition: String, message: String)
    /// The definition names something that is not a coordinate reference system.
    case notACRS(definition: String)
    /// PROJ found no way from `source` to `target`.
    case noTransformation(source: String, target: String, message: String)
    /// Position `index` (counted over the whole input) could not be transformed.
    case transformFailed(index: Int, x: Double, y: Double, message: String)
    /// Arrays of x and y given to transform differ in length.
    case mismatchedLengths(x: Int, y: Int)
    /// The input geometry could not be read or rebuilt.
    case geometry(GeometryError)

    public var description: String {
        switch self {
        case let .unknownCRS(definition, message):
            return "unknown coordinate reference system '\(definition)': \(message)"
        case let .notACRS(definition):
            return "'\(definition)' is not a coordinate reference system"
        case let .noTransformation(source, target, message):
            return "no transformation from \(source) to \(target): \(message)"
        case let .transformFailed(index, x, y, message):
            return "position \(index) (\(x), \(y)) could not be transformed: \(message)"
        case let .mismatchedLengths(x, y):
            return "\(x) x values but \(y) y values"
        case let .geometry(error):
            return error.description
        }
    }
}
