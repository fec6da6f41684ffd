internal import PostgresNIO
import ZoneGeoJSON

/// The history of a PostGIS registry, kept in SQL inside the write transaction, as
/// ``GeoPackageHistory`` keeps a GeoPackage's: the triggers note the ids any client writes; at the
/// end of a write each noted id's row is compared with its open version, the version closed if the
/// row changed or went, and the row's present state opened as a new version. A layer whose
/// triggers are missing (its table made again by another program) is compared whole, once.
struct PostGISHistory {
    let connection: PostGISConnection
    let schema: PostGISSchema

    /// How a revision of edits found in the registry describes itself.
    static func outsideEditNote(first: Bool) -> RevisionNote {
        RevisionNote(author: "unknown (outside ZoneAtlas)",
                     message: first ? "the registry as found when ZoneAtlas began to keep its history"
                         : "edits made outside ZoneAtlas (QGIS, GDAL, psql) since the last revision",
                     command: RevisionNote.outsideEdit)
    }

    /// The layer tables with ZoneAtlas's columns, by layer.
    private func layerTables() throws(RegistryError) -> [Layer: PostGISStore.Table] {
        let tables = try PostGISStore.tables(connection, schema: schema.schema)
        var layers: [Layer: PostGISStore.Table] = [:]
        for layer in Layer.allCases {
            guard let table = tables[layer.rawValue],
                  PostGISSchema.columns(layer).allSatisfy({ table.columns.contains($0.name) }) else { continue }
            layers[layer] = table
        }
        return layers
    }

    /// Gives each layer table that lacks them its history table and triggers; returns the layers
    /// whose edits were not being noted (to be compared whole).
    func prepare() throws(RegistryError) -> Set<Layer> {
        var untracked: Set<Layer> = []
        for layer in try layerTables().keys where try track(layer) { untracked.insert(layer) }
        return untracked
    }

    /// Adds a layer's history table and triggers where missing; whether any was missing.
    @discardableResult
    func track(_ layer: Layer) throws(RegistryError) -> Bool {
        guard try !isTracked(layer) else { return false }
        for statement in schema.layer(layer) + schema.triggers(layer) { try connection.run(statement) }
        return true
    }

    /// Whether the layer's edits are being noted: its triggers and history table are there (on
    /// Citus, which notes none, its history table: each write compares the layer whole).
    private func isTracked(_ layer: Layer) throws(RegistryError) -> Bool {
        if schema.citus {
            let history = PostGISConnection.literal(schema.name(PostGISSchema.history(layer)))
            return try connection.value("SELECT to_regclass(\(history)) IS NOT NULL", as: Bool.self) == true
        }
        var binds = PostgresBindings()
        binds.append(schema.name(layer.rawValue))
        binds.append(PostGISSchema.triggerNames(layer))
        binds.append(schema.name(PostGISSchema.history(layer)))
        let row = try connection.run("""
            SELECT (SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass($1) AND tgname = ANY($2))::int, to_regclass($3) IS NOT NULL
            """, binds).first
        guard let row = row?.makeRandomAccess() else { return false }
        let triggers = try connection.column(row, 0, as: Int.self), history = try connection.column(row, 1, as: Bool.self)
        return triggers == 3 && history
    }

    /// Whether anything may wait to be recorded: a layer not tracked, or edits noted (on Citus,
    /// where none are noted, any layer).
    func hasOutsideEdits() throws(RegistryError) -> Bool {
        let layers = try layerTables().keys
        if schema.citus { return !layers.isEmpty }
        for layer in layers where try !isTracked(layer) { return true }
        let edits = PostGISConnection.literal(schema.name(PostGISSchema.editsTable))
        guard try connection.value("SELECT to_regclass(\(edits)) IS NOT NULL", as: Bool.self) == true else { return false }
        return try connection.value("SELECT EXISTS (SELECT 1 FROM \(schema.name(PostGISSchema.editsTable)))", as: Bool.self) == true
    }

    /// Records what changed since the last revision — in the noted ids, and everywhere in the
    /// `untracked` layers (every layer on Citus) — as the next revision described by `note` (kept when empty only if `keepEmpty`).
    @discardableResult
    func record(_ note: RevisionNote, untracked: Set<Layer> = [], keepEmpty: Bool) throws(RegistryError) -> Revision? {
        let revisions = schema.name(PostGISSchema.revisionsTable)
        let number = (try connection.value("SELECT coalesce(max(fid), 0)::int FROM \(revisions)", as: Int.self) ?? 0) + 1
        var added = 0, changed = 0, removed = 0
        let tables = try PostGISStore.tables(connection, schema: schema.schema)
        for layer in Layer.allCases where tables[PostGISSchema.history(layer)] != nil {
            let counts = try record(layer, table: tables[layer.rawValue], revision: number, whole: schema.citus || untracked.contains(layer))
            added += counts.added
            changed += counts.changed
            removed += counts.removed
        }
        try connection.run("DELETE FROM \(schema.name(PostGISSchema.editsTable))")
        guard keepEmpty || added + changed + removed > 0 else { return nil }
        let time = try connection.value("SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')",
                                        as: String.self) ?? ""
        let revision = Revision(number: number, time: time, note: note, added: added, changed: changed, removed: removed)
        try insert(revision)
        return revision
    }

