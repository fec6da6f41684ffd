import Foundation
import GRDB
import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// A registry kept in a GeoPackage 1.3 file (SQLite) that QGIS and GDAL open and edit: one feature
/// table per layer in WGS84 with the R-tree spatial index extension, and a table of registry facts.
///
/// The file is a database, read and written in place:
/// - a lookup by id goes through the `id` column's unique index, a box through the R-tree, kind,
///   status and parent through their indexes; nothing loads the whole registry;
/// - a write is one SQLite transaction (`BEGIN IMMEDIATE`): it upserts rows by id, so feature ids
///   (`fid`), columns and tables that other clients added, and styles all survive; if it fails,
///   the file is as it was. A killed process leaves the last committed state (SQLite's journal);
/// - a writer waits up to ``lockTimeoutSeconds`` for another (QGIS, GDAL, a second `zoneatlas`)
///   instead of failing or overwriting; past that it throws ``RegistryError/locked(path:seconds:)``;
/// - after its first write the file is in WAL journal mode, so readers go on while one writes and
///   never see half a write; where WAL cannot be used (some network file systems) it keeps the
///   rollback journal, which gives the same guarantees with readers waiting during a commit.
///
/// The path is opened as given: a symbolic link is followed to its target, and the file keeps its
/// mode, owner and group, as SQLite writes it in place.
public struct GeoPackageStore: RegistryStore {
    /// The file's path as given.
    public let path: String
    /// How this store's tables map to registry fields (the default reads ZoneAtlas's own columns;
    /// a layer table that GDAL made may name them otherwise).
    public let mapping: FieldMapping
    /// How long a read or write waits for another writer's lock, in seconds.
    public let lockTimeoutSeconds: Double

    /// A store for the GeoPackage at `path` (created by the first write); a writer waits up to `lockTimeoutSeconds` seconds for another.
    public init(path: String, mapping: FieldMapping = FieldMapping(), lockTimeoutSeconds: Double = 60) {
        self.path = path
        self.mapping = mapping
        self.lockTimeoutSeconds = lockTimeoutSeconds
    }

    /// The path, for messages.
    public var location: String { path }

    /// Whether the file exists yet.
    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    // MARK: Reading

    /// The entry with this id (at `revision`, else now), through the unique index on `id`, looked
    /// for in zones, then communes, then corridors.
    public func entry(id: String, at revision: Int?) throws(RegistryError) -> RegistryEntry? {
        guard exists else { return nil }
        return try typed { try read { db in
            for (layer, table, geometry) in try layerTables(db, at: revision) {
                var found: RegistryEntry?
                var conditions = table.columns.contains("id") ? ["t.id = ?"] : []
                if let revision { conditions.append(Self.current(at: revision)) }
                try table.forEachRow(db, where: conditions.isEmpty ? nil : conditions.joined(separator: " AND "),
                                     arguments: table.columns.contains("id") ? [id] : [], geometry: geometry) { row in
                    guard found == nil else { return }
                    let entry = try entry(row, of: table, layer)
                    if entry.id == id { found = entry }
                }
                if let found { return found }
            }
            return nil
        } }
    }

    /// Each entry passing `filter` (at `revision`, else now), read row by row through the indexes and the R-tree.
    public func forEachEntry(_ filter: RegistryFilter, at revision: Int?, _ body: (RegistryEntry) throws -> Void) throws {
        guard exists else { return }
        let area = try filter.area()
        let prepared = try area.map { (geometry) throws(GeometryError) in try PreparedGeometry(geometry) }
        try read { db in
            let tables = try layerTables(db, at: revision)
            let present = revision == nil ? tables : try layerTables(db)
            for layer in filter.layers {
                guard let (_, table, geometry) = tables.first(where: { $0.layer == layer }) else { continue }
                if (filter.status != nil || filter.parent != nil) && layer != .zones { continue }
                let query = Self.query(filter, layer: layer, table: table, envelope: area?.envelope,
                                       layerTable: revision == nil ? nil : present.first { $0.layer == layer }?.table)
                let condition = revision.map { [query.condition, Self.current(at: $0)].compactMap { $0 }.joined(separator: " AND ") }
                    ?? query.condition
                try table.forEachRow(db, from: query.from, where: condition, arguments: query.arguments, geometry: geometry) { row in
                    let entry = try entry(row, of: table, layer)
                    guard filter.accepts(entry.feature) else { return }
                    if let prepared, !(try prepared.intersects(entry.feature.geometry)) { return }
                    try body(entry)
                }
            }
        }
    }

