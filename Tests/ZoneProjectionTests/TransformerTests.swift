import Testing
import ZoneGeometry
import ZoneProjection

/// Transformations. Expected coordinates come from PROJ's `cs2cs` (proj-bin 9.1.1), e.g.
/// `echo "20.8571 106.6822" | cs2cs -f %.6f EPSG:4326 EPSG:9210` (cs2cs takes EPSG:4326 as
/// lat/lon; the Transformer always works lon/lat). The point is the Hai Phong Opera House.
struct TransformerTests {
    let opera = Coordinate(106.6822, 20.8571)

    @Test(arguments: [
        (9210, 596810.5644, 2307414.9240),   // VN-2000 / TM-3 105-45, through the VN-2000 datum shift
        (32648, 675013.8070, 2307247.5516),  // WGS 84 / UTM 48N
        (3405, 674817.2001, 2307355.7592),   // VN-2000 / UTM 48N
    ])
    func pointMatchesCs2cs(code: Int, easting: Double, northing: Double) throws {
        let projected = try Transformer(from: .wgs84, to: .epsg(code)).transform(opera)
        #expect(abs(projected.x - easting) < 1e-4)
        #expect(abs(projected.y - northing) < 1e-4)
    }

    @Test func inverseReturnsToLonLat() throws {
        let forward = try Transformer(from: .wgs84, to: .epsg(9210))
        // cs2cs -f %.9f EPSG:9210 EPSG:4326 on the point above gives 20.857099997 106.682200006.
        let back = try forward.inverse.transform(Coordinate(596810.5643862059, 2307414.924027025))
        #expect(abs(back.x - 106.682200006) < 1e-9)
        #expect(abs(back.y - 20.857099997) < 1e-9)
        #expect(try forward.inverse.source == CRS.epsg(9210))
    }

    @Test func wholeGeometryInOneCall() throws {
        let square = try Geometry(wkt: "POLYGON ((106.7 20.8, 106.71 20.8, 106.71 20.81, 106.7 20.81, 106.7 20.8))")
        // Planar areas of the transformed square from pyproj 3.7.2 + shapely 2.2.0 (run once):
        // shapely.transform(square, Transformer.from_crs(4326, code, always_xy=True)).area
        let utm = try Transformer(from: .wgs84, to: .epsg(32648)).transform(square)
        #expect(abs(try utm.area() - 1152566.51611982) < 1e-6)
        let tm3 = try Transformer(from: .wgs84, to: .epsg(9210)).transform(square)
        #expect(abs(try tm3.area() - 1152632.9683180358) < 1e-4)
        // First corner, from cs2cs: 598700.264866 2301103.947953.
        let corner = try #require(tm3.value().firstCoordinate)
        #expect(abs(corner.x - 598700.264866) < 1e-6 && abs(corner.y - 2301103.947953) < 1e-6)
        #expect(tm3.type == .polygon)
    }

    @Test func structureAndZAreKept() throws {
        let value = GeometryValue.geometryCollection([
            .point(Coordinate(x: 106.7, y: 20.8, z: 12)),
            .multiLineString([[Coordinate(106.7, 20.8), Coordinate(106.8, 20.9)], [Coordinate(106.6, 20.7), Coordinate(106.65, 20.75)]]),
            .polygon([]),
        ])
        let moved = try Transformer(from: .wgs84, to: .epsg(32648)).transform(try Geometry(value))
        guard case let .geometryCollection(members) = try moved.value() else {
            Issue.record("expected a collection")
            return
        }
        #expect(members.count == 3)
        guard case let .point(p) = members[0], case let .multiLineString(lines) = members[1] else {
            Issue.record("structure changed")
            return
        }
        #expect(p.z == 12)
        #expect(lines.map(\.count) == [2, 2])
        #expect(members[2] == .polygon([]))
    }

    @Test func outOfDomainPositionIsATypedError() throws {
        let t = try Transformer(from: .wgs84, to: .epsg(9210))
        // cs2cs prints "* * inf" (Invalid latitude) for latitude 95.
        #expect(throws: ProjectionError.self) { try t.transform(Coordinate(106.7, 95)) }
        let line = try Geometry(wkt: "LINESTRING (106.7 20.8, 106.7 95)")
        let error = #expect(throws: ProjectionError.self) { try t.transform(line) }
        guard case let .transformFailed(index, x, y, _)? = error else {
            Issue.record("expected transformFailed, got \(String(describing: error))")
            return
        }
        #expect(index == 1 && x == 106.7 && y == 95)
    }
}

extension GeometryValue {
    /// The first position, in GeoJSON nesting order.
    var firstCoordinate: Coordinate? {
        switch self {
        case let .point(c): c
        case let .lineString(cs), let .multiPoint(cs): cs.first
        case let .polygon(rings), let .multiLineString(rings): rings.first?.first
        case let .multiPolygon(polygons): polygons.first?.first?.first
        case let .geometryCollection(members): members.first?.firstCoordinate
        }
    }
}
