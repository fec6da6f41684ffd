import Foundation
import Testing
import ZoneAtlas
import ZoneGeoJSON
import ZoneGeometry

/// `PlanDiff` on hand-built shapes whose changes are known, and on the real communes against a
/// version derived from them.
struct PlanDiffTests {
    /// The area on the WGS 84 ellipsoid of the cell between two meridians and two parallels, in m²,
    /// by the closed form A = Δλ · b²/2 · [q(φ)] from φ1 to φ2 with
    /// q(φ) = sin φ / (1 − e² sin² φ) + ln((1 + e sin φ) / (1 − e sin φ)) / (2e)
    /// (hand calculation, independent of GeographicLib). Its edges along parallels are not
    /// geodesics; for cells of a few hundred metres the difference is under 0.01 m².
    static func ellipsoidCell(west: Double, east: Double, south: Double, north: Double) -> Double {
        let a = 6_378_137.0, f = 1 / 298.257223563
        let b = a * (1 - f), e2 = f * (2 - f), e = e2.squareRoot()
        func q(_ degrees: Double) -> Double {
            let s = sin(degrees * .pi / 180)
            return s / (1 - e2 * s * s) + log((1 + e * s) / (1 - e * s)) / (2 * e)
        }
        return (east - west) * .pi / 180 * b * b / 2 * (q(north) - q(south))
    }

    static func square(_ west: Double, _ south: Double, _ east: Double, _ north: Double) throws -> Geometry {
        try Geometry(wkt: "POLYGON ((\(west) \(south), \(east) \(south), \(east) \(north), \(west) \(north), \(west) \(south)))")
    }

    static func zone(_ id: String, _ geometry: Geometry, name: String? = nil, declared: Double? = nil) -> RegistryEntry {
        .zone(Zone(id: id, name: name ?? id, kind: .industrialPark, declaredAreaHectares: declared, geometry: geometry))
    }

    @Test func aSquareThatGrowsByAStrip() throws {
        // 0.010° × 0.010° at 20° N grows east by a strip 0.002° wide.
        let before = [Self.zone("sq", try Self.square(106.0, 20.0, 106.01, 20.01), declared: 115.8),
                      Self.zone("same", try Self.square(106.2, 20.0, 106.21, 20.01)),
                      Self.zone("gone", try Self.square(106.1, 20.0, 106.11, 20.01))]
        let after = [Self.zone("sq", try Self.square(106.0, 20.0, 106.012, 20.01), name: "Square (adjusted)", declared: 139),
                     Self.zone("same", try Self.square(106.2, 20.0, 106.21, 20.01)),
                     Self.zone("new", try Self.square(106.3, 20.0, 106.31, 20.01))]
        let diff = try PlanDiff.between(before, after)
        #expect(diff.items.map(\.id) == ["gone", "new", "sq"])
        #expect(diff.items.map(\.change) == [.removed, .added, .changed])
        let grown = diff.items[2]
        let strip = Self.ellipsoidCell(west: 106.01, east: 106.012, south: 20.0, north: 20.01)
        #expect(abs(grown.gainedHectares * 10_000 - strip) < 0.5, "\(grown.gainedHectares * 10_000) m² against \(strip) m²")
        #expect(grown.lostHectares == 0)
        // PROJ's `geod -I +ellps=WGS84` from 20°N 106.01°E to 20°N 106.012°E: 209.294 m. Measured in
        // VN-2000 / TM-3 (scale 0.9999 on the central meridian), the shift is within 0.05 m of it.
        #expect(abs((grown.geometry?.hausdorffMetres ?? 0) - 209.294) < 0.05, "\(grown.geometry?.hausdorffMetres ?? 0)")
        #expect(grown.oldDeclaredHectares == 115.8 && grown.newDeclaredHectares == 139)
        #expect(grown.fields.map(\.field) == ["name", "declared_area_ha"])
        let cell = Self.ellipsoidCell(west: 106.1, east: 106.11, south: 20.0, north: 20.01)
        #expect(abs(diff.items[0].lostHectares * 10_000 - cell) < 0.5 && diff.items[0].gainedHectares == 0)
        // The gained strip is in the GeoJSON, as the polygon it is.
        let gained = try #require(diff.features.first { $0.properties?["id"] == .string("sq") })
        #expect(gained.properties?["part"] == .string("gained"))
        #expect(try gained.geometry?.equals(try Self.square(106.01, 20.0, 106.012, 20.01)) == true)
        #expect(diff.features.count == 3)  // the strip, the new zone (gained) and the removed one (lost)
    }

