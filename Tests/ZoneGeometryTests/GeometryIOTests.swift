import Testing
import ZoneGeometry

/// Reading and writing WKT, WKB, GeoJSON and Swift values. Expected values are the inputs
/// themselves (round trips) or GEOS's documented output forms.
struct GeometryIOTests {
    let square = GeometryValue.polygon([[Coordinate(0, 0), Coordinate(2, 0), Coordinate(2, 2), Coordinate(0, 2), Coordinate(0, 0)]])

    @Test func wktRoundTrip() throws {
        let g = try Geometry(wkt: "POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0), (0.5 0.5, 0.5 1, 1 1, 0.5 0.5))")
        #expect(g.type == .polygon)
        #expect(try g.wkt() == "POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0), (0.5 0.5, 0.5 1, 1 1, 0.5 0.5))")
        #expect(g.coordinateCount == 9)
    }

    @Test func wkbRoundTrip() throws {
        let g = try Geometry(square)
        let bytes = try g.wkb()
        // Little-endian byte order mark, then type 3 (Polygon).
        #expect(Array(bytes.prefix(5)) == [1, 3, 0, 0, 0])
        #expect(try Geometry(wkb: bytes).value() == square)
    }

    @Test func geoJSONRoundTrip() throws {
        // GEOS 3.11's GeoJSON reader takes 2D positions only; ZoneGeoJSON reads 3D ones.
        let g = try Geometry(geoJSON: #"{"type":"LineString","coordinates":[[106.7,20.8],[106.8,20.9]]}"#)
        #expect(g.type == .lineString)
        #expect(g.envelope == Envelope(minX: 106.7, minY: 20.8, maxX: 106.8, maxY: 20.9))
        let back = try Geometry(geoJSON: try g.geoJSON())
        #expect(try back.equals(g))
    }

    @Test func valueRoundTripKeepsEveryType() throws {
        let values: [GeometryValue] = [
            .point(Coordinate(x: 1, y: 2, z: 3)),
            .lineString([Coordinate(0, 0), Coordinate(1, 1)]),
            square,
            .multiPoint([Coordinate(0, 0), Coordinate(5, 5)]),
            .multiLineString([[Coordinate(0, 0), Coordinate(1, 1)], [Coordinate(2, 2), Coordinate(3, 3)]]),
            .multiPolygon([[[Coordinate(0, 0), Coordinate(1, 0), Coordinate(1, 1), Coordinate(0, 0)]]]),
            .geometryCollection([.point(Coordinate(9, 9)), .lineString([Coordinate(0, 0), Coordinate(1, 1)])]),
            .polygon([]),
        ]
        for value in values {
            let g = try Geometry(value)
            #expect(g.type == value.type)
            #expect(try g.value() == value)
        }
    }

    @Test func partsAreOwnedCopies() throws {
        let multi = try Geometry(wkt: "MULTIPOINT ((1 2), (3 4))")
        let parts = try multi.parts()
        #expect(parts.count == 2)
        #expect(parts[1].point == Coordinate(3, 4))
        #expect(try Geometry(square).parts().count == 1)
    }

    @Test func badInputIsATypedErrorWithItsPath() throws {
        let nan = GeometryValue.multiPolygon([[[Coordinate(0, 0), Coordinate(1, 0), Coordinate(.nan, 1), Coordinate(0, 0)]]])
        #expect(throws: GeometryError.nonFiniteCoordinate(path: [0, 0, 2])) { try Geometry(nan) }

        let open = GeometryValue.polygon([[Coordinate(0, 0), Coordinate(1, 0), Coordinate(1, 1), Coordinate(0, 1)]])
        #expect(throws: GeometryError.unclosedRing(path: [0])) { try Geometry(open) }

        let short = GeometryValue.polygon([[Coordinate(0, 0), Coordinate(1, 0), Coordinate(0, 0)]])
        #expect(throws: GeometryError.tooFewPositions(path: [0], count: 3, minimum: 4)) { try Geometry(short) }

        let lonely = GeometryValue.multiLineString([[Coordinate(0, 0), Coordinate(1, 1)], [Coordinate(0, 0)]])
        #expect(throws: GeometryError.tooFewPositions(path: [1], count: 1, minimum: 2)) { try Geometry(lonely) }

        let infinite = GeometryValue.point(Coordinate(.infinity, 0))
        #expect(throws: GeometryError.nonFiniteCoordinate(path: [])) { try Geometry(infinite) }
    }

    @Test func unreadableTextCarriesGEOSMessage() {
        do {
            _ = try Geometry(wkt: "POLYGON ((0 0, 1 0")
            Issue.record("expected an error")
        } catch let GeometryError.unreadable(format, message) {
            #expect(format == "WKT")
            #expect(message.contains("ParseException"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(throws: GeometryError.self) { try Geometry(wkb: [1, 3, 0]) }
        #expect(throws: GeometryError.self) { try Geometry(geoJSON: #"{"type":"Polygon","coordinates":[[[0,0],[1,0]]]}"#) }
        // GEOS rejects an unclosed ring in WKT with its own message, not a crash.
        #expect(throws: GeometryError.self) { try Geometry(wkt: "POLYGON ((0 0, 1 0, 1 1, 0 1))") }
    }
}
