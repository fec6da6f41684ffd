import ZoneGeometry
import ZoneProjection

/// Why an analysis (areas, overlaps, apportionment, coverage, corridor adjacency, a plan diff)
/// could not be computed: the lower layer's error, kept whole, and the feature it concerns.
public enum AnalysisError: Error, Sendable, CustomStringConvertible {
    /// GEOS failed on the geometry of `feature`; `nil` when the failure concerns no single
    /// feature (building the spatial index of a whole layer, say).
    case geometry(GeometryError, feature: FeatureReference?)
    /// PROJ failed: on a position of `feature`, or (`feature` `nil`) on the CRS itself — an
    /// unknown one, or one not projected in metres.
    case projection(ProjectionError, feature: FeatureReference?)
    /// The analysis was cancelled (its `WorkCancellation` raised).
    case cancelled

    /// The feature the failure concerns, if one.
    public var feature: FeatureReference? {
        switch self {
        case let .geometry(_, feature), let .projection(_, feature): feature
        case .cancelled: nil
        }
    }

    /// The feature, then GEOS's or PROJ's own message.
    public var description: String {
        let about = feature.map { "\($0): " } ?? ""
        switch self {
        case let .geometry(error, _): return about + error.description
        case let .projection(error, _): return about + error.description
        case .cancelled: return "cancelled"
        }
    }
}

/// An error an analysis meets: a lower layer's, or its own.
protocol AnalysisCause: Error {
    /// The error as an analysis error about `feature`, when it does not name one already.
    func analysisError(about feature: FeatureReference?) -> AnalysisError
}

extension GeometryError: AnalysisCause {
    func analysisError(about feature: FeatureReference?) -> AnalysisError { .geometry(self, feature: feature) }
}

extension ProjectionError: AnalysisCause {
    func analysisError(about feature: FeatureReference?) -> AnalysisError { .projection(self, feature: feature) }
}

extension AnalysisError: AnalysisCause {
    func analysisError(about feature: FeatureReference?) -> AnalysisError {
        switch self {
        case let .geometry(error, nil): .geometry(error, feature: feature)
        case let .projection(error, nil): .projection(error, feature: feature)
        default: self
        }
    }
}

/// Runs `body`, its GEOS or PROJ failure becoming an analysis error about `feature` (`nil`: about
/// the features of the parallel map it runs in, or none).
func analysing<T, E: AnalysisCause>(_ feature: (any RegistryFeature)? = nil, _ body: () throws(E) -> T) throws(AnalysisError) -> T {
    try analysing(about: feature.map(FeatureReference.init), body)
}

/// Runs `body`, its GEOS or PROJ failure becoming an analysis error about the feature `reference`
/// names (`nil`: none).
func analysing<T, E: AnalysisCause>(about reference: FeatureReference?, _ body: () throws(E) -> T) throws(AnalysisError) -> T {
    do throws(E) {
        return try body()
    } catch {
        throw error.analysisError(about: reference)
    }
}

/// `parallelMap` over `features`: the failure of item `i` names `features[i]` when it names no
/// feature itself; cancellation is ``AnalysisError/cancelled``.
func analysingInParallel<T, E: AnalysisCause>(_ features: [any RegistryFeature], chunkSize: Int,
                                             _ transform: @Sendable (Int) throws(E) -> T) throws(AnalysisError) -> [T] {
    try analysingInParallel(count: features.count, chunkSize: chunkSize, feature: { features[$0] }, transform)
}

/// `parallelMap` over `count` items, the failure of item `i` naming `feature(i)` when it names no
/// feature itself.
func analysingInParallel<T, E: AnalysisCause>(count: Int, chunkSize: Int,
                                             feature: (Int) -> (any RegistryFeature)? = { _ in nil },
                                             _ transform: @Sendable (Int) throws(E) -> T) throws(AnalysisError) -> [T] {
    do throws(ParallelMapError<E>) {
        return try parallelMap(count: count, chunkSize: chunkSize, transform)
    } catch {
        switch error {
        case let .failed(index, failure): throw failure.analysisError(about: feature(index).map(FeatureReference.init))
        case .cancelled: throw .cancelled
        }
    }
}
