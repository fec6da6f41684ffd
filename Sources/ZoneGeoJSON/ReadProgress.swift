import Foundation
import ZoneGeometry

/// Lets a front end follow a streaming read (e.g. draw a progress bar): while an observer is
/// installed, ``GeoJSONReader/read(contentsOf:batchSize:_:)`` tells it, as the parser moves on,
/// the file and how many of its bytes are behind the parser, of how many.
public enum ReadProgress {
    /// Told the file's path as given, and how many of its bytes are behind the parser (`done`) of
    /// its size in bytes (`total`).
    public typealias Handler = @Sendable (_ file: String, _ done: Int, _ total: Int) -> Void

    /// The observer (the parsing threads of reads running at once all ask for it).
    private static let observer = Locked<Handler?>(nil)

    /// Runs `body` with `handler(file, done, total)` called as each streaming read advances
    /// (from the reading thread).
    public static func observing<T, E: Error>(_ handler: @escaping Handler, _ body: () throws(E) -> T) throws(E) -> T {
        observer.value = handler
        defer { observer.value = nil }
        return try body()
    }

    static func report(_ file: String, _ done: Int, _ total: Int) {
        observer.value?(file, done, total)
    }
}
