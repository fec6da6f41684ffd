import Synchronization

/// A request to stop long synchronous work early, raised by whoever started it and checked by the
/// work between batches: ``parallelMap(count:chunkSize:_:)`` before each chunk, the streaming
/// readers before each batch, the importer and the review before each step.
///
/// The flag of a call is a task-local value, like ``ParallelProgress``: the work of the task or
/// thread that runs ``checking(_:_:)``'s body sees it, and so do the threads ``Background`` and
/// ``concurrently(_:_:)`` start for it. The async API (``Background/run(_:)``) raises it when the
/// awaiting Swift task is cancelled; a script may raise it itself, from any thread. Work that runs
/// with no flag is not cancellable (the synchronous API called directly from a Swift task does not
/// watch the task: call the async API).
public final class WorkCancellation: Sendable {
    private let raised = Atomic<Bool>(false)

    /// A flag not yet raised.
    public init() {}

    /// Asks the work to stop at its next check (from any thread; raising it again does nothing).
    public func cancel() {
        raised.store(true, ordering: .relaxed)
    }

    /// Whether ``cancel()`` was called.
    public var isCancelled: Bool {
        raised.load(ordering: .relaxed)
    }

    /// The flag of the work of the current task or thread, if any.
    @TaskLocal public static var current: WorkCancellation?

    /// Runs `body` with `flag` as the flag its work checks.
    public static func checking<T, E: Error>(_ flag: WorkCancellation?, _ body: () throws(E) -> T) throws(E) -> T {
        try $current.withValue(flag) { Result(catching: body) }.get()
    }

    /// Whether the current work should stop: it has a flag, and the flag was raised.
    public static var isCancelled: Bool {
        current?.isCancelled == true
    }

    /// Throws `CancellationError` when the current work should stop (see ``isCancelled-type.property``).
    public static func check() throws(CancellationError) {
        if isCancelled { throw CancellationError() }
    }
}
