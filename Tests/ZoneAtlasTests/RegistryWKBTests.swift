import Foundation
import Testing
@testable import ZoneAtlas
import ZoneGeoJSON
import ZoneGeometry

/// The WKB the store writes straight from coordinates is the WKB GEOS's own writer gives for the
/// same geometry made a multi-geometry, byte for byte, on every feature of GeoData and of the real
/// Hai Phong files (polygons, multipolygons, holes, lines and multilines).
struct RegistryWKBTests {
    @Test func sameBytesAsGEOS() throws {
        let files = ["\(Paths.geoData)/zones.geojson", "\(Paths.geoData)/communes.geojson", "\(Paths.geoData)/corridors.geojson",
                     "\(Paths.sharedData)/hai_phong_communes_2025.geojson", "\(Paths.sharedData)/hai_phong_port_channels.geojson",
                     "\(Paths.sharedData)/hai_phong_city_boundary_2025.geojson"]
        var checked: [GeometryType: Int] = [:]
        for file in files {
            let result = try GeoJSONReader(options: ReadOptions(policy: .warn)).read(contentsOf: file)
            for geometry in result.collection.features.compactMap(\.geometry) {
                let multi: Geometry
                switch geometry.type {
                case .polygon: multi = try Geometry.collection([geometry], as: .multiPolygon)
                case .lineString: multi = try Geometry.collection([geometry], as: .multiLineString)
                default: multi = geometry
                }
                #expect(try GeoPackageBinary.multiWKB(geometry) == (try multi.wkb(includeZ: false)), "\(file)")
                checked[geometry.type, default: 0] += 1
            }
        }
        // Holes, in a polygon and in the second part of a multipolygon.
        for wkt in ["POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2), (6 6, 6 8, 8 8, 8 6, 6 6))",
                    "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((20 20, 30 20, 30 30, 20 30, 20 20), (22 22, 22 24, 24 24, 22 22)))"] {
            let geometry = try Geometry(wkt: wkt)
            let multi = geometry.type == .polygon ? try Geometry.collection([geometry], as: .multiPolygon) : geometry
            #expect(try GeoPackageBinary.multiWKB(geometry) == (try multi.wkb(includeZ: false)), "\(wkt)")
        }
        // Every kind the registry stores was met.
        #expect(Set(checked.keys).isSuperset(of: [.polygon, .multiPolygon, .lineString, .multiLineString]), "\(checked)")
        #expect(try GeoPackageBinary.multiWKB(try Geometry(wkt: "POINT (106 20)")) == nil)
    }
}