    /// Adds a revision's row as it is.
    func insert(_ revision: Revision) throws(RegistryError) {
        let note = revision.note
        let sources = JSONWriter().string(.array(note.sources.map { .object(["name": .string($0.name), "sha256": .string($0.sha256)]) }))
        var binds = PostgresBindings()
        binds.append(revision.number)
        binds.append(revision.time)
        binds.append(note.author)
        binds.append(note.message)
        binds.append(note.decision?.decision)
        binds.append(note.decision?.date)
        binds.append(sources)
        binds.append(note.command)
        binds.append(revision.added)
        binds.append(revision.changed)
        binds.append(revision.removed)
        try connection.run("""
            INSERT INTO \(schema.name(PostGISSchema.revisionsTable))
              (fid, time, author, message, decision, decision_date, sources, command, added, changed, removed)
            VALUES ($1, $2, $3, $4, $5, $6::date, $7::jsonb, $8, $9, $10, $11)
            """, binds)
    }

    /// Closes the open versions of the layer's changed and removed rows and opens versions for its
    /// changed and added ones, at `revision`; for the noted ids, or every row when `whole`.
    private func record(_ layer: Layer, table: PostGISStore.Table?, revision: Int, whole: Bool) throws(RegistryError)
        -> (added: Int, changed: Int, removed: Int) {
        let recording = Self.recording(layer, schema: schema, geometry: table?.geometryColumn, revision: revision, whole: whole)
        for statement in recording.changes { try connection.run(statement) }
        guard let counts = try connection.run(recording.counts).first?.makeRandomAccess() else { return (0, 0, 0) }
        let opened = try connection.column(counts, 0, as: Int.self), closed = try connection.column(counts, 1, as: Int.self)
        let changed = try connection.column(counts, 2, as: Int.self)
        return (opened - changed, changed, closed - changed)
    }

    /// The SQL that records `revision` of `layer` in `schema`, the layer's table having its geometry
    /// in `geometry` (`nil` when the table was dropped): the statements that change the history,
    /// for the noted ids or, when `whole`, every row; then the counts of versions opened, closed,
    /// and changed (closed and opened again).
    ///
    /// Each costs time linear in the rows the revision changes: no version is looked up once for
    /// each row of another set except by its id. Right after a large write the planner's statistics
    /// know few versions and none of the new revision, and it looked the versions closed in it up
    /// through the `valid_to` index (or read the whole table) for every version opened — walking all
    /// of them each time. So the versions opened for rows without one, and the changed count, are
    /// set operations (`EXCEPT`, `INTERSECT`: one pass over each side), not correlated lookups (the
    /// plans are checked by a test with `EXPLAIN`).
    static func recording(_ layer: Layer, schema: PostGISSchema, geometry: String?, revision: Int, whole: Bool)
        -> (changes: [String], counts: String) {
        let history = schema.name(PostGISSchema.history(layer))
        // The noted ids as one array, computed once before the rows are looked up by id: as a plain
        // `IN (SELECT …)` the planner, with statistics not yet updated after a large import, may
        // compare every open version first (0.5 s for one zone added to 100,000).
        let noted = "ANY (ARRAY(SELECT id FROM \(schema.name(PostGISSchema.editsTable)) WHERE layer = \(PostGISConnection.literal(layer.rawValue))))"
        let changes: [String]
        if let geometry {
            let geometry = PostGISConnection.quote(geometry), columns = Self.columns(layer), layerTable = schema.name(layer.rawValue)
            changes = [
                """
                UPDATE \(history) h SET valid_to = \(revision) WHERE h.valid_to IS NULL\(whole ? "" : " AND h.id = \(noted)")
                AND NOT EXISTS (SELECT 1 FROM \(layerTable) t WHERE t.id = h.id AND \(Self.same(layer, geometry: geometry)))
                """,
                """
                INSERT INTO \(history) (\(columns.joined(separator: ", ")), geom, valid_from)
                SELECT \(columns.map { "t.\($0)" }.joined(separator: ", ")), \(Self.multi("t.\(geometry)")), \(revision)
                FROM \(layerTable) t WHERE t.id IN (
                  SELECT id FROM \(layerTable)\(whole ? "" : " WHERE id = \(noted)")
                  EXCEPT SELECT id FROM \(history) WHERE valid_to IS NULL\(whole ? "" : " AND id = \(noted)"))
                """,
            ]
        } else {
            // The layer's table was dropped: every feature it had is gone.
            changes = ["UPDATE \(history) SET valid_to = \(revision) WHERE valid_to IS NULL"]
        }
        return (changes, """
            SELECT (SELECT count(*) FROM \(history) WHERE valid_from = \(revision))::int,
                   (SELECT count(*) FROM \(history) WHERE valid_to = \(revision))::int,
                   (SELECT count(*) FROM (SELECT id FROM \(history) WHERE valid_from = \(revision)
                      INTERSECT SELECT id FROM \(history) WHERE valid_to = \(revision)) c)::int
            """)
    }

