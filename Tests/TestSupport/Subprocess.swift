import Foundation

/// A program the tests run (`zoneatlas`, GDAL's tools, `sqlite3`, `script`, Planimeter), started
/// with `posix_spawn` and waited for with `waitpid` on its own process id, always with a deadline.
///
/// Not Foundation's `Process`: on Linux its `waitUntilExit()` learns of the end through a socket
/// that every descendant inherits, so it waits as long as any grandchild lives, and under a
/// parallel test run it was seen to wait forever for a child that had long exited.
///
/// The child starts in a process group of its own (so that a deadline kills all of it), with no
/// signal blocked and SIGINT and SIGPIPE at their defaults, as from a shell; its standard streams
/// are files (`/dev/null` when none is given), never pipes that could fill.
public final class Subprocess: @unchecked Sendable {
    /// How a child ended.
    public enum Termination: Equatable, Sendable {
        case exited(Int32)
        case signalled(Int32)

        /// The shell's number for it: the exit status, or 128 + the signal.
        public var status: Int32 {
            switch self {
            case let .exited(code): code
            case let .signalled(signal): 128 + signal
            }
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let pid: pid_t
    public let command: String
    private let lock = NSLock()
    private var ended: Termination?

    /// Starts `program` with `arguments`.
    /// - Parameters:
    ///   - directory: its working directory (default: the tests').
    ///   - standardInput: a file it reads as standard input (default `/dev/null`).
    ///   - standardOutput, standardError: files it writes (created or truncated; default `/dev/null`).
    public init(_ program: String, _ arguments: [String], directory: String? = nil, standardInput: String? = nil,
                standardOutput: String? = nil, standardError: String? = nil) throws {
        command = ([program] + arguments).joined(separator: " ")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, standardInput ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, standardError ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), defaults = sigset_t()
        sigemptyset(&none)
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        // In another directory through coreutils' env -C (Swift's Glibc does not show posix_spawn's chdir action).
        let line = directory.map { ["/usr/bin/env", "-C", $0, program] } ?? [program]
        let argv: [UnsafeMutablePointer<CChar>?] = (line + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let error = posix_spawn(&child, line[0], &actions, &attributes, argv, environ)
        guard error == 0 else { throw Failure(description: "cannot start \(program): \(String(cString: strerror(error)))") }
        pid = child
    }

    /// Whether it is still running (reaps it once it has ended).
    public var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return reap(blocking: false) == nil
    }

    /// Waits for it to end, at most `seconds`; past that, kills its process group and throws.
    @discardableResult
    public func wait(seconds: Double = 600) throws -> Termination {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if !isRunning, let ended = lock.withLock({ ended }) { return ended }
            usleep(2_000)
        }
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        lock.withLock { _ = reap(blocking: true) }
        throw Failure(description: "\(command) still ran after \(Int(seconds)) s; killed")
    }

    /// Its termination, once `waitpid` has given it (the caller holds `lock`).
    private func reap(blocking: Bool) -> Termination? {
        if let ended { return ended }
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &status, blocking ? 0 : WNOHANG) } while result == -1 && errno == EINTR
        guard result == pid else { return nil }
        // The wait(2) status: low 7 bits the signal that ended it (0: it exited), next 8 the exit code.
        let signal = status & 0x7F
        ended = signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
        return ended
    }

    /// Runs `program` to its end and returns its termination, standard output and standard error.
    public static func run(_ program: String, _ arguments: [String], directory: String? = nil, standardInput: String? = nil,
                           seconds: Double = 600) throws -> (termination: Termination, stdout: String, stderr: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zoneatlas-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("stdout").path, err = folder.appendingPathComponent("stderr").path
        let child = try Subprocess(program, arguments, directory: directory, standardInput: standardInput,
                                   standardOutput: out, standardError: err)
        let termination = try child.wait(seconds: seconds)
        return (termination, try String(contentsOfFile: out, encoding: .utf8), try String(contentsOfFile: err, encoding: .utf8))
    }
}
