import Testing
@testable import ZoneGeometry

/// The quick validity answer for one-ring polygons must never call valid what GEOS calls invalid:
/// checked against GEOS's own validity (the oracle) on hand-drawn and random rings.
struct SimpleShellTests {
    @Test func handDrawnRings() throws {
        #expect(try Geometry(wkt: "POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))").isCertainlyValidSimplePolygon)
        #expect(try Geometry(wkt: "POLYGON ((0 0, 4 0, 4 0, 4 4, 0 4, 0 0))").isCertainlyValidSimplePolygon)  // repeated vertex
        #expect(try !Geometry(wkt: "POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))").isCertainlyValidSimplePolygon)      // bow-tie
        #expect(try !Geometry(wkt: "POLYGON ((0 0, 4 0, 4 4, 2 0, 0 4, 0 0))").isCertainlyValidSimplePolygon) // touches itself
        #expect(try !Geometry(wkt: "POLYGON ((0 0, 4 0, 6 0, 4 0, 4 4, 0 4, 0 0))").isCertainlyValidSimplePolygon) // spike
        #expect(try !Geometry(wkt: "POLYGON ((0 0, 1 0, 2 0, 0 0))").isCertainlyValidSimplePolygon)           // no area
        #expect(try !Geometry(wkt: "POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 2, 2 2, 1 1))").isCertainlyValidSimplePolygon) // a hole: GEOS decides
        #expect(try Geometry(wkt: "POLYGON ((0 0, 0 4, 4 4, 4 0, 0 0))").isValid)
        #expect(try !Geometry(wkt: "POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))").isValid)
    }

    @Test func neverValidWhereGEOSSaysInvalid() throws {
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var quick = 0, invalid = 0
        for _ in 0..<3000 {
            // Rings of 4 to 8 vertices on a 5 × 5 grid: many cross, touch, fold or repeat.
            let count = 3 + next(6)
            var points = (0..<count).map { _ in Coordinate(Double(next(5)), Double(next(5))) }
            points.append(points[0])
            let polygon = try Geometry(.polygon([points]))
            let geosValid = try polygon.validity().isValid
            if polygon.isCertainlyValidSimplePolygon {
                quick += 1
                #expect(geosValid, "\(polygon)")
            }
            if !geosValid { invalid += 1 }
        }
        // Both answers occur often enough for the comparison to mean something.
        #expect(quick > 300 && invalid > 300)
    }
}
