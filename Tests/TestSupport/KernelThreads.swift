import Foundation

/// This process's threads as the kernel lists them (`/proc/PID/task/TID`): which one runs the
/// caller, what it is named, and when a set of them has ended — watched from a thread of its own,
/// so that the moment found is the threads', not that at which a busy Swift concurrency pool
/// (every test of a run shares its two threads here) gets round to resuming the test.
public enum KernelThreads {
    /// The calling thread: `/proc/PID/task/TID`.
    public static func current() -> String {
        "/proc/" + ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self")) ?? "?")
    }

    /// A thread's name (`comm`), `nil` once it has ended.
    public static func name(_ thread: String) -> String? {
        (try? String(contentsOfFile: thread + "/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The moment by which every one of `threads` had ended (looked for every millisecond), or
    /// `nil` if one still runs after `seconds`.
    public static func ended(_ threads: Set<String>, within seconds: Double) async -> ContinuousClock.Instant? {
        await withCheckedContinuation { continuation in
            let watch = Thread {
                let end = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
                while threads.contains(where: { FileManager.default.fileExists(atPath: $0) }) {
                    guard ContinuousClock.now < end else { return continuation.resume(returning: nil) }
                    usleep(1000)
                }
                continuation.resume(returning: ContinuousClock.now)
            }
            watch.start()
        }
    }
}
