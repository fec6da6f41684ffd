import ZoneGeometry

/// `parallelMap` for work that does not name its items in its errors (the importer, the stores,
/// the review's rendering): an item's error is thrown as it is, and a cancelled map throws
/// `CancellationError`, as the `WorkCancellation` checks of that work do.
func parallelMapForwardingErrors<T, E: Error>(count: Int, chunkSize: Int, _ transform: @Sendable (Int) throws(E) -> T) throws -> [T] {
    do throws(ParallelMapError<E>) {
        return try parallelMap(count: count, chunkSize: chunkSize, transform)
    } catch {
        switch error {
        case let .failed(_, failure): throw failure
        case .cancelled: throw CancellationError()
        }
    }
}
