import Foundation
import TestSupport
import Testing
import ZoneGeometry
import ZoneProjection

/// Geodesic measures on WGS84. Oracles: PROJ's `geod -I +ellps=WGS84` (proj-bin 9.1.1) for
/// distances; pyproj 3.7.2 `Geod(ellps='WGS84').geometry_area_perimeter` (run once, recorded here)
/// for areas; and the hectares declared in the names of the real anchorage areas.
struct GeodesicTests {
    @Test func distanceMatchesGeod() {
        // echo "20.8571 106.6822 21.0245 105.8575" | geod -I +ellps=WGS84 -F %.6f → 87757.469401 m
        // (Hai Phong Opera House to Hanoi Opera House).
        let metres = Geodesic.wgs84.distance(from: Coordinate(106.6822, 20.8571), to: Coordinate(105.8575, 21.0245))
        #expect(abs(metres - 87757.469401) < 1e-6)
    }

    @Test func squareAndHole() throws {
        let square = try Geometry(wkt: "POLYGON ((106.7 20.8, 106.71 20.8, 106.71 20.81, 106.7 20.81, 106.7 20.8))")
        let measure = try Geodesic.wgs84.measure(square)
        // pyproj: (1152591.547943592, 4296.38682566262)
        #expect(abs(measure.areaSquareMetres - 1152591.547943592) < 1e-6)
        #expect(abs(measure.perimeterMetres - 4296.38682566262) < 1e-8)
        #expect(abs(measure.areaHectares - 115.2591547943592) < 1e-10)

        // The same square with a 0.002° hole, drawn clockwise or not: pyproj gives the area
        // 1106487.2889046073 and the hole alone (46104.259038984776, perimeter 859.282754028441).
        for hole in ["106.702 20.802, 106.702 20.804, 106.704 20.804, 106.704 20.802, 106.702 20.802",
                     "106.702 20.802, 106.704 20.802, 106.704 20.804, 106.702 20.804, 106.702 20.802"] {
            let holed = try Geometry(wkt: "POLYGON ((106.7 20.8, 106.71 20.8, 106.71 20.81, 106.7 20.81, 106.7 20.8), (\(hole)))")
            let m = try Geodesic.wgs84.measure(holed)
            #expect(abs(m.areaSquareMetres - 1106487.2889046073) < 1e-6)
            #expect(abs(m.perimeterMetres - (4296.38682566262 + 859.282754028441)) < 1e-8)
        }
        // A clockwise shell measures the same as a counter-clockwise one.
        let clockwise = try Geometry(wkt: "POLYGON ((106.7 20.8, 106.7 20.81, 106.71 20.81, 106.71 20.8, 106.7 20.8))")
        #expect(abs(try Geodesic.wgs84.area(of: clockwise) - 1152591.547943592) < 1e-6)
    }

    @Test func multiPolygonSumsItsParts() throws {
        // Two separate squares; their areas add.
        let multi = try Geometry(wkt: """
            MULTIPOLYGON (((106.7 20.8, 106.71 20.8, 106.71 20.81, 106.7 20.81, 106.7 20.8)),
            ((106.702 20.822, 106.704 20.822, 106.704 20.824, 106.702 20.824, 106.702 20.822)))
            """)
        // The second square sits 0.02° further north: pyproj gives 46098.285180568695 m² for it.
        #expect(abs(try Geodesic.wgs84.area(of: multi) - (1152591.547943592 + 46098.285180568695)) < 1e-6)
    }

    @Test func lineLength() throws {
        // pyproj Geod.line_length over the same two points: 87757.46940124076.
        let line = try Geometry(wkt: "LINESTRING (106.6822 20.8571, 105.8575 21.0245)")
        #expect(abs(try Geodesic.wgs84.length(of: line) - 87757.46940124076) < 1e-6)
        #expect(try Geodesic.wgs84.area(of: line) == 0)
    }

