import Foundation
import Testing
import ZoneAtlas
import ZoneGeoJSON
import ZoneGeometry

/// The registry's history: every write a revision, every version kept with its revision range,
/// edits made through GDAL recorded, any past state read back and restored — in the GeoPackage
/// store, and where the test is not about the file itself, in PostGIS too. Oracles: GeoData's own
/// files (what each version must equal), `sha256sum`, GDAL's `ogrinfo` and validator reading the
/// history tables, and the database's own client (`sqlite3`, `psql`) reading what is stored.
struct HistoryTests {
    /// A registry with GeoData imported as revision 1, by the importer (so with its sources).
    func registry() throws -> (GeoPackageStore, URL) {
        let directory = try Paths.temporaryDirectory()
        let store = GeoPackageStore(path: directory.appendingPathComponent("registry.gpkg").path)
        _ = try RegistryImporter().importFiles([Paths.geoData], into: store,
                                               note: RevisionNote(author: "tester", message: "GeoData", command: "import"))
        return (store, directory)
    }

    /// The same in a store of `kind`, with its SQL client, and a folder for files.
    func registry(_ kind: StoreKind) throws -> (StoreUnderTest, URL) {
        let under = try kind.newStore()
        _ = try RegistryImporter().importFiles([Paths.geoData], into: under.store,
                                               note: RevisionNote(author: "tester", message: "GeoData", command: "import"))
        return (under, try Paths.temporaryDirectory())
    }

