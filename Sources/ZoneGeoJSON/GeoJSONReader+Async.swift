import ZoneGeometry

extension GeoJSONReader {
    /// Reads a file, holding all its features, as the synchronous `read(contentsOf:)` does — awaited off Swift
    /// concurrency's cooperative pool (on a thread of its own, the parser on another) and
    /// cancellable between batches: it streams the file (``read(contentsOf:batchSize:_:)``) and
    /// keeps every batch, reading the file again whole only when the batches turn out void.
    ///
    /// The caller's ``ReadProgress`` observer follows the read.
    /// - Throws: ``ReadError`` when the file cannot be opened, or `CancellationError` when the
    ///   awaiting task is cancelled.
    public func read(contentsOf path: String) async throws -> ReadResult {
        let reads = ReadProgress.current
        return try await Background.run { [self] in
            try ReadProgress.observing(reads) {
                var features: [Feature] = []
                var result: ReadResult
                do throws(BatchedReadError<Never>) {
                    result = try read(contentsOf: path, batchSize: 4096) { features += $0.features }
                } catch {
                    switch error {
                    case let .reading(error): throw error
                    case .cancelled: throw CancellationError()
                    case let .consumer(never): switch never {}
                    }
                }
                // What was handed out does not stand (see the streaming read's contract): read it as meant.
                if result.batchesAreVoid { return try read(contentsOf: path) }
                result.collection.features = features
                return result
            }
        }
    }
}
