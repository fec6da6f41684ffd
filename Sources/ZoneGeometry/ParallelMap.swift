import Dispatch

/// Computes `transform(i)` for every `i` in `0..<count` on all cores, in chunks, returning the
/// results in index order.
///
/// Each worker thread talks to GEOS (and PROJ) through its own thread-local context, so
/// `transform` may freely use geometries, transformers and a built `STRtree`; it must not share a
/// ``PreparedGeometry`` between calls on different threads.
public func parallelMap<T>(count: Int, chunkSize: Int = 64, _ transform: @Sendable (Int) throws -> T) throws -> [T] {
    guard count > 0 else { return [] }
    let chunk = max(1, chunkSize)
    let chunks = (count + chunk - 1) / chunk
    if chunks == 1 { return try (0..<count).map(transform) }
    let slots = ResultSlots<T>(count: count)
    withoutActuallyEscaping(transform) { transform in
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for i in (c * chunk)..<min(count, (c + 1) * chunk) {
                slots.store(i, Result { try transform(i) })
            }
        }
    }
    return try slots.results()
}

/// One write-once slot per index; workers write distinct slots, so no lock is needed.
private final class ResultSlots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Result<T, any Error>?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    func store(_ index: Int, _ result: Result<T, any Error>) {
        buffer[index] = result
    }

    func results() throws -> [T] {
        try buffer.map { try $0!.get() }
    }
}
