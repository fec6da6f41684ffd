/// The problems of a read as they come, batch by batch: the first `limit` kept, every one counted,
/// so that a read of any size keeps the same list ``GeoJSONReader/read(contentsOf:)-2oh4v`` keeps.
public struct ProblemTally: Sendable {
    let limit: Int
    /// The first `limit` problems about features, in file order.
    private(set) var kept: [Problem] = []
    private(set) var count = 0
    private(set) var errorCount = 0

    /// A tally keeping at most `limit` problems (counting them all).
    public init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// Counts `problems` and keeps those that fit under the limit, in order.
    public mutating func add(_ problems: [Problem]) {
        count += problems.count
        errorCount += problems.count { $0.severity == .error }
        if kept.count < limit { kept += problems.prefix(limit - kept.count) }
    }

    /// The problems to report: those of the whole file first, then those of features, at most
    /// `limit`; how many more there were, and how many of those are errors.
    public func report(fileProblems: [Problem]) -> (problems: [Problem], omitted: Int, omittedErrors: Int) {
        let listed = Array((fileProblems + kept).prefix(limit))
        let total = fileProblems.count + count
        let errors = fileProblems.count { $0.severity == .error } + errorCount
        return (listed, total - listed.count, errors - listed.count { $0.severity == .error })
    }
}
