import Foundation

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
    /// starting call's ``ParallelProgress`` observer.
    public init(_ body: @escaping () throws -> Value) {
        self.body = body
        let progress = ParallelProgress.current
        let thread = Thread { [self] in
            result = ParallelProgress.observing(progress) { Result { try self.body!() } }
            self.body = nil
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
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