    /// GeoData's zones file with one zone's name changed and its square moved (a copy in `directory`).
    func editedZones(in directory: URL, rename: String) throws -> String {
        var text = try String(contentsOfFile: "\(Paths.geoData)/zones.geojson", encoding: .utf8)
        text = text.replacingOccurrences(of: "\"Khu kinh tế chuyên biệt Hải Phòng\"", with: "\"\(rename)\"")
        let path = directory.appendingPathComponent("zones-\(UUID().uuidString).geojson").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func sqlite(_ store: GeoPackageStore, _ sql: String) throws -> String {
        try Paths.run("sqlite3", [store.path, sql]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(arguments: StoreKind.underTest) func everyImportIsARevisionWithItsSourcesDigests(_ kind: StoreKind) throws {
        let (under, directory) = try registry(kind), store = under.store
        let edited = try editedZones(in: directory, rename: "Đặc khu Hải Phòng")
        let done = try RegistryImporter().importFiles([edited], into: store, note: RevisionNote(
            author: "planner", message: "rename", decision: LegalBasis(decision: "99/QĐ-UBND", date: "2026-03-01"), command: "import"))
        let revisions = try store.revisions()
        #expect(done.revision == revisions.last)
        #expect(revisions.map(\.number) == [1, 2])
        #expect(revisions[0].note.author == "tester" && revisions[0].added == 25 && revisions[0].changed == 0)
        #expect(revisions[1].note.decision == LegalBasis(decision: "99/QĐ-UBND", date: "2026-03-01"))
        #expect(revisions[1].added == 0 && revisions[1].changed == 1 && revisions[1].removed == 0)
        // The digests are those sha256sum gives for the same files.
        for source in revisions[0].note.sources + revisions[1].note.sources {
            let sum = try Paths.run("sha256sum", [source.name]).output.split(separator: " ").first.map(String.init)
            #expect(source.sha256 == sum, "\(source.name)")
        }
        #expect(revisions[0].note.sources.count == 3 && revisions[1].note.sources.map(\.name) == [edited])
        #expect(revisions[1].time >= revisions[0].time && revisions[1].time.hasSuffix("Z"))
    }

    @Test(arguments: StoreKind.underTest) func everyVersionIsKeptWithItsRange(_ kind: StoreKind) throws {
        let (under, directory) = try registry(kind), store = under.store
        _ = try RegistryImporter().importFiles([try editedZones(in: directory, rename: "Tên mới")], into: store)
        let versions = try store.versions(id: "sez-hai-phong")
        #expect(versions.map(\.from) == [1, 2] && versions.map(\.to) == [2, nil])
        #expect(versions.map(\.entry.feature.name) == ["Khu kinh tế chuyên biệt Hải Phòng", "Tên mới"])
        // The past reads as it was; the present as it is; the layers stay the present.
        #expect(try store.entry(id: "sez-hai-phong", at: 1)?.feature.name == "Khu kinh tế chuyên biệt Hải Phòng")
        #expect(try store.entry(id: "sez-hai-phong", at: 2)?.feature.name == "Tên mới")
        #expect(try under.sql("SELECT name FROM zones WHERE id = 'sez-hai-phong'") == "Tên mới")
        #expect(try store.entries(RegistryFilter(layers: [.zones]), at: 1).count == 8)
        // Unchanged zones have one version only: a re-import of the same boundary is no new version.
        #expect(try store.versions(id: "ip-dinh-vu").count == 1)
        // Each past geometry equals the one GeoData holds.
        let source = try RegistryImporter().read(["\(Paths.geoData)/zones.geojson"]).entries.first { $0.id == "sez-hai-phong" }
        #expect(try versions[0].entry.feature.geometry.equals(try #require(source).feature.geometry))
    }

    @Test(arguments: StoreKind.underTest) func aFailedImportAddsNoRevision(_ kind: StoreKind) throws {
        let (under, directory) = try registry(kind), store = under.store
        let broken = directory.appendingPathComponent("broken.geojson")
        try #"{"type":"Feature","properties":{"id":"x"},"geometry":{"type":"Polygon","coordinates":[[[106,20],[107,21],[107,20],[106,21],[106,20]]]}}"#
            .write(to: broken, atomically: true, encoding: .utf8)
        #expect(throws: RegistryError.self) {
            _ = try RegistryImporter().importFiles(["\(Paths.geoData)/zones.geojson", broken.path], into: store)
        }
        #expect(try store.revisions().count == 1)
        #expect(try under.sql("SELECT count(*) FROM zones_history") == "8")
    }

    @Test func editsMadeThroughGDALBecomeARevisionOfTheirOwn() throws {
        let (store, directory) = try registry()
        #expect(try Paths.run("ogrinfo", [store.path, "-sql", "UPDATE communes SET name = 'Sửa trong QGIS' WHERE id = '10993'"]).status == 0)
        #expect(try Paths.run("ogrinfo", [store.path, "-sql", "DELETE FROM corridors WHERE id = (SELECT min(id) FROM corridors)"]).status == 0)
        let added = directory.appendingPathComponent("added.geojson")
        try #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"gdal-zone","name":"Vẽ trong QGIS","kind":"urban_area"},"geometry":{"type":"MultiPolygon","coordinates":[[[[106.5,20.5],[106.6,20.5],[106.6,20.6],[106.5,20.5]]]]}}]}"#
            .write(to: added, atomically: true, encoding: .utf8)
        #expect(try Paths.run("ogr2ogr", ["-update", "-append", "-nln", "zones", store.path, added.path]).status == 0)
        // The next write records them first, then itself.
        _ = try RegistryImporter().importFiles([try editedZones(in: directory, rename: "Tên mới")], into: store)
        let revisions = try store.revisions()
        #expect(revisions.map(\.note.command) == ["import", RevisionNote.outsideEdit, "import"])
        #expect(revisions[1].added == 1 && revisions[1].changed == 1 && revisions[1].removed == 1)
        #expect(revisions[2].changed == 1 && revisions[2].added == 0)
        #expect(try store.entry(id: "10993", at: 1)?.feature.name != "Sửa trong QGIS")
        #expect(try store.entry(id: "10993", at: 2)?.feature.name == "Sửa trong QGIS")
        #expect(try store.entry(id: "gdal-zone", at: 1) == nil && store.entry(id: "gdal-zone", at: 2) != nil)
        // Nothing more is pending: reading the history records nothing new.
        #expect(try store.recordOutsideEdits() == nil)
    }

    @Test func aLayerWithoutTriggersIsComparedWhole() throws {
        let (store, _) = try registry()
        // As in a registry written before history, or a table GDAL dropped and made again.
        _ = try sqlite(store, "DROP TRIGGER zoneatlas_edits_zones_update")
        #expect(try Paths.run("ogrinfo", [store.path, "-sql", "UPDATE zones SET declared_area_ha = 1 WHERE id = 'ip-dinh-vu'"]).status == 0)
        #expect(try sqlite(store, "SELECT count(*) FROM zoneatlas_edits") == "0")
        let revision = try #require(try store.recordOutsideEdits())
        #expect(revision.number == 2 && revision.changed == 1 && revision.note.command == RevisionNote.outsideEdit)
        #expect(try store.entry(id: "ip-dinh-vu", at: 2)?.feature.declaredAreaHectares == 1)
        // The trigger is back.
        #expect(try sqlite(store, "SELECT count(*) FROM sqlite_master WHERE name = 'zoneatlas_edits_zones_update'") == "1")
    }

    @Test func gdalReadsTheHistoryTables() throws {
        let (store, directory) = try registry()
        _ = try RegistryImporter().importFiles([try editedZones(in: directory, rename: "Tên mới")], into: store)
        let validator = try Paths.run("/usr/bin/python3", ["/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py", store.path])
        #expect(validator.status == 0, "\(validator.output)")
        let history = try Paths.run("ogrinfo", ["-so", store.path, "zones_history"])
        #expect(history.output.contains("Geometry: Multi Polygon") && history.output.contains("Feature Count: 9"), "\(history.output)")
        #expect(history.output.contains("valid_from: Integer") && history.output.contains("valid_to: Integer"))
        let revisions = try Paths.run("ogrinfo", [store.path, "-sql", "SELECT fid, author, command, changed FROM zoneatlas_revisions WHERE fid = 2"])
        #expect(revisions.output.contains("command (String) = import") && revisions.output.contains("changed (Integer64) = 1"), "\(revisions.output)")
        let versions = try Paths.run("ogrinfo", [store.path, "-sql",
            "SELECT name FROM zones_history WHERE id = 'sez-hai-phong' AND valid_from <= 1 AND (valid_to IS NULL OR valid_to > 1)"])
        #expect(versions.output.contains("name (String) = Khu kinh tế chuyên biệt Hải Phòng"))
        // A registry read as input gives its present features, not its past versions.
        let read = try RegistryImporter().read([store.path]).entries
        #expect(read.count == 25)
    }

    @Test func restoreBringsBackARevisionAsANewOne() throws {
        let (store, directory) = try registry()
        _ = try RegistryImporter().importFiles([try editedZones(in: directory, rename: "Tên mới")], into: store)
        let square = try Geometry(wkt: "MULTIPOLYGON (((106.1 20.8, 106.2 20.8, 106.2 20.9, 106.1 20.9, 106.1 20.8)))")
        try store.write { writer in try writer.upsert([.zone(Zone(id: "later", name: "later", kind: .urbanArea, geometry: square))]) }
        #expect(try Paths.run("ogrinfo", [store.path, "-sql", "DELETE FROM zones WHERE id = 'ip-dinh-vu'"]).status == 0)
        try store.write(RevisionNote(command: "revert 1")) { writer in try writer.restore(revision: 1) }
        let revisions = try store.revisions()
        #expect(revisions.map(\.note.command) == ["import", "import", "write", RevisionNote.outsideEdit, "revert 1"])
        #expect(revisions[4].added == 1 && revisions[4].changed == 1 && revisions[4].removed == 1)
        // The layers hold revision 1's state again, row for row (sqlite3 compares the columns).
        for layer in ["zones", "communes", "corridors"] {
            let differing = try sqlite(store, """
                SELECT count(*) FROM \(layer)_history h WHERE h.valid_from <= 1 AND (h.valid_to IS NULL OR h.valid_to > 1)
                AND NOT EXISTS (SELECT 1 FROM \(layer) t WHERE t.id = h.id AND t.name IS h.name AND t.geom IS h.geom AND t.properties IS h.properties)
                """)
            #expect(differing == "0", "\(layer)")
            #expect(try sqlite(store, "SELECT count(*) FROM \(layer)") == sqlite(store,
                "SELECT count(*) FROM \(layer)_history WHERE valid_from <= 1 AND (valid_to IS NULL OR valid_to > 1)"))
        }
        #expect(try store.entry(id: "later") == nil && store.entry(id: "later", at: 3) != nil)
        #expect(throws: RegistryError.self) { try store.write { writer in try writer.restore(revision: 9) } }
        #expect(try store.revisions().count == 5)
    }

