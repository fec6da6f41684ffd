import Foundation
internal import PostgresNIO
import ZoneGeoJSON
import ZoneGeometry

/// A registry kept in PostgreSQL with PostGIS, the shared store of a planning office or a country,
/// read and written through the same interface as the GeoPackage file (``RegistryStore``).
///
/// - Reads run in one `REPEATABLE READ` transaction (one consistent state) through a server-side
///   cursor, a batch of rows at a time: by id through the unique index, a box through the GiST
///   index (`&&`), kind, status and parent through their indexes. Geometries travel as WKB.
/// - A write is one transaction: writers take the registry's advisory lock in turn (waiting up to
///   ``lockTimeoutSeconds``, as they wait for rows that QGIS holds), upsert rows by id with
///   `INSERT … ON CONFLICT`, and record the revision; on any error, a dropped connection included,
///   the server rolls everything back.
/// - The history lives beside the layers, as in the GeoPackage; statement triggers note the ids that
///   any client writes, so QGIS's edits become a revision too.
public struct PostGISStore: RegistryStore {
    /// Where the registry is.
    public let address: PostGISAddress
    /// How the tables' columns map to registry fields.
    public let mapping: FieldMapping
    /// How long a write waits for another writer's lock, in seconds.
    public let lockTimeoutSeconds: Double

    /// A store at `address` (its tables are created by the first write).
    public init(address: PostGISAddress, mapping: FieldMapping = FieldMapping(), lockTimeoutSeconds: Double = 60) {
        self.address = address
        self.mapping = mapping
        self.lockTimeoutSeconds = lockTimeoutSeconds
    }

    /// The URL without its password.
    public var location: String { address.description }

    /// The registry's tables, by name.
    private var schema: PostGISSchema { PostGISSchema(schema: address.schema) }

    /// The registry's tables as they are made and tracked on the database of `connection` (a Citus cluster or not).
    private func schema(on connection: PostGISConnection) throws(RegistryError) -> PostGISSchema {
        PostGISSchema(schema: address.schema, citus: try connection.isCitus())
    }

    /// Whether the registry's tables are there; `true` also when the server cannot be asked (the
    /// read that follows says why).
    public var exists: Bool {
        guard let connection = try? PostGISConnection(address) else { return true }
        let facts = PostGISConnection.literal(schema.name(PostGISSchema.factsTable))
        return (try? connection.value("SELECT to_regclass(\(facts)) IS NOT NULL", as: Bool.self)) ?? true
    }

    // MARK: Reading

    public func entry(id: String, at revision: Int?) throws(RegistryError) -> RegistryEntry? {
        var found: RegistryEntry?
        try read { connection in
            let tables = try layerTables(connection, at: revision)
            for (layer, table) in tables where found == nil {
                var binds = PostgresBindings()
                binds.append(id)
                let condition = ["t.id = $1"] + (revision.map { [Self.current(at: $0)] } ?? [])
                try forEachRow(connection, table: table, layer: layer, where: condition.joined(separator: " AND "), binds: binds) { row in
                    if found == nil, row.entry.id == id { found = row.entry }
                }
            }
        }
        return found
    }