    /// The SQL condition on a history table's rows (aliased `t`) that were current at `revision`.
    private static func current(at revision: Int) -> String {
        "t.valid_from <= \(revision) AND (t.valid_to IS NULL OR t.valid_to > \(revision))"
    }

    /// Every revision, oldest first.
    public func revisions() throws(RegistryError) -> [Revision] {
        guard exists else { return [] }
        return try typed { try read { db in try GeoPackageHistory(db: db, path: path).revisions() } }
    }

    /// Every version of the feature with this id, oldest first, with the revisions it was current in.
    public func versions(id: String) throws(RegistryError) -> [FeatureVersion] {
        guard exists else { return [] }
        var versions: [FeatureVersion] = []
        try typed { try read { db in
            try forEachVersion(db, where: "t.id = ?", arguments: [id]) { versions.append($0) }
        } }
        return versions.sorted { $0.from < $1.from }
    }

    /// Every version of every feature, layer by layer, in the order the history table holds them.
    public func forEachVersion(_ body: (FeatureVersion) throws -> Void) throws {
        guard exists else { return }
        try read { db in try forEachVersion(db, where: nil, arguments: [], body) }
    }

    /// The history tables' rows that `condition` selects, as versions.
    private func forEachVersion(_ db: Database, where condition: String?, arguments: StatementArguments,
                                _ body: (FeatureVersion) throws -> Void) throws {
        for (layer, table, geometry) in try historyTables(db) {
            try table.forEachRow(db, where: condition, arguments: arguments, geometry: geometry) { row in
                guard let from = row.columns["valid_from"]?.stringValue.flatMap({ Int($0) }) else {
                    throw RegistryError.badRow(path: path, table: table.name, fid: row.fid, failure: .noRevision)
                }
                try body(FeatureVersion(entry: try entry(row, of: table, layer), from: from,
                                        to: row.columns["valid_to"]?.stringValue.flatMap { Int($0) }))
            }
        }
    }

    /// Records edits made outside ZoneAtlas since the last revision as a revision of their own;
    /// `nil` when there were none, or the file may not be written.
    @discardableResult
    public func recordOutsideEdits() throws(RegistryError) -> Revision? {
        guard exists, try typed({ try read { db in try GeoPackageHistory(db: db, path: path).hasOutsideEdits() } }) else { return nil }
        // A file nobody may write keeps its edits unrecorded; its recorded history still reads right.
        guard readOnlyMode == nil, FileManager.default.isWritableFile(atPath: path) else { return nil }
        return try typed { try transaction { db in
            let history = GeoPackageHistory(db: db, path: path)
            return try history.record(Self.outsideEditNote(db), untracked: try history.prepare(), keepEmpty: false)
        } }
    }

    /// How a revision of edits found in the file describes itself.
    private static func outsideEditNote(_ db: Database) throws -> RevisionNote {
        let first = try !db.tableExists(GeoPackageHistorySchema.revisionsTable)
            || (try Int.fetchOne(db, sql: "SELECT count(*) FROM \(GeoPackageHistorySchema.revisionsTable)") ?? 0) == 0
        return RevisionNote(author: "unknown (outside ZoneAtlas)",
                            message: first ? "the registry as found when ZoneAtlas began to keep its history"
                                : "edits made outside ZoneAtlas (QGIS, GDAL, sqlite3) since the last revision",
                            command: RevisionNote.outsideEdit)
    }

    /// The `zoneatlas_registry` table's facts (the version that last wrote the file, the last import and its files).
    public func facts() throws(RegistryError) -> [String: String] {
        guard exists else { return [:] }
        return try typed { try read { db in
            guard try db.tableExists(GeoPackageSchema.factsTable) else { return [:] }
            let rows = try GRDB.Row.fetchAll(db, sql: "SELECT key, value FROM \(GeoPackageSchema.factsTable)")
            return Dictionary(rows.map { ($0["key"] as String, ($0["value"] as String?) ?? "") }, uniquingKeysWith: { a, _ in a })
        } }
    }

