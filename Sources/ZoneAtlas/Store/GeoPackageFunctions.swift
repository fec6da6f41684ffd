import Foundation
import GRDB

/// The SQL functions that the GeoPackage R-tree triggers call (`ST_IsEmpty`, `ST_MinX`, `ST_MaxX`,
/// `ST_MinY`, `ST_MaxY`; GeoPackage 1.3 Annex F.3). GDAL and QGIS register their own; a ZoneAtlas
/// connection registers these, so that the triggers keep the spatial index in step when ZoneAtlas
/// writes rows too. Each reads the envelope from the blob's header, decoding the WKB only when the
/// header has none.
enum GeoPackageFunctions {
    static func register(in db: Database) {
        db.add(function: DatabaseFunction("ST_IsEmpty", argumentCount: 1, pure: true) { arguments in
            guard let blob = Data.fromDatabaseValue(arguments[0]) else { return nil }
            return try header(blob).isEmpty
        })
        let bounds: [(String, @Sendable (Bounds) -> Double)] = [("ST_MinX", { $0.minX }), ("ST_MaxX", { $0.maxX }),
                                                                 ("ST_MinY", { $0.minY }), ("ST_MaxY", { $0.maxY })]
        for (name, value) in bounds {
            db.add(function: DatabaseFunction(name, argumentCount: 1, pure: true) { arguments in
                guard let blob = Data.fromDatabaseValue(arguments[0]), let bounds = try header(blob).bounds else { return nil }
                return value(bounds)
            })
        }
    }

    struct Bounds {
        var minX, maxX, minY, maxY: Double
    }

    /// The envelope and emptiness a geometry blob declares.
    static func header(_ blob: Data) throws(GeoPackageError) -> (isEmpty: Bool, bounds: Bounds?) {
        guard blob.count >= 8, blob[blob.startIndex] == 0x47, blob[blob.startIndex + 1] == 0x50 else {
            throw .badGeometry("the blob does not start with GP")
        }
        let flags = blob[blob.startIndex + 3]
        let isEmpty = flags & 0b0001_0000 != 0
        let envelopeCode = Int((flags >> 1) & 0b111)
        if isEmpty { return (true, nil) }
        guard envelopeCode != 0 else {
            // No envelope in the header: measure the geometry itself.
            let envelope = try GeoPackageBinary.decode(blob).geometry.envelope
            return (envelope == nil, envelope.map { Bounds(minX: $0.minX, maxX: $0.maxX, minY: $0.minY, maxY: $0.maxY) })
        }
        guard blob.count >= 8 + 32 else { throw .badGeometry("the blob ends inside its envelope") }
        let littleEndian = flags & 1 == 1
        let values = blob.withUnsafeBytes { raw in
            (0..<4).map { index -> Double in
                let bits = raw.loadUnaligned(fromByteOffset: 8 + index * 8, as: UInt64.self)
                return Double(bitPattern: littleEndian ? UInt64(littleEndian: bits) : UInt64(bigEndian: bits))
            }
        }
        return (false, Bounds(minX: values[0], maxX: values[1], minY: values[2], maxY: values[3]))
    }
}
