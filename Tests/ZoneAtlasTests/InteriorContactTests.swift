import Testing
@testable import ZoneAtlas
import ZoneGeometry

/// The boundary test that lets touching pairs skip the overlay: hand-drawn cases, and agreement with
/// GEOS's DE-9IM (the oracle) on many random pairs drawn on a coarse grid, where shared edges,
/// shared vertices and T-junctions are common.
struct InteriorContactTests {
    func contact(_ a: String, _ b: String) throws -> InteriorContact.Contact {
        InteriorContact.classify(try InteriorContact.Rings(Geometry(wkt: a)), try InteriorContact.Rings(Geometry(wkt: b)))
    }

    @Test func handDrawnCases() throws {
        let square = "POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))"
        #expect(try contact(square, "POLYGON ((2 0, 4 0, 4 2, 2 2, 2 0))") == .touch)          // shared edge
        #expect(try contact(square, "POLYGON ((2 2, 3 2, 3 3, 2 3, 2 2))") == .touch)          // shared corner
        #expect(try contact(square, "POLYGON ((2 1, 3 1, 3 3, 2 3, 2 1))") == .touch)          // part of an edge (T-junction)
        #expect(try contact(square, "POLYGON ((1 1, 3 1, 3 3, 1 3, 1 1))") == .overlap)        // crossing edges
        #expect(try contact(square, square) == .overlap)                                        // identical
        #expect(try contact(square, "POLYGON ((0 0, 2 0, 2 2, 0 0))") == .overlap)             // triangle on three corners
        #expect(try contact(square, "POLYGON ((0.5 0.5, 1 0.5, 1 1, 0.5 0.5))") == .overlap)   // strictly inside
        #expect(try contact(square, "POLYGON ((5 5, 6 5, 6 6, 5 5))") == .disjoint)
        #expect(try contact(square, "POLYGON ((3 0, 4 0, 4 1, 3 0))") == .disjoint)           // boxes overlap, shapes do not
        // An island in a hole, touching the hole's edge: no interior in common.
        let holed = "POLYGON ((0 0, 6 0, 6 6, 0 6, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))"
        #expect(try contact(holed, "POLYGON ((2 2, 3 2, 3 3, 2 3, 2 2))") == .touch)
        #expect(try contact(holed, "POLYGON ((1 1, 3 1, 3 3, 1 3, 1 1))") == .overlap)
        // Clockwise shells are handled by the ring's own orientation.
        #expect(try contact("POLYGON ((0 0, 0 2, 2 2, 2 0, 0 0))", "POLYGON ((2 0, 2 2, 4 2, 4 0, 2 0))") == .touch)
    }

    @Test func agreesWithGEOSOnRandomGridPolygons() throws {
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        func randomPolygon() throws -> Geometry {
            // Rectangles, L shapes and triangles with corners on a 6 × 6 grid.
            let x = next(4), y = next(4), w = 1 + next(3), h = 1 + next(3)
            switch next(3) {
            case 0: return try Geometry(wkt: "POLYGON ((\(x) \(y), \(x + w) \(y), \(x + w) \(y + h), \(x) \(y + h), \(x) \(y)))")
            case 1: return try Geometry(wkt: "POLYGON ((\(x) \(y), \(x + w) \(y), \(x) \(y + h), \(x) \(y)))")
            default:
                let (a, b) = (max(1, w), max(1, h))
                return try Geometry(wkt: "POLYGON ((\(x) \(y), \(x + a + 1) \(y), \(x + a + 1) \(y + 1), \(x + 1) \(y + 1), \(x + 1) \(y + b + 1), \(x) \(y + b + 1), \(x) \(y)))")
            }
        }
        var decided = 0
        for _ in 0..<2000 {
            let a = try randomPolygon(), b = try randomPolygon()
            let result = InteriorContact.classify(try InteriorContact.Rings(a), try InteriorContact.Rings(b))
            let interiors = try a.relate(b, pattern: "T********")
            let meets = try a.intersects(b)
            switch result {
            case .overlap: #expect(interiors, "\(a) \(b)")
            case .touch: #expect(meets && !interiors, "\(a) \(b)")
            case .disjoint: #expect(!meets, "\(a) \(b)")
            case .uncertain: continue
            }
            decided += 1
        }
        #expect(decided > 1900)
    }
}