    public func forEachEntry(_ filter: RegistryFilter, at revision: Int?, _ body: (RegistryEntry) throws -> Void) throws {
        let area = try filter.area()
        let prepared = try area.map { (geometry) throws(GeometryError) in try PreparedGeometry(geometry) }
        try readAny { connection in
            let tables = try layerTables(connection, at: revision)
            for layer in filter.layers {
                guard let table = tables.first(where: { $0.layer == layer })?.table else { continue }
                if (filter.status != nil || filter.parent != nil) && layer != .zones { continue }
                var conditions: [String] = [], binds = PostgresBindings()
                func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
                    binds.append(value)
                    return "$\(binds.count)"
                }
                let kindColumn = GeoPackageSchema.kindColumn(layer)
                if let kind = filter.kind, table.columns.contains(kindColumn), !(layer == .communes && kind.lowercased() == "commune") {
                    conditions.append("lower(t.\(kindColumn)) = lower(\(bind(kind)))")
                }
                if let status = filter.status { conditions.append("t.status = \(bind(status.rawValue))") }
                if let parent = filter.parent { conditions.append("t.parent = \(bind(parent))") }
                if let envelope = area?.envelope {
                    conditions.append("t.\(PostGISConnection.quote(table.geometryColumn)) && ST_MakeEnvelope(\(bind(envelope.minX)), "
                        + "\(bind(envelope.minY)), \(bind(envelope.maxX)), \(bind(envelope.maxY)), 4326)")
                }
                if let revision { conditions.append(Self.current(at: revision)) }
                if let name = filter.name, table.columns.contains("name") {
                    // Names are folded here (Vietnamese diacritics, as the GeoPackage's SQL function
                    // does); reading the name column alone first spares the rows that do not match.
                    let matching = try fids(connection, table: table, where: conditions, binds: binds, name: NameFolding.fold(name))
                    conditions.append("t.fid = ANY(\(bind(matching))::bigint[])")
                }
                try forEachRow(connection, table: table, layer: layer, where: conditions.isEmpty ? nil : conditions.joined(separator: " AND "),
                               binds: binds) { row in
                    guard filter.accepts(row.entry.feature) else { return }
                    if let prepared, !(try prepared.intersects(row.entry.feature.geometry)) { return }
                    try body(row.entry)
                }
            }
        }
    }

    /// The fids of the rows that `conditions` select whose name, folded, contains `foldedName`.
    private func fids(_ connection: PostGISConnection, table: Table, where conditions: [String], binds: PostgresBindings,
                      name foldedName: String) throws -> [Int64] {
        var fids: [Int64] = []
        let condition = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        for row in try connection.run("SELECT t.fid, t.name FROM \(schema.name(table.name)) t\(condition)", binds) {
            let cells = row.makeRandomAccess()
            guard let name = try connection.column(cells, 1, as: String?.self), NameFolding.contains(name, folded: foldedName) else { continue }
            fids.append(try connection.column(cells, 0, as: Int64.self))
        }
        return fids
    }

    /// The condition on a history table's rows (aliased `t`) current at `revision`.
    private static func current(at revision: Int) -> String {
        "t.valid_from <= \(revision) AND (t.valid_to IS NULL OR t.valid_to > \(revision))"
    }

    public func revisions() throws(RegistryError) -> [Revision] {
        var revisions: [Revision] = []
        try read { connection in revisions = try PostGISHistory(connection: connection, schema: schema).revisions() }
        return revisions
    }

    public func versions(id: String) throws(RegistryError) -> [FeatureVersion] {
        var versions: [FeatureVersion] = []
        var binds = PostgresBindings()
        binds.append(id)
        try read { connection in try forEachVersion(connection, where: "t.id = $1", binds: binds) { versions.append($0) } }
        return versions.sorted { $0.from < $1.from }
    }

    public func forEachVersion(_ body: (FeatureVersion) throws -> Void) throws {
        try readAny { connection in try forEachVersion(connection, where: nil, binds: PostgresBindings(), body) }
    }

    /// The history tables' rows that `condition` selects, as versions, layer by layer in the order written.
    private func forEachVersion(_ connection: PostGISConnection, where condition: String?, binds: PostgresBindings,
                                _ body: (FeatureVersion) throws -> Void) throws {
        for (layer, table) in try layerTables(connection, at: 0) {
            try forEachRow(connection, table: table, layer: layer, where: condition, binds: binds) { row in
                try body(FeatureVersion(entry: row.entry, from: row.from, to: row.to))
            }
        }
    }

    @discardableResult
    public func recordOutsideEdits() throws(RegistryError) -> Revision? {
        var waiting = false
        try read { connection in waiting = try PostGISHistory(connection: connection, schema: schema(on: connection)).hasOutsideEdits() }
        guard waiting else { return nil }
        do {
            return try transaction { connection in
                let history = PostGISHistory(connection: connection, schema: try schema(on: connection))
                return try history.record(PostGISHistory.outsideEditNote(first: try history.revisions().isEmpty),
                                          untracked: try history.prepare(), keepEmpty: false)
            }
        } catch .store(_, let reason) where reason.hasPrefix("permission denied") {
            // A user who may only read keeps the edits unrecorded; the recorded history still reads right.
            return nil
        }
    }

    public func facts() throws(RegistryError) -> [String: String] {
        var facts: [String: String] = [:]
        try read { connection in
            let table = PostGISConnection.literal(schema.name(PostGISSchema.factsTable))
            guard try connection.value("SELECT to_regclass(\(table)) IS NOT NULL", as: Bool.self) ?? false else { return }
            for row in try connection.run("SELECT key, value FROM \(schema.name(PostGISSchema.factsTable))") {
                let row = row.makeRandomAccess()
                facts[try connection.column(row, 0, as: String.self)] = try connection.column(row, 1, as: String?.self) ?? ""
            }
        }
        return facts
    }

    /// A layer table (or history table) as found in the schema.
    struct Table {
        var name: String
        var geometryColumn: String
        /// The columns, in the table's order.
        var columns: [String]
    }

    /// The registry's layer tables that exist, in layer order: the present ones, or for a revision
    /// the history tables.
    private func layerTables(_ connection: PostGISConnection, at revision: Int?) throws(RegistryError) -> [(layer: Layer, table: Table)] {
        let tables = try Self.tables(connection, schema: address.schema)
        return Layer.allCases.compactMap { layer in
            tables[revision == nil ? layer.rawValue : PostGISSchema.history(layer)].map { (layer, $0) }
        }
    }

    /// The schema's tables that have a PostGIS geometry column, by name (none where PostGIS is not
    /// installed). Read from the system catalogs: PostGIS's `geometry_columns` view joined with
    /// `information_schema.columns` takes 25 ms, most of a `show`.
    static func tables(_ connection: PostGISConnection, schema: String) throws(RegistryError) -> [String: Table] {
        var binds = PostgresBindings()
        binds.append(schema)
        var tables: [String: Table] = [:]
        for row in try connection.run("""
            SELECT c.relname::text, g.attname::text, array_agg(a.attname::text ORDER BY a.attnum)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute g ON g.attrelid = c.oid AND g.atttypid = to_regtype('geometry') AND g.attnum > 0 AND NOT g.attisdropped
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
            GROUP BY c.relname, g.attname, g.attnum ORDER BY c.relname, g.attnum
            """, binds) {
            let row = row.makeRandomAccess()
            let name = try connection.column(row, 0, as: String.self), geometry = try connection.column(row, 1, as: String.self)
            let columns = try connection.column(row, 2, as: [String].self)
            if tables[name] == nil { tables[name] = Table(name: name, geometryColumn: geometry, columns: columns) }
        }
        return tables
    }

    /// Reads the rows `condition` selects through a cursor, a batch at a time (the next batch is on
    /// its way while this one is decoded on every core), and calls `body` with each: its entry, and
    /// its revision range for a history table.
    private func forEachRow(_ connection: PostGISConnection, table: Table, layer: Layer, where condition: String?, binds: PostgresBindings,
                            _ body: (StoredRow) throws -> Void) throws {
        let geometry = "t.\(PostGISConnection.quote(table.geometryColumn))"
        // The other columns as one JSON object (`json`, not `jsonb`: the properties keep their members' order).
        let fields = table.columns.filter { $0 != table.geometryColumn && $0 != "fid" }.map { "t.\(PostGISConnection.quote($0))" }
        try connection.run("""
            DECLARE zoneatlas_rows NO SCROLL CURSOR FOR
            SELECT t.fid, ST_AsBinary(\(geometry)), (SELECT to_json(r) FROM (SELECT \(fields.joined(separator: ", "))) r)::text
            FROM \(schema.name(table.name)) t\(condition.map { " WHERE \($0)" } ?? "") ORDER BY t.fid
            """, binds)
        defer { _ = try? connection.wait(connection.send("CLOSE zoneatlas_rows"), seconds: 10) }
        let fetch = "FETCH FORWARD 2000 FROM zoneatlas_rows"
        var next = connection.send(fetch)
        defer { _ = try? connection.wait(next, seconds: 10) }
        let mapper = FeatureMapper(mapping: mapping, layer: layer), source = "\(location) table \(table.name)"
        while true {
            let rows = Array(try connection.wait(next))
            if rows.isEmpty { break }
            next = connection.send(fetch)
            let decoded: [StoredRow] = try parallelMapForwardingErrors(count: rows.count, chunkSize: 64) { index in
                try Self.row(rows[index], mapper: mapper, source: source, table: table.name)
            }
            for row in decoded { try body(row) }
        }
    }

    /// A row read back: the entry, and the revisions it was current in (0 and `nil` outside history).
    private struct StoredRow: Sendable {
        var entry: RegistryEntry
        var from: Int
        var to: Int?
    }

    /// A row (fid, WKB, the other columns as JSON) as an entry, with its revision range (0 outside history).
    private static func row(_ row: PostgresRow, mapper: FeatureMapper, source: String, table: String) throws(RegistryError)
        -> StoredRow {
        let cells = row.makeRandomAccess()
        let fid = try PostGISConnection.column(cells, 0, as: Int64.self, location: source)
        let wkb = try PostGISConnection.column(cells, 1, as: ByteBuffer?.self, location: source)
        let text = try PostGISConnection.column(cells, 2, as: String.self, location: source)
        guard let wkb else { throw .badRow(path: source, table: table, fid: fid, failure: .noGeometry) }
        let geometry: Geometry
        var columns: JSONObject
        do throws(GeometryError) {
            geometry = try Geometry(wkb: Array(buffer: wkb))
        } catch {
            throw .badRow(path: source, table: table, fid: fid, failure: .geometry(error))
        }
        let value: JSONValue
        do throws(JSONParseError) {
            value = try JSONValue(parsing: text)
        } catch {
            throw .badRow(path: source, table: table, fid: fid, failure: .columns(error))
        }
        // The query makes one JSON object of the columns (to_json of a row).
        guard case let .object(object) = value else {
            throw .store(path: source, reason: "table \(table), fid \(fid): the server gave the columns as \(value), not as one JSON object")
        }
        columns = object
        let stored = columns["properties"], from = columns["valid_from"]?.stringValue.flatMap { Int($0) } ?? 0
        let to = columns["valid_to"]?.stringValue.flatMap { Int($0) }
        columns = JSONObject(columns.members.filter { !["properties", "valid_from", "valid_to"].contains($0.key) && $0.value != .null })
        var properties = columns
        if case let .object(object)? = stored { properties = object }
        let entry = try mapper.entry(id: columns["id"]?.stringValue, fields: columns, properties: properties, geometry: geometry,
                                     source: source, index: Int(fid))
        return StoredRow(entry: entry, from: from, to: to)
    }

    // MARK: Writing

    public func commit<Result>(_ note: @autoclosure () throws -> RevisionNote, _ body: (inout any RegistryWriter) throws -> Result) throws
        -> (result: Result, revision: Revision) {
        try transaction { connection in
            let schema = try schema(on: connection)
            let history = PostGISHistory(connection: connection, schema: schema)
            try history.record(PostGISHistory.outsideEditNote(first: try history.revisions().isEmpty), untracked: try history.prepare(),
                               keepEmpty: false)
            var writer: any RegistryWriter = PostGISWriter(connection: connection, schema: schema)
            let result = try body(&writer)
            guard let revision = try history.record(try note(), keepEmpty: true) else {
                throw RegistryError.store(path: location, reason: "the write's revision was not recorded")
            }
            return (result, revision)
        }
    }

    /// Runs `body` in one write transaction holding the registry's advisory lock, with the schema
    /// in place; commits if it returns, rolls back if it throws.
    private func transaction<T>(_ body: (PostGISConnection) throws -> T) throws(RegistryError) -> T {
        let connection = try PostGISConnection(address)
        connection.lockTimeoutSeconds = lockTimeoutSeconds
        try requirePostGIS(connection)
        do {
            try connection.run("BEGIN")
            try connection.run("SET LOCAL lock_timeout = '\(max(1, Int(lockTimeoutSeconds * 1000)))ms'")
            try connection.run("SELECT pg_advisory_xact_lock(hashtextextended(\(PostGISConnection.literal("zoneatlas " + address.schema)), 0))")
            for statement in try schema(on: connection).shared { try connection.run(statement) }
            let result = try body(connection)
            try connection.run("COMMIT")
            return result
        } catch {
            connection.rollBack()
            throw .wrapping(error, at: location)
        }
    }

    /// Makes sure the database has PostGIS, installing it where this user may.
    private func requirePostGIS(_ connection: PostGISConnection) throws(RegistryError) {
        if try connection.value("SELECT to_regtype('geometry') IS NOT NULL", as: Bool.self) == true { return }
        do {
            try connection.run("CREATE EXTENSION IF NOT EXISTS postgis")
        } catch {
            throw .store(path: location, reason: "the database \(address.database) has no PostGIS, and \(address.user) may not add it "
                + "(\(error)); ask its administrator to run CREATE EXTENSION postgis")
        }
    }

    /// Runs `body` in one read-only `REPEATABLE READ` transaction (one consistent state). Errors
    /// thrown by `body` pass unchanged.
    private func readAny(_ body: (PostGISConnection) throws -> Void) throws {
        let connection = try PostGISConnection(address)
        try connection.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        defer { _ = try? connection.wait(connection.send("COMMIT"), seconds: 10) }
        try body(connection)
    }

    /// ``readAny(_:)`` for the calls that throw only ``RegistryError``s.
    private func read(_ body: (PostGISConnection) throws -> Void) throws(RegistryError) {
        do {
            try readAny(body)
        } catch {
            throw .wrapping(error, at: location)
        }
    }
}
