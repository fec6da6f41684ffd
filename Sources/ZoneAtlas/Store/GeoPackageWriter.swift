import Foundation
import GRDB
import ZoneGeoJSON
import ZoneGeometry

/// The write side of one GeoPackage transaction: upserts rows by id into the layer tables
/// (creating a layer's table on its first entry), records facts, and at the end brings each
/// written layer's extent and change time in `gpkg_contents` up to date.
struct GeoPackageWriter: RegistryWriter {
    private let db: Database
    private let path: String
    private(set) var changes = RegistryChanges()
    /// The statements of each layer table written so far (checked to have ZoneAtlas's columns).
    private var statements: [Layer: Statements] = [:]
    /// The statement adding a version to each layer's history table, once prepared.
    private var historyInserts: [Layer: Statement] = [:]
    /// The extent of what this transaction wrote, per layer.
    private var extents: [Layer: Envelope] = [:]
    /// The layers whose tables this transaction made. No other client has seen them, so they are
    /// filled without triggers — no spatial index kept row by row, no edits noted — and given
    /// their spatial index and triggers by ``finish()``; their history is recorded from the whole table.
    private(set) var madeLayers: Set<Layer> = []
    /// The existing layers whose history triggers this transaction set aside while it writes them,
    /// keeping their history itself (made again by ``finish()``).
    private var keeping: [Layer: GeoPackageHistoryKeeping] = [:]

    init(db: Database, path: String) throws {
        self.db = db
        self.path = path
    }

    mutating func upsert(_ entries: [RegistryEntry]) throws(RegistryError) {
        for (index, row) in try encode(entries).enumerated() {
            if index % 256 == 0, WorkCancellation.isCancelled { throw .cancelled(path: path) }
            let statements = try self.statements(row.layer)
            if let envelope = row.envelope {
                extents[row.layer] = extents[row.layer].map { $0.union(envelope) } ?? envelope
            }
            try sql {
                if let old = try GRDB.Row.fetchOne(statements.find, arguments: [row.id]) {
                    changes.replaced[row.layer, default: 0] += 1
                    // A row that already holds these values and this geometry is left as it is:
                    // nothing to write, to index again, or to compare as the revision is recorded.
                    let oldGeometry: DatabaseValue = old[row.columns.count + 1]
                    let geometryChanged = oldGeometry != row.geometry.databaseValue
                    guard geometryChanged || row.columns.indices.contains(where: { row.columns[$0] != old[$0 + 1] }) else { return }
                    if geometryChanged { try keeping[row.layer]?.keep(id: row.id, oldGeometry: oldGeometry) }
                    try statements.update.execute(arguments: StatementArguments(row.columns + [row.geometry.databaseValue, old[0]]))
                } else {
                    try statements.insert.execute(arguments: StatementArguments(row.columns + [row.geometry.databaseValue]))
                    changes.added[row.layer, default: 0] += 1
                }
                try keeping[row.layer]?.noteWritten(id: row.id)
            }
        }
    }

    mutating func appendRevisions(_ revisions: [Revision]) throws(RegistryError) {
        let history = GeoPackageHistory(db: db, path: path)
        try sql {
            guard try history.revisions().isEmpty else {
                throw RegistryError.store(path: path, reason: "it has a history of its own; copy into a new registry")
            }
            for revision in revisions { try history.insert(revision) }
        }
    }

    mutating func appendVersions(_ versions: [FeatureVersion]) throws(RegistryError) {
        for (row, version) in zip(try encode(versions.map(\.entry)), versions) {
            let insert = try historyInsert(row.layer)
            try sql { try insert.execute(arguments: StatementArguments(row.columns + [row.geometry.databaseValue, version.from.databaseValue,
                                                                      version.to.databaseValue])) }
        }
    }

