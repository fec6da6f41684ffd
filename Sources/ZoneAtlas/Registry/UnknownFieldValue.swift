import ZoneGeoJSON

/// A value that a field with a closed set of values (a zone's `status`, a commune's `type`) does not
/// know: the registry keeps it in the feature's properties, and leaves the field empty.
public struct UnknownFieldValue: Sendable, Equatable {
    /// The registry field.
    public var field: FieldMapping.Field
    /// The feature's property that gave the value.
    public var property: String
    /// The value as given.
    public var value: String
    /// The values the field knows.
    public var allowed: [String]

    /// A sentence a planner can act on.
    public var message: String {
        "\(property) \"\(value)\" is not a \(field.rawValue) the registry knows (\(allowed.joined(separator: ", "))): "
            + "it is kept in the feature's properties, and its \(field.rawValue) is left empty"
    }

    /// The warning for this value in feature `index` (id `featureID`) of the GeoJSON file `file`,
    /// at the property's JSON Pointer.
    public func problem(file: String, feature index: Int, featureID: String?) -> Problem {
        Problem(severity: .warning, code: .unknownValue, file: file, feature: index, featureID: featureID,
                pointer: JSONPointer(["features", String(index), "properties", property]), message: message)
    }

    /// The warning for this value in row `fid` of a GeoPackage's `table`.
    public func problem(file: String, table: String, fid: Int64, featureID: String?) -> Problem {
        Problem(severity: .warning, code: .unknownValue, file: file, table: table, fid: fid, featureID: featureID, message: message)
    }
}
