import Testing
import ZoneGeometry

/// Planar measures; every expected value is hand calculation on simple shapes.
struct MeasureTests {
    @Test func areaLengthAndEnvelopeOfASquareWithAHole() throws {
        // 4 x 4 square less a 1 x 2 hole: area 16 − 2 = 14; perimeter 16 + 6 = 22.
        let g = try Geometry(wkt: "POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 3, 2 3, 2 1, 1 1))")
        #expect(try g.area() == 14)
        #expect(try g.length() == 22)
        #expect(g.envelope == Envelope(minX: 0, minY: 0, maxX: 4, maxY: 4))
        #expect(!g.isEmpty)
    }

    @Test func linesHaveLengthNoArea() throws {
        let g = try Geometry(wkt: "LINESTRING (0 0, 3 4, 3 10)")
        #expect(try g.length() == 11)  // 5 + 6
        #expect(try g.area() == 0)
    }

    @Test func centroidAndPointOnSurface() throws {
        // An L of three unit squares: (0..2, 0..1) plus (0..1, 1..2).
        // Centroid by hand: x = (2*1 + 1*0.5)/3 = 5/6, y = (2*0.5 + 1*1.5)/3 = 5/6.
        let l = try Geometry(wkt: "POLYGON ((0 0, 2 0, 2 1, 1 1, 1 2, 0 2, 0 0))")
        let c = try #require(try l.centroid().point)
        #expect(abs(c.x - 5.0 / 6) < 1e-12 && abs(c.y - 5.0 / 6) < 1e-12)
        let inside = try l.pointOnSurface()
        #expect(try l.contains(inside))
    }

    @Test func distanceBetweenShapes() throws {
        let a = try Geometry(wkt: "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))")
        let b = try Geometry(wkt: "POINT (4 5)")
        #expect(try a.distance(to: b) == 5)  // from (1, 1): a 3-4-5 triangle
    }

    @Test func emptyGeometryHasNoEnvelope() throws {
        let g = try Geometry(wkt: "POLYGON EMPTY")
        #expect(g.isEmpty)
        #expect(g.envelope == nil)
        #expect(try g.area() == 0)
    }

    @Test func boundaryOfPolygonIsItsRing() throws {
        let g = try Geometry(wkt: "POLYGON ((0 0, 3 0, 3 3, 0 3, 0 0))")
        let ring = try g.boundary()
        #expect(ring.type == .lineString)
        #expect(try ring.length() == 12)
    }
}