    /// The entries as rows, encoded (WKB, JSON) on every core; SQLite then writes one row at a time.
    private func encode(_ entries: [RegistryEntry]) throws(RegistryError) -> [EncodedRow] {
        let path = self.path
        do {
            return try parallelMapForwardingErrors(count: entries.count, chunkSize: 64) { index throws(RegistryError) in
                try Self.encode(entries[index], path: path)
            }
        } catch {
            throw .wrapping(error, at: path)
        }
    }

    /// The statement that adds a version to the layer's history table (the layer's table, and with
    /// it the history table, made first if need be), prepared once.
    private mutating func historyInsert(_ layer: Layer) throws(RegistryError) -> Statement {
        if let known = historyInserts[layer] { return known }
        _ = try statements(layer)
        let prepared: Statement = try sql {
            let names = (GeoPackageSchema.columns(layer).map(\.name) + ["geom", "valid_from", "valid_to"]).map(GeoPackageTable.quote)
            return try db.makeStatement(sql: "INSERT INTO \(GeoPackageTable.quote(GeoPackageHistorySchema.table(layer))) "
                                        + "(\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))")
        }
        historyInserts[layer] = prepared
        return prepared
    }

    /// An entry as the values of its row: typed columns, and the geometry blob.
    private struct EncodedRow: Sendable {
        var layer: Layer
        var id: String
        /// The typed columns' values, in ``GeoPackageSchema/columns(_:)`` order.
        var columns: [DatabaseValue]
        var geometry: Data
        var envelope: Envelope?
    }

    private static func encode(_ entry: RegistryEntry, path: String) throws(RegistryError) -> EncodedRow {
        let layer = entry.layer
        do {
            let blob = try GeoPackageBinary.encode(entry.feature.geometry, srsID: GeoPackageSchema.wgs84SRSID)
            return EncodedRow(layer: layer, id: entry.id, columns: values(entry).map { $0?.databaseValue ?? .null }, geometry: blob,
                              envelope: entry.feature.geometry.envelope)
        } catch {
            throw .store(path: path, reason: "\(layer.rawValue) \(entry.id): \(error)")
        }
    }

    mutating func setFact(_ key: String, _ value: String) throws(RegistryError) {
        try sql {
            try db.execute(sql: """
                INSERT INTO \(GeoPackageSchema.factsTable) (key, value) VALUES (?, ?)
                ON CONFLICT(key) DO UPDATE SET value = excluded.value
                """, arguments: [key, value])
        }
    }

    mutating func restore(revision: Int) throws(RegistryError) {
        let history = GeoPackageHistory(db: db, path: path)
        let (last, layers) = try sql { (try history.revisions().last?.number ?? 0, try history.layersWithHistory()) }
        guard last > 0, (1...last).contains(revision) else {
            throw .unknownRevision("revision \(revision)", reason: last == 0 ? "\(path) has no revisions yet" : "\(path) has revisions 1 to \(last)")
        }
        // A layer whose table was dropped since gets it back. Restoring is done in SQL, through
        // the layers' triggers.
        for layer in layers { _ = try statements(layer) }
        try resumeHistoryTriggers()
        try sql { try history.restore(revision: revision, into: layers) }
    }

    /// Widens the extent of every written layer in `gpkg_contents` to cover what was written, and
    /// sets its change time (an extent may stay wider than a layer that shrank, as GDAL's does);
    /// then gives the layer tables this transaction made their spatial index and triggers, and
    /// those it set aside theirs again.
    mutating func finish() throws(RegistryError) {
        try resumeHistoryTriggers()
        for (layer, extent) in extents {
            try sql {
                try db.execute(sql: """
                    UPDATE gpkg_contents SET min_x = min(coalesce(min_x, ?1), ?1), min_y = min(coalesce(min_y, ?2), ?2),
                    max_x = max(coalesce(max_x, ?3), ?3), max_y = max(coalesce(max_y, ?4), ?4),
                    last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = ?5
                    """, arguments: [extent.minX, extent.minY, extent.maxX, extent.maxY, layer.rawValue])
            }
        }
        for layer in Layer.allCases where madeLayers.contains(layer) {
            try sql {
                for statement in GeoPackageSchema.spatialIndex(layer) { try db.execute(sql: statement) }
                try GeoPackageHistory(db: db, path: path).track(layer)
            }
        }
    }

