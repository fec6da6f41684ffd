import Foundation
import ZoneGeometry

/// The GeoPackage geometry encoding (OGC 12-128, §2.1.3): a header with magic `GP`, version, flags,
/// SRS id and envelope, followed by ISO WKB.
public enum GeoPackageBinary {
    /// Encodes a 2D geometry with an x/y envelope, little-endian. Polygons and lines are written as
    /// the multi-geometries the registry's columns declare (a Polygon as a one-part MultiPolygon).
    static func encode(_ geometry: Geometry, srsID: Int32) throws(GeometryError) -> Data {
        var data = Data([0x47, 0x50, 0x00])
        guard let envelope = geometry.envelope else {
            // Empty: no envelope, empty flag (bit 4) set, little-endian (bit 0).
            data.append(0b0001_0001)
            append(srsID, to: &data)
            data.append(contentsOf: try geometry.wkb(includeZ: false))
            return data
        }
        // Envelope code 1 ([minx, maxx, miny, maxy]) in bits 1–3, little-endian in bit 0.
        data.append(0b0000_0011)
        append(srsID, to: &data)
        for value in [envelope.minX, envelope.maxX, envelope.minY, envelope.maxY] {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        if let multi = try multiWKB(geometry) {
            data.append(contentsOf: multi)
        } else {
            data.append(contentsOf: try geometry.wkb(includeZ: false))
        }
        return data
    }

    /// The 2D ISO WKB of a polygonal geometry as a MultiPolygon, or of a lineal one as a
    /// MultiLineString, written straight from its coordinates; `nil` for any other type.
    static func multiWKB(_ geometry: Geometry) throws(GeometryError) -> [UInt8]? {
        let polygonal: Bool
        switch geometry.type {
        case .polygon, .multiPolygon: polygonal = true
        case .lineString, .multiLineString: polygonal = false
        default: return nil
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(9 + 16 * geometry.coordinateCount + 64)
        func put(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        func patch(_ offset: Int, _ value: UInt32) {
            withUnsafeBytes(of: value.littleEndian) { for (i, byte) in $0.enumerated() { bytes[offset + i] = byte } }
        }
        // Header of the multi-geometry: byte order, type (6 MultiPolygon, 5 MultiLineString), part count.
        bytes.append(1)
        put(polygonal ? 6 : 5)
        let partCountAt = bytes.count
        put(0)
        var parts: UInt32 = 0
        var ringCountAt = 0, rings: UInt32 = 0
        try geometry.forEachPath { path in
            if path.role != .hole {
                if polygonal && parts > 0 { patch(ringCountAt, rings) }
                parts += 1
                bytes.append(1)
                put(polygonal ? 3 : 2)
                if polygonal {
                    ringCountAt = bytes.count
                    put(0)
                    rings = 0
                }
            }
            rings += 1
            let count = path.x.count
            put(UInt32(count))
            // The positions, x then y, 16 bytes each, stored in place.
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: 16 * count))
            bytes.withUnsafeMutableBytes { raw in
                for index in 0..<count {
                    raw.storeBytes(of: path.x[index].bitPattern.littleEndian, toByteOffset: start + 16 * index, as: UInt64.self)
                    raw.storeBytes(of: path.y[index].bitPattern.littleEndian, toByteOffset: start + 16 * index + 8, as: UInt64.self)
                }
            }
        }
        if polygonal && parts > 0 { patch(ringCountAt, rings) }
        patch(partCountAt, parts)
        return bytes
    }

    /// Decodes a geometry blob and returns it with its SRS id.
    ///
    /// The header and the WKB's structure — byte orders, geometry types, nesting depth (at most
    /// ``maximumDepth``) and every count against the bytes left — are checked before GEOS reads it,
    /// so a crafted blob is a typed error, never a stack overflow or a huge allocation.
    /// - Throws: ``GeoPackageError/badGeometry(_:)`` saying what is wrong and at which byte.
    public static func decode(_ data: Data) throws(GeoPackageError) -> (geometry: Geometry, srsID: Int32) {
        let bytes = [UInt8](data)
        guard bytes.count >= 8, bytes[0] == 0x47, bytes[1] == 0x50 else { throw .badGeometry("the blob does not start with GP and an 8-byte header") }
        guard bytes[2] == 0 else { throw .badGeometry("GeoPackage geometry version \(bytes[2]) is not supported (only 0, version 1)") }
        let flags = bytes[3]
        guard flags & 0b1100_0000 == 0 else { throw .badGeometry("reserved header flag bits are set (flags 0x\(String(flags, radix: 16)))") }
        guard flags & 0b0010_0000 == 0 else { throw .badGeometry("extended GeoPackage geometries are not supported") }
        let littleEndian = flags & 1 == 1
        let envelopeSizes = [0, 32, 48, 48, 64]
        let envelopeCode = Int((flags >> 1) & 0b111)
        guard envelopeCode < envelopeSizes.count else { throw .badGeometry("envelope code \(envelopeCode) is not defined") }
        let raw = bytes[4..<8].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
        let srsID = Int32(bitPattern: littleEndian ? UInt32(littleEndian: raw) : UInt32(bigEndian: raw))
        let start = 8 + envelopeSizes[envelopeCode]
        guard bytes.count > start else { throw .badGeometry("the blob (\(bytes.count) bytes) ends before its WKB at byte \(start)") }
        let wkb = Array(bytes[start...])
        do {
            var reader = WKBStructure(wkb, offset: start)
            try reader.check()
        } catch {
            throw .badGeometry(error.reason)
        }
        do {
            return (try Geometry(wkb: wkb), srsID)
        } catch {
            throw .badGeometry("\(error)")
        }
    }

    /// The deepest nesting of collections accepted in a blob (a MultiPolygon is depth 2): far more
    /// than any real geometry, far less than what would exhaust GEOS's recursive reader.
    public static let maximumDepth = 32

    private static func append(_ value: Int32, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }
}

/// Walks the structure of a WKB geometry without building it: ISO (`1001` …) or extended
/// (`0x80000001` …) type codes with either byte order in every part, counts that fit in the bytes
/// left, members of the type their multi-geometry demands, nesting within
/// ``GeoPackageBinary/maximumDepth``, and no bytes after the end.
private struct WKBStructure {
    struct Failure: Error {
        let reason: String
    }

