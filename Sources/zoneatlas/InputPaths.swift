import Foundation
import ZoneGeoJSON

/// Input paths as typed, ready for the readers, which map files into memory: `-` (standard input)
/// and any other stream (a pipe, `/dev/stdin` on a pipe, `<(…)`) is first copied to a temporary
/// file, and every message and result names the copy as the path typed.
///
/// The copy has no name from the moment it is made (it is unlinked at once and read through
/// `/proc/self/fd/N`), so nothing is left behind however the process ends — Ctrl-C, `kill -9`, a
/// crash — and no other user can open it.
struct InputPaths {
    /// What the readers read, in the order typed.
    let readable: [String]
    /// Each copy's path → the path typed.
    private let typedFor: [String: String]
    /// The copies' open descriptors, which keep them alive.
    private let descriptors: [Int32]

    /// Copies the streams among `typed`; ``release()`` lets the copies go.
    init(_ typed: [String]) throws {
        if typed.filter({ $0 == "-" }).count > 1 { throw CommandFailure.usageOrIO("standard input ('-') can be read once only") }
        var readable: [String] = [], typedFor: [String: String] = [:], descriptors: [Int32] = []
        for path in typed {
            guard Self.isStream(path) else {
                readable.append(path)
                continue
            }
            let descriptor = try Self.copy(path)
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
    /// the file's descriptor.
    private static func copy(_ path: String) throws -> Int32 {
        let source = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path)
        guard let source else { throw CommandFailure.usageOrIO("cannot read \(path)") }
        var template = Array("\(FileManager.default.temporaryDirectory.path)/zoneatlas-input-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw CommandFailure.usageOrIO("cannot make a temporary file for \(path): \(String(cString: strerror(errno)))")
        }
        // Nameless from here on (mkstemp made it readable by us alone).
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let sink = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        do {
            while let chunk = try source.read(upToCount: 1 << 20), !chunk.isEmpty {
                try sink.write(contentsOf: chunk)
            }
        } catch {
            close(descriptor)
            throw CommandFailure.usageOrIO("cannot read \(path): \(error.localizedDescription)")
        }
        return descriptor
    }
}