    /// Edits made in the database by another client (GDAL on the GeoPackage, `psql` on PostGIS)
    /// become a revision of their own, on every store — on Citus, which notes no edits, by comparing
    /// the layers whole — and a revert brings the earlier state back, row for row.
    @Test(arguments: StoreKind.underTest) func editsByAnotherClientAreRecordedAndReverted(_ kind: StoreKind) throws {
        let (under, _) = try registry(kind), store = under.store
        func edit(_ sql: String) throws {
            if let file = store as? GeoPackageStore {
                // GDAL, as QGIS would: sqlite3 lacks the ST_ functions that the R-tree triggers call.
                #expect(try Paths.run("ogrinfo", [file.path, "-sql", sql]).status == 0)
            } else {
                _ = try under.sql(sql)
            }
        }
        try edit("UPDATE zones SET status = 'planned' WHERE id = 'ip-dinh-vu'")
        try edit("DELETE FROM corridors WHERE id = (SELECT min(id) FROM corridors)")
        let edits = try #require(try store.recordOutsideEdits(), "the edits were not found")
        #expect(edits.number == 2 && edits.note.command == RevisionNote.outsideEdit)
        #expect(edits.changed == 1 && edits.removed == 1 && edits.added == 0)
        #expect(try store.recordOutsideEdits() == nil, "nothing more is pending")
        #expect(try store.versions(id: "ip-dinh-vu").map(\.to) == [2, nil])
        let revert = try store.commit(RevisionNote(command: "revert 1")) { writer in try writer.restore(revision: 1) }.revision
        #expect(revert.number == 3 && revert.changed == 1 && revert.added == 1 && revert.removed == 0)
        #expect(try under.sql("SELECT status FROM zones WHERE id = 'ip-dinh-vu'") == "established")
        #expect(try under.sql("SELECT count(*) FROM corridors") == "7")
    }