    @Test func aShrinkAndAToleranceForRounding() throws {
        let before = [Self.zone("sq", try Self.square(106.0, 20.0, 106.01, 20.01))]
        let shrunk = [Self.zone("sq", try Self.square(106.0, 20.0, 106.01, 20.009))]
        let item = try #require(try PlanDiff.between(before, shrunk).items.first)
        let strip = Self.ellipsoidCell(west: 106.0, east: 106.01, south: 20.009, north: 20.01)
        #expect(abs(item.lostHectares * 10_000 - strip) < 0.5 && item.gainedHectares == 0)
        // Moved by a millimetre (1e-8° ≈ 1.1 mm at 20° N): a change exactly, none within 1 cm.
        let nudged = [Self.zone("sq", try Self.square(106.0, 20.0, 106.01 + 1e-8, 20.01))]
        #expect(try PlanDiff.between(before, nudged).items.count == 1)
        #expect(try PlanDiff.between(before, nudged, toleranceMetres: 0.01).items.isEmpty)
    }

    /// A diff that keeps no parts measures the same hectares (the ellipsoidal cell, as above) and
    /// holds no strip; added and removed features keep their entries, changed ones not.
    @Test func partsAreKeptOnlyWhereAsked() throws {
        let before = [Self.zone("sq", try Self.square(106.0, 20.0, 106.01, 20.01)), Self.zone("gone", try Self.square(106.1, 20.0, 106.11, 20.01))]
        let after = [Self.zone("sq", try Self.square(106.0, 20.0, 106.01, 20.009))]
        let kept = try #require(try PlanDiff.between(before, after).items.first { $0.id == "sq" })
        let lean = try PlanDiff.between(before, after, keepingParts: [])
        let item = try #require(lean.items.first { $0.id == "sq" })
        let strip = Self.ellipsoidCell(west: 106.0, east: 106.01, south: 20.009, north: 20.01)
        #expect(abs(item.lostHectares * 10_000 - strip) < 0.5 && item.lostHectares == kept.lostHectares)
        #expect(kept.geometry?.lost != nil && item.geometry?.lost == nil && item.old == nil && item.new == nil)
        let removed = try #require(lean.items.first { $0.id == "gone" })
        #expect(removed.change == .removed && removed.old?.id == "gone")
    }

