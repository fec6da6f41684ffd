internal import Crypto
import GRDB
import GRDBSQLite

/// The SQL function `zoneatlas_sha256(blob)`: the SHA-256 of a geometry blob as a 32-byte blob
/// (NULL for NULL). A version still current keeps this digest in its history table instead of a
/// copy of the layer's geometry (``GeoPackageHistorySchema``), so that when a layer was changed
/// without its triggers (a table dropped and made again) ZoneAtlas can still tell which geometries
/// are the recorded ones.
///
/// It reads the blob where SQLite holds it, through SQLite's C API, as ``GeoPackageFunctions`` do.
enum GeometryDigest {
    static func register(in db: Database) {
        _ = sqlite3_create_function_v2(db.sqliteConnection, GeoPackageHistorySchema.digestFunction, 1,
                                       SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, { context, _, arguments in
            guard let argument = arguments?[0], sqlite3_value_type(argument) != SQLITE_NULL else {
                sqlite3_result_null(context)
                return
            }
            // sqlite3_value_blob gives NULL for an empty blob: its digest is that of no bytes.
            let bytes = UnsafeRawBufferPointer(start: sqlite3_value_blob(argument), count: Int(sqlite3_value_bytes(argument)))
            var hasher = SHA256()
            hasher.update(bufferPointer: bytes)
            hasher.finalize().withUnsafeBytes { digest in
                // SQLITE_TRANSIENT: SQLite copies the 32 bytes before the digest goes.
                sqlite3_result_blob(context, digest.baseAddress, Int32(digest.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            }
        }, nil, nil, nil)
    }
}
