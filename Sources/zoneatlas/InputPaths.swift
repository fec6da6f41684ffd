import Foundation
import ZoneGeoJSON

/// Input paths as typed, ready for the readers, which map files into memory: `-` (standard input)
/// and any other stream (a pipe, `/dev/stdin` on a pipe, `<(…)`) is first copied to a temporary
/// file, and every message and result names the copy as the path typed.
///
/// The copy has no name from the moment it is made (it is unlinked at once and read through
/// `/proc/self/fd/N`), so nothing is left behind however the process ends — Ctrl-C, `kill -9`, a
/// crash — and no other user can open it. A copy stops at ``StreamLimit``'s size, and while the
/// temporary folder's file system still has 1 GiB or 5 % free, whichever is more.
struct InputPaths {
    /// What the readers read, in the order typed.
    let readable: [String]
    /// Each copy's path → the path typed.
    private let typedFor: [String: String]
    /// The copies' open descriptors, which keep them alive.
    private let descriptors: [Int32]

    /// Copies the streams among `typed`, each up to `limit`; ``release()`` lets the copies go.
    init(_ typed: [String], limit: StreamLimit) throws {
        if typed.filter({ $0 == "-" }).count > 1 { throw CommandFailure.usageOrIO("standard input ('-') can be read once only") }
        var readable: [String] = [], typedFor: [String: String] = [:], descriptors: [Int32] = []
        for path in typed {
            guard Self.isStream(path) else {
                readable.append(path)
                continue
            }
            let descriptor = try Self.copy(path, maximumBytes: limit.maximum.bytes)
            descriptors.append(descriptor)
            let copy = "/proc/self/fd/\(descriptor)"
            readable.append(copy)
            typedFor[copy] = path
        }
        self.readable = readable
        self.typedFor = typedFor
        self.descriptors = descriptors
    }

    /// `text` (a message, an error) with each copy named as typed.
    func shown(_ text: String) -> String {
        typedFor.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
    }

    /// A validation result naming its file, and the file of each problem, as typed.
    func shown(_ result: ReadResult) -> ReadResult {
        guard let typed = typedFor[result.file] else { return result }
        var result = result
        result.file = typed
        result.problems = result.problems.map { problem in
            var problem = problem
            problem.file = typedFor[problem.file] ?? problem.file
            return problem
        }
        return result
    }

    /// Lets the copies go (the kernel frees a copy when its last descriptor closes).
    func release() {
        for descriptor in descriptors { close(descriptor) }
    }

    /// `-`, or a path that is neither a regular file nor a directory (a pipe, a terminal).
    private static func isStream(_ path: String) -> Bool {
        if path == "-" { return true }
        var status = stat()
        guard stat(path, &status) == 0 else { return false }
        let type = status.st_mode & S_IFMT
        return type != S_IFREG && type != S_IFDIR
    }

    /// Copies the stream to a temporary file that is unlinked as soon as it exists, and returns
    /// the file's descriptor; fails once the copy would pass `maximumBytes`, or leave its file
    /// system less free space than ``reserveBytes(ofSize:)``.
    private static func copy(_ path: String, maximumBytes: Int64) throws -> Int32 {
        if path != "-", Self.isFIFO(path) {
            // Opening a FIFO waits for a program to open its other end: say so, not hang silently.
            Terminal.info("\(Terminal.prefix): \(path) is a named pipe; waiting for a program to write into it (Ctrl-C to stop)")
        }
        let source = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path)
        guard let source else { throw CommandFailure.usageOrIO("cannot read \(path)") }
        let folder = FileManager.default.temporaryDirectory.path
        var template = Array("\(folder)/zoneatlas-input-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw CommandFailure.usageOrIO("cannot make a temporary file for \(path): \(String(cString: strerror(errno)))")
        }
        // Nameless from here on (mkstemp made it readable by us alone).
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let sink = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        var copied: Int64 = 0, checkedFreeSpaceAt: Int64 = -1
        do {
            while let chunk = try source.read(upToCount: 1 << 20), !chunk.isEmpty {
                copied += Int64(chunk.count)
                guard copied <= maximumBytes else {
                    throw CommandFailure.usageOrIO("\(path) holds more than \(ByteCount(bytes: maximumBytes)) bytes, the most a stream is copied "
                        + "before reading (--max-stream-size); nothing was read. Give a larger --max-stream-size, or the file itself")
                }
                // The free space is looked at every 64 MiB copied: enough to stop well before the disk is full.
                if copied - checkedFreeSpaceAt >= 64 << 20 || checkedFreeSpaceAt < 0 {
                    checkedFreeSpaceAt = copied
                    if let (free, size) = Self.space(descriptor), free - Int64(64 << 20) < Self.reserveBytes(ofSize: size) {
                        throw CommandFailure.usageOrIO("copying \(path) to \(folder) stopped at \(copied >> 20) MiB: its file system "
                            + "has \(free >> 20) MiB free, and the copy leaves at least \(Self.reserveBytes(ofSize: size) >> 20) MiB to other programs; "
                            + "give the file itself, or set TMPDIR to a folder with more room")
                    }
                }
                try sink.write(contentsOf: chunk)
                // A stream that cannot be GeoJSON or a GeoPackage from its first bytes on (`/dev/zero`,
                // a binary) is copied no further: the reader reports what is wrong at its start.
                if copied == Int64(chunk.count), !Self.mayBeInput(chunk) { break }
            }
        } catch let failure as CommandFailure {
            close(descriptor)
            throw failure
        } catch {
            close(descriptor)
            throw CommandFailure.usageOrIO("cannot read \(path): \(error.localizedDescription)")
        }
        return descriptor
    }

    /// What a copy leaves free on a file system of `size` bytes: 1 GiB, or 5 % of it if that is more.
    static func reserveBytes(ofSize size: Int64) -> Int64 {
        max(1 << 30, size / 20)
    }

    /// The free bytes (for an unprivileged user) and the size of the file system holding `descriptor`.
    private static func space(_ descriptor: Int32) -> (free: Int64, size: Int64)? {
        var status = statvfs()
        guard fstatvfs(descriptor, &status) == 0 else { return nil }
        let block = Int64(status.f_frsize)
        return (Int64(status.f_bavail) * block, Int64(status.f_blocks) * block)
    }

    /// Whether a stream's first bytes may begin a GeoJSON text (after a byte-order mark and white
    /// space: `{`, `[`, or the record separator of GeoJSON text sequences) or a GeoPackage (SQLite's header).
    static func mayBeInput(_ start: Data) -> Bool {
        // A pipe may hand over the header in pieces: a start of it is enough.
        let header = Data("SQLite format 3\u{0}".utf8)
        if start.starts(with: header) || header.starts(with: start) { return true }
        var bytes = start[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return true }
        return [UInt8(ascii: "{"), UInt8(ascii: "["), 0x1E].contains(first)
    }

    private static func isFIFO(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO
    }
}
