import Testing
import ZoneAtlas
import ZoneGeoJSON
import ZoneGeometry

/// Names, kinds and the mapping from GeoJSON properties; expectations are the inputs' own text.
struct ModelTests {
    let square = try! Geometry(wkt: "POLYGON ((106.1 20.8, 106.2 20.8, 106.2 20.9, 106.1 20.9, 106.1 20.8))")
    let line = try! Geometry(wkt: "LINESTRING (106.1 20.8, 106.2 20.9)")

    @Test func vietnameseNamesFoldForSearch() {
        #expect(NameFolding.matches("Thượng Hồng", "thuong hong"))
        #expect(NameFolding.matches("Khu kinh tế Đình Vũ – Cát Hải", "dinh vu"))
        #expect(NameFolding.matches("Khu kinh tế Đình Vũ – Cát Hải", "DINH VU CAT HAI"))
        #expect(NameFolding.matches("Bắc Thanh Miện", "thanh mien"))
        #expect(!NameFolding.matches("Thanh Miện", "thuong"))
        #expect(NameFolding.fold("  Đặc khu   Cát Hải ") == "dac khu cat hai")
        // Decomposed text (NFD: base letters and combining marks, as some GIS exports write it) folds the same.
        #expect(NameFolding.fold("Thượng Hồng".decomposedStringWithCanonicalMapping) == "thuong hong")
        #expect(NameFolding.fold("ĐỒ SƠN – Ưng Hoà") == "do son ung hoa")
    }

    @Test func communeTypesInEitherLanguage() {
        #expect(CommuneType(text: "Phường") == .ward)
        #expect(CommuneType(text: "Xã") == .commune)
        #expect(CommuneType(text: "Đặc khu") == .specialZone)
        #expect(CommuneType(text: "special_zone") == .specialZone)
        #expect(CommuneType(text: "Huyện") == nil)
    }

    @Test func layersFollowKind() {
        #expect(Layer.forKind("industrial_park", isLineal: false) == .zones)
        #expect(Layer.forKind("commune", isLineal: false) == .communes)
        #expect(Layer.forKind("ward", isLineal: false) == .communes)
        #expect(Layer.forKind("expressway", isLineal: true) == .corridors)
        #expect(Layer.forKind(nil, isLineal: true) == .corridors)
        #expect(Layer.forKind(nil, isLineal: false) == .zones)
    }

    @Test func zoneFieldsFromDefaultNames() throws {
        let properties: JSONObject = ["name": .string("Khu công nghiệp Tràng Duệ"), "kind": .string("industrial_park"),
                                      "status": .string("established"), "declared_area_ha": .number("400"),
                                      "decision": .string("1107/QĐ-TTg"), "decision_date": .string("2009-08-07"),
                                      "parent": .string("ez-dinh-vu-cat-hai")]
        guard case let .zone(zone) = try FeatureMapper().entry(id: "ip-trang-due", properties: properties, geometry: square,
                                                                source: "t", index: 0) else {
            Issue.record("expected a zone")
            return
        }
        #expect(zone.id == "ip-trang-due" && zone.name == "Khu công nghiệp Tràng Duệ")
        #expect(zone.kind == .industrialPark && zone.status == .established)
        #expect(zone.declaredAreaHectares == 400)
        #expect(zone.legalBasis == LegalBasis(decision: "1107/QĐ-TTg", date: "2009-08-07"))
        #expect(zone.parentID == "ez-dinh-vu-cat-hai")
        #expect(zone.properties == properties)
    }

    @Test func mappingOverridesAndUnits() throws {
        var mapping = FieldMapping()
        try mapping.set("declared_area_km2=area")
        try mapping.set("name=ten_xa")
        let properties: JSONObject = ["id": .string("10993"), "ten_xa": .string("Thượng Hồng"), "type": .string("Xã"),
                                      "area": .number("24.01"), "population": .number("24584")]
        let mapper = FeatureMapper(mapping: mapping, layer: .communes)
        guard case let .commune(commune) = try mapper.entry(id: nil, properties: properties, geometry: square, source: "t", index: 0) else {
            Issue.record("expected a commune")
            return
        }
        #expect(commune.id == "10993" && commune.name == "Thượng Hồng" && commune.type == .commune)
        #expect(abs((commune.declaredAreaHectares ?? 0) - 2401) < 1e-9)  // 24.01 km² = 2,401 ha
        #expect(commune.population == 24584)
        #expect(throws: RegistryError.self) { try mapping.set("no-equals-sign") }
        #expect(throws: RegistryError.self) { try mapping.set("colour=red") }
    }

    @Test func geometryMustFitTheLayer() throws {
        #expect(throws: RegistryError.self) {
            try FeatureMapper(layer: .zones).entry(id: "x", properties: [:], geometry: line, source: "t", index: 0)
        }
        #expect(throws: RegistryError.self) {
            try FeatureMapper(layer: .corridors).entry(id: "x", properties: ["kind": .string("road")], geometry: square, source: "t", index: 0)
        }
        // A corridor's kind is a known one, or "corridor" when the source gives none; --kind gives one to features without.
        #expect(throws: RegistryError.self) {
            try FeatureMapper(layer: .corridors).entry(id: "x", properties: ["kind": .string("industrial_park")], geometry: line,
                                                       source: "t", index: 0)
        }
        guard case let .corridor(plain) = try FeatureMapper(layer: .corridors).entry(id: "x", properties: [:], geometry: line,
                                                                                        source: "t", index: 0) else {
            Issue.record("expected a corridor")
            return
        }
        #expect(plain.kind == .corridor)
        #expect(throws: Never.self) {
            try FeatureMapper(layer: .corridors, defaultKind: "channel").entry(id: "x", properties: [:], geometry: line, source: "t", index: 0)
        }
        #expect(throws: RegistryError.self) {
            try FeatureMapper().entry(id: nil, properties: [:], geometry: square, source: "t", index: 0)
        }
        // Decision dates are stored as GeoPackage DATEs: only YYYY-MM-DD, and a real day.
        for bad in ["12/02/2026", "2026-2-12", "2026-02-30", "2025-02-29"] {
            #expect(throws: RegistryError.self, "\(bad)") {
                try FeatureMapper().entry(id: "z", properties: ["decision": .string("1/QĐ"), "decision_date": .string(bad)],
                                          geometry: square, source: "t", index: 0)
            }
        }
        #expect(throws: Never.self) {
            try FeatureMapper().entry(id: "z", properties: ["decision": .string("1/QĐ"), "decision_date": .string("2024-02-29")],
                                      geometry: square, source: "t", index: 0)
        }
    }
}
