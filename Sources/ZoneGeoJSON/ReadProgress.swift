import Foundation
import ZoneGeometry

/// Lets a front end follow a streaming read (e.g. draw a progress bar): while an observer is
/// installed, ``GeoJSONReader/read(contentsOf:batchSize:_:)`` tells it, as the parser moves on,
/// the file and how many of its bytes are behind the parser, of how many.
public enum ReadProgress {
    /// Told the file's path as given, and how many of its bytes are behind the parser (`done`) of
    /// its size in bytes (`total`).
    public typealias Handler = @Sendable (_ file: String, _ done: Int, _ total: Int) -> Void

    /// The observer of the reads of the current task or thread, if any: a task-local value, so
    /// that reads run at once by different calls report to their own observers. The reader's
    /// parsing thread reports to the observer of the call that started it.
    @TaskLocal public static var current: Handler?

    /// Runs `body` with `handler(file, done, total)` called as each of its streaming reads advances
    /// (from the reading thread).
    public static func observing<T, E: Error>(_ handler: Handler?, _ body: () throws(E) -> T) throws(E) -> T {
        try $current.withValue(handler) { Result(catching: body) }.get()
    }

    /// Runs `body` with `handler(file, done, total)` called as each streaming read of its work
    /// advances — the reads of the awaitable operations it awaits included.
    public static func observing<T>(_ handler: Handler?, isolation: isolated (any Actor)? = #isolation,
                                    _ body: () async throws -> T) async rethrows -> T {
        try await $current.withValue(handler, operation: body)
    }
}
