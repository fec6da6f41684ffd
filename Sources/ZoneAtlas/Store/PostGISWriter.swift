internal import PostgresNIO
import ZoneGeoJSON
import ZoneGeometry

/// The write side of one PostGIS transaction: upserts rows by id, a thousand at a time, with
/// `INSERT … SELECT … FROM unnest(…) ON CONFLICT (id) DO UPDATE` — one array parameter per column
/// (a layer's table made on its first entry), geometries as WKB; rows keep their `fid` and the
/// columns other clients added.
struct PostGISWriter: RegistryWriter {
    let connection: PostGISConnection
    let schema: PostGISSchema
    private(set) var changes = RegistryChanges()
    /// The layers whose tables are known to be ready for this writer.
    private var ready: Set<Layer> = []

    /// Rows per statement: each is sent while the last runs.
    private static let rowsPerStatement = 1000

    init(connection: PostGISConnection, schema: PostGISSchema) {
        self.connection = connection
        self.schema = schema
    }

    mutating func upsert(_ entries: [RegistryEntry]) throws(RegistryError) {
        let encoded = try encode(entries)
        for layer in Layer.allCases {
            // One row per id (the last given wins), so that one statement never updates a row twice.
            var seen: Set<String> = []
            let rows = encoded.reversed().filter { $0.layer == layer && seen.insert($0.id).inserted }.reversed()
            guard !rows.isEmpty else { continue }
            try prepare(layer)
            for result in try Self.sendInTurn(connection, Array(rows), { statement(layer, $0) }) { try count(result, layer) }
        }
    }

    /// Sends a statement for each `rowsPerStatement` rows, each while the next is being bound, and
    /// returns their results in order.
    private static func sendInTurn(_ connection: PostGISConnection, _ rows: [EncodedRow],
                                   _ statement: (ArraySlice<EncodedRow>) -> (String, PostgresBindings)) throws(RegistryError)
        -> [PostgresQueryResult] {
        var results: [PostgresQueryResult] = []
        var pending: EventLoopFuture<PostgresQueryResult>?
        for start in stride(from: 0, to: rows.count, by: rowsPerStatement) {
            if WorkCancellation.isCancelled {
                // The statement under way is waited for, so that the rollback finds the connection free.
                if let pending { _ = try? connection.wait(pending) }
                throw .cancelled(path: connection.address.description)
            }
            let (sql, binds) = statement(rows[start..<min(rows.count, start + rowsPerStatement)])
            let sent = connection.send(sql, binds)
            if let pending { results.append(try connection.wait(pending)) }
            pending = sent
        }
        if let pending { results.append(try connection.wait(pending)) }
        return results
    }

    private mutating func count(_ result: PostgresQueryResult, _ layer: Layer) throws(RegistryError) {
        for row in result {
            if try connection.column(row.makeRandomAccess(), 0, as: Bool.self) { changes.added[layer, default: 0] += 1 } else { changes.replaced[layer, default: 0] += 1 }
        }
    }

    /// The statement that upserts `rows` of `layer`, and its parameters.
    private func statement(_ layer: Layer, _ rows: ArraySlice<EncodedRow>) -> (String, PostgresBindings) {
        let (select, binds) = Self.select(layer, rows)
        let names = PostGISSchema.columns(layer).map { PostGISConnection.quote($0.name) } + ["geom"]
        let sql = """
            INSERT INTO \(schema.name(layer.rawValue)) (\(names.joined(separator: ", "))) \(select)
            ON CONFLICT (id) DO UPDATE SET \(names.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
            RETURNING (xmax = 0)
            """
        return (sql, binds)
    }

    /// The rows as one `SELECT … FROM unnest(…)` of a parameter per column — each an array of the
    /// rows' values: the typed columns, the WKB geometries, then the revision ranges if the rows
    /// have them — and the parameters. A statement of a few parameters, whatever the number of
    /// rows: PostgreSQL parses and plans it at once, where a `VALUES` list of 10,000 parameters
    /// took it longer to plan than to run.
    private static func select(_ layer: Layer, _ rows: ArraySlice<EncodedRow>) -> (String, PostgresBindings) {
        let columns = PostGISSchema.columns(layer)
        var binds = PostgresBindings(capacity: columns.count + 3)
        var arrays: [String] = [], selected: [String] = []
        for (index, column) in columns.enumerated() {
            switch rows.first?.values[index] {
            case .number?:
                binds.append(NullableArray(rows.map { $0.values[index].number }))
            case .integer?:
                binds.append(NullableArray(rows.map { $0.values[index].integer }))
            case .text?, nil:
                binds.append(NullableArray(rows.map { $0.values[index].text }))
            }
            arrays.append("$\(binds.count)")
            let cast = column.name == "properties" ? "::json" : column.name == "decision_date" ? "::date" : ""
            selected.append("u.c\(index)\(cast)")
        }
        binds.append(rows.map(\.wkb))
        arrays.append("$\(binds.count)")
        selected.append("ST_GeomFromWKB(u.geom, 4326)")
        var names = columns.indices.map { "c\($0)" } + ["geom"]
        if rows.first?.validity != nil {
            binds.append(rows.map { $0.validity?.from ?? 0 })
            binds.append(NullableArray(rows.map { $0.validity?.to }))
            arrays += ["$\(binds.count - 1)", "$\(binds.count)"]
            selected += ["u.valid_from::integer", "u.valid_to::integer"]
            names += ["valid_from", "valid_to"]
        }
        let sql = "SELECT \(selected.joined(separator: ", ")) FROM unnest(\(arrays.joined(separator: ", "))) AS u(\(names.joined(separator: ", ")))"
        return (sql, binds)
    }