    @Test(arguments: StoreKind.underTest) func pointsInHistoryResolveOrFailClearly(_ kind: StoreKind) throws {
        let store = try registry(kind).0.store
        let today = try #require(store.revisions().first).day
        #expect(try store.revision(.number(1)) == 1)
        #expect(try store.revision(.day(today)) == 1)
        #expect(throws: RegistryError.self) { try store.revision(.number(2)) }
        #expect(throws: RegistryError.self) { try store.revision(.day("2000-01-01")) }
        #expect(RevisionPoint("2026-02-30") == nil && RevisionPoint("r3") == .number(3) && RevisionPoint("2026-02-12") == .day("2026-02-12"))
    }

    @Test func sourceDigestsMatchSha256sumAtEveryPaddingEdge() throws {
        let directory = try Paths.temporaryDirectory()
        // Lengths around the 55/56/64-byte padding edges and across the 1 MiB read chunks.
        for length in [0, 1, 55, 56, 63, 64, 65, 119, 120, (1 << 20) + 3] {
            let path = directory.appendingPathComponent("bytes-\(length)").path
            try Data((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }).write(to: URL(fileURLWithPath: path))
            let sum = try Paths.run("sha256sum", [path]).output.split(separator: " ").first.map(String.init)
            #expect(try SourceFile.reading(path).sha256 == sum, "\(length) bytes")
        }
    }
}
