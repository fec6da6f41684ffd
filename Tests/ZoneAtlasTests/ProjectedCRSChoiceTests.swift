import Foundation
import Testing
@testable import ZoneAtlas
import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// The default projected CRS reads only the fields that name a place, so a huge text property costs
/// nothing. Oracle for the zones: `projinfo EPSG:9210` lists Hai Phong in its area of use; over
/// 105.92–107.74 °E with no place named, the nearest central meridian is 107°00′, EPSG:9214
/// (as in AnalysisTests.projectedCRSFitsTheData).
struct ProjectedCRSChoiceTests {
    static let haiPhong = "POLYGON((105.918 20.124, 107.741 20.124, 107.741 21.237, 105.918 21.237, 105.918 20.124))"
    /// 50 MB of text that mentions Hải Phòng in every sentence.
    static let sentence = "Bản mô tả khu công nghiệp ở Hải Phòng rất dài. "
    static let fiftyMegabytes = String(repeating: sentence, count: 50_000_000 / sentence.utf8.count + 1)

    func zone(_ properties: JSONObject) throws -> Zone {
        Zone(id: "z", name: "Khu công nghiệp A", kind: .industrialPark, properties: properties, geometry: try Geometry(wkt: Self.haiPhong))
    }

    @Test(arguments: [
        ("name", true), ("name_en", true), ("full_name", true), ("provinceName", true), ("province", true), ("Tỉnh", true),
        ("thanh_pho", true), ("dia_chi", true), ("ten", true), ("ten_loai_d", true), ("ward", true), ("xa", true),
        ("source", false), ("description", false), ("thongtin", false), ("accuracy", false), ("decision", false),
        ("phanloai", false), ("style", false), ("names_of_the_sources", false), ("quantity", false),
    ])
    func placeKeys(key: String, namesAPlace: Bool) {
        #expect(ProjectedCRSChoice.namesAPlace(key) == namesAPlace, "\(key)")
    }

    @Test func aHugeDescriptionIsNotFolded() throws {
        #expect(Self.fiftyMegabytes.utf8.count > 50_000_000)
        let clock = ContinuousClock()
        // The province field names Hải Phòng: its own TM-3 zone.
        let named = try zone(["province": .string("Hải Phòng"), "description": .string(Self.fiftyMegabytes)])
        var start = clock.now
        #expect(try ProjectedCRSChoice.fitting([named]) == CRS.epsg(9210))
        #expect(clock.now - start < .seconds(1), "\(clock.now - start)")
        // A description is not a place, whatever it mentions (folding it found Hải Phòng, in 30 s): the nearest meridian.
        let described = try zone(["description": .string(Self.fiftyMegabytes)])
        start = clock.now
        #expect(try ProjectedCRSChoice.fitting([described]) == CRS.epsg(9214))
        #expect(clock.now - start < .seconds(1), "\(clock.now - start)")
        // A name or place field longer than a place name is not folded either.
        #expect(ProjectedCRSChoice.placeTexts(try zone(["province": .string(Self.fiftyMegabytes), "tinh": .string("Hải Phòng")])) == ["Khu công nghiệp A", "Hải Phòng"])
    }
}
