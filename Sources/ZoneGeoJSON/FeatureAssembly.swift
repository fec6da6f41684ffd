import ZoneGeometry

/// What follows the parser in a read, one batch of drafts at a time (a whole file is one batch):
/// finishing every feature on all cores, then, in file order, the file-wide checks and the tally
/// of problems. Each feature's problems come in the order the whole-file reader has always given:
/// the parser's, the finishing's, then the file-wide checks'.
struct FeatureAssembly {
    private var checks: FileWideChecks
    private(set) var tally: ProblemTally
    /// Features assembled so far.
    private(set) var featureCount = 0

    init(file: String, problemLimit: Int) {
        checks = FileWideChecks(file: file)
        tally = ProblemTally(limit: problemLimit)
    }

    /// Finishes `drafts`, whose parser problems are `parserProblems` (each with its feature).
    /// - Throws: `CancellationError` when the call's `WorkCancellation` is raised (the batch is then
    ///   not finished: it is never handed out).
    mutating func assemble(_ drafts: [FeatureDraft], parserProblems: [Problem], finishing: FeatureFinishing) throws(CancellationError)
        -> FeatureBatch {
        let finished: [(Feature, [Problem], GeometryKey?)]
        do {
            finished = try parallelMap(count: drafts.count, chunkSize: 256) { i -> (Feature, [Problem], GeometryKey?) in
                let (feature, problems) = finishing.finish(drafts[i])
                return (feature, problems, feature.geometry.flatMap(GeometryKey.init))
            }
        } catch {
            // Finishing a feature does not throw: only cancellation stops this map.
            throw CancellationError()
        }
        let parserProblems = parserProblems.enumerated().sorted { ($0.element.feature ?? -1, $0.offset) < ($1.element.feature ?? -1, $1.offset) }
            .map(\.element)
        var features: [Feature] = []
        features.reserveCapacity(finished.count)
        var problems: [Problem] = []
        var next = 0
        for (k, (feature, found, key)) in finished.enumerated() {
            while next < parserProblems.count, (parserProblems[next].feature ?? -1) <= feature.index {
                problems.append(parserProblems[next])
                next += 1
            }
            problems += found
            problems += checks.check(feature, key: key, draft: drafts[k])
            features.append(feature)
        }
        problems += parserProblems[next...]
        tally.add(problems)
        featureCount += features.count
        return FeatureBatch(features: features, problems: problems)
    }
}
