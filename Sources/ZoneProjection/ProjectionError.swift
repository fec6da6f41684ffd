import ZoneGeometry

/// A failure in PROJ: an unknown CRS, no transformation, or a position that cannot be transformed.
public enum ProjectionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// PROJ does not know the definition (e.g. `EPSG:99999`); `message` is PROJ's.
    case unknownCRS(definition: String, message: String)
    /// The definition names something that is not a coordinate reference system.
    case notACRS(definition: String)
    /// The definition is neither a code, a PROJ string, WKT nor PROJJSON, and no CRS in PROJ's
    /// database has exactly this name; `candidates` are what PROJ's fuzzy name search would have
    /// taken instead ("EPSG:4289 (Amersfoort)" for `foo`), best first.
    case inexactName(name: String, candidates: [String])
    /// Planar measures in metres were asked of a CRS that is not projected in metres (e.g. a
    /// geographic CRS, whose coordinates are degrees).
    case notPlanarMetres(definition: String, name: String, kind: String, unit: String)
    /// PROJ found no way from `source` to `target`.
    case noTransformation(source: String, target: String, message: String)
    /// Position `index` (counted over the whole input) could not be transformed.
    case transformFailed(index: Int, x: Double, y: Double, message: String)
    /// Arrays of x and y given to transform differ in length.
    case mismatchedLengths(x: Int, y: Int)
    /// The input geometry could not be read or rebuilt.
    case geometry(GeometryError)

    /// A sentence naming the CRS or position and PROJ's message.
    public var description: String {
        switch self {
        case let .unknownCRS(definition, message):
            return "unknown coordinate reference system '\(definition)': \(message)"
        case let .notACRS(definition):
            return "'\(definition)' is not a coordinate reference system"
        case let .inexactName(name, candidates):
            let known = candidates.isEmpty ? "PROJ knows no CRS with a name like it"
                : "PROJ's name search would guess \(candidates.joined(separator: ", "))"
            return "'\(name)' is not a CRS code, PROJ string, WKT or exact CRS name; \(known); give the code (e.g. EPSG:9210) or the exact name"
        case let .notPlanarMetres(definition, name, kind, unit):
            return "\(definition) (\(name)) is a \(kind) CRS with coordinates in \(unit); planar measures need a projected CRS in metres, e.g. EPSG:9210 (VN-2000 / TM-3 105-45) or a UTM zone"
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
