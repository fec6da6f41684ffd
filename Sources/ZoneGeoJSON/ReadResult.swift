import ZoneProjection

/// An input file as read (GeoJSON, or a GeoPackage's feature tables): its features in WGS84 and
/// every problem found, in file order.
public struct ReadResult: Sendable {
    /// The path as given.
    public var file: String
    /// The features, and the file's top-level members; a streaming read
    /// (``GeoJSONReader/read(contentsOf:batchSize:_:)``) handed its features out in batches and
    /// leaves `collection.features` empty.
    public var collection: FeatureCollection
    /// The CRS the coordinates were given in (before reprojection to WGS84).
    public var sourceCRS: CRS
    /// Problems, file-level ones first, then by feature; at most the option's limit.
    public var problems: [Problem]
    /// How many more problems were found than ``problems`` holds.
    public var omittedProblems: Int
    /// How many of the omitted problems are errors.
    public var omittedErrors: Int
    /// The number of features read (in ``collection``, or handed out in batches).
    public var featureCount: Int
    /// Whether a streaming read found, after handing out batches, that they are void: the JSON
    /// breaks later, or the file names its CRS after its features (see
    /// ``GeoJSONReader/read(contentsOf:batchSize:_:)``). `false` for a whole-file read.
    public var batchesAreVoid = false

    /// A result; ``batchesAreVoid`` starts `false`.
    public init(file: String, collection: FeatureCollection, sourceCRS: CRS, problems: [Problem], omittedProblems: Int,
                omittedErrors: Int, featureCount: Int) {
        self.file = file
        self.collection = collection
        self.sourceCRS = sourceCRS
        self.problems = problems
        self.omittedProblems = omittedProblems
        self.omittedErrors = omittedErrors
        self.featureCount = featureCount
    }

    /// Whether any problem is an error, listed or not.
    public var hasErrors: Bool { omittedErrors > 0 || problems.contains { $0.severity == .error } }
}

/// A file that could not be read at all (as opposed to one with problems in it).
public enum ReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file at `path` could not be opened or mapped; `reason` is the system's.
    case unreadable(path: String, reason: String)

    /// `cannot read PATH: REASON`.
    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read \(path): \(reason)"
        }
    }
}
