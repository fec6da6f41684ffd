import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// Why a row of a registry table cannot be read (``RegistryError/badRow(path:table:fid:failure:)``):
/// the lower layer's error, kept whole.
public enum RowFailure: Error, Sendable, CustomStringConvertible {
    /// The row has no geometry.
    case noGeometry
    /// Its GeoPackage geometry blob cannot be decoded.
    case blob(GeoPackageError)
    /// Its WKB cannot be read by GEOS.
    case geometry(GeometryError)
    /// Its geometry, stored in another CRS, cannot be brought to lon/lat by PROJ.
    case projection(ProjectionError)
    /// Its other columns, read as one JSON object, cannot be parsed.
    case columns(JSONParseError)
    /// A version in a history table without the revision it became current in (`valid_from`).
    case noRevision

    /// What is wrong with the row, in the lower layer's words.
    public var description: String {
        switch self {
        case .noGeometry: "the row has no geometry"
        case let .blob(error): "\(error)"
        case let .geometry(error): "\(error)"
        case let .projection(error): "\(error)"
        case let .columns(error): "its columns cannot be read: \(error)"
        case .noRevision: "the version has no valid_from revision"
        }
    }
}