    /// Makes again the history triggers set aside while writing.
    private mutating func resumeHistoryTriggers() throws(RegistryError) {
        try sql { for keeping in keeping.values { try keeping.resume() } }
        keeping = [:]
    }

    /// A layer table's statements, prepared once.
    private struct Statements {
        /// The fid, typed columns and geometry of the row with an id.
        var find: Statement
        /// Sets a row's typed columns and geometry, by fid.
        var update: Statement
        /// Adds a row.
        var insert: Statement
    }

    /// The layer table's statements; the table is made on first use, and an existing one must have
    /// ZoneAtlas's columns.
    private mutating func statements(_ layer: Layer) throws(RegistryError) -> Statements {
        if let known = statements[layer] { return known }
        let prepared: Statements = try sql {
            var geometryColumn = "geom"
            if let existing = try GeoPackageTable.all(in: db, path: path).first(where: { $0.name == layer.rawValue }) {
                let missing = GeoPackageSchema.columns(layer).map(\.name).filter { !existing.columns.contains($0) }
                guard missing.isEmpty else {
                    throw RegistryError.store(path: path, reason: "its table \(layer.rawValue) was not made by ZoneAtlas: it has no column "
                        + missing.joined(separator: ", ") + "; import into a new registry, or read that table with --layer-from")
                }
                geometryColumn = existing.geometryColumn
                keeping[layer] = try GeoPackageHistoryKeeping.suspending(layer, geometryColumn: geometryColumn,
                                                                         in: GeoPackageHistory(db: db, path: path))
            } else {
                // The history table now (a registry copy writes versions into it); the triggers
                // when the table is filled, by finish().
                for statement in GeoPackageSchema.layer(layer) + GeoPackageHistorySchema.history(layer) { try db.execute(sql: statement) }
                madeLayers.insert(layer)
            }
            let table = GeoPackageTable.quote(layer.rawValue)
            let names = (GeoPackageSchema.columns(layer).map(\.name) + [geometryColumn]).map(GeoPackageTable.quote)
            return Statements(
                find: try db.makeStatement(sql: "SELECT fid, \(names.joined(separator: ", ")) FROM \(table) WHERE id = ?"),
                update: try db.makeStatement(sql: "UPDATE \(table) SET \(names.map { "\($0) = ?" }.joined(separator: ", ")) WHERE fid = ?"),
                insert: try db.makeStatement(sql: "INSERT INTO \(table) (\(names.joined(separator: ", "))) "
                                             + "VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))"))
        }
        statements[layer] = prepared
        return prepared
    }

    /// Runs SQL, turning SQLite's errors into ``RegistryError``s.
    private func sql<T>(_ body: () throws -> T) throws(RegistryError) -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw .store(path: path, reason: error.message ?? "\(error)")
        } catch {
            throw .wrapping(error, at: path)
        }
    }

    /// The entry's values for the layer's typed columns, in ``GeoPackageSchema/columns(_:)`` order.
    private static func values(_ entry: RegistryEntry) -> [DatabaseValueConvertible?] {
        switch entry {
        case let .zone(zone):
            [zone.id, zone.name, zone.kind.rawValue, zone.status?.rawValue, zone.declaredAreaHectares, zone.legalBasis?.decision,
             zone.legalBasis?.date, zone.parentID, json(zone.properties)]
        case let .commune(commune):
            [commune.id, commune.name, commune.type?.rawValue, commune.declaredAreaHectares, commune.population, json(commune.properties)]
        case let .corridor(corridor):
            [corridor.id, corridor.name, corridor.kind.rawValue, corridor.widthMetres, json(corridor.properties)]
        }
    }

    private static func json(_ properties: JSONObject) -> String {
        JSONWriter().string(.object(properties))
    }
}
