import Foundation
import Testing
import ZoneAtlas
import ZoneGeometry

/// GeoPackage geometry blobs built by hand, byte by byte (OGC 12-128 §2.1.3 and ISO WKB), and blobs
/// that GDAL's ogr2ogr writes. A crafted blob is a typed `GeoPackageError`, never a crash.
struct GeoPackageBinaryTests {
    /// A little-endian GeoPackage header without envelope, SRS 4326.
    static let header: [UInt8] = [0x47, 0x50, 0x00, 0x01] + le(UInt32(4326))

    static func le(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }
    static func le(_ value: Double) -> [UInt8] { withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } }
    static func be(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian) { Array($0) } }
    static func be(_ value: Double) -> [UInt8] { withUnsafeBytes(of: value.bitPattern.bigEndian) { Array($0) } }

    /// ISO WKB, little-endian.
    static func point(_ x: Double, _ y: Double) -> [UInt8] { [1] + le(UInt32(1)) + le(x) + le(y) }
    static func collection(_ type: UInt32, _ members: [[UInt8]]) -> [UInt8] {
        [1] + le(type) + le(UInt32(members.count)) + members.flatMap { $0 }
    }

    func reason(_ blob: [UInt8]) -> String? {
        do {
            _ = try GeoPackageBinary.decode(Data(blob))
            return nil
        } catch {
            guard case let .badGeometry(reason) = error else { return "not badGeometry: \(error)" }
            return reason
        }
    }

    @Test func deeplyNestedCollectionsAreRefusedNotAStackOverflow() throws {
        // 20,000 GeometryCollections, each holding the next, around one point.
        var wkb = Self.point(106.7, 20.8)
        let opening = [UInt8]([1]) + Self.le(UInt32(7)) + Self.le(UInt32(1))
        wkb = Array(repeating: opening, count: 20_000).flatMap { $0 } + wkb
        let refused = try #require(reason(Self.header + wkb))
        #expect(refused.contains("nested more than \(GeoPackageBinary.maximumDepth) deep"), "\(refused)")
        // The limit itself is accepted: 32 collections deep.
        var nested = Self.point(106.7, 20.8)
        for _ in 0..<GeoPackageBinary.maximumDepth { nested = Self.collection(7, [nested]) }
        #expect(reason(Self.header + nested) == nil)
        #expect(reason(Self.header + Self.collection(7, [nested])) != nil)
    }

    @Test func handMadeBlobsDecode() throws {
        // Big-endian header with an [minx, maxx, miny, maxy] envelope, big-endian WKB point.
        let blob: [UInt8] = [0x47, 0x50, 0x00, 0b0000_0010] + Self.be(UInt32(4326))
            + [106.7, 106.7, 20.8, 20.8].flatMap { Self.be($0) } + [0] + Self.be(UInt32(1)) + Self.be(106.7) + Self.be(20.8)
        let (geometry, srsID) = try GeoPackageBinary.decode(Data(blob))
        #expect(srsID == 4326)
        #expect(try geometry.equalsExactly(try Geometry(wkt: "POINT (106.7 20.8)")))
        // A MultiPolygon of one triangle.
        let ring = Self.le(UInt32(4)) + [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (0.0, 0.0)].flatMap { Self.le($0.0) + Self.le($0.1) }
        let polygon: [UInt8] = [1] + Self.le(UInt32(3)) + Self.le(UInt32(1)) + ring
        let multi = try GeoPackageBinary.decode(Data(Self.header + Self.collection(6, [polygon]))).geometry
        #expect(try multi.equalsExactly(try Geometry(wkt: "MULTIPOLYGON (((0 0, 1 0, 0 1, 0 0)))")))
        // The empty GeometryCollection.
        #expect(try GeoPackageBinary.decode(Data(Self.header + Self.collection(7, []))).geometry.isEmpty)
    }

    @Test func everyTruncationIsATypedError() throws {
        let ring = Self.le(UInt32(4)) + [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (0.0, 0.0)].flatMap { Self.le($0.0) + Self.le($0.1) }
        let polygon: [UInt8] = [1] + Self.le(UInt32(3)) + Self.le(UInt32(1)) + ring
        let blob = Self.header + Self.collection(7, [Self.collection(6, [polygon, polygon]), Self.point(1, 2)])
        #expect(reason(blob) == nil)
        for length in 0..<blob.count {
            #expect(reason(Array(blob.prefix(length))) != nil, "\(length) bytes")
        }
    }

    @Test(arguments: [
        // (what, blob, words in the reason)
        ("no magic", [UInt8]([0x47, 0x51, 0, 1, 0, 0, 0, 0]) + point(0, 0), "does not start with GP"),
        ("version 1", [UInt8]([0x47, 0x50, 1, 1, 0, 0, 0, 0]) + point(0, 0), "version 1"),
        ("reserved flags", [UInt8]([0x47, 0x50, 0, 0b0100_0001, 0, 0, 0, 0]) + point(0, 0), "reserved"),
        ("extended", [UInt8]([0x47, 0x50, 0, 0b0010_0001, 0, 0, 0, 0]) + point(0, 0), "extended"),
        ("envelope code 5", [UInt8]([0x47, 0x50, 0, 0b0000_1011, 0, 0, 0, 0]) + point(0, 0), "envelope code 5"),
        ("envelope past the end", [UInt8]([0x47, 0x50, 0, 0b0000_1001, 0, 0, 0, 0]) + point(0, 0), "ends before its WKB"),
        ("byte order 2", header + [2] + le(UInt32(1)) + le(0.0) + le(0.0), "byte order 2"),
        ("type 99", header + [1] + le(UInt32(99)) + le(0.0) + le(0.0), "type 99"),
        ("type 4001", header + [1] + le(UInt32(4001)) + le(0.0) + le(0.0), "type code 4001"),
        ("4 billion points", header + [1] + le(UInt32(2)) + le(UInt32.max) + le(0.0) + le(0.0), "4294967295 points cannot fit"),
        ("4 billion rings", header + [1] + le(UInt32(3)) + le(UInt32.max), "4294967295 rings cannot fit"),
        ("4 billion members", header + [1] + le(UInt32(7)) + le(UInt32.max) + point(0, 0), "4294967295 members cannot fit"),
        ("a point in a MultiPolygon", header + collection(6, [point(0, 0)]), "needs type 3"),
        ("bytes after the end", header + point(0, 0) + [0], "1 bytes follow"),
        ("an SRID inside", header + collection(7, [[1] + le(UInt32(0x2000_0001)) + le(UInt32(4326)) + le(0.0) + le(0.0)]), "SRID inside"),
    ] as [(String, [UInt8], String)])
    func oddBlobsAreTypedErrors(what: String, blob: [UInt8], words: String) {
        let refused = reason(blob)
        #expect(refused?.contains(words) == true, "\(what): \(refused ?? "accepted")")
    }

    /// What ogr2ogr writes (GDAL, little-endian, with envelopes, ISO WKB for Z) decodes to the
    /// geometries it was given; the blobs are read back with `ogrinfo -sql "SELECT hex(geom)"`.
    @Test func blobsThatOgr2ogrWrites() throws {
        let shapes = [
            "POINT (106.7 20.8)",
            "LINESTRING (106.6 20.8, 106.7 20.85, 106.8 20.8)",
            "POLYGON ((106.6 20.8, 106.7 20.8, 106.7 20.9, 106.6 20.9, 106.6 20.8), (106.62 20.82, 106.62 20.84, 106.64 20.84, 106.62 20.82))",
            "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2)))",
            "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))",
            "POLYGON Z ((0 0 5, 1 0 5, 1 1 6, 0 0 5))",
        ]
        let directory = try Paths.temporaryDirectory()
        let csv = directory.appendingPathComponent("shapes.csv")
        try Data(("id,WKT\n" + shapes.enumerated().map { "\($0.offset),\"\($0.element)\"" }.joined(separator: "\n") + "\n").utf8).write(to: csv)
        let gpkg = directory.appendingPathComponent("shapes.gpkg").path
        let converted = try Paths.run("ogr2ogr", ["-f", "GPKG", "-nln", "shapes", "-nlt", "GEOMETRY", "-dim", "XYZ", gpkg, csv.path,
                                                  "-oo", "GEOM_POSSIBLE_NAMES=WKT", "-oo", "KEEP_GEOM_COLUMNS=NO"])
        #expect(converted.status == 0)
        let dump = try Paths.run("ogrinfo", ["-q", "-sql", "SELECT id, hex(geom) AS blob FROM shapes ORDER BY fid", gpkg])
        let blobs = dump.output.split(separator: "\n").compactMap { line -> [UInt8]? in
            guard let range = line.range(of: "blob (String) = ") else { return nil }
            let hex = Array(line[range.upperBound...].utf8)
            return stride(from: 0, to: hex.count - 1, by: 2).compactMap { UInt8(String(decoding: hex[$0...$0 + 1], as: UTF8.self), radix: 16) }
        }
        try #require(blobs.count == shapes.count, "\(dump.output)")
        for (blob, wkt) in zip(blobs, shapes) {
            let (geometry, _) = try GeoPackageBinary.decode(Data(blob))
            let expected = try Geometry(wkt: wkt)
            #expect(try geometry.equalsExactly(expected), "\(wkt)")
        }
    }
}
