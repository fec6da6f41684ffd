import ZoneProjection

/// A GeoJSON file as read: its features in WGS84 and every problem found, in file order.
public struct ReadResult: Sendable {
    /// The path as given.
    public var file: String
    public var collection: FeatureCollection
    /// The CRS the coordinates were given in (before reprojection to WGS84).
    public var sourceCRS: CRS
    /// Problems, file-level ones first, then by feature; at most the option's limit.
    public var problems: [Problem]
    /// How many more problems were found than ``problems`` holds.
    public var omittedProblems: Int

    /// Whether any problem is an error.
    public var hasErrors: Bool { problems.contains { $0.severity == .error } }
    /// The number of features in the file.
    public var featureCount: Int { collection.features.count }
}

/// A file that could not be read at all (as opposed to one with problems in it).
public enum ReadError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read \(path): \(reason)"
        }
    }
}
