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
    /// The geometry column of each layer table written so far, checked to have ZoneAtlas's columns.
    private var geometryColumns: [Layer: String] = [:]
    /// The extent of what this transaction wrote, per layer.
    private var extents: [Layer: Envelope] = [:]

    init(db: Database, path: String) throws {
        self.db = db
        self.path = path
    }

    mutating func upsert(_ entries: [RegistryEntry]) throws(RegistryError) {
        for entry in entries {
            let layer = entry.layer
            let geometryColumn = try table(layer)
            let quoted = GeoPackageTable.quote(layer.rawValue)
            let columns = GeoPackageSchema.columns(layer).map(\.name)
            let blob: Data
            do {
                blob = try GeoPackageBinary.encode(try Self.multi(entry.feature.geometry, layer), srsID: GeoPackageSchema.wgs84SRSID)
            } catch {
                throw .store(path: path, reason: "\(layer.rawValue) \(entry.id): \(error)")
            }
            if let envelope = entry.feature.geometry.envelope {
                extents[layer] = extents[layer].map { $0.union(envelope) } ?? envelope
            }
            let values = Self.values(entry) + [blob]
            try sql {
                let fid = try Int64.fetchOne(db.cachedStatement(sql: "SELECT fid FROM \(quoted) WHERE id = ?"), arguments: [entry.id])
                let names = (columns + [geometryColumn]).map(GeoPackageTable.quote)
                if let fid {
                    let assignments = names.map { "\($0) = ?" }.joined(separator: ", ")
                    try db.cachedStatement(sql: "UPDATE \(quoted) SET \(assignments) WHERE fid = ?")
                        .execute(arguments: StatementArguments(values + [fid]))
                    changes.replaced[layer, default: 0] += 1
                } else {
                    let marks = Array(repeating: "?", count: names.count).joined(separator: ", ")
                    try db.cachedStatement(sql: "INSERT INTO \(quoted) (\(names.joined(separator: ", "))) VALUES (\(marks))")
                        .execute(arguments: StatementArguments(values))
                    changes.added[layer, default: 0] += 1
                }
            }
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

    /// Widens the extent of every written layer in `gpkg_contents` to cover what was written, and
    /// sets its change time. (An extent may stay wider than a layer that shrank, as GDAL's does.)
    func finish() throws(RegistryError) {
        for (layer, extent) in extents {
            try sql {
                try db.execute(sql: """
                    UPDATE gpkg_contents SET min_x = min(coalesce(min_x, ?1), ?1), min_y = min(coalesce(min_y, ?2), ?2),
                    max_x = max(coalesce(max_x, ?3), ?3), max_y = max(coalesce(max_y, ?4), ?4),
                    last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = ?5
                    """, arguments: [extent.minX, extent.minY, extent.maxX, extent.maxY, layer.rawValue])
            }
        }
    }

    /// The layer's table, made on first use; an existing one must have ZoneAtlas's columns.
    /// Returns its geometry column.
    private mutating func table(_ layer: Layer) throws(RegistryError) -> String {
        if let known = geometryColumns[layer] { return known }
        let geometryColumn: String = try sql {
            if let existing = try GeoPackageTable.all(in: db, path: path).first(where: { $0.name == layer.rawValue }) {
                let missing = GeoPackageSchema.columns(layer).map(\.name).filter { !existing.columns.contains($0) }
                guard missing.isEmpty else {
                    throw RegistryError.store(path: path, reason: "its table \(layer.rawValue) was not made by ZoneAtlas: it has no column "
                        + missing.joined(separator: ", ") + "; import into a new registry, or read that table with --layer-from")
                }
                return existing.geometryColumn
            }
            for statement in GeoPackageSchema.layer(layer) { try db.execute(sql: statement) }
            return "geom"
        }
        geometryColumns[layer] = geometryColumn
        return geometryColumn
    }

    /// Runs SQL, turning SQLite's errors into ``RegistryError``s.
    private func sql<T>(_ body: () throws -> T) throws(RegistryError) -> T {
        do {
            return try body()
        } catch let error as RegistryError {
            throw error
        } catch let error as DatabaseError {
            throw .store(path: path, reason: error.message ?? "\(error)")
        } catch {
            throw .store(path: path, reason: "\(error)")
        }
    }

    /// Single polygons and lines are stored as one-part multi-geometries, as the column declares.
    private static func multi(_ geometry: Geometry, _ layer: Layer) throws -> Geometry {
        switch geometry.type {
        case .polygon: try Geometry.collection([geometry], as: .multiPolygon)
        case .lineString: try Geometry.collection([geometry], as: .multiLineString)
        default: geometry
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
