import Foundation
import GRDB
import GRDBSQLite

/// The SQL functions that the GeoPackage R-tree triggers call (`ST_IsEmpty`, `ST_MinX`, `ST_MaxX`,
/// `ST_MinY`, `ST_MaxY`; GeoPackage 1.3 Annex F.3). GDAL and QGIS register their own; a ZoneAtlas
/// connection registers these, so that the triggers keep the spatial index in step when ZoneAtlas
/// writes rows too.
///
/// They run five times for every row written, so they are registered through SQLite's C API and
/// read the blob where SQLite holds it: only the 8-byte header and the envelope after it are
/// touched. (GRDB's `DatabaseFunction` would copy the whole blob into a `Data` for each call.) A
/// blob whose header has no envelope is decoded to measure its geometry.
enum GeoPackageFunctions {
    static func register(in db: Database) {
        let functions: [(String, @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void)] = [
            ("ST_IsEmpty", { context, _, arguments in GeoPackageFunctions.answer(context, arguments, .isEmpty) }),
            ("ST_MinX", { context, _, arguments in GeoPackageFunctions.answer(context, arguments, .minX) }),
            ("ST_MaxX", { context, _, arguments in GeoPackageFunctions.answer(context, arguments, .maxX) }),
            ("ST_MinY", { context, _, arguments in GeoPackageFunctions.answer(context, arguments, .minY) }),
            ("ST_MaxY", { context, _, arguments in GeoPackageFunctions.answer(context, arguments, .maxY) }),
        ]
        for (name, function) in functions {
            // SQLITE_DETERMINISTIC: the same blob always gives the same answer. The return code is
            // SQLITE_OK unless SQLite is out of memory, which the triggers' next call reports.
            _ = sqlite3_create_function_v2(db.sqliteConnection, name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil,
                                           function, nil, nil, nil)
        }
    }

    /// What one of the functions answers.
    private enum Question {
        case isEmpty, minX, maxX, minY, maxY

        /// The answer from a header; `nil` is SQL NULL.
        func answer(_ header: Header) -> Double? {
            switch self {
            case .isEmpty: header.isEmpty ? 1 : 0
            case .minX: header.bounds?.minX
            case .maxX: header.bounds?.maxX
            case .minY: header.bounds?.minY
            case .maxY: header.bounds?.maxY
            }
        }
    }

    /// Sets the function's result from the header of its one argument: SQL NULL for a NULL
    /// argument, an SQL error naming what is wrong for a malformed blob.
    private static func answer(_ context: OpaquePointer?, _ arguments: UnsafeMutablePointer<OpaquePointer?>?, _ question: Question) {
        guard let argument = arguments?[0], sqlite3_value_type(argument) != SQLITE_NULL else {
            sqlite3_result_null(context)
            return
        }
        let count = Int(sqlite3_value_bytes(argument))
        guard let start = sqlite3_value_blob(argument) else {
            sqlite3_result_error(context, "the geometry is an empty blob", -1)
            return
        }
        do {
            guard let result = question.answer(try header(UnsafeRawBufferPointer(start: start, count: count))) else {
                sqlite3_result_null(context)
                return
            }
            if question == .isEmpty {
                sqlite3_result_int(context, Int32(result))
            } else {
                sqlite3_result_double(context, result)
            }
        } catch {
            sqlite3_result_error(context, error.description, -1)
        }
    }

    struct Bounds {
        var minX, maxX, minY, maxY: Double
    }

    /// What a geometry blob's header says.
    struct Header {
        var isEmpty: Bool
        /// The envelope; `nil` for an empty geometry.
        var bounds: Bounds?
    }

    /// The envelope and emptiness a geometry blob declares.
    static func header(_ blob: UnsafeRawBufferPointer) throws(GeoPackageError) -> Header {
        guard blob.count >= 8, blob[0] == 0x47, blob[1] == 0x50 else {
            throw .badGeometry("the blob does not start with GP")
        }
        let flags = blob[3]
        let isEmpty = flags & 0b0001_0000 != 0
        let envelopeCode = Int((flags >> 1) & 0b111)
        if isEmpty { return Header(isEmpty: true, bounds: nil) }
        guard envelopeCode != 0 else {
            // No envelope in the header: measure the geometry itself.
            let envelope = try GeoPackageBinary.decode(Data(blob)).geometry.envelope
            return Header(isEmpty: envelope == nil,
                          bounds: envelope.map { Bounds(minX: $0.minX, maxX: $0.maxX, minY: $0.minY, maxY: $0.maxY) })
        }
        guard blob.count >= 8 + 32 else { throw .badGeometry("the blob ends inside its envelope") }
        let littleEndian = flags & 1 == 1
        func value(_ index: Int) -> Double {
            let bits = blob.loadUnaligned(fromByteOffset: 8 + index * 8, as: UInt64.self)
            return Double(bitPattern: littleEndian ? UInt64(littleEndian: bits) : UInt64(bigEndian: bits))
        }
        return Header(isEmpty: false, bounds: Bounds(minX: value(0), maxX: value(1), minY: value(2), maxY: value(3)))
    }
}