    mutating func appendRevisions(_ revisions: [Revision]) throws(RegistryError) {
        let history = PostGISHistory(connection: connection, schema: schema)
        guard try history.revisions().isEmpty else {
            throw .store(path: connection.address.description, reason: "it has a history of its own; copy into a new database or schema (?schema=NAME)")
        }
        for revision in revisions { try history.insert(revision) }
    }

    mutating func appendVersions(_ versions: [FeatureVersion]) throws(RegistryError) {
        var rows = try encode(versions.map(\.entry))
        for index in rows.indices { rows[index].validity = (versions[index].from, versions[index].to) }
        for layer in Layer.allCases {
            let layerRows = rows.filter { $0.layer == layer }
            guard !layerRows.isEmpty else { continue }
            try prepare(layer)
            let insert = "INSERT INTO \(schema.name(PostGISSchema.history(layer))) ("
                + (PostGISSchema.columns(layer).map { PostGISConnection.quote($0.name) } + ["geom", "valid_from", "valid_to"]).joined(separator: ", ")
                + ") "
            _ = try Self.sendInTurn(connection, layerRows) { slice in
                let (select, binds) = Self.select(layer, slice)
                return (insert + select, binds)
            }
        }
    }

    /// The entries as rows, encoded (WKB, JSON) on every core.
    private func encode(_ entries: [RegistryEntry]) throws(RegistryError) -> [EncodedRow] {
        let location = connection.address.description
        return try Self.typed(location) {
            try parallelMapForwardingErrors(count: entries.count, chunkSize: 64) { index throws(RegistryError) in try Self.encode(entries[index], location: location) }
        }
    }

    /// A typed column value.
    private enum Value: Sendable {
        case text(String?)
        case number(Double?)
        case integer(Int?)

        var text: String? {
            if case let .text(text) = self { return text }
            return nil
        }

        var number: Double? {
            if case let .number(number) = self { return number }
            return nil
        }

        var integer: Int? {
            if case let .integer(integer) = self { return integer }
            return nil
        }
    }

    private struct EncodedRow: Sendable {
        var layer: Layer
        var id: String
        var values: [Value]
        var wkb: ByteBuffer
        /// For a version of a feature, the revisions it was current in.
        var validity: (from: Int, to: Int?)?
    }

    private static func encode(_ entry: RegistryEntry, location: String) throws(RegistryError) -> EncodedRow {
        do {
            let geometry = entry.feature.geometry
            let wkb = try GeoPackageBinary.multiWKB(geometry) ?? geometry.wkb(includeZ: false)
            return EncodedRow(layer: entry.layer, id: entry.id, values: values(entry), wkb: ByteBuffer(bytes: wkb))
        } catch {
            throw .store(path: location, reason: "\(entry.layer.rawValue) \(entry.id): \(error)")
        }
    }

    /// The entry's values for the layer's typed columns, in ``PostGISSchema/columns(_:)`` order.
    private static func values(_ entry: RegistryEntry) -> [Value] {
        switch entry {
        case let .zone(zone):
            [.text(zone.id), .text(zone.name), .text(zone.kind.rawValue), .text(zone.status?.rawValue), .number(zone.declaredAreaHectares),
             .text(zone.legalBasis?.decision), .text(zone.legalBasis?.date), .text(zone.parentID), .text(json(zone.properties))]
        case let .commune(commune):
            [.text(commune.id), .text(commune.name), .text(commune.type?.rawValue), .number(commune.declaredAreaHectares),
             .integer(commune.population), .text(json(commune.properties))]
        case let .corridor(corridor):
            [.text(corridor.id), .text(corridor.name), .text(corridor.kind.rawValue), .number(corridor.widthMetres), .text(json(corridor.properties))]
        }
    }

    private static func json(_ properties: JSONObject) -> String {
        JSONWriter().string(.object(properties))
    }

    mutating func setFact(_ key: String, _ value: String) throws(RegistryError) {
        var binds = PostgresBindings()
        binds.append(key)
        binds.append(value)
        try connection.run("""
            INSERT INTO \(schema.name(PostGISSchema.factsTable)) (key, value) VALUES ($1, $2)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, binds)
    }

    mutating func restore(revision: Int) throws(RegistryError) {
        let history = PostGISHistory(connection: connection, schema: schema)
        let last = try history.revisions().last?.number ?? 0
        guard last > 0, (1...last).contains(revision) else {
            let location = connection.address.description
            throw .unknownRevision("revision \(revision)", reason: last == 0 ? "\(location) has no revisions yet" : "\(location) has revisions 1 to \(last)")
        }
        let layers = try history.layersWithHistory()
        // A layer whose table was dropped since gets it back.
        for layer in layers { try prepare(layer) }
        try history.restore(revision: revision, into: layers)
    }

    /// Makes the layer's table (with its history and triggers) on first use; an existing one must
    /// have ZoneAtlas's columns.
    private mutating func prepare(_ layer: Layer) throws(RegistryError) {
        guard !ready.contains(layer) else { return }
        if let existing = try PostGISStore.tables(connection, schema: schema.schema)[layer.rawValue] {
            let missing = PostGISSchema.columns(layer).map(\.name).filter { !existing.columns.contains($0) }
            guard missing.isEmpty else {
                throw .store(path: connection.address.description, reason: "its table \(layer.rawValue) was not made by ZoneAtlas: it has no column "
                    + missing.joined(separator: ", ") + "; use another schema (?schema=NAME)")
            }
        } else {
            for statement in schema.layer(layer) + schema.triggers(layer) { try connection.run(statement) }
        }
        ready.insert(layer)
    }

    private static func typed<T>(_ location: String, _ body: () throws -> T) throws(RegistryError) -> T {
        do {
            return try body()
        } catch {
            throw .wrapping(error, at: location)
        }
    }
}
