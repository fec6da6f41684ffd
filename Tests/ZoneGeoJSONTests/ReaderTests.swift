import Foundation
import Testing
import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// Reading GeoJSON text: what is kept, and where each problem is located. Expected values are
/// written by hand from the input text shown in each test.
struct ReaderTests {
    func read(_ text: String, options: ReadOptions = ReadOptions()) -> ReadResult {
        Array(text.utf8).withUnsafeBytes { GeoJSONReader(options: options).read(bytes: $0, file: "test.geojson") }
    }

    @Test func keepsPropertiesIdsAndForeignMembersExactly() throws {
        let text = #"""
            {"type":"FeatureCollection","name":"Hải Phòng","features":[
              {"type":"Feature","id":7,"bbox":[106.7,20.8,106.71,20.81],
               "geometry":{"type":"Polygon","coordinates":[[[106.7,20.8],[106.71,20.8],[106.71,20.81],[106.7,20.81],[106.7,20.8]]]},
               "properties":{"name":"Khu công nghiệp Đình Vũ","area":1.50,"big":12345678901234567890,"zero":-0,"exp":1e3,
                             "nested":{"a":[1,"b",null,true]}},"source":"sketch"}]}
            """#
        let result = read(text)
        #expect(result.problems.isEmpty)
        let feature = try #require(result.collection.features.first)
        #expect(feature.id == .number("7"))
        #expect(feature.bbox == [106.7, 20.8, 106.71, 20.81])
        #expect(feature[property: "name"] == .string("Khu công nghiệp Đình Vũ"))
        #expect(feature[property: "area"] == .number("1.50"))
        #expect(feature[property: "big"] == .number("12345678901234567890"))
        #expect(feature[property: "zero"] == .number("-0"))
        #expect(feature[property: "exp"] == .number("1e3"))
        #expect(feature[property: "nested"] == .object(["a": .array([.number("1"), .string("b"), .null, .bool(true)])]))
        #expect(feature.properties?.members.map(\.key) == ["name", "area", "big", "zero", "exp", "nested"])
        #expect(feature.foreignMembers["source"] == .string("sketch"))
        #expect(result.collection.foreignMembers["name"] == .string("Hải Phòng"))
        #expect(try feature.geometry?.wkt() == "POLYGON ((106.7 20.8, 106.71 20.8, 106.71 20.81, 106.7 20.81, 106.7 20.8))")
    }

    @Test func allSevenGeometryTypesIn2DAnd3D() throws {
        let geometries = [
            (#"{"type":"Point","coordinates":[106.7,20.8,5]}"#, "POINT Z (106.7 20.8 5)"),
            (#"{"type":"LineString","coordinates":[[106.7,20.8],[106.8,20.9]]}"#, "LINESTRING (106.7 20.8, 106.8 20.9)"),
            (#"{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}"#, "MULTIPOINT (1 2, 3 4)"),
            (#"{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[[5,6],[7,8]]]}"#, "MULTILINESTRING ((1 2, 3 4), (5 6, 7 8))"),
            (#"{"type":"Polygon","coordinates":[[[0,0],[3,0],[3,3],[0,0]],[[1,0.5],[2,0.5],[2,1],[1,0.5]]]}"#,
             "POLYGON ((0 0, 3 0, 3 3, 0 0), (1 0.5, 2 0.5, 2 1, 1 0.5))"),
            (#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}"#,
             "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))"),
            (#"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[1,2],[3,4]]}]}"#,
             "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (1 2, 3 4))"),
        ]
        for (json, wkt) in geometries {
            let result = read(json, options: ReadOptions(checkValidity: false))
            #expect(result.problems.filter { $0.severity == .error }.isEmpty, "\(json): \(result.problems)")
            let written = try result.collection.features.first?.geometry?.wkt()
            #expect(written == wkt)
        }
        // A 2D position after a 3D one has no height.
        let mixed = read(#"{"type":"LineString","coordinates":[[1,2,3],[4,5]]}"#)
        #expect(try mixed.collection.features.first?.geometry?.value() == .lineString([Coordinate(x: 1, y: 2, z: 3), Coordinate(4, 5)]))
    }

    @Test func everyProblemInAFileIsReported() {
        let text = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","id":"a","geometry":{"type":"Polygon","coordinates":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]},"properties":{}},
            {"type":"Feature","id":"a","geometry":{"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[1,0],[0,0]]]},"properties":null},
            {"type":"Feature","geometry":{"type":"polygon","coordinates":[]},"properties":{}},
            {"type":"Feature","geometry":{"type":"LineString","coordinates":[[596810,2307414],[596900,2307500]]},"properties":{}},
            {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]},"properties":{}},
            {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,"x"],[0,0]]]},"properties":{}},
            {"type":"Feature","geometry":{"type":"Point","coordinates":[1e400, 2]},"properties":[]},
            {"type":"Feature","geometry":null,"properties":{}},
            {"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2]]}}
            ]}
            """
        let result = read(text)
        let found = result.problems.map { "\($0.severity.rawValue) \($0.code.rawValue) \($0.feature ?? -1) \($0.pointer)" }
        #expect(found == [
            "error self-intersection 0 /features/0/geometry",
            "warning ring-orientation 1 /features/1/geometry/coordinates/0",
            "error duplicate-id 1 /features/1/id",
            "error unknown-geometry-type 2 /features/2/geometry/type",
            "error projected-coordinates 3 /features/3/geometry/coordinates/0",
            "error unclosed-ring 4 /features/4/geometry/coordinates/0",
            "error wrong-type 5 /features/5/geometry/coordinates/0/2/1",
            "error number-out-of-range 6 /features/6/geometry/coordinates/0",
            "error wrong-type 6 /features/6/properties",
            "warning null-geometry 7 /features/7/geometry",
            "error too-few-positions 8 /features/8/geometry/coordinates",
        ])
        // The bow-tie's edges cross at (1, 1); the ids are carried into the problems.
        #expect(result.problems[0].location == Coordinate(1, 1))
        #expect(result.problems[0].featureID == "a")
        #expect(result.featureCount == 9)
    }

    @Test func malformedJSONHasLineAndColumn() {
        // Line 3 is `  "features": [1,]`: two spaces, "features" (10), ':', ' ', '[', '1', ',' — the ']'
        // after the trailing comma is column 18. A malformed file reports that one problem only.
        let result = read("{\n\"type\": \"FeatureCollection\",\n  \"features\": [1,]\n}")
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.code == .invalidJSON)
        #expect(result.problems.first?.line == 3)
        #expect(result.problems.first?.column == 18)
        // Columns count characters: "Đình" is 4 characters in 6 bytes; NaN starts at column 17.
        let accented = read(#"{"n":"Đình","x":NaN}"#)
        #expect(accented.problems.first?.column == 17)
    }

    @Test func truncatedEmptyAndGarbage() {
        for text in ["", "   \n", #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[106.7"#,
                     #"{"type":"Feature","properties":{"name":"Đình"#, "\u{01}\u{02}garbage"] {
            let result = read(text)
            #expect(result.problems.map(\.code) == [.invalidJSON], "\(text)")
        }
        let truncated = read(#"{"type":"Feature","#)
        #expect(truncated.problems.first?.line == 1 && truncated.problems.first?.column == 19)
    }

    @Test func invalidUTF8IsLocated() {
        // "name":"Đ" then a lone continuation byte 0x80 at column 14 of line 1.
        var bytes = Array(#"{"name":"Đ"#.utf8)
        bytes.append(0x80)
        bytes += Array(#""}"#.utf8)
        let result = bytes.withUnsafeBytes { GeoJSONReader().read(bytes: $0, file: "bad.geojson") }
        #expect(result.problems.map(\.code) == [.invalidUTF8])
        #expect(result.problems.first?.line == 1 && result.problems.first?.column == 11)
    }

    @Test func hundredThousandLevelsDeepIsAnErrorNotACrash() {
        let deep = #"{"type":"Point","coordinates":"# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        let result = read(deep)
        #expect(result.problems.map(\.code) == [.tooDeep])
        // The top-level object is level 1, so the 512th '[' (column 30 + 512) is the first too many.
        #expect(result.problems.first?.column == 31 + 511)
        let deepObject = String(repeating: #"{"a":"#, count: 100_000)
        #expect(read(deepObject).problems.map(\.code) == [.tooDeep])
    }

    @Test func byteOrderMarkIsIgnored() {
        let result = read("\u{FEFF}" + #"{"type":"Point","coordinates":[106.7,20.8]}"#)
        #expect(result.problems.isEmpty)
        #expect(result.featureCount == 1)
    }

    @Test func notGeoJSONAndMissingMembers() {
        #expect(read("[1,2,3]").problems.map(\.code) == [.notGeoJSON])
        #expect(read(#"{"type":"Topology"}"#).problems.map(\.code) == [.notGeoJSON])
        #expect(read(#"{"type":"FeatureCollection"}"#).problems.map(\.code) == [.missingMember])
        #expect(read(#"{"type":"Feature","properties":{}}"#).problems.map { "\($0.code.rawValue) \($0.pointer)" } == ["missing-member "])
        #expect(read(#"{"type":"Polygon"}"#).problems.map(\.code) == [.missingMember])
        #expect(read(#"{"type":"FeatureCollection","features":{}}"#).problems.map { "\($0.code.rawValue) \($0.pointer)" }
                == ["wrong-type /features"])
    }

    @Test func geometryCollectionMemberProblemsArePointed() {
        let text = #"{"type":"Feature","properties":{},"geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[1,2]]}]}}"#
        #expect(read(text).problems.map { "\($0.code.rawValue) \($0.pointer)" }
                == ["too-few-positions /geometry/geometries/1/coordinates"])
    }

    @Test func extraDimensionsAreAWarning() throws {
        let result = read(#"{"type":"LineString","coordinates":[[1,2,3,4],[5,6]]}"#)
        #expect(result.problems.map { "\($0.severity.rawValue) \($0.code.rawValue) \($0.pointer)" }
                == ["warning extra-dimensions /coordinates/0"])
        #expect(try result.collection.features.first?.geometry?.value() == .lineString([Coordinate(x: 1, y: 2, z: 3), Coordinate(5, 6)]))
    }

    @Test func problemLimitCountsTheRest() {
        let features = (0..<20).map { _ in #"{"type":"Feature","geometry":null,"properties":{}}"# }.joined(separator: ",")
        let result = read(#"{"type":"FeatureCollection","features":["# + features + "]}", options: ReadOptions(problemLimit: 5))
        #expect(result.problems.count == 5)
        #expect(result.omittedProblems == 15)
    }
}
