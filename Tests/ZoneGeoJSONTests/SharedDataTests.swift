import Foundation
import Testing
import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// The real Hai Phong boundaries in `../shared/data/` read end to end. Areas are from pyproj 3.7.2
/// + shapely 2.2.0, run once: `Geod(ellps='WGS84').geometry_area_perimeter(orient_polygons(shape(g)))`.
struct SharedDataTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")

    func read(_ name: String, options: ReadOptions = ReadOptions()) throws -> ReadResult {
        try GeoJSONReader(options: options).read(contentsOf: Self.directory.appendingPathComponent(name).path)
    }

    @Test func communesOfTheMergedCity() throws {
        let result = try read("hai_phong_communes_2025.geojson")
        #expect(result.featureCount == 114)
        #expect(!result.hasErrors, "\(result.problems)")
        let total = try result.collection.features.reduce(0.0) { $0 + (try Geodesic.wgs84.area(of: #require($1.geometry))) }
        #expect(abs(total - 3080117369.692861) / total < 1e-9)
        let first = try #require(result.collection.features.first)
        #expect(first[property: "name"] == .string("Thành Đông"))
        #expect(first[property: "area"] == .number("12.22"))
    }

    @Test func sezHostCommunes() throws {
        let result = try read("hai_phong_sez_host_communes_2025.geojson")
        let expected = ["Bình Giang": 25940779.22020622, "Thượng Hồng": 23923716.767385013, "Thanh Miện": 33565309.08705596,
                        "Nguyễn Lương Bằng": 21884045.257083908, "Bắc Thanh Miện": 25179091.632523738, "Hải Hưng": 24740467.71428914]
        #expect(result.featureCount == 6)
        for feature in result.collection.features {
            let name = try #require(feature[property: "name"]?.stringValue)
            let area = try Geodesic.wgs84.area(of: try #require(feature.geometry))
            #expect(abs(area - (expected[name] ?? 0)) / area < 1e-9, "\(name)")
        }
    }

    @Test func anchorageOutlinesBecomePolygons() throws {
        let lines = try read("hai_phong_anchorage_pilot_areas.geojson")
        #expect(lines.featureCount == 14)
        #expect(lines.collection.features.allSatisfy { $0.geometry?.type.isLineal == true })
        let areas = try read("hai_phong_anchorage_pilot_areas.geojson", options: ReadOptions(polygonize: true))
        #expect(!areas.hasErrors, "\(areas.problems)")
        let honDau = try #require(areas.collection.features.first { $0[property: "thongtin"]?.stringValue == "KHU NEO HÒN DẤU (2.150HA)" })
        let geometry = try #require(honDau.geometry)
        #expect(geometry.type.isPolygonal)
        // pyproj on shapely's polygonize of the same outline: 21494208.497625113 m² (2,150 ha declared).
        #expect(abs(try Geodesic.wgs84.area(of: geometry) - 21494208.497625113) / 21494208.497625113 < 1e-9)
    }

    @Test func portChannelsAreLines() throws {
        let result = try read("hai_phong_port_channels.geojson")
        #expect(result.featureCount == 287)
        #expect(!result.hasErrors)
        #expect(result.collection.features.allSatisfy { $0.geometry?.type.isLineal == true })
        // The real problems in this file, counted with shapely 2.2 (run once): 63 features whose
        // WKB equals an earlier feature's, and 3 whose remove_repeated_points drops a position.
        #expect(result.problems.filter { $0.code == .duplicateGeometry }.count == 63)
        #expect(result.problems.filter { $0.code == .repeatedVertex }.count == 3)
    }

    @Test func anchorageOutlineFlaws() throws {
        // shapely 2.2: remove_repeated_points changes features 5 and 12; polygonize_full of the
        // noded outlines leaves 4 dangles in features 1 (Hòn Dấu) and 10 (Lạch Huyện 1).
        let lines = try read("hai_phong_anchorage_pilot_areas.geojson")
        #expect(lines.problems.filter { $0.code == .repeatedVertex }.compactMap(\.feature) == [5, 12])
        let areas = try read("hai_phong_anchorage_pilot_areas.geojson", options: ReadOptions(polygonize: true))
        let dangles = areas.problems.filter { $0.code == .outlineDangles }
        #expect(dangles.compactMap(\.feature) == [1, 10])
        #expect(dangles.allSatisfy { $0.message.hasPrefix("4 pieces") })
    }

    @Test func missingFileIsAReadError() {
        #expect(throws: ReadError.unreadable(path: "/nonexistent/zones.geojson", reason: "no such file")) {
            try GeoJSONReader().read(contentsOf: "/nonexistent/zones.geojson")
        }
    }
}
