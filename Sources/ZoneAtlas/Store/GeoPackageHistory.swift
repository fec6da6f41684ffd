import Foundation
import GRDB
import ZoneGeoJSON

/// The history of a ZoneAtlas GeoPackage, kept in SQL inside the write transaction (tables in
/// ``GeoPackageHistorySchema``).
///
/// How a change becomes a revision: the triggers on each layer table note the ids of the rows any
/// client writes, and copy the old geometry of a row that is changed or deleted into its open
/// version (which, while open, leaves its geometry in the layer); at the end of a write, every
/// noted id's row is compared with its open version in the history table — the version is closed
/// if the row changed or went, and the row's present state opened as a new version — and the
/// revision row is added. ZoneAtlas's own writes and those
/// of QGIS or GDAL take the same path. Where a layer's triggers are missing (a registry older than
/// history, or a table GDAL dropped and made again), the whole layer is compared instead, once.
struct GeoPackageHistory {
    let db: Database
    let path: String

    /// Adds the history tables, and to each layer table that lacks them its history table and
    /// triggers. Returns the layers whose edits were not being noted: they must be compared whole.
    /// A table named like a layer but without ZoneAtlas's columns (made by another program) has no
    /// history; the writer refuses to write it.
    func prepare() throws -> Set<Layer> {
        for statement in GeoPackageHistorySchema.shared { try db.execute(sql: statement) }
        var untracked: Set<Layer> = []
        for layer in Layer.allCases where try db.tableExists(layer.rawValue) {
            let columns = Set(try db.columns(in: layer.rawValue).map(\.name))
            guard GeoPackageSchema.columns(layer).allSatisfy({ columns.contains($0.name) }) else { continue }
            if try track(layer) { untracked.insert(layer) }
        }
        return untracked
    }

    /// Gives a layer table its history table and triggers where it lacks them, and a history table
    /// written before current versions left their geometry in the layer its digest column; whether
    /// it lacked any (then its edits since the last revision are unknown).
    @discardableResult
    func track(_ layer: Layer) throws -> Bool {
        let history = GeoPackageHistorySchema.table(layer)
        let hasHistory = try db.tableExists(history)
        let hasDigest = try hasHistory && self.hasDigest(layer)
        guard try !isTracked(layer) || !hasHistory || !hasDigest else {
            try renewKeepTriggers(layer)
            return false
        }
        for statement in GeoPackageHistorySchema.history(layer) { try db.execute(sql: statement) }
        if hasHistory && !hasDigest {
            try db.execute(sql: "ALTER TABLE \(GeoPackageTable.quote(history)) ADD COLUMN \(GeoPackageHistorySchema.digestColumn) BLOB")
        }
        for statement in GeoPackageHistorySchema.triggers(layer, geometryColumn: try geometryColumn(layer)) { try db.execute(sql: statement) }
        return true
    }

    /// Checks that the tables the registry keeps have the columns ZoneAtlas reads and writes: the
    /// revisions table, each history table, and each layer table that ZoneAtlas keeps (one with its
    /// triggers; a layer table without them was made or replaced by another program, and is read
    /// through the store's field mapping).
    /// - Throws: ``RegistryError/missingColumn(path:table:column:)`` for the first column missing.
    func checkSchema() throws {
        func check(_ table: String, _ needed: [String]) throws {
            let present = Set(try db.columns(in: table).map { $0.name.lowercased() })
            if let missing = needed.first(where: { !present.contains($0.lowercased()) }) {
                throw RegistryError.missingColumn(path: path, table: table, column: missing)
            }
        }
        if try db.tableExists(GeoPackageHistorySchema.revisionsTable) {
            try check(GeoPackageHistorySchema.revisionsTable, GeoPackageHistorySchema.revisionColumns)
        }
        for layer in Layer.allCases where try db.tableExists(GeoPackageHistorySchema.table(layer)) {
            let columns = GeoPackageSchema.columns(layer).map(\.name)
            try check(GeoPackageHistorySchema.table(layer), columns + ["geom", "valid_from", "valid_to"])
            if try db.tableExists(layer.rawValue), try isTracked(layer) { try check(layer.rawValue, columns + [try geometryColumn(layer)]) }
        }
    }

