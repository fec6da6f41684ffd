import Testing
import ZoneGeometry

/// Named predicates, DE-9IM and prepared geometry on hand-drawn cases.
struct PredicateTests {
    let left = try! Geometry(wkt: "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))")
    let right = try! Geometry(wkt: "POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))")
    let big = try! Geometry(wkt: "POLYGON ((-1 -1, 3 -1, 3 3, -1 3, -1 -1))")
    let shifted = try! Geometry(wkt: "POLYGON ((0.5 0.5, 1.5 0.5, 1.5 1.5, 0.5 1.5, 0.5 0.5))")

    @Test func squaresSharingAnEdgeTouchButDoNotOverlap() throws {
        #expect(try left.touches(right))
        #expect(try left.intersects(right))
        #expect(try !left.overlaps(right))
        #expect(try left.relate(right) == "FF2F11212")
        // Interiors do not meet: the area of what they share is 0.
        #expect(try left.intersection(right).area() == 0)
    }

    @Test func containmentAndCovering() throws {
        #expect(try big.contains(left))
        #expect(try left.within(big))
        #expect(try big.covers(left))
        #expect(try left.coveredBy(big))
        #expect(try !left.contains(big))
        #expect(try big.test(.containsProperly, left))
        // A square covers its own edge but does not properly contain it.
        let edge = try Geometry(wkt: "LINESTRING (0 0, 1 0)")
        #expect(try left.covers(edge))
        #expect(try !left.test(.containsProperly, edge))
    }

    @Test func overlapsCrossesDisjointEquals() throws {
        #expect(try left.overlaps(shifted))
        let line = try Geometry(wkt: "LINESTRING (-1 0.5, 2 0.5)")
        #expect(try line.crosses(left))
        let far = try Geometry(wkt: "POINT (10 10)")
        #expect(try far.disjoint(left))
        let same = try Geometry(wkt: "POLYGON ((1 0, 1 1, 0 1, 0 0, 1 0))")
        #expect(try same.equals(left))
        #expect(try left.relate(right, pattern: "F***1****"))
        #expect(try left.test(.withinDistance(9.9), Geometry(wkt: "POINT (1 11)")) == false)
        #expect(try left.test(.withinDistance(10), Geometry(wkt: "POINT (1 11)")))
    }

    @Test func preparedAgreesWithPlain() throws {
        let prepared = try PreparedGeometry(big)
        let probes = [left, right, shifted, try Geometry(wkt: "POINT (5 5)"), try Geometry(wkt: "LINESTRING (2 2, 4 4)")]
        let predicates: [SpatialPredicate] = [.intersects, .disjoint, .touches, .crosses, .within, .contains,
                                              .containsProperly, .overlaps, .covers, .coveredBy, .withinDistance(1.5)]
        for probe in probes {
            for predicate in predicates {
                #expect(try prepared.test(predicate, probe) == big.test(predicate, probe), "\(predicate) \(probe)")
            }
        }
        #expect(try prepared.contains(left))
        #expect(try prepared.covers(shifted))
        #expect(try prepared.isWithinDistance(2.9, of: Geometry(wkt: "POINT (5 5)")))  // √8 ≈ 2.83 from (3 3)
        #expect(try !prepared.isWithinDistance(2.8, of: Geometry(wkt: "POINT (5 5)")))
    }
}
