import Foundation
import Testing
import ZoneAtlas
import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// An input GeoPackage goes through the checks a GeoJSON file goes through, each problem located by
/// table and fid. The GeoPackages are made by GDAL's ogr2ogr from hand-made GeoJSON (GDAL does not
/// validate), in a table without a spatial index so that rows GeoJSON cannot hold (NaN, infinity,
/// an empty polygon, a crafted blob) can be added with the sqlite3 shell.
///
/// The reasons and locations expected are GDAL's: `ogrinfo -dialect sqlite -sql "SELECT fid,
/// ST_IsEmpty(geom), ST_IsValidReason(geom) FROM parcels"` on the GeoPackage of ``rows``, run once
/// when this test was written, said:
///   fid 2 `Self-intersection[106.005 20.005]`, fid 3 `Hole lies outside shell[106.02 20.02]`,
///   fid 4 `Ring Self-intersection[106.01 20.01]`, fid 5 ST_IsEmpty 1, fid 6 `Invalid Coordinate[inf 20]`,
///   fid 7 `Invalid Coordinate[nan 20.01]`.
struct GeoPackageInputTests {
    static let square = "[[[106.0,20.0],[106.01,20.0],[106.01,20.01],[106.0,20.01],[106.0,20.0]]]"
    /// Edges (106 20)–(106.01 20.01) and (106.01 20)–(106 20.01) cross at (106.005 20.005).
    static let bowTie = "[[[106.0,20.0],[106.01,20.01],[106.01,20.0],[106.0,20.01],[106.0,20.0]]]"
    static let holeOutsideShell = "[[[106.0,20.0],[106.01,20.0],[106.01,20.01],[106.0,20.01],[106.0,20.0]],"
        + "[[106.02,20.02],[106.02,20.03],[106.03,20.03],[106.03,20.02],[106.02,20.02]]]"
    /// One ring that passes through (106.01 20.01) twice.
    static let selfTouchingRing = "[[[106.0,20.0],[106.02,20.0],[106.01,20.01],[106.015,20.02],[106.005,20.02],[106.01,20.01],[106.0,20.0]]]"

