import Foundation
import Synchronization

/// Ctrl-C (SIGINT) while something is drawn on the terminal: erase it, then exit 130 as a shell
/// reports a process that SIGINT ended (nothing else runs: an import's transaction is not committed,
/// and SQLite rolls it back on the next open).
///
/// A bar may be drawn from any thread while the handler runs on another, so drawing is bracketed
/// by ``drawing(_:)``: the handler first stops new drawing, waits (a little) for a draw already
/// writing to finish, then erases — so nothing is drawn after the erase.
enum Interrupt {
    /// What the handler writes to stderr: set before the handler is installed, never freed.
    nonisolated(unsafe) private static var erase: UnsafeMutableBufferPointer<UInt8>?
    /// Set by the handler: draw nothing more.
    private static let interrupted = Atomic<Bool>(false)
    /// Draws writing right now.
    private static let writers = Atomic<Int>(0)

    /// Installs the handler that writes `eraser` to stderr and exits 130; the eraser is fixed by
    /// the first call (a process has one terminal, of one width).
    static func clearing(with eraser: String) {
        if erase == nil {
            let bytes = Array(eraser.utf8)
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
            _ = buffer.initialize(from: bytes)
            erase = buffer
        }
        // Initialised here, not first in the handler.
        _ = interrupted.load(ordering: .relaxed)
        _ = writers.load(ordering: .relaxed)
        signal(SIGINT) { _ in
            // Only async-signal-safe calls here: atomics, nanosleep(2), write(2) and _exit(2).
            Interrupt.interrupted.store(true, ordering: .sequentiallyConsistent)
            // A draw already writing finishes first (at most 50 ms: the handler may have interrupted
            // the drawing thread itself, which cannot finish until the handler returns).
            var pause = timespec(tv_sec: 0, tv_nsec: 1_000_000)
            for _ in 0..<50 where Interrupt.writers.load(ordering: .sequentiallyConsistent) > 0 { nanosleep(&pause, nil) }
            if let erase = Interrupt.erase { _ = write(2, erase.baseAddress, erase.count) }
            _exit(130)
        }
    }

    /// Runs `write` (drawing on the terminal) unless Ctrl-C has been pressed.
    static func drawing(_ write: () -> Void) {
        writers.add(1, ordering: .sequentiallyConsistent)
        defer { writers.subtract(1, ordering: .sequentiallyConsistent) }
        guard !interrupted.load(ordering: .sequentiallyConsistent) else { return }
        write()
    }

    /// Ctrl-C ends the process as it would without a handler.
    static func restore() {
        signal(SIGINT, SIG_DFL)
    }
}
