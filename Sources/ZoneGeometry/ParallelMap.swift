import Dispatch
import Foundation
import Synchronization

/// Lets a front end follow long parallel work (e.g. draw a progress bar): while an observer is
/// installed, ``parallelMap(count:chunkSize:_:)`` tells it how many of how many items are done.
///
/// The observer belongs to the call that installs it, not to the process: it is a task-local
/// value, seen by the parallel maps of the task or thread that runs `body` (and of the threads
/// ``Background`` and ``concurrently(_:_:)`` start for it), so that two reviews run at once in one
/// process each report to their own observer.
public enum ParallelProgress {
    /// What a parallel map reports: items done, of how many.
    public typealias Handler = @Sendable (_ done: Int, _ total: Int) -> Void

    /// The observer of the work of the current task or thread, if any.
    @TaskLocal public static var current: Handler?

    /// Runs `body` with `handler(done, total)` called as each of its parallel maps advances.
    public static func observing<T, E: Error>(_ handler: Handler?, _ body: () throws(E) -> T) throws(E) -> T {
        try $current.withValue(handler) { Result(catching: body) }.get()
    }

    /// Runs `body` with `handler(done, total)` called as each parallel map of its work advances —
    /// the work of the awaitable operations it awaits included (they carry it to their threads).
    public static func observing<T>(_ handler: Handler?, isolation: isolated (any Actor)? = #isolation,
                                    _ body: () async throws -> T) async rethrows -> T {
        try await $current.withValue(handler, operation: body)
    }
}

/// Why a ``parallelMap(count:chunkSize:_:)`` gave no results.
public enum ParallelMapError<Failure: Error>: Error, CustomStringConvertible {
    /// `transform(index)` threw `failure`; `index` is the lowest that failed.
    case failed(index: Int, Failure)
    /// The call's ``WorkCancellation`` was raised before every chunk had run.
    case cancelled

    /// The failure and the index it happened at, or that the work was cancelled.
    public var description: String {
        switch self {
        case let .failed(index, failure): "item \(index): \(failure)"
        case .cancelled: "cancelled"
        }
    }
}

extension ParallelMapError: Equatable where Failure: Equatable {}

/// Computes `transform(i)` for every `i` in `0..<count` on all cores, in chunks, returning the
/// results in index order. One worker per core takes the next chunk as it finishes one, so that
/// uneven chunks balance out.
///
/// Each worker thread talks to GEOS (and PROJ) through its own thread-local context, so
/// `transform` may freely use geometries, transformers and a built `STRtree`; it must not share a
/// ``PreparedGeometry`` between calls on different threads.
///
/// Cancellable: once the call's ``WorkCancellation`` is raised, no chunk starts, the chunks under
/// way finish, and the map throws ``ParallelMapError/cancelled``.
/// - Throws: ``ParallelMapError/failed(index:_:)`` with the lowest index whose `transform` threw,
///   and its error, so that the caller can say which of its items failed.
public func parallelMap<T, E: Error>(count: Int, chunkSize: Int = 64,
                                     _ transform: @Sendable (Int) throws(E) -> T) throws(ParallelMapError<E>) -> [T] {
    guard count > 0 else { return [] }
    guard !WorkCancellation.isCancelled else { throw .cancelled }
    let chunk = max(1, chunkSize)
    let chunks = (count + chunk - 1) / chunk
    if chunks == 1 {
        var results: [T] = []
        results.reserveCapacity(count)
        for i in 0..<count {
            do { results.append(try transform(i)) } catch { throw .failed(index: i, error) }
        }
        return results
    }
    let slots = ResultSlots<T, E>(count: count)
    let report = ParallelProgress.current
    let cancellation = WorkCancellation.current
    withoutActuallyEscaping(transform) { transform in
        DispatchQueue.concurrentPerform(iterations: min(chunks, ProcessInfo.processInfo.activeProcessorCount)) { _ in
            while cancellation?.isCancelled != true {
                let c = slots.claimChunk()
                guard c < chunks else { return }
                let range = (c * chunk)..<min(count, (c + 1) * chunk)
                for i in range {
                    slots.store(i, Result { () throws(E) in try transform(i) })
                }
                if let report { report(slots.finished(range.count), count) }
            }
        }
    }
    // A chunk skipped for the flag left its slots empty: the flag is up, and stays up.
    guard !WorkCancellation.isCancelled else { throw .cancelled }
    return try slots.results()
}

/// One write-once slot per index; workers write distinct slots, so no lock is needed.
private final class ResultSlots<T, E: Error>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Result<T, E>?>
    private let done = Atomic<Int>(0)
    private let claimed = Atomic<Int>(0)

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    func store(_ index: Int, _ result: Result<T, E>) {
        buffer[index] = result
    }

    /// The index of the next chunk no worker has taken (the chunk count once all are taken).
    func claimChunk() -> Int {
        claimed.add(1, ordering: .relaxed).oldValue
    }

    /// Counts `count` more items done and returns the total so far.
    func finished(_ count: Int) -> Int {
        done.add(count, ordering: .relaxed).newValue
    }

    func results() throws(ParallelMapError<E>) -> [T] {
        var results: [T] = []
        results.reserveCapacity(buffer.count)
        for (index, slot) in buffer.enumerated() {
            switch slot! {
            case let .success(value): results.append(value)
            case let .failure(error): throw .failed(index: index, error)
            }
        }
        return results
    }
}