    /// Makes the layer's keep triggers again where they were written before they found a version
    /// by its id (``GeoPackageHistorySchema/keepTriggerMark``); its edits triggers stay, so nothing
    /// noted is lost.
    private func renewKeepTriggers(_ layer: Layer) throws {
        let keep = Array(GeoPackageHistorySchema.triggerNames(layer).suffix(2))
        let outdated = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?) AND instr(sql, ?) = 0
            """, arguments: [keep[0], keep[1], GeoPackageHistorySchema.keepTriggerMark]) ?? 0
        guard outdated > 0 else { return }
        for name in keep { try db.execute(sql: "DROP TRIGGER IF EXISTS \(GeoPackageTable.quote(name))") }
        for statement in GeoPackageHistorySchema.triggers(layer, geometryColumn: try geometryColumn(layer)).suffix(2) {
            try db.execute(sql: statement)
        }
    }

    /// Whether the layer's (existing) history table has the digest column: it has not, if it was
    /// written before current versions left their geometry in the layer.
    func hasDigest(_ layer: Layer) throws -> Bool {
        try db.columns(in: GeoPackageHistorySchema.table(layer)).contains { $0.name == GeoPackageHistorySchema.digestColumn }
    }

    /// Whether the layer's table has all of its triggers.
    func isTracked(_ layer: Layer) throws -> Bool {
        let names = GeoPackageHistorySchema.triggerNames(layer)
        let present = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (\(names.map { _ in "?" }.joined(separator: ", ")))
            """, arguments: StatementArguments(names)) ?? 0
        return present == names.count
    }

    /// Whether anything waits to be recorded: a layer not tracked, a layer table dropped while its
    /// history has current versions, or edits noted.
    func hasOutsideEdits() throws -> Bool {
        for layer in Layer.allCases where try !db.tableExists(layer.rawValue) && db.tableExists(GeoPackageHistorySchema.table(layer)) {
            let history = GeoPackageTable.quote(GeoPackageHistorySchema.table(layer))
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(history) WHERE valid_to IS NULL)") ?? false { return true }
        }
        for layer in Layer.allCases where try db.tableExists(layer.rawValue) {
            let columns = Set(try db.columns(in: layer.rawValue).map(\.name))
            guard GeoPackageSchema.columns(layer).allSatisfy({ columns.contains($0.name) }) else { continue }
            guard try isTracked(layer), try db.tableExists(GeoPackageHistorySchema.table(layer)), try hasDigest(layer) else { return true }
        }
        guard try db.tableExists(GeoPackageHistorySchema.editsTable) else { return false }
        return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(GeoPackageHistorySchema.editsTable))") ?? false
    }

    /// Records what changed since the last revision — in the noted ids, and everywhere in the
    /// `untracked` layers — as the next revision, described by `note`. A revision with no changes is
    /// kept only when `keepEmpty` (a write that changed nothing is still a write; edits found in the
    /// file are a revision only if they changed something). Returns the revision, if added.
    @discardableResult
    func record(_ note: RevisionNote, untracked: Set<Layer> = [], keepEmpty: Bool) throws -> Revision? {
        let number = (try Int.fetchOne(db, sql: "SELECT max(fid) FROM \(GeoPackageHistorySchema.revisionsTable)") ?? 0) + 1
        // History tables written before they had a spatial index get it.
        for layer in Layer.allCases where try db.tableExists(GeoPackageHistorySchema.table(layer))
            && !db.tableExists(GeoPackageHistorySchema.spatialIndexTable(layer)) {
            for statement in GeoPackageHistorySchema.spatialIndex(layer) { try db.execute(sql: statement) }
        }
        var added = 0, changed = 0, removed = 0
        var lost: [String] = []
        for layer in Layer.allCases where try db.tableExists(GeoPackageHistorySchema.table(layer)) {
            let counts = try record(layer, revision: number, whole: untracked.contains(layer))
            added += counts.added
            changed += counts.changed
            removed += counts.removed
            if counts.lost > 0 { lost.append("\(counts.lost) \(layer.rawValue)") }
        }
        try db.execute(sql: "DELETE FROM \(GeoPackageHistorySchema.editsTable)")
        guard keepEmpty || added + changed + removed > 0 else { return nil }
        let time = try String.fetchOne(db, sql: "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')") ?? ""
        var note = note
        if !lost.isEmpty {
            // Said where `zoneatlas log` shows it: those versions read as rows without a geometry.
            let loss = "the geometry that \(lost.joined(separator: " and ")) had before this revision was lost: "
                + "their table was deleted, replaced or changed outside ZoneAtlas without its triggers"
            note.message = [note.message, loss].compactMap { $0 }.joined(separator: "; ")
        }
        let revision = Revision(number: number, time: time, note: note, added: added, changed: changed, removed: removed)
        try insert(revision)
        return revision
    }

    /// Adds a revision's row as it is (its number the row's `fid`).
    func insert(_ revision: Revision) throws {
        let note = revision.note
        let sources = JSONWriter().string(.array(note.sources.map { .object(["name": .string($0.name), "sha256": .string($0.sha256)]) }))
        try db.execute(sql: """
            INSERT INTO \(GeoPackageHistorySchema.revisionsTable)
              (fid, time, author, message, decision, decision_date, sources, command, added, changed, removed)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [revision.number, revision.time, note.author, note.message, note.decision?.decision, note.decision?.date,
                             sources, note.command, revision.added, revision.changed, revision.removed])
    }

    /// Closes the open versions of the layer's changed and removed rows and opens versions for its
    /// changed and added ones, at `revision`; for the noted ids, or every row when `whole`. A closed
    /// version keeps its geometry (the keep triggers copied it before the row changed); an opened
    /// one leaves it in the layer, with its digest. `lost` counts the versions closed without a
    /// geometry: where the layer's table was deleted, or a row changed while its triggers were missing.
    private func record(_ layer: Layer, revision: Int, whole: Bool) throws -> (added: Int, changed: Int, removed: Int, lost: Int) {
        let table = try db.tableExists(layer.rawValue) ? layer.rawValue : nil
        let statements = Self.recording(layer, table: table, geometry: try geometryColumn(layer), whole: whole)
        for statement in statements.changes { try db.execute(sql: statement, arguments: [revision]) }
        func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: [revision]) ?? 0 }
        let opened = try count(statements.opened), closed = try count(statements.closed)
        let changed = try count(statements.changed), lost = try count(statements.lost)
        return (opened - changed, changed, closed - changed, lost)
    }

    /// The SQL that records a revision (its number the parameter `?1`) of `layer`, whose table is
    /// `table` (`nil` when it was dropped) with its geometry in `geometry`: the statements that
    /// change the history, for the noted ids or, when `whole`, every row; then the counts of
    /// versions opened, closed, changed (closed and opened again) and lost.
    ///
    /// Each costs time linear in the rows the revision changes (or in the layer, when `whole`): a
    /// version is looked up by its id through the `(id, valid_from)` index, never through the
    /// `valid_to` index, which holds every open version (`+` keeps SQLite from choosing it; the
    /// plans are checked by a test with `EXPLAIN QUERY PLAN`).
    static func recording(_ layer: Layer, table: String?, geometry: String, whole: Bool)
        -> (changes: [String], opened: String, closed: String, changed: String, lost: String) {
        let history = GeoPackageTable.quote(GeoPackageHistorySchema.table(layer))
        let digest = GeoPackageHistorySchema.digestColumn, sha256 = GeoPackageHistorySchema.digestFunction
        let noted = "(SELECT id FROM \(GeoPackageHistorySchema.editsTable) WHERE layer = '\(layer.rawValue)')"
        let openInScope = whole ? "h.valid_to IS NULL" : "+h.valid_to IS NULL AND h.id IN \(noted)"
        var changes: [String] = []
        if let table {
            let table = GeoPackageTable.quote(table)
            let rowGeometry = "t.\(GeoPackageTable.quote(geometry))"
            let same = sameVersion(layer, row: "t", geometry: geometry, version: "h")
            let columns = self.columns(layer)
            changes = [
                """
                UPDATE \(history) AS h SET valid_to = ?1 WHERE \(openInScope)
                AND NOT EXISTS (SELECT 1 FROM \(table) t WHERE t.id = h.id AND \(same))
                """,
                // A version closed without a geometry of its own (its row changed while the triggers
                // were missing) takes the row's where that is still the geometry its digest names.
                """
                UPDATE \(history) AS h SET geom = (SELECT \(rowGeometry) FROM \(table) t WHERE t.id = h.id)
                WHERE h.valid_to = ?1 AND h.geom IS NULL AND h.\(digest) IS NOT NULL
                AND h.\(digest) = (SELECT \(sha256)(\(rowGeometry)) FROM \(table) t WHERE t.id = h.id)
                """,
                """
                INSERT INTO \(history) (\(columns.joined(separator: ", ")), \(digest), valid_from)
                SELECT \(columns.map { "t.\($0)" }.joined(separator: ", ")), \(sha256)(\(rowGeometry)), ?1 FROM \(table) t
                WHERE \(whole ? "1" : "t.id IN \(noted)")
                AND NOT EXISTS (SELECT 1 FROM \(history) h WHERE h.id = t.id AND +h.valid_to IS NULL)
                """,
                // Open versions that still hold a copy of their row's geometry (kept by a trigger for
                // a change that turned out to change nothing, or written before versions left their
                // geometry in the layer) give it up for its digest.
                """
                UPDATE \(history) AS h SET \(digest) = \(sha256)(h.geom), geom = NULL
                WHERE \(openInScope) AND h.valid_from <> ?1 AND h.geom IS NOT NULL
                AND EXISTS (SELECT 1 FROM \(table) t WHERE t.id = h.id AND \(rowGeometry) IS h.geom)
                """,
            ]
        } else {
            // The layer's table was dropped: every feature it had is gone.
            changes = ["UPDATE \(history) SET valid_to = ?1 WHERE valid_to IS NULL"]
        }
        return (changes,
                opened: "SELECT count(*) FROM \(history) WHERE valid_from = ?1",
                closed: "SELECT count(*) FROM \(history) WHERE valid_to = ?1",
                changed: """
                    SELECT count(*) FROM \(history) a WHERE a.valid_from = ?1
                    AND EXISTS (SELECT 1 FROM \(history) b WHERE b.id = a.id AND +b.valid_to = ?1)
                    """,
                lost: "SELECT count(*) FROM \(history) WHERE valid_to = ?1 AND geom IS NULL AND \(digest) IS NOT NULL")
    }

    /// Makes the layer tables what they were at `revision`: removes rows added since, puts back the
    /// versions of rows changed or removed since. Rows already as they were are not touched.
    /// - Throws: ``RegistryError/store(path:reason:)`` when a version of that revision has lost its
    ///   geometry (see ``record(_:untracked:keepEmpty:)``); nothing is restored then.
    func restore(revision: Int, into layers: [Layer]) throws {
        let current = "h.valid_from <= \(revision) AND (h.valid_to IS NULL OR h.valid_to > \(revision))"
        let digest = GeoPackageHistorySchema.digestColumn, sha256 = GeoPackageHistorySchema.digestFunction
        for layer in layers {
            let history = GeoPackageTable.quote(GeoPackageHistorySchema.table(layer))
            let table = GeoPackageTable.quote(layer.rawValue), geometry = GeoPackageTable.quote(try geometryColumn(layer))
            let columns = Self.columns(layer), same = Self.sameVersion(layer, row: table, geometry: try geometryColumn(layer), version: "h")
            // A version without a geometry of its own is restored from its row, which must still
            // hold the geometry its digest names.
            let lost = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM \(history) h WHERE \(current) AND h.geom IS NULL AND h.\(digest) IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM \(table) t WHERE t.id = h.id AND \(sha256)(t.\(geometry)) = h.\(digest))
                """) ?? 0
            guard lost == 0 else {
                throw RegistryError.store(path: path, reason: "revision \(revision) cannot be restored: the geometry that \(lost) "
                    + "\(layer.rawValue) had then was lost (their table was deleted, replaced or changed outside ZoneAtlas without its triggers)")
            }
            try db.execute(sql: "DELETE FROM \(table) WHERE NOT EXISTS (SELECT 1 FROM \(history) h WHERE h.id = \(table).id AND \(current))")
            try db.execute(sql: """
                UPDATE \(table) SET (\(columns.joined(separator: ", ")), \(geometry)) =
                  (SELECT \(columns.map { "h.\($0)" }.joined(separator: ", ")), coalesce(h.geom, \(table).\(geometry))
                   FROM \(history) h WHERE h.id = \(table).id AND \(current))
                WHERE EXISTS (SELECT 1 FROM \(history) h WHERE h.id = \(table).id AND \(current) AND NOT (\(same)))
                """)
            try db.execute(sql: """
                INSERT INTO \(table) (\(columns.joined(separator: ", ")), \(geometry))
                SELECT \(columns.map { "h.\($0)" }.joined(separator: ", ")), h.geom FROM \(history) h
                WHERE \(current) AND NOT EXISTS (SELECT 1 FROM \(table) t WHERE t.id = h.id)
                """)
            // The extent is the spatial index's: restoring may move the layer anywhere it once was.
            let rtree = GeoPackageTable.quote("rtree_\(layer.rawValue)_\(try geometryColumn(layer))")
            if try db.tableExists("rtree_\(layer.rawValue)_\(try geometryColumn(layer))") {
                try db.execute(sql: """
                    UPDATE gpkg_contents SET (min_x, min_y, max_x, max_y) = (SELECT min(minx), min(miny), max(maxx), max(maxy) FROM \(rtree)),
                    last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = ?
                    """, arguments: [layer.rawValue])
            }
        }
    }

    /// The layers that have a history table.
    func layersWithHistory() throws -> [Layer] {
        try Layer.allCases.filter { try db.tableExists(GeoPackageHistorySchema.table($0)) }
    }

    /// Every revision, in number order.
    func revisions() throws -> [Revision] {
        guard try db.tableExists(GeoPackageHistorySchema.revisionsTable) else { return [] }
        return try GRDB.Row.fetchAll(db, sql: "SELECT * FROM \(GeoPackageHistorySchema.revisionsTable) ORDER BY fid").map { row in
            let decision: String? = row["decision"]
            return Revision(
                number: row["fid"], time: row["time"],
                note: RevisionNote(author: row["author"] ?? "", message: row["message"],
                                   decision: decision.map { LegalBasis(decision: $0, date: row["decision_date"]) },
                                   sources: Self.sources(row["sources"]), command: row["command"] ?? ""),
                added: row["added"], changed: row["changed"], removed: row["removed"])
        }
    }

    private static func sources(_ text: String?) -> [SourceFile] {
        guard let text, case let .array(items)? = try? JSONValue(parsing: text) else { return [] }
        return items.compactMap { item in
            guard case let .object(object) = item, let name = object["name"]?.stringValue, let digest = object["sha256"]?.stringValue else { return nil }
            return SourceFile(name: name, sha256: digest)
        }
    }

    /// The SQL condition under which a layer row and a version hold the same ZoneAtlas columns and
    /// geometry (columns that other clients added are not versioned).
    /// A version without a geometry of its own has its row's, if that is the one its digest names.
    private static func sameVersion(_ layer: Layer, row: String, geometry: String, version: String) -> String {
        let rowGeometry = "\(row).\(GeoPackageTable.quote(geometry))"
        let sameGeometry = "(\(rowGeometry) IS \(version).geom OR \(version).geom IS NULL AND \(version).\(GeoPackageHistorySchema.digestColumn) IS "
            + "\(GeoPackageHistorySchema.digestFunction)(\(rowGeometry)))"
        return (columns(layer).map { "\(row).\($0) IS \(version).\($0)" } + [sameGeometry]).joined(separator: " AND ")
    }

    /// The layer's ZoneAtlas columns, quoted.
    static func columns(_ layer: Layer) -> [String] {
        GeoPackageSchema.columns(layer).map { GeoPackageTable.quote($0.name) }
    }

    private func geometryColumn(_ layer: Layer) throws -> String {
        try String.fetchOne(db, sql: "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", arguments: [layer.rawValue]) ?? "geom"
    }
}