    /// The real anchorage outlines of Hai Phong port, polygonised: measured against pyproj 3.7.2 +
    /// shapely 2.2.0 (`geometry_area_perimeter(unary_union(polygonize(unary_union(lines))))`, run
    /// once) and against the hectares their names declare.
    @Test(arguments: [
        ("KHU NEO HÒN DẤU (2.150HA)", 21494208.497625113, 2150.0),
        ("KHU NEO LẠCH HUYỆN (600HA)", 6003529.606801104, 600),
        ("KHU NEO LẠCH HUYỆN MỞ RỘNG (1.200HA)", 12008035.962069511, 1200),
        ("KHU NEO 2.000HA - KHU 3 (556HA)", 5575176.2946570385, 556),
        ("KHU NEO TÀU KHÁCH CÁT BÀ (150HA)", 1499619.2005680501, 150),
        ("KHU NEO 2.000HA - KHU 1,2 (1.444HA)", 14435091.924715996, 1444),
        ("KHU NEO BẾN GÓT (25HA)", 247968.66677832603, 25),
        ("KHU NEO LẠCH HUYỆN 1 (914HA)", 9146038.967366505, 914),
        ("KHU NEO LẠCH HUYỆN 2 (32HA)", 322658.24409234524, 32),
        ("KHU NEO TÀU KHÁCH (34HA)", 337623.5464802841, 34),
    ])
    func anchorageAreas(name: String, pyprojSquareMetres: Double, declaredHectares: Double) throws {
        let outline = try SharedData.anchorageOutline(named: name)
        let area = try Geometry.polygonize(outline).unaryUnion()
        let measured = try Geodesic.wgs84.area(of: area)
        #expect(abs(measured - pyprojSquareMetres) / pyprojSquareMetres < 1e-9)
        // The declared figures are rounded: within 1 % (Hòn Dấu: 2,149.4 ha against 2,150 ha).
        #expect(abs(measured / 10_000 - declaredHectares) / declaredHectares < 0.01)
    }
}

/// Which side of a ring is the polygon: ``Geodesic/area(of:)`` (orientation-free),
/// ``Geodesic/signedArea(of:)`` and ``Geodesic/unsignedArea(of:)`` (RFC 7946 orientation, any
/// size). Oracle: GeographicLib's `Planimeter` (Debian's geographiclib-tools 2.1.2, an independent
/// C++ implementation of Karney's polygon area), run here on the same vertices: by default it gives
/// the signed area (counter-clockwise positive, in (−A/2, A/2]), with `-s` the area on the left of
/// the path in [0, A), with `-s -r` the area on its right. Where they are recorded (the comments),
/// they were printed by `Planimeter -w [-s] [-r] -p 9` with the vertices one `lon lat` a line.
struct GeodesicOrientationTests {
    static let square = [(106.7, 20.8), (106.71, 20.8), (106.71, 20.81), (106.7, 20.81)]
    /// Around the south polar region along 60° S, eastward: counter-clockwise around everything
    /// north of it, 93 % of the earth.
    static let sixtySouth = stride(from: -170.0, through: 180, by: 10).map { ($0, -60.0) }

    static func wkt(_ ring: [(Double, Double)]) -> String {
        (ring + [ring[0]]).map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    }

    /// Planimeter's area in m² of `ring` (lon/lat degrees) with `options`.
    static func planimeter(_ ring: [(Double, Double)], _ options: [String]) throws -> Double {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("planimeter-\(UUID().uuidString)").path
        try Data(ring.map { "\($0.0) \($0.1)\n" }.joined().utf8).write(to: URL(fileURLWithPath: input))
        defer { try? FileManager.default.removeItem(atPath: input) }
        let text = try Subprocess.run("/usr/bin/Planimeter", ["-w", "-p", "9"] + options, standardInput: input).stdout
        // "points perimeter area"
        let fields = text.split(whereSeparator: \.isWhitespace)
        return try #require(fields.count == 3 ? Double(fields[2]) : nil, "Planimeter printed \(text)")
    }

    /// Total area of the WGS84 ellipsoid, m², by hand: 2πa² (1 + (1 − e²)/e · atanh e).
    static let wgs84SurfaceSquareMetres: Double = {
        let a = 6_378_137.0, f = 1 / 298.257223563
        let e = (f * (2 - f)).squareRoot()
        return 2 * Double.pi * a * a * (1 + (1 - e * e) / e * atanh(e))
    }()

    @Test func smallPolygonBothWays() throws {
        let ccw = try Geometry(wkt: "POLYGON ((\(Self.wkt(Self.square))))")
        let cw = try Geometry(wkt: "POLYGON ((\(Self.wkt(Self.square.reversed()))))")
        // Planimeter: 1152591.5479 and -1152591.5479 (as pyproj in GeodesicTests).
        let planimeterCCW = try Self.planimeter(Self.square, [])
        let planimeterCW = try Self.planimeter(Self.square.reversed(), [])
        #expect(abs(planimeterCCW - 1152591.5479) < 1e-3 && abs(planimeterCW + 1152591.5479) < 1e-3)
        #expect(abs(try Geodesic.wgs84.signedArea(of: ccw) - planimeterCCW) < 1e-3)
        #expect(abs(try Geodesic.wgs84.signedArea(of: cw) - planimeterCW) < 1e-3)
        #expect(abs(try Geodesic.wgs84.area(of: cw) - planimeterCCW) < 1e-3)
        #expect(abs(try Geodesic.wgs84.unsignedArea(of: ccw) - planimeterCCW) < 1e-3)
        // Drawn clockwise, as an RFC 7946 shell it encloses the rest of the earth. Planimeter -s:
        // 510065620571496.8750; by hand, the ellipsoid's area less the square's.
        let rest = try Geodesic.wgs84.unsignedArea(of: cw)
        #expect(abs(rest - (try Self.planimeter(Self.square.reversed(), ["-s"]))) < 0.1)
        #expect(abs(rest - (Self.wgs84SurfaceSquareMetres - 1152591.547943592)) < 0.1)
    }