    /// Calls `body` with the file's feature tables — any table, whoever made it; not a registry's
    /// history tables (past versions) — and, for each one it accepts, every row with its geometry
    /// blob undecoded, for reading a GeoPackage as input (``GeoPackageInput``).
    func forEachTableRow(accepting accepts: (GeoPackageTable) -> Bool,
                         _ body: (GeoPackageTable, GeoPackageTable.Row, Data?) throws -> Void) throws {
        try read { db in
            let history = Set(Layer.allCases.map(GeoPackageHistorySchema.table))
            for table in try GeoPackageTable.all(in: db, path: path)
            where !(history.contains(table.name) && table.columns.contains("valid_from")) && accepts(table) {
                try table.forEachStoredRow(db) { try body(table, $0, $1) }
            }
        }
    }

    /// The registry's layer tables that exist, in layer order: the present ones, or for a revision
    /// the history tables (with the SQL of their versions' geometry).
    private func layerTables(_ db: Database, at revision: Int? = nil) throws -> [(layer: Layer, table: GeoPackageTable, geometry: String?)] {
        if revision != nil { return try historyTables(db) }
        let tables = try GeoPackageTable.all(in: db, path: path)
        return Layer.allCases.compactMap { layer in tables.first { $0.name == layer.rawValue }.map { (layer, $0, nil) } }
    }

    /// The registry's history tables that exist, in layer order, each with the SQL of its versions'
    /// geometry (``versionGeometry(_:_:layerTable:)``).
    private func historyTables(_ db: Database) throws -> [(layer: Layer, table: GeoPackageTable, geometry: String?)] {
        let tables = try GeoPackageTable.all(in: db, path: path)
        return try Layer.allCases.compactMap { layer in
            guard let history = tables.first(where: { $0.name == GeoPackageHistorySchema.table(layer) }) else { return nil }
            return (layer, history, try versionGeometry(db, layer, layerTable: tables.first { $0.name == layer.rawValue }))
        }
    }

    /// The SQL of a version's geometry (its history row aliased `t`): its own; or, for a current
    /// version that leaves it in the layer, its row's. Where the layer's triggers are missing, its
    /// rows may have changed unseen, so a row's geometry is taken only while it has the digest the
    /// version recorded; otherwise the version reads as one without a geometry, a located error.
    /// `nil` (the history's own column) for a history written before versions left their geometry
    /// in the layer, or a layer whose table is gone.
    private func versionGeometry(_ db: Database, _ layer: Layer, layerTable: GeoPackageTable?) throws -> String? {
        let digest = GeoPackageHistorySchema.digestColumn
        let history = GeoPackageHistory(db: db, path: path)
        guard let layerTable, layerTable.columns.contains("id"), try history.hasDigest(layer) else { return nil }
        let unchanged = try history.isTracked(layer)
            ? "" : " AND \(GeoPackageHistorySchema.digestFunction)(l.\(GeoPackageTable.quote(layerTable.geometryColumn))) = t.\(digest)"
        return """
            CASE WHEN t.geom IS NULL AND t.valid_to IS NULL
            THEN (SELECT l.\(GeoPackageTable.quote(layerTable.geometryColumn)) FROM \(layerTable.quoted) l WHERE l.id = t.id\(unchanged))
            ELSE t.geom END
            """
    }

    private func entry(_ row: GeoPackageTable.Row, of table: GeoPackageTable, _ layer: Layer) throws(RegistryError) -> RegistryEntry {
        guard let geometry = row.geometry else {
            throw .badRow(path: path, table: table.name, fid: row.fid, failure: .noGeometry)
        }
        var fields = row.columns, properties = row.properties
        if table.name == GeoPackageHistorySchema.table(layer) {
            // A version's revision range belongs to the history, not to the feature (a row another
            // client wrote without `properties` has its columns as its properties).
            let fromColumns = properties == fields
            fields = JSONObject(fields.members.filter { $0.key != "valid_from" && $0.key != "valid_to" })
            if fromColumns { properties = fields }
        }
        return try FeatureMapper(mapping: mapping, layer: layer)
            .entry(id: fields["id"]?.stringValue, fields: fields, properties: properties, geometry: geometry,
                   source: "\(path) table \(table.name)", index: Int(row.fid))
    }

