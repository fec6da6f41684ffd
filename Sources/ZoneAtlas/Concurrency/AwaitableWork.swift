import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// The long operations, awaitable and cancellable, for callers in Swift concurrency (a Vapor or
/// Hummingbird handler, an app).
///
/// Each runs its synchronous twin on a thread of its own through `Background.run(_:)`, so that
/// GEOS and PROJ work — which uses every core, each thread with its own contexts — never holds one
/// of the cooperative pool's threads. Cancelling the awaiting task raises the work's
/// `WorkCancellation`: the work stops at its next check (before each batch read, each chunk of
/// parallel work, each phase), its threads end, and the call throws `CancellationError` once they
/// have — having written nothing. The caller's progress observers (`ParallelProgress`,
/// `ReadProgress`) carry over to the work's threads.
func awaitWork<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    let reads = ReadProgress.current
    return try await Background.run { try ReadProgress.observing(reads, body) }
}

extension PlanningReview {
    /// The synchronous `make(paths:registry:at:against:mapping:corridorDistanceMetres:tolerancePercent:slivers:progress:)`,
    /// awaited off the cooperative pool and cancellable (see the article "Running a review from a web handler").
    /// - Throws: what the synchronous call throws, or `CancellationError` when the task is cancelled.
    public static func make(paths: [String], registry: (any RegistryStore)? = nil, at revision: Int? = nil,
                            against baseline: ReviewChanges.Baseline? = nil, mapping: FieldMapping = FieldMapping(),
                            corridorDistanceMetres: Double = 500, tolerancePercent: Double = 5, slivers: SliverTolerance = .none,
                            progress: @escaping @Sendable (ReviewPhase) -> Void = { _ in }) async throws -> PlanningReview {
        try await awaitWork {
            try make(paths: paths, registry: registry, at: revision, against: baseline, mapping: mapping,
                     corridorDistanceMetres: corridorDistanceMetres, tolerancePercent: tolerancePercent, slivers: slivers,
                     progress: progress)
        }
    }

    /// The synchronous `write(to:leafletDirectory:progress:)`, awaited off the cooperative pool and cancellable:
    /// cancelled before its files are written, it writes none.
    /// - Throws: what the synchronous call throws, or `CancellationError` when the task is cancelled.
    @discardableResult
    public func write(to directory: String, leafletDirectory: String = "/usr/share/javascript/leaflet",
                      progress: @escaping @Sendable (ReviewPhase) -> Void = { _ in }) async throws -> String {
        try await awaitWork { [self] in try write(to: directory, leafletDirectory: leafletDirectory, progress: progress) }
    }
}

extension RegistryImporter {
    /// The synchronous `importFiles(_:into:facts:note:started:)`, awaited off the cooperative pool and
    /// cancellable: a cancelled import rolls its transaction back, and the store is as it was.
    /// - Throws: a ``RegistryError`` as the synchronous call, or `CancellationError` when the task is cancelled.
    public func importFiles(_ paths: [String], into store: some RegistryStore, facts: [String: String] = [:],
                            note: RevisionNote = RevisionNote(command: "import"),
                            started: @escaping @Sendable () -> Void = {}) async throws -> Import {
        try await awaitWork { [self] in
            do {
                return try importFiles(paths, into: store, facts: facts, note: note, started: started)
            } catch RegistryError.cancelled {
                throw CancellationError()
            }
        }
    }
}

extension AreaReport {
    /// The synchronous `measure(_:crs:tolerancePercent:measured:)`, awaited off the cooperative pool and cancellable.
    public static func measure(_ features: [any RegistryFeature], crs: CRS? = nil, tolerancePercent: Double = 5,
                               measured: AreaMeasures = AreaMeasures()) async throws -> AreaReport {
        try await awaitWork { try measure(features, crs: crs, tolerancePercent: tolerancePercent, measured: measured) }
    }
}

extension OverlapReport {
    /// The synchronous `find(_:slivers:areasSquareMetres:)`, awaited off the cooperative pool and cancellable.
    public static func find(_ features: [any RegistryFeature], slivers tolerance: SliverTolerance = .none,
                            areasSquareMetres known: [Double]? = nil) async throws -> OverlapReport {
        try await awaitWork { try find(features, slivers: tolerance, areasSquareMetres: known) }
    }
}

extension Apportionment {
    /// The synchronous `compute(zones:communes:areasSquareMetres:)`, awaited off the cooperative pool and cancellable.
    public static func compute(zones: [any RegistryFeature], communes: [any RegistryFeature],
                               areasSquareMetres known: [String: Double] = [:]) async throws -> Apportionment {
        try await awaitWork { try compute(zones: zones, communes: communes, areasSquareMetres: known) }
    }
}

extension CoverageReport {
    /// The synchronous `check(_:boundary:slivers:areasSquareMetres:)`, awaited off the cooperative pool and cancellable.
    public static func check(_ units: [any RegistryFeature], boundary: Geometry? = nil,
                             slivers tolerance: SliverTolerance = .none, areasSquareMetres known: [Double]? = nil) async throws -> CoverageReport {
        try await awaitWork { try check(units, boundary: boundary, slivers: tolerance, areasSquareMetres: known) }
    }
}

extension CorridorAdjacency {
    /// The synchronous `find(corridors:zones:distanceMetres:crs:)`, awaited off the cooperative pool and cancellable.
    public static func find(corridors: [any RegistryFeature], zones: [any RegistryFeature], distanceMetres: Double,
                            crs: CRS? = nil) async throws -> CorridorAdjacency {
        try await awaitWork { try find(corridors: corridors, zones: zones, distanceMetres: distanceMetres, crs: crs) }
    }
}

extension PlanDiff {
    /// The synchronous `between(_:_:toleranceMetres:keepingParts:)`, awaited off the cooperative pool and cancellable.
    public static func between(_ old: [RegistryEntry], _ new: [RegistryEntry], toleranceMetres: Double = 0,
                               keepingParts: Set<Layer> = Set(Layer.allCases)) async throws -> PlanDiff {
        try await awaitWork { try between(old, new, toleranceMetres: toleranceMetres, keepingParts: keepingParts) }
    }
}
