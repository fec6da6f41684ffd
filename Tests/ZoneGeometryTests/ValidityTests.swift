import Testing
import ZoneGeometry

/// Validity reasons and locations; expected values are hand-worked on simple shapes.
struct ValidityTests {
    // A bow-tie: its edges (0 0)-(2 2) and (2 0)-(0 2) cross at (1 1).
    let bowTie = "POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))"

    @Test func selfIntersectionHasReasonAndLocation() throws {
        let g = try Geometry(wkt: bowTie)
        guard case let .invalid(reason, location) = try g.validity() else {
            Issue.record("a bow-tie is invalid")
            return
        }
        #expect(reason.contains("Self-intersection"))
        #expect(location == Coordinate(1, 1))
        #expect(try !g.isValid)
    }

    @Test func holeOutsideShell() throws {
        let g = try Geometry(wkt: "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0), (5 5, 5 6, 6 6, 6 5, 5 5))")
        guard case let .invalid(reason, location) = try g.validity() else {
            Issue.record("expected invalid")
            return
        }
        #expect(reason.contains("Hole lies outside shell"))
        #expect(location == Coordinate(5, 5))
    }

    @Test func selfTouchingRingFormingHoleCanBeAllowed() throws {
        // An inverted shell: the ring touches itself at (2 0), enclosing a hole (ESRI style).
        let g = try Geometry(wkt: "POLYGON ((0 0, 2 0, 1 1, 3 1, 2 0, 4 0, 4 4, 0 4, 0 0))")
        #expect(try !g.validity().isValid)
        #expect(try g.validity(allowSelfTouchingRingFormingHole: true).isValid)
    }

    @Test func makeValidStructureKeepsBothLobes() throws {
        let repaired = try Geometry(wkt: bowTie).makeValid(method: .structure)
        #expect(try repaired.isValid)
        // Two triangles of base 2 and height 1: 1 + 1 = 2.
        #expect(try repaired.area() == 2)
        #expect(repaired.type == .multiPolygon)
    }

    @Test func makeValidLineworkAndCollapsedParts() throws {
        let repaired = try Geometry(wkt: bowTie).makeValid(method: .linework)
        #expect(try repaired.isValid)
        #expect(try repaired.area() == 2)
        // A polygon collapsed to a line: dropped by default, kept as a line when asked.
        let flat = try Geometry(wkt: "POLYGON ((0 0, 1 0, 2 0, 0 0))")
        #expect(try flat.makeValid(method: .structure).isEmpty)
        let kept = try flat.makeValid(method: .structure, keepCollapsed: true)
        // GEOS keeps the collapsed ring's vertices as a line: 0→1→2→0 is 1 + 1 + 2 long.
        #expect(kept.type == .lineString)
        #expect(try kept.length() == 4)
    }
}
