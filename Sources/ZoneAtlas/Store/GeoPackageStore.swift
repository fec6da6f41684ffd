import Foundation
import GRDB
import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// Keeps a registry in a GeoPackage 1.3 file (SQLite), which QGIS and GDAL open: one feature table
/// per layer in WGS84 with the R-tree spatial index extension, and a table of registry facts.
///
/// Saving writes a complete new file beside the old one and renames it into place, so a save that
/// fails — or a process killed mid-write — leaves the previous file exactly as it was.
public struct GeoPackageStore: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Whether the registry file exists yet.
    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    // MARK: Reading

    /// Reads the registry: the `zones`, `communes` and `corridors` tables, whoever wrote them
    /// (ZoneAtlas, or GDAL's `ogr2ogr -nln communes`). A missing file is an empty registry.
    public func load(mapping: FieldMapping = FieldMapping()) throws(RegistryError) -> Registry {
        guard exists else { return Registry() }
        var registry = Registry()
        var entries: [RegistryEntry] = []
        for table in try featureTables() where Layer(rawValue: table.name) != nil {
            let layer = Layer(rawValue: table.name)
            let mapper = FeatureMapper(mapping: mapping, layer: layer)
            for (index, row) in table.rows.enumerated() {
                entries.append(try mapper.entry(id: row.id, fields: row.columns, properties: row.properties, geometry: row.geometry,
                                                source: "\(path) table \(table.name)", index: index))
            }
        }
        registry.insert(entries)
        registry.facts = try facts()
        return registry
    }

    /// One feature table of any GeoPackage, its rows read as features in WGS84.
    public struct FeatureTable: Sendable {
        public var name: String
        public var rows: [Row]

        /// One row: its columns, the source properties and the geometry. In a ZoneAtlas file the
        /// typed columns hold the registry fields and `properties` the source's own; elsewhere both
        /// are the table's columns.
        public struct Row: Sendable {
            public var id: String?
            public var columns: JSONObject
            public var properties: JSONObject
            public var geometry: Geometry
        }
    }

    /// Every feature table, rows with a geometry only, reprojected to WGS84 when stored otherwise.
    public func featureTables() throws(RegistryError) -> [FeatureTable] {
        try read { db in
            guard try db.tableExists("gpkg_contents") else {
                throw GeoPackageError.notAGeoPackage("no gpkg_contents table")
            }
            let columns = try GRDB.Row.fetchAll(db, sql: """
                SELECT c.table_name, c.column_name, s.organization, s.organization_coordsys_id
                FROM gpkg_geometry_columns c LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = c.srs_id
                JOIN gpkg_contents t ON t.table_name = c.table_name WHERE t.data_type = 'features'
                ORDER BY c.table_name
                """)
            return try columns.map { column in
                let table: String = column["table_name"]
                let geometryColumn: String = column["column_name"]
                let transformer = try Self.transformer(organization: column["organization"], code: column["organization_coordsys_id"])
                return FeatureTable(name: table, rows: try rows(db, table: table, geometryColumn: geometryColumn, transformer))
            }
        }
    }

    /// Runs `body` on the file opened read-only; any failure is a ``RegistryError``.
    private func read<T>(_ body: (Database) throws -> T) throws(RegistryError) -> T {
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let database = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? database.close() }
            return try database.read(body)
        } catch let error as RegistryError {
            throw error
        } catch {
            throw .store(path: path, reason: "\(error)")
        }
    }

    private func rows(_ db: Database, table: String, geometryColumn: String, _ transformer: Transformer?) throws -> [FeatureTable.Row] {
        let quoted = table.replacingOccurrences(of: "\"", with: "\"\"")
        var rows: [FeatureTable.Row] = []
        for row in try GRDB.Row.fetchAll(db, sql: "SELECT * FROM \"\(quoted)\"") {
            guard let blob: Data = row[geometryColumn] else { continue }
            var geometry = try GeoPackageBinary.decode(blob).geometry
            if let transformer { geometry = try transformer.transform(geometry) }
            var properties = JSONObject()
            var stored: JSONObject?
            for (name, value) in row where name != geometryColumn && name != "fid" {
                if name == "properties", case let .string(text) = value.storage, case let .object(object) = try? JSONValue(parsing: text) {
                    stored = object
                    continue
                }
                switch value.storage {
                case .null, .blob: break
                case let .int64(number): properties[name] = .number(String(number))
                case let .double(number): properties[name] = .number(Self.text(number))
                case let .string(text): properties[name] = .string(text)
                }
            }
            rows.append(FeatureTable.Row(id: properties["id"]?.stringValue, columns: properties, properties: stored ?? properties,
                                         geometry: geometry))
        }
        return rows
    }

    private static func transformer(organization: String?, code: Int?) throws -> Transformer? {
        guard let organization, let code, organization.uppercased() != "NONE" else { return nil }
        let crs = try CRS("\(organization.uppercased()):\(code)")
        return crs == .wgs84 ? nil : try Transformer(from: crs, to: .wgs84)
    }

    private static func text(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(format: "%.1f", number) : "\(number)"
    }

    private func facts() throws(RegistryError) -> [String: String] {
        try read { db in
            guard try db.tableExists(GeoPackageSchema.factsTable) else { return [:] }
            let rows = try GRDB.Row.fetchAll(db, sql: "SELECT key, value FROM \(GeoPackageSchema.factsTable)")
            return Dictionary(rows.map { ($0["key"] as String, ($0["value"] as String?) ?? "") }, uniquingKeysWith: { a, _ in a })
        }
    }

    // MARK: Writing

    /// Writes the registry as a new GeoPackage and renames it over the old file in one step.
    public func save(_ registry: Registry) throws(RegistryError) {
        let temporary = path + ".zoneatlas-new"
        try? FileManager.default.removeItem(atPath: temporary)
        do {
            try write(registry, to: temporary)
            guard rename(temporary, path) == 0 else {
                throw RegistryError.store(path: path, reason: String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            if let error = error as? RegistryError { throw error }
            throw .store(path: path, reason: "\(error)")
        }
    }

    private func write(_ registry: Registry, to file: String) throws {
        let database = try DatabaseQueue(path: file)
        defer { try? database.close() }
        let wgs84 = try CRS.wgs84.wkt1
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA application_id = \(GeoPackageSchema.applicationID)")
            try db.execute(sql: "PRAGMA user_version = \(GeoPackageSchema.userVersion)")
            try db.inTransaction {
                for statement in GeoPackageSchema.core { try db.execute(sql: statement) }
                try db.execute(sql: "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: ["Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"])
                try db.execute(sql: "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: ["Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"])
                try db.execute(sql: "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: ["WGS 84 geodetic", 4326, "EPSG", 4326, wgs84, "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"])
                try writeLayer(db, .zones, registry.zones.map { ($0.geometry, Self.values($0)) })
                try writeLayer(db, .communes, registry.communes.map { ($0.geometry, Self.values($0)) })
                try writeLayer(db, .corridors, registry.corridors.map { ($0.geometry, Self.values($0)) })
                try db.execute(sql: "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES (?, 'attributes', ?, ?)",
                               arguments: [GeoPackageSchema.factsTable, "ZoneAtlas registry facts", "facts about this registry file"])
                for (key, value) in registry.facts.sorted(by: { $0.key < $1.key }) {
                    try db.execute(sql: "INSERT INTO \(GeoPackageSchema.factsTable) VALUES (?, ?)", arguments: [key, value])
                }
                return .commit
            }
        }
    }

    private func writeLayer(_ db: Database, _ layer: Layer, _ rows: [(Geometry, [DatabaseValueConvertible?])]) throws {
        let table = layer.rawValue
        try db.execute(sql: GeoPackageSchema.createTable(layer))
        let names = GeoPackageSchema.columns(layer).map { "\"\($0.name)\"" }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: GeoPackageSchema.columns(layer).count + 1).joined(separator: ", ")
        let insert = try db.makeStatement(sql: "INSERT INTO \"\(table)\" (geom, \(names)) VALUES (\(marks))")
        try db.execute(sql: "CREATE VIRTUAL TABLE \"rtree_\(table)_geom\" USING rtree(id, minx, maxx, miny, maxy)")
        let index = try db.makeStatement(sql: "INSERT INTO \"rtree_\(table)_geom\" VALUES (?, ?, ?, ?, ?)")
        var extent: Envelope?
        for (geometry, values) in rows {
            let stored = try Self.multi(geometry, layer)
            let blob = try GeoPackageBinary.encode(stored, srsID: GeoPackageSchema.wgs84SRSID)
            try insert.execute(arguments: StatementArguments([blob] + values))
            if let envelope = stored.envelope {
                try index.execute(arguments: [db.lastInsertedRowID, envelope.minX, envelope.maxX, envelope.minY, envelope.maxY])
                extent = extent.map { $0.union(envelope) } ?? envelope
            }
        }
        try db.execute(sql: """
            INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id)
            VALUES (?, 'features', ?, ?, ?, ?, ?, ?, 4326)
            """, arguments: [table, table, "ZoneAtlas \(table)", extent?.minX, extent?.minY, extent?.maxX, extent?.maxY])
        try db.execute(sql: "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)",
                       arguments: [table, GeoPackageSchema.geometryTypeName(layer)])
        try db.execute(sql: "INSERT INTO gpkg_extensions VALUES (?, 'geom', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')",
                       arguments: [table])
        for trigger in GeoPackageSchema.rtreeTriggers(table) { try db.execute(sql: trigger) }
    }

    /// Single polygons and lines are stored as one-part multi-geometries, as the column declares.
    private static func multi(_ geometry: Geometry, _ layer: Layer) throws -> Geometry {
        switch geometry.type {
        case .polygon: try Geometry.collection([geometry], as: .multiPolygon)
        case .lineString: try Geometry.collection([geometry], as: .multiLineString)
        default: geometry
        }
    }

    private static func json(_ properties: JSONObject) -> String {
        JSONWriter().string(.object(properties))
    }

    private static func values(_ zone: Zone) -> [DatabaseValueConvertible?] {
        [zone.id, zone.name, zone.kind.rawValue, zone.status?.rawValue, zone.declaredAreaHectares, zone.legalBasis?.decision,
         zone.legalBasis?.date, zone.parentID, json(zone.properties)]
    }

    private static func values(_ commune: Commune) -> [DatabaseValueConvertible?] {
        [commune.id, commune.name, commune.type?.rawValue, commune.declaredAreaHectares, commune.population, json(commune.properties)]
    }

    private static func values(_ corridor: Corridor) -> [DatabaseValueConvertible?] {
        [corridor.id, corridor.name, corridor.kind.rawValue, corridor.widthMetres, json(corridor.properties)]
    }
}
