/// Why a batched read (``GeoJSONReader/read(contentsOf:batchSize:_:)``) stopped before its result.
public enum BatchedReadError<Failure: Error>: Error, CustomStringConvertible {
    /// The file could not be opened or mapped.
    case reading(ReadError)
    /// The consumer of the batches threw `failure`; the read stopped there.
    case consumer(Failure)
    /// The read of the file at `path` was cancelled (its `WorkCancellation` raised).
    case cancelled(path: String)

    /// The read's failure, the consumer's, or the cancelled file.
    public var description: String {
        switch self {
        case let .reading(error): "\(error)"
        case let .consumer(failure): "\(failure)"
        case let .cancelled(path): "reading \(path): cancelled"
        }
    }
}

extension BatchedReadError: Equatable where Failure: Equatable {}
