import Testing
import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// VN-2000 input. Expected lon/lat come from PROJ's cs2cs (proj-bin 9.1.1):
/// `printf "596800 2307400\n597800 2307400\n597800 2308400\n596800 2308400\n" | cs2cs -f %.10f EPSG:9210 EPSG:4326`
struct CoordinateSystemTests {
    let square = "[[[596800,2307400],[597800,2307400],[597800,2308400],[596800,2308400],[596800,2307400]]]"
    let expected = [
        Coordinate(106.6820976654, 20.8569657567), Coordinate(106.6917063705, 20.8569131658),
        Coordinate(106.6917626217, 20.8659450611), Coordinate(106.6821533428, 20.8659976768),
    ]

    func read(_ text: String, options: ReadOptions = ReadOptions()) -> ReadResult {
        Array(text.utf8).withUnsafeBytes { GeoJSONReader(options: options).read(bytes: $0, file: "vn2000.geojson") }
    }

    func collection(crs: String?) -> String {
        let member = crs.map { #""crs":{"type":"name","properties":{"name":"\#($0)"}},"# } ?? ""
        return #"{"type":"FeatureCollection",\#(member)"features":[{"type":"Feature","properties":{"name":"Lô đất"},"geometry":{"type":"Polygon","coordinates":\#(square)}}]}"#
    }

    func checkReprojected(_ result: ReadResult) throws {
        #expect(result.problems.isEmpty, "\(result.problems)")
        guard case let .polygon(rings)? = try result.collection.features.first?.geometry?.value() else {
            Issue.record("expected a polygon")
            return
        }
        for (position, oracle) in zip(rings[0], expected) {
            #expect(abs(position.x - oracle.x) < 1e-9 && abs(position.y - oracle.y) < 1e-9, "\(position) vs \(oracle)")
        }
    }

    @Test func legacyCRSMemberAsGDALWritesIt() throws {
        let result = read(collection(crs: "urn:ogc:def:crs:EPSG::9210"))
        #expect(result.sourceCRS == (try CRS.epsg(9210)))
        try checkReprojected(result)
        try checkReprojected(read(collection(crs: "EPSG:9210")))
    }

    @Test func optionOverridesTheFile() throws {
        try checkReprojected(read(collection(crs: nil), options: ReadOptions(crs: try .epsg(9210))))
        // The option wins over a wrong declaration in the file.
        try checkReprojected(read(collection(crs: "EPSG:4326"), options: ReadOptions(crs: try .epsg(9210))))
    }

    @Test func projectedCoordinatesWithoutCRSSuggestTheOption() {
        let result = read(collection(crs: nil))
        #expect(result.problems.map { "\($0.code.rawValue) \($0.pointer)" } == ["projected-coordinates /features/0/geometry/coordinates/0/0"])
        #expect(result.problems.first?.message.contains("--input-crs") == true)
    }

    @Test func unknownCRSIsAnError() {
        let result = read(collection(crs: "urn:ogc:def:crs:EPSG::99999"))
        #expect(result.problems.map { "\($0.code.rawValue) \($0.pointer)" } == ["unknown-crs /crs/properties/name"])
        #expect(result.collection.features.first?.geometry == nil)
    }

    @Test func outOfRangeLonLat() {
        let result = read(#"{"type":"MultiPoint","coordinates":[[106.7,20.8],[106.7,95.5]]}"#)
        #expect(result.problems.map { "\($0.code.rawValue) \($0.pointer)" } == ["coordinate-out-of-range /coordinates/1"])
    }
}
