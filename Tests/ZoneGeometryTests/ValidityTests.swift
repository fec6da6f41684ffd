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
        #expect(reason == .selfIntersection && reason.description == "Self-intersection")
        #expect(location == Coordinate(1, 1))
        #expect(try !g.isValid)
    }

    @Test func holeOutsideShell() throws {
        let g = try Geometry(wkt: "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0), (5 5, 5 6, 6 6, 6 5, 5 5))")
        guard case let .invalid(reason, location) = try g.validity() else {
            Issue.record("expected invalid")
            return
        }
        #expect(reason == .holeOutsideShell && reason.description == "Hole lies outside shell")
        #expect(location == Coordinate(5, 5))
    }

    /// Each reason GEOS gives is read as its case, with GEOS's place. The expected reasons were
    /// printed by shapely's `is_valid_reason` (GEOS 3.14.1), run once while writing the test; the
    /// places are where the shapes as drawn break the rule (for the diamond hole, any of the four
    /// points where it touches the shell: GEOS 3.11 and 3.14 name different ones).
    @Test(arguments: [
        ("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 2, 1 1), (1.2 1.2, 1.5 1.2, 1.5 1.5, 1.2 1.2))",
         InvalidityReason.nestedHoles, [Coordinate(1.2, 1.2)]),
        ("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (5 0, 10 5, 5 10, 0 5, 5 0))", .disconnectedInterior,
         [Coordinate(5, 0), Coordinate(10, 5), Coordinate(5, 10), Coordinate(0, 5)]),
        ("POLYGON ((0 0, 2 0, 1 1, 3 1, 2 0, 4 0, 4 4, 0 4, 0 0))", .ringSelfIntersection, [Coordinate(2, 0)]),
        ("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((2 2, 3 2, 3 3, 2 3, 2 2)))", .nestedShells, [Coordinate(2, 2)]),
    ])
    func eachReasonIsItsCase(wkt: String, expected: InvalidityReason, at places: [Coordinate]) throws {
        guard case let .invalid(reason, location) = try Geometry(wkt: wkt).validity() else {
            Issue.record("expected invalid: \(wkt)")
            return
        }
        #expect(reason == expected)
        #expect(places.contains { $0 == location }, "GEOS placed it at \(String(describing: location))")
    }

    @Test func aReasonNotNamedKeepsGEOSsText() {
        #expect(InvalidityReason(geosText: "Something new") == .other("Something new"))
        #expect(InvalidityReason(geosText: "Something new").description == "Something new")
        #expect(InvalidityReason(geosText: "Too few points in geometry component[0 0]") == .tooFewPoints)
        #expect(InvalidityReason(geosText: "Ring Self-intersection") == .ringSelfIntersection)
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
