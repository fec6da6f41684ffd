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

    @Test func hausdorffDistanceOfAGrownSquare() throws {
        // A 4 x 4 square grown east by 2: the new corners (6, 0) and (6, 4) lie 2 from the old square.
        let old = try Geometry(wkt: "POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))")
        let grown = try Geometry(wkt: "POLYGON ((0 0, 6 0, 6 4, 0 4, 0 0))")
        #expect(try old.hausdorffDistance(to: grown) == 2)
        // A bump in the middle of an edge, between vertices: (2, 5) is 1 from the old top edge. At the
        // vertices alone both shapes' points lie within 1; densified the same.
        let bumped = try Geometry(wkt: "POLYGON ((0 0, 4 0, 4 4, 2 5, 0 4, 0 0))")
        #expect(try old.hausdorffDistance(to: bumped) == 1)
        // What lies between vertices: the line (0 0, 10 0) against its two ends (0 0, 1 0) and (9 0, 10 0).
        // Every vertex of each lies on the other (distance 0); the line's midpoint (5, 0), which
        // densifying in halves adds, lies 4 from the nearest end.
        let line = try Geometry(wkt: "LINESTRING (0 0, 10 0)"), ends = try Geometry(wkt: "MULTILINESTRING ((0 0, 1 0), (9 0, 10 0))")
        #expect(try line.hausdorffDistance(to: ends) == 0)
        #expect(try line.hausdorffDistance(to: ends, densifyFraction: 0.5) == 4)
    }

    /// Shapes where the early-breaking search must find what comparing every point with every
    /// segment finds: a 40-point star against the same star moved and turned (with a hole, and
    /// with a far second part), two polylines, and a polygon against a line. Expected values:
    /// GEOS's own brute-force GEOSHausdorffDistance(Densify), called through Debian's
    /// python3-shapely 1.8.5 once while writing this test (/tmp script, not kept).
    @Test(arguments: [
        (nil, [131.89293052207145, 5.21079410945635, 1.4142135623730951, 10.000000325925445]),
        (0.1, [131.89293052207145, 5.21079410945635, 4.604345773288535, 10.000000325925445]),
        (0.25, [131.89293052207145, 5.21079410945635, 3.8890872965260113, 10.000000325925445]),
        (0.5, [131.89293052207145, 5.21079410945635, 3.8890872965260113, 10.000000325925445]),
        (1.0, [131.89293052207145, 5.21079410945635, 1.4142135623730951, 10.000000325925445]),
    ] as [(Double?, [Double])])
    func hausdorffDistanceAsGEOSComputesIt(densifyFraction: Double?, expected: [Double]) throws {
        let star = try Geometry(wkt: "POLYGON ((10.0 0.0, 5.92613 0.938607, 9.510565 3.09017, 5.346039 2.723943, 8.09017 5.877853, 4.242641 4.242641, 5.877853 8.09017, 2.723943 5.346039, 3.09017 9.510565, 0.938607 5.92613, 0.0 10.0, -0.938607 5.92613, -3.09017 9.510565, -2.723943 5.346039, -5.877853 8.09017, -4.242641 4.242641, -8.09017 5.877853, -5.346039 2.723943, -9.510565 3.09017, -5.92613 0.938607, -10.0 0.0, -5.92613 -0.938607, -9.510565 -3.09017, -5.346039 -2.723943, -8.09017 -5.877853, -4.242641 -4.242641, -5.877853 -8.09017, -2.723943 -5.346039, -3.09017 -9.510565, -0.938607 -5.92613, -0.0 -10.0, 0.938607 -5.92613, 3.09017 -9.510565, 2.723943 -5.346039, 5.877853 -8.09017, 4.242641 -4.242641, 8.09017 -5.877853, 5.346039 -2.723943, 9.510565 -3.09017, 5.92613 -0.938607, 10.0 0.0))")
        let movedWithFarPart = try Geometry(wkt: "MULTIPOLYGON (((10.661947 0.571557, 6.521774 1.151531, 9.905049 3.607311, 5.788289 2.879516, 8.247096 6.26059, 4.556726 4.296267, 5.850381 8.271673, 2.94764 5.263103, 2.949511 9.443701, 1.118539 5.685384, -0.171557 9.661947, -0.751531 5.521774, -3.207311 8.905049, -2.479516 4.788289, -5.86059 7.247096, -3.896267 3.556726, -7.871673 4.850381, -4.863103 1.94764, -9.043701 1.949511, -5.285384 0.118539, -9.261947 -1.171557, -5.121774 -1.751531, -8.505049 -4.207311, -4.388289 -3.479516, -6.847096 -6.86059, -3.156726 -4.896267, -4.450381 -8.871673, -1.54764 -5.863103, -1.549511 -10.043701, 0.281461 -6.285384, 1.571557 -10.261947, 2.151531 -6.121774, 4.607311 -9.505049, 3.879516 -5.388289, 7.26059 -7.847096, 5.296267 -4.156726, 9.271673 -5.450381, 6.263103 -2.54764, 10.443701 -2.549511, 6.685384 -0.718539, 10.661947 0.571557), (2.460133 0.897339, 1.624142 1.493129, 1.135961 2.396194, 0.201996 1.9701, -0.824172 1.998856, -0.922146 0.976971, -1.460133 0.102661, -0.624142 -0.493129, -0.135961 -1.396194, 0.798004 -0.9701, 1.824172 -0.998856, 1.922146 0.023029, 2.460133 0.897339)), ((129.850125 52.995002, 128.394422 55.89549, 128.575132 59.135744, 126.548194 61.670192, 126.051269 64.877211, 123.541683 66.93485, 122.38884 69.968471, 119.506287 71.459374, 117.747912 74.187014, 114.618373 75.046021, 112.331314 77.348468, 109.091566 77.538036, 106.375779 79.314663, 103.167414 78.826507, 100.141592 79.999666, 97.104831 78.855121, 93.901217 79.37354, 91.16878 77.622628, 87.927387 77.463649, 85.618696 75.182893, 82.481189 74.353465, 80.697145 71.642545, 77.800647 70.178918, 76.61922 67.156315, 74.090323 65.122455, 73.563148 61.92027, 71.512377 59.405069, 71.662493 56.163253, 70.179476 53.276635, 71.000323 50.136872, 70.149875 47.004998, 71.605578 44.10451, 71.424868 40.864256, 73.451806 38.329808, 73.948731 35.122789, 76.458317 33.06515, 77.61116 30.031529, 80.493713 28.540626, 82.252088 25.812986, 85.381627 24.953979, 87.668686 22.651532, 90.908434 22.461964, 93.624221 20.685337, 96.832586 21.173493, 99.858408 20.000334, 102.895169 21.144879, 106.098783 20.62646, 108.83122 22.377372, 112.072613 22.536351, 114.381304 24.817107, 117.518811 25.646535, 119.302855 28.357455, 122.199353 29.821082, 123.38078 32.843685, 125.909677 34.877545, 126.436852 38.07973, 128.487623 40.594931, 128.337507 43.836747, 129.820524 46.723365, 128.999677 49.863128, 129.850125 52.995002)))")
        let moved = try Geometry(wkt: "POLYGON ((10.661947 0.571557, 6.521774 1.151531, 9.905049 3.607311, 5.788289 2.879516, 8.247096 6.26059, 4.556726 4.296267, 5.850381 8.271673, 2.94764 5.263103, 2.949511 9.443701, 1.118539 5.685384, -0.171557 9.661947, -0.751531 5.521774, -3.207311 8.905049, -2.479516 4.788289, -5.86059 7.247096, -3.896267 3.556726, -7.871673 4.850381, -4.863103 1.94764, -9.043701 1.949511, -5.285384 0.118539, -9.261947 -1.171557, -5.121774 -1.751531, -8.505049 -4.207311, -4.388289 -3.479516, -6.847096 -6.86059, -3.156726 -4.896267, -4.450381 -8.871673, -1.54764 -5.863103, -1.549511 -10.043701, 0.281461 -6.285384, 1.571557 -10.261947, 2.151531 -6.121774, 4.607311 -9.505049, 3.879516 -5.388289, 7.26059 -7.847096, 5.296267 -4.156726, 9.271673 -5.450381, 6.263103 -2.54764, 10.443701 -2.549511, 6.685384 -0.718539, 10.661947 0.571557), (2.460133 0.897339, 1.624142 1.493129, 1.135961 2.396194, 0.201996 1.9701, -0.824172 1.998856, -0.922146 0.976971, -1.460133 0.102661, -0.624142 -0.493129, -0.135961 -1.396194, 0.798004 -0.9701, 1.824172 -0.998856, 1.922146 0.023029, 2.460133 0.897339))")
        let line = try Geometry(wkt: "LINESTRING (0 0, 10 0, 10 10, 3 14)")
        let lines = try Geometry(wkt: "MULTILINESTRING ((0 1, 9 0.5, 11 9), (2 13, 4 15))")
        let pairs = [(star, movedWithFarPart), (star, moved), (line, lines), (star, line)]
        for ((a, b), value) in zip(pairs, expected) {
            for (x, y) in [(a, b), (b, a)] {
                let measured = try x.hausdorffDistance(to: y, densifyFraction: densifyFraction)
                #expect(abs(measured - value) <= 1e-9 * value, "\(measured) != \(value)")
            }
        }
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