    @Test func ringEnclosingMostOfTheEarth() throws {
        let north = try Geometry(wkt: "POLYGON ((\(Self.wkt(Self.sixtySouth))))")
        // Planimeter -s: 475790905383393.5000 m², 93 % of the ellipsoid's area.
        let large = try Self.planimeter(Self.sixtySouth, ["-s"])
        #expect(large > 0.9 * Self.wgs84SurfaceSquareMetres)
        #expect(abs(try Geodesic.wgs84.unsignedArea(of: north) - large) < 0.1)
        // Signed (Planimeter's default): -34274716340694.9688, the rest of the earth, negated.
        let signed = try Self.planimeter(Self.sixtySouth, [])
        #expect(abs(signed - (large - Self.wgs84SurfaceSquareMetres)) < 0.1)
        #expect(abs(try Geodesic.wgs84.signedArea(of: north) - signed) < 0.1)
        // Orientation-free: the smaller side, the south polar region.
        #expect(abs(try Geodesic.wgs84.area(of: north) - abs(signed)) < 0.1)
    }

    @Test func holeInARingEnclosingMostOfTheEarth() throws {
        // The small square, clockwise, as a hole of the 60° S shell: Planimeter -s -r gives the
        // area on the right of the clockwise path, 1152591.5479 m².
        let hole = Array(Self.square.reversed())
        let holed = try Geometry(wkt: "POLYGON ((\(Self.wkt(Self.sixtySouth))), (\(Self.wkt(hole))))")
        let expected = try Self.planimeter(Self.sixtySouth, ["-s"]) - Self.planimeter(hole, ["-s", "-r"])
        #expect(abs(try Geodesic.wgs84.unsignedArea(of: holed) - expected) < 0.1)
        // Signed: the shell reads as −(rest of the earth), and the hole takes its magnitude down.
        let signed = try Self.planimeter(Self.sixtySouth, []) + Self.planimeter(hole, ["-s", "-r"])
        #expect(abs(try Geodesic.wgs84.signedArea(of: holed) - signed) < 0.1)
    }

    @Test func multiPolygonOfOppositeOrientations() throws {
        // A counter-clockwise square and a clockwise one 0.02° north: signed areas cancel in part,
        // orientation-free areas add. Planimeter: 1152591.5479 and -1152442.1876.
        let north = Self.square.map { ($0.0, $0.1 + 0.02) }.reversed()
        let multi = try Geometry(wkt: """
            MULTIPOLYGON (((\(Self.wkt(Self.square)))), ((\(Self.wkt(Array(north))))))
            """)
        let a = try Self.planimeter(Self.square, []), b = try Self.planimeter(Array(north), [])
        #expect(a > 0 && b < 0)
        #expect(abs(try Geodesic.wgs84.signedArea(of: multi) - (a + b)) < 1e-3)
        #expect(abs(try Geodesic.wgs84.area(of: multi) - (a - b)) < 1e-3)
    }

    @Test func pointsAndLinesHaveNoArea() throws {
        let line = try Geometry(wkt: "LINESTRING (106.6822 20.8571, 105.8575 21.0245)")
        #expect(try Geodesic.wgs84.signedArea(of: line) == 0)
        #expect(try Geodesic.wgs84.unsignedArea(of: line) == 0)
    }
}

/// The real boundary data in `../shared/data/` beside the checkout (never copied into the repo).
enum SharedData {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data")

    /// The outline geometry of the anchorage area whose `thongtin` is `name`.
    static func anchorageOutline(named name: String) throws -> Geometry {
        let url = directory.appendingPathComponent("hai_phong_anchorage_pilot_areas.geojson")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let features = try #require(root["features"] as? [[String: Any]])
        let feature = try #require(features.first { ($0["properties"] as? [String: Any])?["thongtin"] as? String == name })
        let geometry = try JSONSerialization.data(withJSONObject: try #require(feature["geometry"]))
        return try Geometry(geoJSON: String(decoding: geometry, as: UTF8.self))
    }
}
