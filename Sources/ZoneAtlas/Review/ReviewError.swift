import ZoneGeoJSON

/// Why a review could not be made or written: the error of the layer below, kept whole — which
/// names the file, the registry's table and row, or the feature — and the review's phase.
///
/// Problems *inside* the input (invalid geometry, a missing id) are no error: they are findings,
/// listed in the review. The review fails only on input it cannot read at all.
public enum ReviewError: Error, Sendable, CustomStringConvertible {
    /// An input file cannot be read at all (it is missing, or cannot be opened).
    case reading(ReadError)
    /// The registry, or a GeoPackage given as input, cannot be read: the store's error names the
    /// file or server, and the table and row where it has one.
    case registry(RegistryError)
    /// GEOS or PROJ failed in `phase` (an analysis, or simplifying and drawing the maps): the
    /// analysis error names the feature.
    case analysis(AnalysisError, phase: ReviewPhase)
    /// The review's folder, or a file in it, cannot be written; `reason` is the system's.
    case writing(path: String, reason: String)
    /// Leaflet, which the interactive map inlines, is not installed.
    case leafletMissing(path: String)
    /// The review was cancelled (its `WorkCancellation` raised) as `phase` began or during it;
    /// nothing was written.
    case cancelled(phase: ReviewPhase)

    /// A sentence naming the file, registry row, feature or phase, and the cause.
    public var description: String {
        switch self {
        case let .reading(error): "\(error)"
        case let .registry(error): "\(error)"
        case let .analysis(error, phase): "\(phase.rawValue): \(error)"
        case let .writing(path, reason): "cannot write \(path): \(reason)"
        case let .leafletMissing(path):
            "the interactive map needs Leaflet, but \(path) is missing: install it with apt-get install libjs-leaflet"
        case let .cancelled(phase): "\(phase.rawValue): cancelled; nothing was written"
        }
    }
}

extension ReviewError {
    /// Runs `body` as part of `phase`: its analysis error becomes the review's, naming the phase.
    static func during<T>(_ phase: ReviewPhase, _ body: () throws(AnalysisError) -> T) throws(ReviewError) -> T {
        do throws(AnalysisError) {
            return try body()
        } catch .cancelled {
            throw .cancelled(phase: phase)
        } catch {
            throw .analysis(error, phase: phase)
        }
    }
}
