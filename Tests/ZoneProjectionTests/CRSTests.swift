import Testing
import ZoneGeometry
import ZoneProjection

/// CRS look-ups. Names and kinds are PROJ's database entries as `projinfo EPSG:n -o WKT2_2019`
/// (proj-bin 9.1.1) prints them.
struct CRSTests {
    @Test func haiPhongTM3() throws {
        let crs = try CRS.epsg(9210)
        #expect(crs.name == "VN-2000 / TM-3 105-45")
        #expect(crs.isProjected)
        #expect(!crs.isGeographic)
        #expect(crs.unit == "metre")
        #expect(crs.unitToSI == 1)
        #expect(crs.definition == "EPSG:9210")
        // projinfo: BBOX[9.75,105.26,23.12,107.8] (south, west, north, east).
        let area = try #require(crs.areaOfUse)
        #expect(area.minX == 105.26 && area.minY == 9.75 && area.maxX == 107.8 && area.maxY == 23.12)
    }

    @Test(arguments: [
        (4756, "VN-2000"), (3405, "VN-2000 / UTM zone 48N"), (3406, "VN-2000 / UTM zone 49N"),
        (9205, "VN-2000 / TM-3 103-00"), (9206, "VN-2000 / TM-3 104-00"), (9207, "VN-2000 / TM-3 104-30"),
        (9208, "VN-2000 / TM-3 104-45"), (9209, "VN-2000 / TM-3 105-30"), (9210, "VN-2000 / TM-3 105-45"),
        (9211, "VN-2000 / TM-3 106-00"), (9212, "VN-2000 / TM-3 106-15"), (9213, "VN-2000 / TM-3 106-30"),
        (9214, "VN-2000 / TM-3 107-00"), (9215, "VN-2000 / TM-3 107-15"), (9216, "VN-2000 / TM-3 107-30"),
        (9217, "VN-2000 / TM-3 108-15"), (9218, "VN-2000 / TM-3 108-30"),
    ])
    func everyVN2000CRS(code: Int, name: String) throws {
        let crs = try CRS.epsg(code)
        #expect(crs.name == name)
        #expect(crs.kind == (code == 4756 ? .geographic : .projected))
        #expect(crs.unit == (code == 4756 ? "degree" : "metre"))
        // Every one of them reaches WGS 84.
        _ = try Transformer(from: crs, to: .wgs84)
    }

    @Test func definitionsInOtherForms() throws {
        #expect(try CRS("urn:ogc:def:crs:EPSG::9210") == CRS.epsg(9210))
        #expect(try CRS("  EPSG:4326 ") == CRS.wgs84)
        let utm = try CRS("+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs +type=crs")
        #expect(utm.isProjected)
        #expect(utm.unit == "metre")
        #expect(utm.definition.hasPrefix("+proj=utm"))
        let wgs84 = try CRS.epsg(4326)
        #expect(wgs84.name == CRS.wgs84.name && wgs84.kind == CRS.wgs84.kind && wgs84.unit == CRS.wgs84.unit)
        #expect(abs(wgs84.unitToSI - CRS.wgs84.unitToSI) < 1e-15)
    }

    @Test func fromWKT() throws {
        // `projinfo EPSG:9210 -o WKT2_2019 --single-line -q` (proj-bin 9.1.1).
        let wkt = #"PROJCRS["VN-2000 / TM-3 105-45",BASEGEOGCRS["VN-2000",DATUM["Vietnam 2000",ELLIPSOID["WGS 84",6378137,298.257223563,LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],ID["EPSG",4756]],CONVERSION["Vietnam TM-3 105-45",METHOD["Transverse Mercator",ID["EPSG",9807]],PARAMETER["Latitude of natural origin",0,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8801]],PARAMETER["Longitude of natural origin",105.75,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8802]],PARAMETER["Scale factor at natural origin",0.9999,SCALEUNIT["unity",1],ID["EPSG",8805]],PARAMETER["False easting",500000,LENGTHUNIT["metre",1],ID["EPSG",8806]],PARAMETER["False northing",0,LENGTHUNIT["metre",1],ID["EPSG",8807]]],CS[Cartesian,2],AXIS["(E)",east,ORDER[1],LENGTHUNIT["metre",1]],AXIS["(N)",north,ORDER[2],LENGTHUNIT["metre",1]],USAGE[SCOPE["Cadastre, engineering survey, topographic mapping (large scale)."],AREA["Vietnam - Hai Phong and Ho Chi Minh cities; Ben Tre, Binh Duong, Cao Bang, Long An and Tien Giang provinces."],BBOX[9.75,105.26,23.12,107.8]],ID["EPSG",9210]]"#
        let crs = try CRS(wkt)
        #expect(crs.name == "VN-2000 / TM-3 105-45")
        #expect(crs.isProjected && crs.unit == "metre")
        // The same point as the EPSG code gives (cs2cs: 596810.5644 2307414.9240).
        let p = try Transformer(from: .wgs84, to: crs).transform(Coordinate(106.6822, 20.8571))
        #expect(abs(p.x - 596810.5644) < 1e-4 && abs(p.y - 2307414.9240) < 1e-4)
    }

    @Test func unknownOrWrongDefinitionsAreTypedErrors() {
        do {
            _ = try CRS.epsg(99999)
            Issue.record("EPSG:99999 does not exist")
        } catch let ProjectionError.unknownCRS(definition, message) {
            #expect(definition == "EPSG:99999")
            #expect(!message.isEmpty)
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(throws: ProjectionError.self) { try CRS("not a crs at all") }
        // A bare projection is an operation, not a CRS.
        #expect(throws: ProjectionError.notACRS(definition: "+proj=merc +ellps=WGS84")) { try CRS("+proj=merc +ellps=WGS84") }
    }
}
