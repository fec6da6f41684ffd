import Foundation

/// A file mapped read-only for one pass from its start to its end, whose pages behind the reader
/// are given back to the kernel (`MADV_DONTNEED`; read again from the file if touched again), so
/// that reading a file of any size keeps only a stretch of it in memory.
///
/// ``giveBack(before:)`` is for the one thread that reads the mapping.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    /// Pages below this offset have been given back.
    private var givenBack = 0
    /// Pages are given back in stretches of at least this many bytes.
    private static let stretch = 16 << 20

    init(path: String) throws(ReadError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: Self.reason(errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(path: path, reason: Self.reason(errno)) }
        if status.st_mode & S_IFMT == S_IFDIR { throw .unreadable(path: path, reason: "it is a directory") }
        let size = Int(status.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else {
            throw .unreadable(path: path, reason: Self.reason(errno))
        }
        madvise(base, size, MADV_SEQUENTIAL)
        bytes = UnsafeRawBufferPointer(start: base, count: size)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }

    /// Gives back the whole pages below `offset`, a stretch at a time. An offset below the last
    /// one starts a new pass from the start of the file (counting lines to locate a problem).
    func giveBack(before offset: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let end = min(offset, bytes.count) / page * page
        if end < givenBack { givenBack = 0 }
        guard end - givenBack >= Self.stretch, let base = bytes.baseAddress else { return }
        madvise(UnsafeMutableRawPointer(mutating: base + givenBack), end - givenBack, MADV_DONTNEED)
        givenBack = end
    }

    private static func reason(_ code: Int32) -> String {
        code == ENOENT ? "no such file" : String(cString: strerror(code))
    }
}
