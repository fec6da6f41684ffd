import Foundation
import ZoneGeoJSON
import ZoneGeometry

/// Why a registry operation failed. A failed operation leaves the registry file as it was.
public enum RegistryError: Error, Sendable, CustomStringConvertible {
    /// Input files have errors; nothing was imported. Each result lists its problems.
    case invalidInput([ReadResult])
    /// The files hold no features: nothing was imported.
    case noFeatures([String])
    /// A file could not be read at all.
    case unreadable(path: String, reason: String)
    /// A feature cannot become a registry entry (no id, wrong geometry type …).
    case unmappable(file: String, feature: Int, reason: String)
    /// One import gives two entries of a layer the same id; `first` and `second` say where they are.
    case duplicateID(layer: Layer, id: String, first: String, second: String)
    /// The registry file could not be read or written.
    case store(path: String, reason: String)
    /// A row of a table (of a GeoPackage file, or of the PostGIS server at `path`) cannot be read:
    /// its geometry blob is broken, say.
    case badRow(path: String, table: String, fid: Int64, failure: RowFailure)
    /// A table that the registry keeps lacks a column ZoneAtlas needs (its schema was damaged or
    /// changed outside ZoneAtlas); nothing is read from it or written to it.
    case missingColumn(path: String, table: String, column: String)
    /// SQLite's `quick_check` finds the registry file damaged; nothing was written. `findings` are
    /// SQLite's first lines.
    case damaged(path: String, findings: [String])
    /// Another writer held the registry for longer than the lock timeout; nothing was written.
    case locked(path: String, seconds: Double)
    /// A `--map` assignment is not `field=property` with a known field.
    case badMapping(String, fields: [String])
    /// No entry has this id.
    case notFound(String)
    /// A revision or day names no state of the registry (`what` as the user gave it).
    case unknownRevision(String, reason: String)
    /// The operation was cancelled (its `WorkCancellation` raised); nothing was written.
    case cancelled(path: String)

    /// `error` as a registry error of the store or file at `path`: itself when it is one,
    /// ``cancelled(path:)`` for a `CancellationError`, else ``store(path:reason:)`` with its text.
    static func wrapping(_ error: any Error, at path: String) -> RegistryError {
        switch error {
        case let error as RegistryError: error
        case is CancellationError: .cancelled(path: path)
        default: .store(path: path, reason: "\(error)")
        }
    }

    /// A sentence naming the file, table, row or id concerned, and the cause.
    public var description: String {
        switch self {
        case let .invalidInput(results):
            let errors = results.reduce(0) { $0 + $1.problems.filter { $0.severity == .error }.count }
            let files = results.filter(\.hasErrors).map(\.file)
            return "nothing imported: \(errors) error\(errors == 1 ? "" : "s") in \(files.joined(separator: ", "))"
        case let .noFeatures(paths):
            return "\(paths.joined(separator: ", ")) hold\(paths.count == 1 ? "s" : "") no features"
        case let .unreadable(path, reason):
            return "cannot read \(path): \(reason)"
        case let .unmappable(file, feature, reason):
            return "\(file): feature \(feature): \(reason)"
        case let .duplicateID(layer, id, first, second):
            return "two \(layer.rawValue) in this import have the id \"\(id)\": \(first) and \(second)"
        case let .store(path, reason):
            return "registry \(path): \(reason)"
        case let .badRow(path, table, fid, failure):
            return "\(path): table \(table), fid \(fid): \(failure)"
        case let .missingColumn(path, table, column):
            return "registry \(path): table \(table) has no column \(column), which ZoneAtlas keeps there; "
                + "the registry's schema was damaged or changed outside ZoneAtlas: restore it from a copy"
        case let .damaged(path, findings):
            return "registry \(path): SQLite finds the file damaged (\(findings.prefix(3).joined(separator: "; "))); nothing was written; "
                + "restore it from a copy, or recover what can be read with `sqlite3 \(path) .recover`"
        case let .locked(path, seconds):
            return "registry \(path): another writer (zoneatlas, QGIS, GDAL) held it for more than \(String(format: "%g", seconds)) s; "
                + "nothing was written; try again, or wait longer with --lock-timeout"
        case let .badMapping(text, fields):
            return "'\(text)' is not field=property; fields: \(fields.joined(separator: ", "))"
        case let .notFound(id):
            return "no zone, commune or corridor has id '\(id)'"
        case let .unknownRevision(what, reason):
            return "no state of the registry at \(what): \(reason)"
        case let .cancelled(path):
            return "registry \(path): cancelled; nothing was written"
        }
    }
}