    /// The real communes against a copy in which commune 10507 moved 0.001° east and 10525 is gone
    /// (derived in the test with plain JSON edits). Oracle: GDAL's SQLite dialect (SpatiaLite),
    /// `ST_Area(ST_Difference(ST_Translate(geometry, 0.001, 0, 0), geometry), 1)` — an ellipsoidal
    /// area by another library, which agrees with GeographicLib's to about 2e-5 on these shapes.
    @Test func realCommunesMovedAndRemoved() throws {
        let source = "\(Paths.sharedData)/hai_phong_communes_2025.geojson"
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: source))) as? [String: Any])
        func shift(_ value: Any) -> Any {
            if let pair = value as? [Double], pair.count == 2 { return [pair[0] + 0.001, pair[1]] }
            return (value as? [Any])?.map(shift) ?? value
        }
        var features = try #require(json["features"] as? [[String: Any]])
        features.removeAll { ($0["properties"] as? [String: Any])?["id"] as? String == "10525" }
        let moved = try #require(features.firstIndex { ($0["properties"] as? [String: Any])?["id"] as? String == "10507" })
        var geometry = try #require(features[moved]["geometry"] as? [String: Any])
        geometry["coordinates"] = shift(geometry["coordinates"] as Any)
        features[moved]["geometry"] = geometry
        json["features"] = features
        let derived = try Paths.temporaryDirectory().appendingPathComponent("derived.geojson")
        try JSONSerialization.data(withJSONObject: json).write(to: derived)

        let diff = try PlanDiff.between(try RegistryImporter().read([source]).entries, try RegistryImporter().read([derived.path]).entries)
        #expect(diff.items.map(\.id) == ["10507", "10525"])
        func spatialite(_ expression: String, _ id: String) throws -> Double {
            let run = try Paths.run("ogrinfo", ["-q", source, "-dialect", "SQLite", "-sql",
                                                "SELECT \(expression) AS v FROM hai_phong_communes_2025 WHERE id = '\(id)'"])
            let line = try #require(run.output.split(separator: "\n").first { $0.contains("v (Real) = ") })
            return try #require(Double(line.split(separator: "=").last!.trimmingCharacters(in: .whitespaces)))
        }
        let gained = try spatialite("ST_Area(ST_Difference(ST_Translate(geometry, 0.001, 0, 0), geometry), 1)", "10507")
        let lost = try spatialite("ST_Area(ST_Difference(geometry, ST_Translate(geometry, 0.001, 0, 0)), 1)", "10507")
        let removed = try spatialite("ST_Area(geometry, 1)", "10525")
        #expect(abs(diff.items[0].gainedHectares * 10_000 - gained) / gained < 1e-4, "\(diff.items[0].gainedHectares * 10_000) against \(gained)")
        #expect(abs(diff.items[0].lostHectares * 10_000 - lost) / lost < 1e-4, "\(diff.items[0].lostHectares * 10_000) against \(lost)")
        #expect(diff.items[0].fields.isEmpty && diff.items[1].change == .removed)
        #expect(abs(diff.items[1].lostHectares * 10_000 - removed) / removed < 1e-4)
        // A translation by 0.001° of longitude (geod -I +ellps=WGS84 at 20.96° N: 103.998 m; the commune
        // lies between 20.95° and 20.99° N, within 0.02 m of that) moves no point farther.
        #expect((diff.items[0].geometry?.hausdorffMetres ?? 0) <= 104.05)
        #expect((diff.items[0].geometry?.hausdorffMetres ?? 0) > 50)
    }

    /// The real communes (id, name, type and geometry, as GDAL writes them) against a version GDAL
    /// derives with SpatiaLite: 10507 and 10525 merged into M1 (ST_Union), 10532 split at its
    /// centroid's longitude into S1 and S2 (ST_Intersection with the two halves of its box). The
    /// shares expected are SpatiaLite's ellipsoidal areas, ST_Area(…, 1), of the same parts.
    @Test func realCommunesMergedAndSplitReadAsOneLineEach() throws {
        let source = "\(Paths.sharedData)/hai_phong_communes_2025.geojson", table = "hai_phong_communes_2025"
        let directory = try Paths.temporaryDirectory()
        let before = directory.appendingPathComponent("before.geojson").path, after = directory.appendingPathComponent("after.geojson").path
        func half(_ west: String, _ east: String) -> String {
            "ST_Intersection(geometry, BuildMbr(\(west), MbrMinY(geometry), \(east), MbrMaxY(geometry), 4326))"
        }
        let centre = "ST_X(ST_Centroid(geometry))"
        let derived = """
            SELECT id, name, type, geometry FROM \(table) WHERE id NOT IN ('10507', '10525', '10532')
            UNION ALL SELECT 'M1' AS id, 'Merged' AS name, 'Phường' AS type, ST_Union(geometry) AS geometry FROM \(table) WHERE id IN ('10507', '10525')
            UNION ALL SELECT 'S1', 'West', 'Xã', \(half("MbrMinX(geometry)", centre)) FROM \(table) WHERE id = '10532'
            UNION ALL SELECT 'S2', 'East', 'Xã', \(half(centre, "MbrMaxX(geometry)")) FROM \(table) WHERE id = '10532'
            """
        #expect(try Paths.run("ogr2ogr", ["-f", "GeoJSON", before, source, "-dialect", "SQLite", "-sql", "SELECT id, name, type, geometry FROM \(table)"]).status == 0)
        #expect(try Paths.run("ogr2ogr", ["-f", "GeoJSON", after, source, "-dialect", "SQLite", "-sql", derived]).status == 0)
        func spatialite(_ sql: String) throws -> [Double] {
            try Paths.run("ogrinfo", ["-q", source, "-dialect", "SQLite", "-sql", sql]).output.split(separator: "\n")
                .filter { $0.contains("v (Real) = ") }.compactMap { Double($0.split(separator: "=").last!.trimmingCharacters(in: .whitespaces)) }
        }
        let merged = try spatialite("""
            SELECT ST_Area(geometry, 1) / (SELECT ST_Area(ST_Union(geometry), 1) FROM \(table) WHERE id IN ('10507', '10525')) AS v
            FROM \(table) WHERE id IN ('10507', '10525') ORDER BY id
            """)
        let split = try spatialite("""
            SELECT ST_Area(\(half("MbrMinX(geometry)", centre)), 1) / ST_Area(geometry, 1) AS v FROM \(table) WHERE id = '10532'
            UNION ALL SELECT ST_Area(\(half(centre, "MbrMaxX(geometry)")), 1) / ST_Area(geometry, 1) FROM \(table) WHERE id = '10532'
            """)
        #expect(merged.count == 2 && split.count == 2)

        let diff = try PlanDiff.between(try RegistryImporter().read([before]).entries, try RegistryImporter().read([after]).entries,
                                        toleranceMetres: 0.01)
        #expect(diff.items.map(\.id) == ["10532", "M1"], "\(diff.items.map(\.id))")
        #expect(diff.items.map(\.change) == [.split, .merged])
        let (lines, parts) = (diff.items, diff.items.map { $0.parts.map(\.id) })
        #expect(parts == [["S1", "S2"], ["10507", "10525"]])
        for (part, expected) in zip(lines[0].parts, split) { #expect(abs(part.share - expected) < 1e-4, "\(part.id): \(part.share) against \(expected)") }
        for (part, expected) in zip(lines[1].parts, merged) { #expect(abs(part.share - expected) < 1e-4, "\(part.id): \(part.share) against \(expected)") }
        // The union of the parts is the whole: nothing gained or lost beyond a centimetre's shift.
        #expect(lines.allSatisfy { $0.geometry == nil && $0.gainedHectares == 0 && $0.lostHectares == 0 })
    }

    @Test func renumberedAndReorganisedSquares() throws {
        // "old" becomes "new" on the same ground; the west and east halves of a square become its
        // south and north halves, each new half taking a quarter of the square from each old one.
        let before = [Self.zone("old", try Self.square(106.0, 20.0, 106.01, 20.01)),
                      Self.zone("west", try Self.square(106.1, 20.0, 106.105, 20.01)),
                      Self.zone("east", try Self.square(106.105, 20.0, 106.11, 20.01)),
                      // A neighbour touching "new" along an edge is not linked to it.
                      Self.zone("beside", try Self.square(106.01, 20.0, 106.02, 20.01))]
        let after = [Self.zone("new", try Self.square(106.0, 20.0, 106.01, 20.01)),
                     Self.zone("south", try Self.square(106.1, 20.0, 106.11, 20.005)),
                     Self.zone("north", try Self.square(106.1, 20.005, 106.11, 20.01))]
        let diff = try PlanDiff.between(before, after)
        #expect(diff.items.map(\.id) == ["beside", "new", "north", "south"])
        #expect(diff.items.map(\.change) == [.removed, .renumbered, .reorganised, .reorganised])
        #expect(diff.items[1].parts.map(\.id) == ["old"] && abs(diff.items[1].parts[0].share - 1) < 1e-12)
        #expect(diff.items[1].fields.map(\.field) == ["id", "name"] && diff.items[1].geometry == nil)
        // Each new half is half west, half east: equal areas, by symmetry in longitude.
        for line in diff.items[2...] {
            #expect(line.parts.map(\.id).sorted() == ["east", "west"])
            #expect(line.parts.allSatisfy { abs($0.share - 0.5) < 1e-4 }, "\(line.parts.map(\.share))")
        }
    }

    @Test func theHectaresEachCommuneGivesOrGetsBack() throws {
        // The square grows east by a strip 0.002° wide that crosses three communes: "west" up to
        // 106.011° E, and east of it "east" up to 20.009° N and "north" above.
        let communes: [RegistryEntry] = [
            .commune(Commune(id: "west", name: "West", geometry: try Self.square(105.9, 19.9, 106.011, 20.1))),
            .commune(Commune(id: "east", name: "East", geometry: try Self.square(106.011, 19.9, 106.1, 20.009))),
            .commune(Commune(id: "north", name: "North", geometry: try Self.square(106.011, 20.009, 106.1, 20.1))),
        ]
        let diff = try PlanDiff.between([Self.zone("sq", try Self.square(106.0, 20.0, 106.01, 20.01))],
                                        [Self.zone("sq", try Self.square(106.0, 20.0, 106.012, 20.01))])
        let table = try diff.byCommune(communes)
        #expect((0..<table.rows.count).map { table.cell($0, "commune").stringValue } == ["west", "east", "north"])
        // Closed-form ellipsoidal cells (see ellipsoidCell), in hectares, to 0.0001 ha as printed.
        let expected = [Self.ellipsoidCell(west: 106.01, east: 106.011, south: 20.0, north: 20.01),
                        Self.ellipsoidCell(west: 106.011, east: 106.012, south: 20.0, north: 20.009),
                        Self.ellipsoidCell(west: 106.011, east: 106.012, south: 20.009, north: 20.01)].map { $0 / 10_000 }
        for (row, hectares) in expected.enumerated() {
            let gained = Double(table.cell(row, "gained_ha").stringValue ?? "") ?? -1
            #expect(abs(gained - hectares) < 0.0001, "\(table.cell(row, "commune")): \(gained) ha against \(hectares) ha")
            #expect(table.cell(row, "lost_ha").stringValue == "0.0000")
        }
    }
}
