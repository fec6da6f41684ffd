import Dispatch
import Synchronization

/// Lets a front end follow long parallel work (e.g. draw a progress bar): while an observer is
/// installed, ``parallelMap(count:chunkSize:_:)`` tells it how many of how many items are done.
public enum ParallelProgress {
    /// The observer (parallel maps running at once on several threads all ask for it).
    static let observer = Locked<(@Sendable (Int, Int) -> Void)?>(nil)

    /// Runs `body` with `handler(done, total)` called as each parallel map advances.
    public static func observing<T>(_ handler: @escaping @Sendable (Int, Int) -> Void, _ body: () throws -> T) rethrows -> T {
        observer.value = handler
        defer { observer.value = nil }
        return try body()
    }
}

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
    let report = ParallelProgress.observer.value
    withoutActuallyEscaping(transform) { transform in
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let range = (c * chunk)..<min(count, (c + 1) * chunk)
            for i in range {
                slots.store(i, Result { try transform(i) })
            }
            if let report { report(slots.finished(range.count), count) }
        }
    }
    return try slots.results()
}

/// One write-once slot per index; workers write distinct slots, so no lock is needed.
private final class ResultSlots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Result<T, any Error>?>
    private let done = Atomic<Int>(0)

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

    /// Counts `count` more items done and returns the total so far.
    func finished(_ count: Int) -> Int {
        done.add(count, ordering: .relaxed).newValue
    }

    func results() throws -> [T] {
        try buffer.map { try $0!.get() }
    }
}