    /// The SQL that narrows a layer's rows to the filter's candidates, through the indexes; the
    /// filter itself is applied to every candidate afterwards, so this only has to be a superset.
    /// For a history `table` (a read at a revision), `layerTable` is the layer's present table:
    /// a box is looked up in the history's R-tree for versions with a geometry of their own, and
    /// in the layer's for the current versions that leave theirs in the layer.
    private static func query(_ filter: RegistryFilter, layer: Layer, table: GeoPackageTable, envelope: Envelope?,
                              layerTable: GeoPackageTable? = nil)
        -> (from: String?, condition: String?, arguments: StatementArguments) {
        var conditions: [String] = []
        var arguments: [DatabaseValueConvertible?] = []
        let kindColumn = GeoPackageSchema.kindColumn(layer)
        // A commune without a type is listed as kind "commune": that one cannot be asked of the column.
        if let kind = filter.kind, table.columns.contains(kindColumn), !(layer == .communes && kind.lowercased() == "commune") {
            conditions.append("t.\"\(kindColumn)\" = ? COLLATE NOCASE")
            arguments.append(kind)
        }
        if let status = filter.status, table.columns.contains("status") {
            conditions.append("t.status = ?")
            arguments.append(status.rawValue)
        }
        if let parent = filter.parent, table.columns.contains("parent") {
            conditions.append("t.parent = ?")
            arguments.append(parent)
        }
        if let name = filter.name, table.columns.contains("name") {
            conditions.append("zoneatlas_name_contains(t.name, ?)")
            arguments.append(NameFolding.fold(name))
        }
        var from: String?
        func box(_ rtree: GeoPackageTable) -> String {
            arguments += [envelope?.minX, envelope?.maxX, envelope?.minY, envelope?.maxY]
            return "SELECT id FROM \(GeoPackageTable.quote("rtree_\(rtree.name)_\(rtree.geometryColumn)")) "
                + "WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?"
        }
        if envelope != nil, table.name == GeoPackageHistorySchema.table(layer) {
            // A read at a revision: its versions in the box have their geometry in the history's
            // R-tree, or are current and have it in the layer's (found by id: `+` keeps SQLite
            // from walking every open version through the `valid_to` index instead).
            guard table.hasSpatialIndex, let layerTable, layerTable.hasSpatialIndex, layerTable.columns.contains("id") else {
                return (nil, conditions.isEmpty ? nil : conditions.joined(separator: " AND "), StatementArguments(arguments))
            }
            let own = "t.fid IN (\(box(table)))"
            let layers = "t.geom IS NULL AND +t.valid_to IS NULL AND t.id IN (SELECT l.id FROM \(layerTable.quoted) l WHERE l.fid IN (\(box(layerTable))))"
            conditions.append("(\(own) OR \(layers))")
        } else if let envelope, table.hasSpatialIndex {
            let rtree = GeoPackageTable.quote("rtree_\(table.name)_\(table.geometryColumn)")
            from = "\(table.quoted) t JOIN \(rtree) r ON r.id = t.fid"
            conditions.append("r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ?")
            arguments += [envelope.minX, envelope.maxX, envelope.minY, envelope.maxY]
        }
        return (from, conditions.isEmpty ? nil : conditions.joined(separator: " AND "), StatementArguments(arguments))
    }

    // MARK: Writing

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction, waiting up to ``lockTimeoutSeconds`` for
    /// another writer, and records what it upserts as one revision described by `note` (edits made
    /// outside ZoneAtlas since the last revision first, as a revision of their own); commits all, or
    /// nothing if `body` throws.
    public func commit<Result>(_ note: @autoclosure () throws -> RevisionNote, _ body: (inout any RegistryWriter) throws -> Result) throws
        -> (result: Result, revision: Revision) {
        try transaction { db in
            let history = GeoPackageHistory(db: db, path: path)
            // Edits other clients made since the last revision are a revision of their own, first.
            try history.record(Self.outsideEditNote(db), untracked: try history.prepare(), keepEmpty: false)
            var writer: any RegistryWriter = try GeoPackageWriter(db: db, path: path)
            let result = try body(&writer)
            // The history's set-wide statements that follow keep their temporary tables in files
            // (in memory they took 1.2 GB for a million zones).
            try db.execute(sql: "PRAGMA temp_store = FILE")
            var written = writer as? GeoPackageWriter
            try written?.finish()
            guard let revision = try history.record(try note(), untracked: written?.madeLayers ?? [], keepEmpty: true) else {
                throw RegistryError.store(path: path, reason: "the write's revision was not recorded")
            }
            return (result, revision)
        }
    }