    private let bytes: [UInt8]
    /// Where the WKB starts in the blob, so that reasons name the blob's byte offsets.
    private let offset: Int
    private var position = 0

    init(_ bytes: [UInt8], offset: Int) {
        self.bytes = bytes
        self.offset = offset
    }

    mutating func check() throws(Failure) {
        try geometry(depth: 0, expected: nil)
        guard position == bytes.count else {
            throw fail("\(bytes.count - position) bytes follow the end of the WKB", at: position)
        }
    }

    private func fail(_ reason: String, at index: Int) -> Failure {
        Failure(reason: "\(reason) (at byte \(offset + index))")
    }

    /// One geometry; `expected` is the member type a multi-geometry requires.
    private mutating func geometry(depth: Int, expected: UInt32?) throws(Failure) {
        let start = position
        guard bytes.count - position >= 5 else { throw fail("the WKB ends inside a geometry header", at: position) }
        let order = bytes[position]
        guard order <= 1 else { throw fail("byte order \(order) is neither 0 (big-endian) nor 1 (little-endian)", at: position) }
        let littleEndian = order == 1
        position += 1
        let code = try uint32(littleEndian)
        var dimensions = 2
        if code & 0x8000_0000 != 0 { dimensions += 1 }
        if code & 0x4000_0000 != 0 { dimensions += 1 }
        if code & 0x2000_0000 != 0 {
            guard depth == 0 else { throw fail("an SRID inside a collection member", at: start) }
            _ = try uint32(littleEndian)
        }
        let iso = code & 0x0FFF_FFFF
        let type = iso % 1000
        switch iso / 1000 {
        case 0: break
        case 1, 2: dimensions += 1
        case 3: dimensions += 2
        default: throw fail("geometry type code \(code) is not defined", at: start)
        }
        guard dimensions <= 4 else { throw fail("geometry type code \(code) has more than four dimensions", at: start) }
        if let expected, type != expected {
            throw fail("a member of type \(type) where its multi-geometry needs type \(expected)", at: start)
        }
        let pointBytes = 8 * dimensions
        switch type {
        case 1:
            try skip(pointBytes, "a point")
        case 2:
            try points(littleEndian, pointBytes)
        case 3:
            let rings = try count(littleEndian, minimumBytes: 4, "rings")
            for _ in 0..<rings { try points(littleEndian, pointBytes) }
        case 4, 5, 6, 7:
            guard depth < GeoPackageBinary.maximumDepth else {
                throw fail("collections are nested more than \(GeoPackageBinary.maximumDepth) deep", at: start)
            }
            let members = try count(littleEndian, minimumBytes: 5, "members")
            let memberType: UInt32? = type == 7 ? nil : type - 3
            for _ in 0..<members { try geometry(depth: depth + 1, expected: memberType) }
        default:
            throw fail("geometry type \(type) is not supported (only Point … GeometryCollection)", at: start)
        }
    }

    private mutating func points(_ littleEndian: Bool, _ pointBytes: Int) throws(Failure) {
        let count = try count(littleEndian, minimumBytes: pointBytes, "points")
        try skip(count * pointBytes, "\(count) points")
    }

    /// A count of elements each at least `minimumBytes` long, refused when they cannot fit in the bytes left.
    private mutating func count(_ littleEndian: Bool, minimumBytes: Int, _ what: String) throws(Failure) -> Int {
        let at = position
        let value = Int(try uint32(littleEndian))
        let left = bytes.count - position
        guard value <= left / minimumBytes else {
            throw fail("\(value) \(what) cannot fit in the \(left) bytes left", at: at)
        }
        return value
    }

    private mutating func uint32(_ littleEndian: Bool) throws(Failure) -> UInt32 {
        guard bytes.count - position >= 4 else { throw fail("the WKB ends inside a 4-byte integer", at: position) }
        let raw = bytes[position..<position + 4].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
        position += 4
        return littleEndian ? UInt32(littleEndian: raw) : UInt32(bigEndian: raw)
    }

    private mutating func skip(_ count: Int, _ what: String) throws(Failure) {
        guard bytes.count - position >= count else { throw fail("the WKB ends inside \(what)", at: position) }
        position += count
    }
}

/// A GeoPackage whose content cannot be read.
public enum GeoPackageError: Error, Sendable, CustomStringConvertible {
    /// A geometry blob that cannot be decoded; the reason says why.
    case badGeometry(String)

    /// `bad GeoPackage geometry: REASON`.
    public var description: String {
        switch self {
        case let .badGeometry(reason): "bad GeoPackage geometry: \(reason)"
        }
    }
}
