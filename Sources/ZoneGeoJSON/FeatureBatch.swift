/// Features handed out by a streaming read (``GeoJSONReader/read(contentsOf:batchSize:_:)``), in
/// file order, each finished (in WGS84, checked) as ``GeoJSONReader/read(contentsOf:)-2oh4v`` finishes it.
public struct FeatureBatch: Sendable {
    /// The features; each knows its place in the file's `features` array (``Feature/index``).
    public var features: [Feature]
    /// Every problem found in these features, by feature and in the order found, including those
    /// the file-wide checks found (an id or a geometry that repeats an earlier batch's).
    public var problems: [Problem]

    /// Whether any of these features has an error.
    public var hasErrors: Bool { problems.contains { $0.severity == .error } }
}
