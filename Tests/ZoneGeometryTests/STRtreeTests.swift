import Testing
import ZoneGeometry

/// STR-tree queries on a 10 x 10 grid of unit cells, where the answer is known by construction:
/// cell (i, j) spans [i, i+1] x [j, j+1] and has index 10·j + i.
struct STRtreeTests {
    let cells: [Geometry] = (0..<10).flatMap { j in
        (0..<10).map { i in
            try! Geometry(wkt: "POLYGON ((\(i) \(j), \(i + 1) \(j), \(i + 1) \(j + 1), \(i) \(j + 1), \(i) \(j)))")
        }
    }

    @Test func envelopeQuery() throws {
        let tree = try STRtree(cells)
        // A box strictly inside cell (3, 4) meets only that cell's envelope.
        #expect(try tree.query(Envelope(minX: 3.2, minY: 4.2, maxX: 3.8, maxY: 4.8)) == [43])
        // A box around the corner point (5, 5) meets the four cells around it.
        #expect(try tree.query(Envelope(minX: 4.9, minY: 4.9, maxX: 5.1, maxY: 5.1)) == [44, 45, 54, 55])
        #expect(try tree.query(Envelope(minX: 50, minY: 50, maxX: 60, maxY: 60)) == [])
    }

    @Test func predicateQuery() throws {
        let tree = try STRtree(cells)
        // The point (2.5, 7.5) lies inside cell (2, 7) only.
        let point = try Geometry(wkt: "POINT (2.5 7.5)")
        #expect(try tree.query(point, predicate: .intersects) == [72])
        // The square [1,3]x[1,3] contains cells (1,1), (2,1), (1,2), (2,2); it touches 12 more around it.
        let block = try Geometry(wkt: "POLYGON ((1 1, 3 1, 3 3, 1 3, 1 1))")
        #expect(try tree.query(block, predicate: .contains) == [11, 12, 21, 22])
        #expect(try tree.query(block, predicate: .touches).count == 12)
        #expect(try tree.query(block).count == 16)
        // Within 0.5 of the point (0.2, 0.2)... all cells whose nearest edge is ≤ 0.5 away: only cell 0.
        #expect(try tree.query(try Geometry(wkt: "POINT (0.2 0.2)"), predicate: .withinDistance(0.5)) == [0])
        // Within 1.0 of (0.5, 0.5): cells (0,0), (1,0), (0,1), (1,1) (the last at distance √0.5).
        #expect(try tree.query(try Geometry(wkt: "POINT (0.5 0.5)"), predicate: .withinDistance(1.0)) == [0, 1, 10, 11])
    }

    @Test func nearestNeighbour() throws {
        let tree = try STRtree(cells)
        // (20, 95.5)... right of column 9 at row 9's height: nearest is cell (9, 9).
        #expect(try tree.nearest(to: Geometry(wkt: "POINT (20 9.5)")) == 99)
        #expect(try tree.nearest(to: Geometry(wkt: "POINT (-3 0.5)")) == 0)
        #expect(try STRtree([]).nearest(to: Geometry(wkt: "POINT (0 0)")) == nil)
    }

    @Test func emptyGeometriesAreSkipped() throws {
        let tree = try STRtree([try Geometry(wkt: "POLYGON EMPTY"), cells[0]])
        #expect(try tree.query(Envelope(minX: -10, minY: -10, maxX: 10, maxY: 10)) == [1])
    }
}
