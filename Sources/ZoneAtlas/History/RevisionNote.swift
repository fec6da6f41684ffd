internal import Crypto
import Foundation
import ZoneGeometry

/// What a writer says about a revision: who made it, why, on which legal basis, from which files,
/// and with which command. The store adds the number and the time.
public struct RevisionNote: Sendable, Equatable {
    /// Who made the change (`--author`; by default the login name).
    public var author: String
    /// Why, in the author's words (`--message`).
    public var message: String?
    /// The decision that makes the change law (`--decision`, `--decision-date`).
    public var decision: LegalBasis?
    /// The files the change was read from, each with its SHA-256.
    public var sources: [SourceFile]
    /// What wrote it, e.g. `import`, `revert 3`, or ``outsideEdit`` for edits found in the file.
    public var command: String

    /// The command of a revision that records edits made outside ZoneAtlas (QGIS, GDAL, sqlite3).
    public static let outsideEdit = "outside edit"

    public init(author: String = RevisionNote.loginName, message: String? = nil, decision: LegalBasis? = nil,
                sources: [SourceFile] = [], command: String = "write") {
        self.author = author
        self.message = message
        self.decision = decision
        self.sources = sources
        self.command = command
    }

    /// The login name of the user running this process (`LOGNAME`, `USER`, else the password entry).
    public static var loginName: String {
        let environment = ProcessInfo.processInfo.environment
        if let name = environment["LOGNAME"] ?? environment["USER"], !name.isEmpty { return name }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }
}

/// A file a revision was read from: its name as given and the SHA-256 of its bytes.
public struct SourceFile: Sendable, Equatable {
    /// The path as the writer gave it.
    public var name: String
    /// The SHA-256 of the file's bytes, 64 lowercase hex digits.
    public var sha256: String

    public init(name: String, sha256: String) {
        self.name = name
        self.sha256 = sha256
    }

    /// The file at `path` with its digest, read in 1 MiB chunks.
    public static func reading(_ path: String) throws(RegistryError) -> SourceFile {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path: path, reason: "cannot open it to hash it") }
        defer { try? handle.close() }
        var hash = SHA256()
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                if WorkCancellation.isCancelled { throw RegistryError.cancelled(path: path) }
                hash.update(data: chunk)
            }
        } catch let error as RegistryError {
            throw error
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        return SourceFile(name: path, sha256: hash.finalize().map { String(format: "%02x", $0) }.joined())
    }
}