    /// Makes the layer tables what they were at `revision`: removes rows added since, puts back the
    /// versions of rows changed or removed since.
    func restore(revision: Int, into layers: [Layer]) throws(RegistryError) {
        let current = "h.valid_from <= \(revision) AND (h.valid_to IS NULL OR h.valid_to > \(revision))"
        let tables = try PostGISStore.tables(connection, schema: schema.schema)
        for layer in layers {
            let history = schema.name(PostGISSchema.history(layer)), table = schema.name(layer.rawValue)
            let geometry = PostGISConnection.quote(tables[layer.rawValue]?.geometryColumn ?? "geom"), columns = Self.columns(layer)
            try connection.run("DELETE FROM \(table) t WHERE NOT EXISTS (SELECT 1 FROM \(history) h WHERE h.id = t.id AND \(current))")
            // Every column but id, the same in both (and Citus's distribution column, which it will not see set).
            let changing = columns.filter { $0 != PostGISConnection.quote("id") }
            try connection.run("""
                UPDATE \(table) t SET (\(changing.joined(separator: ", ")), \(geometry)) =
                  (SELECT \(changing.map { "h.\($0)" }.joined(separator: ", ")), h.geom FROM \(history) h WHERE h.id = t.id AND \(current))
                WHERE EXISTS (SELECT 1 FROM \(history) h WHERE h.id = t.id AND \(current) AND NOT (\(Self.same(layer, geometry: geometry))))
                """)
            try connection.run("""
                INSERT INTO \(table) (\(columns.joined(separator: ", ")), \(geometry))
                SELECT \(columns.map { "h.\($0)" }.joined(separator: ", ")), h.geom FROM \(history) h
                LEFT JOIN \(table) t ON t.id = h.id WHERE \(current) AND t.id IS NULL
                """)
        }
    }

    /// The layers that have a history table.
    func layersWithHistory() throws(RegistryError) -> [Layer] {
        let tables = try PostGISStore.tables(connection, schema: schema.schema)
        return Layer.allCases.filter { tables[PostGISSchema.history($0)] != nil }
    }

    /// Every revision, in number order.
    func revisions() throws(RegistryError) -> [Revision] {
        let table = schema.name(PostGISSchema.revisionsTable)
        guard try connection.value("SELECT to_regclass(\(PostGISConnection.literal(table))) IS NOT NULL", as: Bool.self) == true
        else { return [] }
        return try connection.run("""
            SELECT fid::int, time, coalesce(author, ''), message, decision, decision_date::text, coalesce(sources::text, '[]'),
                   coalesce(command, ''), added, changed, removed FROM \(table) ORDER BY fid
            """).map { row throws(RegistryError) in
            let row = row.makeRandomAccess()
            func text(_ index: Int) throws(RegistryError) -> String? { try connection.column(row, index, as: String?.self) }
            func count(_ index: Int) throws(RegistryError) -> Int { try connection.column(row, index, as: Int.self) }
            let decision = try text(4), date = try text(5)
            return Revision(number: try count(0), time: try text(1) ?? "",
                            note: RevisionNote(author: try text(2) ?? "", message: try text(3),
                                               decision: decision.map { LegalBasis(decision: $0, date: date) },
                                               sources: Self.sources(try text(6) ?? "[]"), command: try text(7) ?? ""),
                            added: try count(8), changed: try count(9), removed: try count(10))
        }
    }

    private static func sources(_ text: String) -> [SourceFile] {
        guard case let .array(items)? = try? JSONValue(parsing: text) else { return [] }
        return items.compactMap { item in
            guard case let .object(object) = item, let name = object["name"]?.stringValue, let digest = object["sha256"]?.stringValue else { return nil }
            return SourceFile(name: name, sha256: digest)
        }
    }

    /// The condition under which a layer row `t` and a version `h` hold the same ZoneAtlas columns
    /// and geometry (columns other clients added are not versioned).
    private static func same(_ layer: Layer, geometry: String) -> String {
        // json has no equality: its text is compared (as written, so a reordering is a change).
        (columns(layer).map { $0 == "\"properties\"" ? "t.\($0)::text IS NOT DISTINCT FROM h.\($0)::text" : "t.\($0) IS NOT DISTINCT FROM h.\($0)" }
            + ["ST_AsBinary(ST_Multi(t.\(geometry))) IS NOT DISTINCT FROM ST_AsBinary(h.geom)"]).joined(separator: " AND ")
    }

    /// A geometry as its multi type: as it is when it is one already (ZoneAtlas's own tables), which
    /// spares PostGIS a decoding and encoding of each (0.5 s of 55,000 zones); else through `ST_Multi`.
    private static func multi(_ geometry: String) -> String {
        "CASE WHEN GeometryType(\(geometry)) LIKE 'MULTI%' THEN \(geometry) ELSE ST_Multi(\(geometry)) END"
    }

    /// The layer's ZoneAtlas columns, quoted.
    private static func columns(_ layer: Layer) -> [String] {
        PostGISSchema.columns(layer).map { PostGISConnection.quote($0.name) }
    }
}
