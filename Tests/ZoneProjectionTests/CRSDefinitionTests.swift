import Testing
import ZoneProjection

/// Only unambiguous CRS definitions are accepted. PROJ's own parser falls back to a fuzzy name
/// search; what it guesses is what `projinfo NAME -o WKT2_2019` (proj-bin 9.1.1) prints:
/// `foo` → GEOGCRS["Amersfoort"] (EPSG:4289), `wgs` → GEOGCRS["WGS 72"] (EPSG:4322),
/// `bar` → GEOGCRS["Barbados 1938"] (EPSG:4212).
struct CRSDefinitionTests {
    @Test(arguments: [("foo", "EPSG:4289 (Amersfoort)"), ("wgs", "EPSG:4322 (WGS 72)"), ("bar", "EPSG:4212 (Barbados 1938)")])
    func fuzzyNamesAreRefusedNamingPROJsGuess(name: String, guess: String) {
        #expect {
            try CRS(name)
        } throws: { error in
            guard case let .inexactName(refused, candidates) = error as? ProjectionError else { return false }
            return refused == name && candidates.first == guess && "\(error)".contains(guess)
        }
    }

    @Test func aNameLikeNothingSaysSo() {
        #expect {
            try CRS("qqqqzzzz")
        } throws: { error in
            guard case let .inexactName(_, candidates) = error as? ProjectionError else { return false }
            return candidates.isEmpty && "\(error)".contains("PROJ knows no CRS with a name like it")
        }
    }

    /// Exact names (PROJ's database, letter case aside, aliases too) are their EPSG codes
    /// (`projinfo "VN-2000 / TM-3 105-45"` shows ID["EPSG",9210]; `projinfo WGS84` ID["EPSG",4326]).
    @Test(arguments: [("VN-2000 / TM-3 105-45", 9210), ("vn-2000 / tm-3 105-45", 9210), ("WGS 84", 4326), ("WGS84", 4326),
                      ("WGS 84 / UTM zone 48N", 32648), ("  VN-2000  ", 4756)])
    func exactNamesAreAccepted(name: String, code: Int) throws {
        let crs = try CRS(name)
        #expect(crs == (try CRS.epsg(code)))
        #expect(crs.definition == "EPSG:\(code)")
    }

    @Test func referencesStringsWKTAndPROJJSONAreAccepted() throws {
        #expect(try CRS("urn:ogc:def:crs:EPSG::9210") == CRS.epsg(9210))
        #expect(try CRS("http://www.opengis.net/def/crs/EPSG/0/9210") == CRS.epsg(9210))
        #expect(try CRS("epsg:4326") == CRS.epsg(4326))
        #expect(try CRS("OGC:CRS84").isGeographic)
        #expect(try CRS("ESRI:102100").isProjected)
        #expect(try CRS("EPSG:9210+5726").kind == .compound)
        #expect(try CRS("+proj=utm +zone=48 +datum=WGS84 +type=crs").isProjected)
        #expect(try CRS("proj=utm zone=48 datum=WGS84 type=crs").isProjected)
        // `projinfo EPSG:32648 -o WKT2_2019 --single-line`, shortened to its required parts by hand.
        let wkt = #"PROJCRS["WGS 84 / UTM zone 48N",BASEGEOGCRS["WGS 84",DATUM["World Geodetic System 1984",ELLIPSOID["WGS 84",6378137,298.257223563]]],CONVERSION["UTM zone 48N",METHOD["Transverse Mercator"],PARAMETER["Latitude of natural origin",0],PARAMETER["Longitude of natural origin",105],PARAMETER["Scale factor at natural origin",0.9996],PARAMETER["False easting",500000],PARAMETER["False northing",0]],CS[Cartesian,2],AXIS["easting",east,LENGTHUNIT["metre",1]],AXIS["northing",north,LENGTHUNIT["metre",1]]]"#
        let fromWKT = try CRS(wkt)
        #expect(fromWKT.name == "WGS 84 / UTM zone 48N" && fromWKT.isProjectedInMetres)
        // `projinfo EPSG:3405 -o PROJJSON --single-line -q`.
        let projJSON = #"{"$schema":"https://proj.org/schemas/v0.5/projjson.schema.json","type":"ProjectedCRS","name":"VN-2000 / UTM zone 48N","base_crs":{"name":"VN-2000","datum":{"type":"GeodeticReferenceFrame","name":"Vietnam 2000","ellipsoid":{"name":"WGS 84","semi_major_axis":6378137,"inverse_flattening":298.257223563}},"coordinate_system":{"subtype":"ellipsoidal","axis":[{"name":"Geodetic latitude","abbreviation":"Lat","direction":"north","unit":"degree"},{"name":"Geodetic longitude","abbreviation":"Lon","direction":"east","unit":"degree"}]},"id":{"authority":"EPSG","code":4756}},"conversion":{"name":"UTM zone 48N","method":{"name":"Transverse Mercator","id":{"authority":"EPSG","code":9807}},"parameters":[{"name":"Latitude of natural origin","value":0,"unit":"degree","id":{"authority":"EPSG","code":8801}},{"name":"Longitude of natural origin","value":105,"unit":"degree","id":{"authority":"EPSG","code":8802}},{"name":"Scale factor at natural origin","value":0.9996,"unit":"unity","id":{"authority":"EPSG","code":8805}},{"name":"False easting","value":500000,"unit":"metre","id":{"authority":"EPSG","code":8806}},{"name":"False northing","value":0,"unit":"metre","id":{"authority":"EPSG","code":8807}}]},"coordinate_system":{"subtype":"Cartesian","axis":[{"name":"Easting","abbreviation":"E","direction":"east","unit":"metre"},{"name":"Northing","abbreviation":"N","direction":"north","unit":"metre"}]},"scope":"Topographic mapping (medium scale).","area":"Vietnam - onshore west of 108°E.","bbox":{"south_latitude":8.33,"west_longitude":102.14,"north_latitude":23.4,"east_longitude":108},"id":{"authority":"EPSG","code":3405}}"#
        let fromJSON = try CRS(projJSON)
        #expect(fromJSON.name == "VN-2000 / UTM zone 48N" && fromJSON.isProjectedInMetres)
    }

    @Test func unknownCodesAreUnknownNotGuessed() {
        for definition in ["EPSG:foo", "EPSG:99999", "FOO:1234"] {
            #expect {
                try CRS(definition)
            } throws: { error in
                guard case .unknownCRS = error as? ProjectionError else { return false }
                return true
            }
        }
    }

    /// Planar measures need metres: geographic (degrees), geocentric and feet CRSs are refused
    /// (`projinfo EPSG:2263`: LENGTHUNIT["US survey foot",0.304800609601219]).
    @Test func planarMetresRefuseDegreesAndFeet() throws {
        #expect(try CRS.epsg(9210).requiringPlanarMetres() == CRS.epsg(9210))
        #expect(try CRS.epsg(32648).isProjectedInMetres)
        for code in [4326, 4756, 4978, 2263] {
            let crs = try CRS.epsg(code)
            #expect(!crs.isProjectedInMetres)
            #expect {
                try crs.requiringPlanarMetres()
            } throws: { error in
                guard case let .notPlanarMetres(definition, _, _, _) = error as? ProjectionError else { return false }
                return definition == "EPSG:\(code)"
            }
        }
        #expect("\(ProjectionError.notPlanarMetres(definition: "EPSG:4326", name: "WGS 84", kind: "geographic", unit: "degree"))"
            .contains("EPSG:4326 (WGS 84) is a geographic CRS"))
    }
}