    /// Polygons with ids, as GeoJSON.
    static func geoJSON(_ polygons: [(id: String, coordinates: String)]) -> String {
        "{\"type\":\"FeatureCollection\",\"features\":[" + polygons.map {
            "{\"type\":\"Feature\",\"properties\":{\"id\":\"\($0.id)\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":\($0.coordinates)}}"
        }.joined(separator: ",") + "]}"
    }

    /// A GeoPackage whose table `parcels` ogr2ogr made from `polygons` (fids 1, 2 …), with the rows
    /// `blobs` (id and geometry blob; `nil` for NULL) added after them.
    static func geoPackage(_ polygons: [(id: String, coordinates: String)], blobs: [(id: String, blob: [UInt8]?)] = []) throws -> String {
        let directory = try Paths.temporaryDirectory()
        let source = directory.appendingPathComponent("parcels.geojson")
        try Data(geoJSON(polygons).utf8).write(to: source)
        let gpkg = directory.appendingPathComponent("parcels.gpkg").path
        let converted = try Paths.run("ogr2ogr", ["-f", "GPKG", "-lco", "SPATIAL_INDEX=NO", "-nln", "parcels", gpkg, source.path])
        try #require(converted.status == 0)
        guard !blobs.isEmpty else { return gpkg }
        let sql = directory.appendingPathComponent("rows.sql")
        try Data(blobs.map { row in
            "INSERT INTO parcels (id, geom) VALUES ('\(row.id)', \(row.blob.map { "X'" + $0.map { String(format: "%02X", $0) }.joined() + "'" } ?? "NULL"));\n"
        }.joined().utf8).write(to: sql)
        let inserted = try Paths.run("sqlite3", [gpkg, ".read \(sql.path)"])
        try #require(inserted.status == 0)
        return gpkg
    }

    typealias Blob = GeoPackageBinaryTests

    /// A one-ring polygon blob, little-endian, without envelope.
    static func polygonBlob(_ ring: [(Double, Double)]) -> [UInt8] {
        Blob.header + [1] + Blob.le(UInt32(3)) + Blob.le(UInt32(1)) + Blob.le(UInt32(ring.count))
            + ring.flatMap { Blob.le($0.0) + Blob.le($0.1) }
    }

    /// Every kind of bad row, after a good one.
    static let rows: (polygons: [(id: String, coordinates: String)], blobs: [(id: String, blob: [UInt8]?)]) = (
        [("good", square), ("bowtie", bowTie), ("hole", holeOutsideShell), ("touch", selfTouchingRing)],
        [
            // GeoPackage's empty flag (bit 4) and a Polygon of no rings.
            ("empty", [0x47, 0x50, 0x00, 0b0001_0001] + Blob.le(UInt32(4326)) + [1] + Blob.le(UInt32(3)) + Blob.le(UInt32(0))),
            ("infinite", polygonBlob([(106.0, 20.0), (.infinity, 20.0), (106.01, 20.01), (106.0, 20.0)])),
            ("nan", polygonBlob([(106.0, 20.0), (106.01, 20.0), (.nan, 20.01), (106.0, 20.0)])),
            // 20,000 GeometryCollections, each holding the next, around one point.
            ("nested", Blob.header + Array(repeating: [1] + Blob.le(UInt32(7)) + Blob.le(UInt32(1)), count: 20_000).flatMap { $0 }
                + Blob.point(106.7, 20.8)),
            ("metres", polygonBlob([(590_000, 2_300_000), (591_000, 2_300_000), (591_000, 2_301_000), (590_000, 2_300_000)])),
            ("null", nil),
        ])

    @Test func everyProblemIsLocatedByTableAndFid() throws {
        let gpkg = try Self.geoPackage(Self.rows.polygons, blobs: Self.rows.blobs)
        let result = try GeoPackageInput(path: gpkg).read()
        #expect(result.featureCount == 10)
        #expect(result.hasErrors)
        let found = result.problems.map { "\($0.severity.rawValue) \($0.code.rawValue) \($0.place) \($0.featureID ?? "-")" }
        #expect(found == [
            "error self-intersection table parcels fid 2 bowtie",
            "error hole-outside-shell table parcels fid 3 hole",
            "error ring-self-intersection table parcels fid 4 touch",
            "error empty-geometry table parcels fid 5 empty",
            "error non-finite-coordinate table parcels fid 6 infinite",
            "error non-finite-coordinate table parcels fid 7 nan",
            "error unreadable-geometry table parcels fid 8 nested",
            "error coordinate-out-of-range table parcels fid 9 metres",
            "warning null-geometry table parcels fid 10 null",
        ])
        let messages = result.problems.map(\.message)
        #expect(messages[0] == "the geometry is invalid: Self-intersection at [106.005, 20.005]")
        #expect(messages[1] == "the geometry is invalid: Hole lies outside shell at [106.02, 20.02]")
        #expect(messages[2] == "the geometry is invalid: Ring Self-intersection at [106.01, 20.01]")
        #expect(messages[4].hasPrefix("[inf, 20.0] "))
        #expect(messages[5].hasPrefix("[nan, 20.01] "))
        #expect(messages[6].contains("nested more than \(GeoPackageBinary.maximumDepth) deep"), "\(messages[6])")
        #expect(messages[7].hasPrefix("[590000.0, 2300000.0] is outside longitude"))
        #expect(result.problems[0].location == Coordinate(106.005, 20.005))
        #expect(result.problems.allSatisfy { $0.file == gpkg && $0.feature == nil && $0.pointer.tokens.isEmpty })
        // The good row and the one the policy keeps are features; those that cannot be used have no geometry.
        let geometries = result.collection.features.map { $0.geometry != nil }
        #expect(geometries == [true, true, true, true, false, false, false, false, false, false])
    }

    /// The geometries GeoJSON can hold give the same problems, word for word, from a GeoJSON file
    /// and from the GeoPackage ogr2ogr makes of it.
    @Test func theSameProblemsAsFromGeoJSON() throws {
        let polygons = Self.rows.polygons
        let gpkg = try Self.geoPackage(polygons)
        let text = Self.geoJSON(polygons)
        let fromGeoJSON = Array(text.utf8).withUnsafeBytes { GeoJSONReader().read(bytes: $0, file: "parcels.geojson") }
        let fromGeoPackage = try GeoPackageInput(path: gpkg).read()
        func what(_ problems: [Problem]) -> [String] { problems.map { "\($0.severity) \($0.code) \($0.message)" } }
        #expect(fromGeoJSON.problems.count == 3)
        #expect(what(fromGeoPackage.problems) == what(fromGeoJSON.problems))
    }

    /// Rows are compared with the rows before them, as a GeoJSON file's features are: a repeated id
    /// is an error, a repeated geometry a warning — the same problems the GeoJSON reader finds in
    /// the same features, located by fid.
    @Test func repeatedIDsAndGeometriesAreFound() throws {
        let shifted = "[[[106.1,20.0],[106.11,20.0],[106.11,20.01],[106.1,20.01],[106.1,20.0]]]"
        let polygons: [(id: String, coordinates: String)] = [("a", Self.square), ("b", shifted), ("a", shifted)]
        let fromGeoPackage = try GeoPackageInput(path: try Self.geoPackage(polygons)).read()
        // The same features with their ids as GeoJSON's feature ids (the `id` column's counterpart).
        let text = Self.geoJSON(polygons).replacingOccurrences(of: #""properties":{"id":"a"}"#, with: #""id":"a","properties":{}"#)
        let fromGeoJSON = Array(text.utf8).withUnsafeBytes { GeoJSONReader().read(bytes: $0, file: "parcels.geojson") }
        #expect(fromGeoPackage.problems.map { "\($0.severity.rawValue) \($0.code.rawValue) \($0.place)" }
                == ["error duplicate-id table parcels fid 3", "warning duplicate-geometry table parcels fid 3"])
        #expect(fromGeoPackage.problems.map(\.code) == fromGeoJSON.problems.map(\.code))
    }

    @Test func warnKeepsTheGeometryAndRepairMendsIt() throws {
        let gpkg = try Self.geoPackage([("good", Self.square), ("bowtie", Self.bowTie)])
        let warned = try GeoPackageInput(path: gpkg, options: ReadOptions(policy: .warn)).read()
        #expect(!warned.hasErrors)
        #expect(warned.problems.map { "\($0.severity.rawValue) \($0.code.rawValue) \($0.place)" } == ["warning self-intersection table parcels fid 2"])
        let kept = try #require(warned.collection.features[1].geometry)
        #expect(try kept.equalsExactly(try Geometry(wkt: "POLYGON ((106 20, 106.01 20.01, 106.01 20, 106 20.01, 106 20))")))

        let repaired = try GeoPackageInput(path: gpkg, options: ReadOptions(policy: .repair)).read()
        #expect(!repaired.hasErrors)
        #expect(repaired.problems.map { "\($0.severity.rawValue) \($0.code.rawValue) \($0.place)" } == ["warning repaired table parcels fid 2"])
        // By hand: the bow tie is two triangles meeting where its edges cross, (106.005 20.005).
        let mended = try #require(repaired.collection.features[1].geometry)
        #expect(try mended.isValid)
        #expect(try mended.equals(try Geometry(wkt: "MULTIPOLYGON (((106 20, 106 20.01, 106.005 20.005, 106 20)), "
                                                     + "((106.005 20.005, 106.01 20.01, 106.01 20, 106.005 20.005)))")))
    }

    /// A table in a projected CRS is checked in WGS84 after reprojection; `--crs` overrides the
    /// table's SRS as it overrides a GeoJSON file's `crs`.
    @Test func aProjectedTableIsCheckedAfterReprojection() throws {
        let directory = try Paths.temporaryDirectory()
        let source = directory.appendingPathComponent("bowtie.geojson")
        try Data(Self.geoJSON([("bowtie", Self.bowTie)]).utf8).write(to: source)
        let gpkg = directory.appendingPathComponent("tm3.gpkg").path
        // GDAL reprojects to VN-2000 / TM-3 105-45; ZoneAtlas reprojects back.
        let converted = try Paths.run("ogr2ogr", ["-f", "GPKG", "-t_srs", "EPSG:9210", "-nln", "parcels", gpkg, source.path])
        try #require(converted.status == 0)
        let result = try GeoPackageInput(path: gpkg).read()
        #expect(result.sourceCRS == (try CRS("EPSG:9210")))
        #expect(result.problems.map { "\($0.code.rawValue) \($0.place)" } == ["self-intersection table parcels fid 1"])
        // Where the edges cross, by hand: (106.005 20.005); two reprojections move it by far less than 1e-7°.
        let location = try #require(result.problems.first?.location)
        #expect(abs(location.x - 106.005) < 1e-7 && abs(location.y - 20.005) < 1e-7, "\(location)")
        // Read as WGS84, the table's metres are out of range.
        let overridden = try GeoPackageInput(path: gpkg, options: ReadOptions(crs: .wgs84)).read()
        #expect(overridden.problems.map { "\($0.code.rawValue) \($0.place)" } == ["coordinate-out-of-range table parcels fid 1"])
    }

    /// An import of a GeoPackage with an error throws with the file's problems and writes nothing.
    @Test func importOfAnInvalidRowThrowsAndWritesNothing() throws {
        let gpkg = try Self.geoPackage([("good", Self.square), ("bowtie", Self.bowTie)])
        let directory = try Paths.temporaryDirectory()
        let registry = directory.appendingPathComponent("registry.gpkg").path
        let first = directory.appendingPathComponent("first.geojson")
        try Data(Self.geoJSON([("first", Self.square)]).utf8).write(to: first)
        let importer = RegistryImporter(readOptions: ReadOptions())
        _ = try importer.importFiles([first.path], into: GeoPackageStore(path: registry))
        let before = try Data(contentsOf: URL(fileURLWithPath: registry))
        do {
            _ = try importer.importFiles([gpkg], into: GeoPackageStore(path: registry))
            Issue.record("the import went through")
        } catch let .invalidInput(results) {
            #expect(results.flatMap(\.problems).map { "\($0.code.rawValue) \($0.place)" } == ["self-intersection table parcels fid 2"])
        } catch {
            Issue.record("\(error)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: registry)) == before)
        #expect(try GeoPackageStore(path: registry).entries().map(\.id) == ["first"])
    }

    @Test func aTableAskedForThatIsMissingIsNamed() throws {
        let gpkg = try Self.geoPackage([("good", Self.square)])
        let other = RegistryImporter(readOptions: ReadOptions(), layerFromTable: ["nothing": .zones])
        do {
            _ = try other.read([gpkg])
            Issue.record("a table that is not there was read")
        } catch let .unreadable(_, reason) {
            #expect(reason == "it has no feature table \"nothing\" (it has parcels)")
        } catch {
            Issue.record("\(error)")
        }
    }
}
