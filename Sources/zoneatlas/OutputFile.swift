import Foundation

/// Where a command writes a file it was asked for (`--output PATH`): the file, replaced whole (a
/// device such as `/dev/null` written as it is), or standard output for `-`.
struct OutputFile {
    let path: String

    /// Whether the file goes to standard output, which then carries nothing else.
    var isStandardOutput: Bool { path == "-" }

    /// Writes `text`, then says so on stderr as `wrote <what> to <path>` (unless it went to stdout).
    func write(_ text: String, what: String) throws {
        guard !isStandardOutput else {
            Terminal.output(text)
            return
        }
        do {
            try Self.replace(path, with: Data(text.utf8))
        } catch {
            throw CommandFailure.usageOrIO("cannot write \(path): \(error.localizedDescription)")
        }
        Terminal.info("wrote \(what) to \(path)")
    }

    /// Writes `data` to `path`. A regular file (or a new one) is replaced whole, through a temporary
    /// file beside it and a rename, so that a reader never sees half of it; through a symbolic link,
    /// the file it points to is replaced and the link kept. A device or a pipe (`/dev/null`,
    /// `/dev/stdout`, a FIFO) is written as it is: renaming a file over it would replace the device.
    static func replace(_ path: String, with data: Data) throws {
        // The file at the end of the links (which may not exist yet), as the shell's `>` writes it.
        var target = URL(fileURLWithPath: path)
        for _ in 0..<40 {
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: target.path) else { break }
            target = URL(fileURLWithPath: destination, relativeTo: target.deletingLastPathComponent()).standardizedFileURL
        }
        var status = stat()
        if stat(target.path, &status) == 0 && status.st_mode & S_IFMT != S_IFREG {
            let handle = try FileHandle(forWritingTo: target)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
        } else {
            try data.write(to: target, options: .atomic)
        }
    }
}

extension OutputFile {
    /// Prints a command's report (a table, a summary): on stdout, or on stderr when `output` takes
    /// stdout, so that stdout carries the written file alone.
    static func report(_ text: String, beside output: OutputFile?) {
        if output?.isStandardOutput == true { Terminal.info(text) } else { Terminal.output(text) }
    }
}
