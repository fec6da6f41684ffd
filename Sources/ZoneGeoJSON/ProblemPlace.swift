/// Where in an input file a problem is: in a GeoJSON document, at a JSON Pointer; in a
/// GeoPackage, at a row of a feature table.
public enum ProblemPlace: Sendable, Hashable, CustomStringConvertible {
    /// In a GeoJSON document, at an RFC 6901 JSON Pointer (empty for the whole document).
    case pointer(JSONPointer)
    /// In a GeoPackage feature table, at the row with feature id `fid` (as GDAL and QGIS show it).
    case row(table: String, fid: Int64)

    /// The JSON Pointer, or `table T fid N`.
    public var description: String {
        switch self {
        case let .pointer(pointer): pointer.description
        case let .row(table, fid): "table \(table) fid \(fid)"
        }
    }
}
