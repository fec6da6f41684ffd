import Testing
import ZoneGeometry

/// Overlay and buffer; expected areas are hand calculation on unit squares.
struct OverlayTests {
    let a = try! Geometry(wkt: "POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))")
    let b = try! Geometry(wkt: "POLYGON ((1 1, 3 1, 3 3, 1 3, 1 1))")

    @Test func setOperations() throws {
        #expect(try a.intersection(b).area() == 1)
        #expect(try a.union(b).area() == 7)
        #expect(try a.difference(b).area() == 3)
        #expect(try a.symmetricDifference(b).area() == 6)
    }

    @Test func unionOfManyDissolvesSharedEdges() throws {
        let tiles = try (0..<4).map { i in
            try Geometry(wkt: "POLYGON ((\(i) 0, \(i + 1) 0, \(i + 1) 1, \(i) 1, \(i) 0))")
        }
        let strip = try Geometry.union(of: tiles)
        #expect(strip.type == .polygon)
        #expect(try strip.area() == 4)
        #expect(try strip.length() == 10)
        #expect(try Geometry.collection(tiles).type == .multiPolygon)
    }

    @Test func bufferCapsAndJoins() throws {
        let line = try Geometry(wkt: "LINESTRING (0 0, 10 0)")
        // Flat caps: a 10 x 2 rectangle.
        #expect(try line.buffer(1, style: BufferStyle(cap: .flat)).area() == 20)
        // Square caps: 12 x 2.
        #expect(try line.buffer(1, style: BufferStyle(cap: .square)).area() == 24)
        // A 2 x 2 square grown by 1 with mitred corners is a 4 x 4 square.
        #expect(try a.buffer(1, style: BufferStyle(join: .mitre(limit: 5))).area() == 16)
        // Bevelled corners cut four right triangles of legs 1: 16 − 4 × 0.5 = 14.
        #expect(try a.buffer(1, style: BufferStyle(join: .bevel)).area() == 14)
        // Shrinking: a negative buffer of 0.5 leaves a 1 x 1 square.
        #expect(try a.buffer(-0.5, style: BufferStyle(join: .mitre(limit: 5))).area() == 1)
        // Single-sided on the left of a line going east: a 10 x 1 strip above it.
        let left = try line.buffer(1, style: BufferStyle(cap: .flat, singleSided: true))
        #expect(abs(try left.area() - 10) < 1e-9)
        #expect(left.envelope == Envelope(minX: 0, minY: 0, maxX: 10, maxY: 1))
    }

    @Test func roundBufferApproachesACircle() throws {
        let point = try Geometry(wkt: "POINT (0 0)")
        // A regular polygon of 4 × 64 sides inscribed in the unit circle: (n/2)·sin(2π/n).
        let n = 256.0
        let expected = n / 2 * sin(2 * Double.pi / n)
        #expect(abs(try point.buffer(1, style: BufferStyle(quadrantSegments: 64)).area() - expected) < 1e-12)
    }

    @Test func polygonizeClosesOutlinesDrawnInPieces() throws {
        let pieces = try Geometry(wkt: "MULTILINESTRING ((0 0, 3 0, 3 3), (3 3, 0 3, 0 0), (10 10, 11 11))")
        let polygons = try Geometry.polygonize(pieces)
        #expect(polygons.partCount == 1)
        #expect(try polygons.area() == 9)
    }
}

private func sin(_ x: Double) -> Double {
    // Taylor series to full double precision for the small angle used above.
    var term = x, sum = x
    for k in 1..<12 {
        term *= -x * x / Double((2 * k) * (2 * k + 1))
        sum += term
    }
    return sum
}
