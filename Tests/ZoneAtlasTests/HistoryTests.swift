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

    /// How many versions current at `revision` differ from their layer row in name, properties or
    /// geometry — a version without a geometry of its own standing for its row's when the row's
    /// SHA-256 is the digest it keeps — as Python's sqlite3 and hashlib see them (not ZoneAtlas).
    func versionsUnlikeTheirRows(_ store: GeoPackageStore, _ layer: String, at revision: Int) throws -> Int {
        let script = """
            import hashlib, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            rows = {i: (n, p, g) for i, n, p, g in db.execute(f"SELECT id, name, properties, geom FROM {sys.argv[2]}")}
            unlike = 0
            for i, n, p, g, d in db.execute(f"SELECT id, name, properties, geom, geom_sha256 FROM {sys.argv[2]}_history "
                                            "WHERE valid_from <= ?1 AND (valid_to IS NULL OR valid_to > ?1)", (int(sys.argv[3]),)):
                row = rows.get(i)
                if g is None and row is not None and hashlib.sha256(row[2]).digest() == d:
                    g = row[2]
                unlike += row != (n, p, g)
            print(unlike)
            """
        let run = try Paths.run("python3", ["-c", script, store.path, layer, String(revision)])
        return try #require(Int(run.output.trimmingCharacters(in: .whitespacesAndNewlines)), "\(run.output)")
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

    /// The GeoData geometry of a zone, as its file holds it.
    func sourceGeometry(_ id: String) throws -> Geometry {
        let entries = try RegistryImporter().read(["\(Paths.geoData)/zones.geojson"]).entries
        return try #require(entries.first { $0.id == id }).feature.geometry
    }

    /// Drops the zones table's five triggers, as a table that GDAL dropped and made again lacks them.
    func dropZoneTriggers(_ store: GeoPackageStore) throws {
        for name in ["zoneatlas_edits_zones_insert", "zoneatlas_edits_zones_update", "zoneatlas_edits_zones_delete",
                     "zoneatlas_keep_zones_update", "zoneatlas_keep_zones_delete"] {
            _ = try sqlite(store, "DROP TRIGGER \(name)")
        }
        #expect(try sqlite(store, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'zoneatlas_%zones%'") == "0")
    }

    /// A version still current leaves its geometry in the layer (an import writes each geometry
    /// once), with the SHA-256 that Python's hashlib gives for the layer's blob; when GDAL changes
    /// the row, the trigger keeps the old blob in the version first, byte for byte.
    @Test func currentVersionsLeaveTheirGeometryInTheLayer() throws {
        let (store, _) = try registry()
        for layer in ["zones", "communes", "corridors"] {
            #expect(try sqlite(store, "SELECT count(*), count(geom), count(geom_sha256) FROM \(layer)_history")
                    == sqlite(store, "SELECT count(*) || '|0|' || count(*) FROM \(layer)"), "\(layer)")
            #expect(try versionsUnlikeTheirRows(store, layer, at: 1) == 0, "\(layer)")
        }
        let before = try sqlite(store, "SELECT hex(geom) FROM zones WHERE id = 'ip-dinh-vu'")
        #expect(try Paths.run("ogrinfo", [store.path, "-sql",
            "UPDATE zones SET geom = (SELECT geom FROM zones WHERE id = 'ip-tan-trao') WHERE id = 'ip-dinh-vu'"]).status == 0)
        #expect(try sqlite(store, "SELECT hex(geom) FROM zones_history WHERE id = 'ip-dinh-vu'") == before)
        #expect(try sqlite(store, "SELECT hex(geom) FROM zones WHERE id = 'ip-dinh-vu'") != before)
        // The import made the table without triggers and gave it its R-tree and triggers after:
        // GDAL's edit moved the row's entry in the spatial index too.
        func rtreeEntry(_ id: String) throws -> String {
            try sqlite(store, "SELECT minx, maxx, miny, maxy FROM rtree_zones_geom WHERE id = (SELECT fid FROM zones WHERE id = '\(id)')")
        }
        #expect(try !rtreeEntry("ip-dinh-vu").isEmpty && rtreeEntry("ip-dinh-vu") == rtreeEntry("ip-tan-trao"))
        #expect(try sqlite(store, "SELECT count(*) FROM rtree_zones_geom") == "8")
        let revision = try #require(try store.recordOutsideEdits())
        #expect(revision.changed == 1 && revision.note.message?.contains("lost") == false)
        #expect(try store.versions(id: "ip-dinh-vu").map(\.to) == [2, nil])
        #expect(try #require(try store.entry(id: "ip-dinh-vu", at: 1)).feature.geometry.equals(try sourceGeometry("ip-dinh-vu")))
        #expect(try #require(try store.entry(id: "ip-dinh-vu", at: 2)).feature.geometry.equals(try sourceGeometry("ip-tan-trao")))
        // The closed version holds its geometry; the open one again leaves it in the layer.
        #expect(try sqlite(store, "SELECT valid_from, valid_to, geom IS NOT NULL FROM zones_history WHERE id = 'ip-dinh-vu' ORDER BY valid_from")
                == "1|2|1\n2||0")
        #expect(try versionsUnlikeTheirRows(store, "zones", at: 2) == 0)
    }

    /// ZoneAtlas's own import sets the layer's triggers aside and keeps the history itself: a zone
    /// moved keeps its old blob byte for byte in the closed version, a zone renamed keeps its
    /// unchanged geometry there too, unchanged zones stay one light version each; the triggers are
    /// back afterwards (GDAL's next edit is kept). Oracles: `sqlite3` and Python's sqlite3 and hashlib.
    @Test func anImportKeepsTheHistoryAsItsTriggersWould() throws {
        let (store, directory) = try registry()
        let moved = "ip-dinh-vu", renamed = "sez-hai-phong"
        let blobs = try [moved, renamed].map { try sqlite(store, "SELECT hex(geom) FROM zones WHERE id = '\($0)'") }
        let edited = directory.appendingPathComponent("edited.geojson").path
        let script = """
            import json, sys
            data = json.load(open(sys.argv[1]))
            for f in data["features"]:
                if f["id"] == sys.argv[3]:
                    f["geometry"]["coordinates"] = json.loads(json.dumps(f["geometry"]["coordinates"]), parse_float=lambda x: float(x) + 0.001)
                if f["id"] == sys.argv[4]:
                    f["properties"]["name"] = "Tên mới"
            json.dump(data, open(sys.argv[2], "w"), ensure_ascii=False)
            """
        #expect(try Paths.run("python3", ["-c", script, "\(Paths.geoData)/zones.geojson", edited, moved, renamed]).status == 0)
        let revision = try RegistryImporter().importFiles([edited], into: store).revision
        #expect(revision.changed == 2 && revision.added == 0 && revision.removed == 0, "\(revision)")
        for (id, blob) in zip([moved, renamed], blobs) {
            #expect(try sqlite(store, "SELECT valid_from, valid_to, hex(geom) IS '\(blob)' FROM zones_history WHERE id = '\(id)' ORDER BY valid_from")
                    == "1|2|1\n2||0", "\(id)")
        }
        #expect(try sqlite(store, "SELECT hex(geom) FROM zones WHERE id = '\(moved)'") != blobs[0])
        #expect(try sqlite(store, "SELECT count(*), count(geom) FROM zones_history WHERE valid_to IS NULL") == "8|0")
        #expect(try versionsUnlikeTheirRows(store, "zones", at: 1) == 2 && versionsUnlikeTheirRows(store, "zones", at: 2) == 0)
        #expect(try sqlite(store, "SELECT count(*) FROM zoneatlas_edits") == "0")
        #expect(try sqlite(store, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'zoneatlas_%zones%'") == "5")
        #expect(try Paths.run("ogrinfo", [store.path, "-sql", "UPDATE zones SET name = 'x' WHERE id = 'ip-tan-trao'"]).status == 0)
        #expect(try store.recordOutsideEdits()?.changed == 1)
        // The same file again changes nothing, and copies no geometry into the history.
        let again = try RegistryImporter().importFiles([edited], into: store).revision
        #expect(again.changed == 1 && again.added == 0, "ip-tan-trao's name back: \(again)")
        #expect(try sqlite(store, "SELECT count(*) FROM zones_history WHERE valid_to IS NULL AND geom IS NOT NULL") == "0")
    }

    /// Where a layer's rows changed while its triggers were missing (a table dropped and made
    /// again), a current version's geometry is recovered from its row while the row's SHA-256 is
    /// still the version's digest; one whose row's geometry changed is lost, and the revision and
    /// every read and restore say so rather than give the new geometry as the old.
    @Test func aLayerChangedWithoutItsTriggersKeepsWhatItCanAndSaysWhatIsLost() throws {
        let (store, _) = try registry()
        try dropZoneTriggers(store)
        #expect(try Paths.run("ogrinfo", [store.path, "-sql", "UPDATE zones SET declared_area_ha = 1 WHERE id = 'ip-dinh-vu'"]).status == 0)
        #expect(try Paths.run("ogrinfo", [store.path, "-sql",
            "UPDATE zones SET geom = (SELECT geom FROM zones WHERE id = 'ip-dinh-vu') WHERE id = 'ip-tan-trao'"]).status == 0)
        // Until recorded, the changed row is not read as the past.
        #expect(throws: RegistryError.self) { try store.entry(id: "ip-tan-trao", at: 1) }
        let revision = try #require(try store.recordOutsideEdits())
        #expect(revision.changed == 2 && revision.added == 0 && revision.removed == 0)
        #expect(revision.note.message?.contains("the geometry that 1 zones had before this revision was lost") == true, "\(revision.note)")
        #expect(try store.revisions().last?.note.message == revision.note.message)
        let recovered = try #require(try store.entry(id: "ip-dinh-vu", at: 1))
        #expect(try recovered.feature.geometry.equals(try sourceGeometry("ip-dinh-vu")) && recovered.feature.declaredAreaHectares != 1)
        let unread = #expect(throws: RegistryError.self) { try store.entry(id: "ip-tan-trao", at: 1) }
        if case let .badRow(_, table, _, failure)? = unread {
            #expect(table == "zones_history" && "\(failure)" == "the row has no geometry")
        } else {
            Issue.record("not a located row: \(String(describing: unread))")
        }
        #expect(try store.entry(id: "ip-tan-trao", at: 2)?.feature.geometry.equals(try sourceGeometry("ip-dinh-vu")) == true)
        // Revision 1 cannot be restored whole; trying changes nothing.
        let revisions = try store.revisions().count
        let refused = #expect(throws: RegistryError.self) {
            try store.write(RevisionNote(command: "revert 1")) { writer in try writer.restore(revision: 1) }
        }
        #expect("\(String(describing: refused))".contains("revision 1 cannot be restored: the geometry that 1 zones had then was lost"),
                "\(String(describing: refused))")
        #expect(try store.revisions().count == revisions)
        // The triggers are back: the next geometry change is kept.
        #expect(try sqlite(store, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'zoneatlas_%zones%'") == "5")
    }

    /// A layer table dropped outside ZoneAtlas takes the geometry of its current versions with it
    /// (the price of writing each geometry once): the revision that records the removal says how
    /// many were lost, and a revert that needs them is refused; versions a change had ended keep theirs.
    @Test func aDroppedLayerSaysWhatItsHistoryLost() throws {
        let (store, directory) = try registry()
        _ = try RegistryImporter().importFiles([try editedZones(in: directory, rename: "Tên mới")], into: store)
        #expect(try Paths.run("ogrinfo", [store.path, "-sql", "DROP TABLE zones"]).status == 0)
        #expect(try sqlite(store, "SELECT count(*) FROM sqlite_master WHERE name = 'zones'") == "0")
        let revision = try #require(try store.recordOutsideEdits())
        #expect(revision.removed == 8 && revision.added == 0 && revision.changed == 0)
        #expect(revision.note.message?.contains("the geometry that 8 zones had before this revision was lost") == true, "\(revision.note)")
        #expect(try store.entry(id: "sez-hai-phong", at: 1)?.feature.geometry.equals(try sourceGeometry("sez-hai-phong")) == true)
        #expect(throws: RegistryError.self) { try store.entry(id: "ip-dinh-vu", at: 1) }
        let refused = #expect(throws: RegistryError.self) {
            try store.write(RevisionNote(command: "revert 2")) { writer in try writer.restore(revision: 2) }
        }
        #expect("\(String(describing: refused))".contains("the geometry that 8 zones had then was lost"), "\(String(describing: refused))")
        #expect(try store.revisions().count == 3)
    }

    /// A registry written before current versions left their geometry in the layer (full copies in
    /// its history, no digest column, no keep triggers) reads as before, and its first write
    /// records nothing of its own, gives it the new layout and loses nothing.
    @Test func aRegistryWithFullCopiesInItsHistoryIsCarriedOver() throws {
        let (store, directory) = try registry()
        for layer in ["zones", "communes", "corridors"] {
            // Such a registry had no spatial index on its history either.
            let rtree = "rtree_\(layer)_history_geom"
            _ = try sqlite(store, ["insert", "update1", "update2", "update3", "update4", "delete"].map { "DROP TRIGGER \(rtree)_\($0);" }.joined()
                           + "DROP TABLE \(rtree); DELETE FROM gpkg_extensions WHERE table_name = '\(layer)_history';")
            _ = try sqlite(store, """
                UPDATE \(layer)_history SET geom = (SELECT geom FROM \(layer) t WHERE t.id = \(layer)_history.id) WHERE valid_to IS NULL;
                ALTER TABLE \(layer)_history DROP COLUMN geom_sha256;
                DROP TRIGGER zoneatlas_keep_\(layer)_update; DROP TRIGGER zoneatlas_keep_\(layer)_delete;
                """)
        }
        #expect(try sqlite(store, "SELECT count(geom) FROM zones_history") == "8")
        #expect(try store.entry(id: "sez-hai-phong", at: 1)?.feature.geometry.equals(try sourceGeometry("sez-hai-phong")) == true)
        _ = try RegistryImporter().importFiles([try editedZones(in: directory, rename: "Tên mới")], into: store)
        #expect(try store.revisions().map(\.note.command) == ["import", "import"])
        #expect(try store.revisions().last?.changed == 1)
        for layer in ["zones", "communes", "corridors"] {
            #expect(try sqlite(store, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'zoneatlas_keep_\(layer)_%'") == "2")
            #expect(try sqlite(store, "SELECT count(*) FROM \(layer)_history WHERE valid_to IS NULL AND geom IS NOT NULL") == "0", "\(layer)")
            #expect(try versionsUnlikeTheirRows(store, layer, at: 2) == 0, "\(layer)")
            // Its history got its spatial index, over every version that holds a geometry.
            #expect(try sqlite(store, "SELECT count(*) FROM rtree_\(layer)_history_geom")
                    == (try sqlite(store, "SELECT count(geom) FROM \(layer)_history")), "\(layer)")
        }
        #expect(try store.versions(id: "sez-hai-phong").map(\.entry.feature.name) == ["Khu kinh tế chuyên biệt Hải Phòng", "Tên mới"])
        #expect(try store.entry(id: "sez-hai-phong", at: 1)?.feature.geometry.equals(try sourceGeometry("sez-hai-phong")) == true)
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
        // The layers hold revision 1's state again, row for row (Python's sqlite3 and hashlib compare).
        for layer in ["zones", "communes", "corridors"] {
            #expect(try versionsUnlikeTheirRows(store, layer, at: 1) == 0, "\(layer)")
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
