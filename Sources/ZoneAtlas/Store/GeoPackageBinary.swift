import Foundation
import ZoneGeometry

/// The GeoPackage geometry encoding (OGC 12-128, §2.1.3): a header with magic `GP`, version, flags,
/// SRS id and envelope, followed by ISO WKB.
enum GeoPackageBinary {
    /// Encodes a 2D geometry with an x/y envelope, little-endian.
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
        data.append(contentsOf: try geometry.wkb(includeZ: false))
        return data
    }

    /// Decodes a geometry blob and returns it with its SRS id.
    static func decode(_ data: Data) throws(GeoPackageError) -> (geometry: Geometry, srsID: Int32) {
        let bytes = [UInt8](data)
        guard bytes.count >= 8, bytes[0] == 0x47, bytes[1] == 0x50 else { throw .badGeometry("the blob does not start with GP") }
        let flags = bytes[3]
        guard flags & 0b0010_0000 == 0 else { throw .badGeometry("extended GeoPackage geometries are not supported") }
        let littleEndian = flags & 1 == 1
        let envelopeSizes = [0, 32, 48, 48, 64]
        let envelopeCode = Int((flags >> 1) & 0b111)
        guard envelopeCode < envelopeSizes.count else { throw .badGeometry("envelope code \(envelopeCode) is not defined") }
        let raw = bytes[4..<8].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
        let srsID = Int32(bitPattern: littleEndian ? UInt32(littleEndian: raw) : UInt32(bigEndian: raw))
        let start = 8 + envelopeSizes[envelopeCode]
        guard bytes.count > start else { throw .badGeometry("the blob ends before its WKB") }
        do {
            return (try Geometry(wkb: Array(bytes[start...])), srsID)
        } catch {
            throw .badGeometry("\(error)")
        }
    }

    private static func append(_ value: Int32, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }
}

/// A GeoPackage whose content cannot be read.
public enum GeoPackageError: Error, Sendable, CustomStringConvertible {
    case badGeometry(String)
    case notAGeoPackage(String)

    public var description: String {
        switch self {
        case let .badGeometry(reason): "bad GeoPackage geometry: \(reason)"
        case let .notAGeoPackage(reason): "not a GeoPackage: \(reason)"
        }
    }
}