    /// Runs `body` in one write transaction (`BEGIN IMMEDIATE`) on the file with the registry's
    /// schema; then puts the file in WAL mode.
    private func transaction<Result>(_ body: (Database) throws -> Result) throws -> Result {
        // A file nobody may write (mode 444) is refused even for root, who could write it anyway.
        if let mode = readOnlyMode {
            throw RegistryError.store(path: path, reason: String(format: "the file is read-only (mode %o); nothing was written", mode))
        }
        let existed = exists
        defer { if !existed { removeIfLeftEmpty() } }
        if existed {
            // A damaged file is not written: a write could spread the damage to what still reads.
            // (Checked on a connection of its own: the write's fixes where its temporary storage
            // goes as its transaction begins.)
            // The file is read through a memory map for it: half the time of reading it page by
            // page (0.15 s against 0.3 s for 100,000 zones).
            let findings = try open(readonly: true, mapped: true) { database in
                try database.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(10)") }
            }
            guard findings == ["ok"] else { throw RegistryError.damaged(path: path, findings: findings) }
        }
        let result = try open(readonly: false) { database in
            try database.writeWithoutTransaction { db in
                var result: Result?
                try db.inTransaction(.immediate) {
                    try GeoPackageHistory(db: db, path: path).checkSchema()
                    try createSchema(db)
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        }
        useWAL()
        return result
    }

    /// Removes the file that opening it for a write created, when that write failed and left it
    /// empty (and no journal beside it says another writer is filling it): a failed first import
    /// leaves no registry behind, as it found none.
    private func removeIfLeftEmpty() {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber, size.intValue == 0,
              !["-journal", "-wal"].contains(where: { FileManager.default.fileExists(atPath: path + $0) }) else { return }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The file's permission bits when nobody may write it (e.g. mode 444), else `nil`.
    private var readOnlyMode: mode_t? {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & 0o222 == 0 else { return nil }
        return status.st_mode & 0o7777
    }

    /// Adds what the registry needs and the file lacks: the GeoPackage core tables (for a new file),
    /// the schema extension, the facts table (moved from the old text-keyed one).
    private func createSchema(_ db: Database) throws {
        if try db.tableExists(GeoPackageSchema.factsTable), try !db.columns(in: GeoPackageSchema.factsTable).contains(where: { $0.name == "fid" }) {
            // Registries written before facts had an integer key (GeoPackage requirement 119).
            try db.execute(sql: "ALTER TABLE \(GeoPackageSchema.factsTable) RENAME TO zoneatlas_registry_old")
            for statement in GeoPackageSchema.core { try db.execute(sql: statement) }
            try db.execute(sql: "INSERT INTO \(GeoPackageSchema.factsTable) (key, value) SELECT key, value FROM zoneatlas_registry_old")
            try db.execute(sql: "DROP TABLE zoneatlas_registry_old")
        }
        guard try !db.tableExists(GeoPackageSchema.factsTable) || !db.tableExists("gpkg_data_columns") else { return }
        if try !db.tableExists("gpkg_contents") {
            try db.execute(sql: "PRAGMA application_id = \(GeoPackageSchema.applicationID)")
            try db.execute(sql: "PRAGMA user_version = \(GeoPackageSchema.userVersion)")
        }
        for statement in GeoPackageSchema.core { try db.execute(sql: statement) }
        for (statement, arguments) in GeoPackageSchema.referenceSystems(wgs84Definition: try CRS.wgs84.wkt1) {
            try db.execute(sql: statement, arguments: StatementArguments(arguments))
        }
    }

    /// Puts the file in WAL journal mode, once, after a write has succeeded (so that a failed
    /// write leaves the file byte for byte as it was). Where WAL cannot be used the file keeps its
    /// rollback journal, which is as safe.
    private func useWAL() {
        _ = try? open(readonly: false) { database in
            try database.writeWithoutTransaction { db in
                if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                    try db.execute(sql: "PRAGMA journal_mode = WAL")
                }
            }
        }
    }

    // MARK: Connections

    /// Runs `body` on the file opened read-only, in one read transaction (one consistent state).
    /// Errors thrown by `body` pass unchanged.
    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        try open(readonly: true) { database in
            try database.read { db in
                try GeoPackageHistory(db: db, path: path).checkSchema()
                return try body(db)
            }
        }
    }

    /// `body`'s errors as ``RegistryError``s, for the calls that throw nothing else.
    private func typed<T>(_ body: () throws -> T) throws(RegistryError) -> T {
        do {
            return try body()
        } catch {
            throw .wrapping(error, at: path)
        }
    }

    /// Where a read connection opens the file. A file this process may not write (a published copy,
    /// a colleague's registry on a shared drive) is read as SQLite's `immutable` URI says, taking no
    /// lock and leaving no `-wal` or `-shm` beside it, which would be owned by the reader and break
    /// the owner's next write; while a `-wal` beside it shows a writer at work, read-only (`mode=ro`)
    /// so that the WAL's commits are read too. A file this process may write is opened as it is.
    private var readLocation: String {
        guard readOnlyMode != nil || access(path, W_OK) != 0 else { return path }
        // RFC 3986 path characters, as SQLite's URI filenames take them.
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        let writerAtWork = FileManager.default.fileExists(atPath: path + "-wal")
        return "file:\(encoded)?\(writerAtWork ? "mode=ro" : "immutable=1")"
    }

    /// Opens the file with the busy timeout and ZoneAtlas's SQL functions, and maps SQLite's
    /// "busy" to ``RegistryError/locked(path:seconds:)``; `mapped` reads it through a memory map.
    /// Errors thrown by `body` pass unchanged.
    private func open<T>(readonly: Bool, mapped: Bool = false, _ body: (DatabaseQueue) throws -> T) throws -> T {
        var configuration = Configuration()
        configuration.readonly = readonly
        configuration.busyMode = .timeout(lockTimeoutSeconds)
        configuration.foreignKeysEnabled = false
        configuration.prepareDatabase { db in
            // Read through a memory map of up to 64 GiB (SQLite caps it at its own maximum).
            if mapped { try db.execute(sql: "PRAGMA mmap_size = 68719476736") }
            GeoPackageFunctions.register(in: db)
            GeometryDigest.register(in: db)
            if !readonly {
                // Up to 512 MiB of page cache (SQLite's default is 2 MiB): a large import keeps the
                // pages of its indexes and R-tree in memory instead of spilling them to the journal
                // and reading them back for every row (100,000 zones moved and imported again:
                // 27 s with 128 MiB, 21 s with 512). Memory is taken only as pages are used.
                try db.execute(sql: "PRAGMA cache_size = -524288")
                // Statement journals in memory (SQLite fixes where they go as a write transaction
                // begins): each upsert of an import, with the R-tree's and the edits' triggers, has
                // one, and in temporary files they were 4.6 GB of writes for 100,000 zones.
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
            }
            // Whether a name contains a folded query (see NameFolding), for name searches.
            db.add(function: DatabaseFunction("zoneatlas_name_contains", argumentCount: 2, pure: true) { arguments in
                guard let name = String.fromDatabaseValue(arguments[0]), let query = String.fromDatabaseValue(arguments[1]) else { return false }
                return NameFolding.contains(name, folded: query)
            })
        }
        do {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw RegistryError.store(path: path, reason: "is a directory, not a registry file; give the file's path, e.g. \((path as NSString).appendingPathComponent("registry.gpkg"))")
            }
            if readonly && !exists { throw RegistryError.store(path: path, reason: "no such file") }
            let database = try DatabaseQueue(path: readonly ? readLocation : path, configuration: configuration)
            defer { try? database.close() }
            return try body(database)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw RegistryError.locked(path: path, seconds: lockTimeoutSeconds)
        } catch let error as DatabaseError {
            throw RegistryError.store(path: path, reason: error.message ?? "\(error)")
        }
    }
}
