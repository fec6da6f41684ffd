import Foundation
import Glibc

/// Work started on a thread of its own (with the main thread's 8 MB of stack), whose result is
/// waited for where it is needed: ``value()`` waits for the thread and returns its result or
/// rethrows its error. The work may itself use ``parallelMap(count:chunkSize:_:)`` on every core.
public final class Background<Value>: @unchecked Sendable {
    // Let go by the thread once run (so that nothing holds it once the result is in).
    private var body: (() throws -> Value)?
    // Written by the thread before it signals `done`, read only after waiting for it.
    private var result: Result<Value, any Error>?
    private let done = DispatchSemaphore(value: 0)

    /// Starts `body` on a new thread, which reports the progress of its parallel maps to the
    /// starting call's ``ParallelProgress`` observer and checks its ``WorkCancellation``.
    public convenience init(_ body: @escaping () throws -> Value) {
        self.init(body, then: { _ in })
    }

    /// Starts `body` on a new thread as ``init(_:)`` does, and calls `then` on that thread with
    /// the result once `body` is done.
    private init(_ body: @escaping () throws -> Value, then: @escaping @Sendable (Result<Value, any Error>) -> Void) {
        self.body = body
        let progress = ParallelProgress.current, cancellation = WorkCancellation.current
        let thread = Thread { [self] in
            Thread.nameCurrent(Self.threadName)
            let outcome = WorkCancellation.checking(cancellation) {
                ParallelProgress.observing(progress) { Result { try self.body!() } }
            }
            result = outcome
            self.body = nil
            done.signal()
            then(outcome)
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The name of the threads it starts, as `/proc/self/task/*/comm` shows them (at most 15 bytes).
    public static var threadName: String { "zoneatlas-work" }

    /// Runs `body` on a thread of its own and awaits its result, for work that must not hold one of
    /// Swift concurrency's cooperative threads (GEOS and PROJ work, which blocks on every core).
    ///
    /// Cancelling the awaiting task raises the work's ``WorkCancellation``: the work stops at its
    /// next check, and this throws `CancellationError` — whatever error the stopped work threw
    /// (``ParallelMapError/cancelled``, say); the work's value if it finished all the same. It
    /// returns only once `body` has returned, so nothing of the work runs after it. The progress
    /// observer of the awaiting task (``ParallelProgress``) carries over to the thread.
    public static func run(_ body: @escaping @Sendable () throws -> Value) async throws -> Value where Value: Sendable {
        let cancellation = WorkCancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
                WorkCancellation.checking(cancellation) {
                    _ = Background(body, then: { result in
                        if case .failure = result, cancellation.isCancelled {
                            continuation.resume(throwing: CancellationError())
                        } else {
                            continuation.resume(with: result)
                        }
                    })
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
    }

    /// The work's result, once it is done.
    public func value() throws -> Value {
        done.wait()
        defer { done.signal() }  // for a later call
        return try result!.get()
    }
}

/// Runs `first` on a thread of its own while the calling thread runs `second`, and returns both
/// results once both are done; an error of either is rethrown (the first's when both fail). Each
/// may use ``parallelMap(count:chunkSize:_:)`` on every core: neither runs inside the other's.
public func concurrently<A, B>(_ first: () throws -> A, _ second: () throws -> B) throws -> (A, B) {
    try withoutActuallyEscaping(first) { first in
        let background = Background(first)
        let other = Result { try second() }
        return (try background.value(), try other.get())
    }
}

extension Thread {
    /// Names the calling thread as the kernel lists it (`/proc/self/task/*/comm`, `top -H`, `gdb`;
    /// at most 15 bytes), by writing its `/proc/thread-self/comm`: Foundation's `Thread.name` does
    /// not reach the kernel on Linux, and Glibc's `pthread_setname_np` is not visible to Swift.
    package static func nameCurrent(_ name: String) {
        let descriptor = open("/proc/thread-self/comm", O_WRONLY)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let bytes = Array(name.utf8.prefix(15))
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }
}
