import Foundation
import GRDB
import ZoneGeoJSON

/// The history of a ZoneAtlas GeoPackage, kept in SQL inside the write transaction (tables in
/// ``GeoPackageHistorySchema``).
///
/// How a change becomes a revision: the triggers on each layer table note the ids of the rows any
/// client writes; at the end of a write, every noted id's row is compared with its open version in
/// the history table — the version is closed if the row changed or went, and the row's present
/// state opened as a new version — and the revision row is added. ZoneAtlas's own writes and those
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

    /// Gives a layer table its history table and triggers where it lacks them; whether it lacked any
    /// (then its edits since the last revision are unknown).
    @discardableResult
    func track(_ layer: Layer) throws -> Bool {
        let names = GeoPackageHistorySchema.triggerNames(layer)
        let present = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?, ?)",
                                       arguments: StatementArguments(names)) ?? 0
        let hasHistory = try db.tableExists(GeoPackageHistorySchema.table(layer))
        guard present < names.count || !hasHistory else { return false }
        for statement in GeoPackageHistorySchema.history(layer) + GeoPackageHistorySchema.triggers(layer) {
            try db.execute(sql: statement)
        }
        return true
    }

    /// Whether anything waits to be recorded: a layer not tracked, or edits noted.
    func hasOutsideEdits() throws -> Bool {
        for layer in Layer.allCases where try db.tableExists(layer.rawValue) {
            let columns = Set(try db.columns(in: layer.rawValue).map(\.name))
            guard GeoPackageSchema.columns(layer).allSatisfy({ columns.contains($0.name) }) else { continue }
            let present = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?, ?)",
                                           arguments: StatementArguments(GeoPackageHistorySchema.triggerNames(layer))) ?? 0
            if try present < 3 || !db.tableExists(GeoPackageHistorySchema.table(layer)) { return true }
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
        var added = 0, changed = 0, removed = 0
        for layer in Layer.allCases where try db.tableExists(GeoPackageHistorySchema.table(layer)) {
            let counts = try record(layer, revision: number, whole: untracked.contains(layer))
            added += counts.added
            changed += counts.changed
            removed += counts.removed
        }
        try db.execute(sql: "DELETE FROM \(GeoPackageHistorySchema.editsTable)")
        guard keepEmpty || added + changed + removed > 0 else { return nil }
        let time = try String.fetchOne(db, sql: "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')") ?? ""
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
    /// changed and added ones, at `revision`; for the noted ids, or every row when `whole`.
    private func record(_ layer: Layer, revision: Int, whole: Bool) throws -> (added: Int, changed: Int, removed: Int) {
        let history = GeoPackageTable.quote(GeoPackageHistorySchema.table(layer))
        let noted = "(SELECT id FROM \(GeoPackageHistorySchema.editsTable) WHERE layer = '\(layer.rawValue)')"
        if try db.tableExists(layer.rawValue) {
            let table = GeoPackageTable.quote(layer.rawValue), geometry = try geometryColumn(layer)
            let same = Self.sameVersion(layer, row: "t", geometry: geometry, version: "h")
            // For the noted ids, the open versions are looked up by id: `+` keeps SQLite from
            // walking every open version through the valid_to index instead (0.4 s of page reads
            // for one zone added to 100,000).
            try db.execute(sql: """
                UPDATE \(history) AS h SET valid_to = ? WHERE \(whole ? "h.valid_to IS NULL" : "+h.valid_to IS NULL AND h.id IN \(noted)")
                AND NOT EXISTS (SELECT 1 FROM \(table) t WHERE t.id = h.id AND \(same))
                """, arguments: [revision])
            let columns = Self.columns(layer)
            try db.execute(sql: """
                INSERT INTO \(history) (\(columns.joined(separator: ", ")), geom, valid_from)
                SELECT \(columns.map { "t.\($0)" }.joined(separator: ", ")), t.\(GeoPackageTable.quote(geometry)), ? FROM \(table) t
                WHERE \(whole ? "1" : "t.id IN \(noted)")
                AND NOT EXISTS (SELECT 1 FROM \(history) h WHERE h.id = t.id AND h.valid_to IS NULL)
                """, arguments: [revision])
        } else {
            // The layer's table was dropped: every feature it had is gone.
            try db.execute(sql: "UPDATE \(history) SET valid_to = ? WHERE valid_to IS NULL", arguments: [revision])
        }
        let opened = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(history) WHERE valid_from = ?", arguments: [revision]) ?? 0
        let closed = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(history) WHERE valid_to = ?", arguments: [revision]) ?? 0
        let changed = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM \(history) a WHERE a.valid_from = ?1
            AND EXISTS (SELECT 1 FROM \(history) b WHERE b.id = a.id AND b.valid_to = ?1)
            """, arguments: [revision]) ?? 0
        return (opened - changed, changed, closed - changed)
    }

    /// Makes the layer tables what they were at `revision`: removes rows added since, puts back the
    /// versions of rows changed or removed since. Rows already as they were are not touched.
    func restore(revision: Int, into layers: [Layer]) throws {
        let current = "h.valid_from <= \(revision) AND (h.valid_to IS NULL OR h.valid_to > \(revision))"
        for layer in layers {
            let history = GeoPackageTable.quote(GeoPackageHistorySchema.table(layer))
            let table = GeoPackageTable.quote(layer.rawValue), geometry = GeoPackageTable.quote(try geometryColumn(layer))
            let columns = Self.columns(layer), same = Self.sameVersion(layer, row: table, geometry: try geometryColumn(layer), version: "h")
            try db.execute(sql: "DELETE FROM \(table) WHERE NOT EXISTS (SELECT 1 FROM \(history) h WHERE h.id = \(table).id AND \(current))")
            try db.execute(sql: """
                UPDATE \(table) SET (\(columns.joined(separator: ", ")), \(geometry)) =
                  (SELECT \(columns.map { "h.\($0)" }.joined(separator: ", ")), h.geom FROM \(history) h WHERE h.id = \(table).id AND \(current))
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
    private static func sameVersion(_ layer: Layer, row: String, geometry: String, version: String) -> String {
        (columns(layer).map { "\(row).\($0) IS \(version).\($0)" } + ["\(row).\(GeoPackageTable.quote(geometry)) IS \(version).geom"])
            .joined(separator: " AND ")
    }

    /// The layer's ZoneAtlas columns, quoted.
    private static func columns(_ layer: Layer) -> [String] {
        GeoPackageSchema.columns(layer).map { GeoPackageTable.quote($0.name) }
    }

    private func geometryColumn(_ layer: Layer) throws -> String {
        try String.fetchOne(db, sql: "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", arguments: [layer.rawValue]) ?? "geom"
    }
}
