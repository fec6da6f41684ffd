import Testing
@testable import ZoneGeoJSON
import ZoneGeometry

/// The writer: RFC 7946 orientation, precision, and exact round trips. Expected text is written
/// by hand from the inputs.
struct WriterTests {
    func read(_ text: String) -> ReadResult {
        Array(text.utf8).withUnsafeBytes { GeoJSONReader(options: ReadOptions(checkValidity: false)).read(bytes: $0, file: "t") }
    }

    @Test func ringsAreWrittenCounterClockwiseWithClockwiseHoles() throws {
        // Shell drawn clockwise, hole drawn counter-clockwise: both get reversed.
        let clockwise = try Geometry(wkt: "POLYGON ((0 0, 0 4, 4 4, 4 0, 0 0), (1 1, 2 1, 2 2, 1 2, 1 1))")
        let json = JSONWriter().string(try GeoJSONWriter().json(clockwise))
        #expect(json == #"{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[1,2],[2,2],[2,1],[1,1]]]}"#)
    }

    @Test func precisionRoundsAndTrims() {
        let writer = GeoJSONWriter(precision: 7)
        #expect(writer.format(106.12345674999) == "106.1234567")
        #expect(writer.format(106.12345675001) == "106.1234568")
        #expect(writer.format(-20.5) == "-20.5")
        #expect(writer.format(0.00000004) == "0")
        #expect(writer.format(-0.0000001) == "-0.0000001")
        #expect(writer.format(596800) == "596800")
        #expect(GeoJSONWriter(precision: 2).format(106.678) == "106.68")
    }

    @Test func geometryBBoxAndForeignMembersAreKept() throws {
        let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[106.7,20.8],"bbox":[106.7,20.8,106.7,20.8],"nguon":"khảo sát"},"properties":{}}]}"#
        let first = read(text)
        #expect(first.collection.features[0].geometryMembers["nguon"] == .string("khảo sát"))
        #expect(try GeoJSONWriter().string(first.collection) == text)
    }

    @Test func roundTripKeepsEverything() throws {
        let text = #"{"type":"FeatureCollection","name":"Hải Phòng","features":[{"type":"Feature","id":"ez-1","geometry":{"type":"Point","coordinates":[106.7,20.8]},"properties":{"name":"Đình Vũ","area":22540.0,"big":12345678901234567890,"tab":"a\tb","quote":"\"x\""},"source":"sketch"},{"type":"Feature","id":3,"geometry":null,"properties":null}]}"#
        let first = read(text)
        let written = try GeoJSONWriter().string(first.collection)
        #expect(written == text)
        let again = read(written)
        #expect(again.collection.features.count == 2)
        #expect(again.collection.features[0].properties == first.collection.features[0].properties)
    }
}
