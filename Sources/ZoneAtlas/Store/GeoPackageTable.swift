import Foundation
import GRDB
import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// A feature table of any GeoPackage — ZoneAtlas's layers or a table that GDAL or QGIS made — and
/// how to read its rows as features in WGS84.
public struct GeoPackageTable: Sendable {
    /// The GeoPackage file the table is in.
    public var path: String
    /// The table's name.
    public var name: String
    /// The geometry column's name.
    public var geometryColumn: String
    /// Whether the table has the R-tree spatial index extension's table.
    var hasSpatialIndex: Bool
    /// The table's columns.
    var columns: Set<String>
    /// The CRS of the stored coordinates; `nil` when the table's SRS is undefined (taken as WGS84).
    var crs: CRS?
    /// Reprojects the stored coordinates to WGS84 (`nil` when they are WGS84 already).
    var transformer: Transformer?

    /// One row read as a feature.
    public struct Row: Sendable {
        /// The row's feature id (`fid`), which locates it for GDAL and QGIS.
        public var fid: Int64
        /// The columns other than the geometry and `fid`, as JSON values.
        public var columns: JSONObject
        /// The source properties: the `properties` JSON column where there is one, else the columns.
        public var properties: JSONObject
        /// The geometry in WGS84; `nil` for a row without one (or one not decoded, see
        /// `GeoPackageTable.forEachStoredRow`).
        public var geometry: Geometry?
    }

    /// Every feature table listed in `gpkg_geometry_columns`, in name order; not one listed there
    /// whose table is gone (dropped by a client that left its entries behind).
    static func all(in db: Database, path: String) throws -> [GeoPackageTable] {
        guard try db.tableExists("gpkg_contents"), try db.tableExists("gpkg_geometry_columns") else {
            throw RegistryError.store(path: path, reason: "not a GeoPackage: it has no gpkg_contents or gpkg_geometry_columns table")
        }
        let rows = try GRDB.Row.fetchAll(db, sql: """
            SELECT c.table_name, c.column_name, s.organization, s.organization_coordsys_id
            FROM gpkg_geometry_columns c LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = c.srs_id
            JOIN gpkg_contents t ON t.table_name = c.table_name WHERE t.data_type = 'features'
            ORDER BY c.table_name
            """)
        return try rows.filter { try db.tableExists($0["table_name"]) }.map { row in
            let name: String = row["table_name"], geometryColumn: String = row["column_name"]
            let crs = try crs(organization: row["organization"], code: row["organization_coordsys_id"])
            return GeoPackageTable(
                path: path, name: name, geometryColumn: geometryColumn,
                hasSpatialIndex: try db.tableExists("rtree_\(name)_\(geometryColumn)"),
                columns: Set(try db.columns(in: name).map(\.name)),
                crs: crs, transformer: try crs.flatMap { $0 == .wgs84 ? nil : try Transformer(from: $0, to: .wgs84) })
        }
    }

    /// The table's name quoted for SQL.
    var quoted: String { Self.quote(name) }

    static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Reads the rows that `condition` selects (SQL over the table, aliased `t`), one at a time,
    /// each with the geometry in its geometry column, or the one that the SQL `geometry` gives.
    /// A row whose geometry cannot be read is a located error (table and fid), not a crash.
    func forEachRow(_ db: Database, from: String? = nil, where condition: String? = nil, arguments: StatementArguments = [],
                    geometry: String? = nil, _ body: (Row) throws -> Void) throws {
        try forEachStoredRow(db, from: from, where: condition, arguments: arguments, geometry: geometry) { row, blob in
            var row = row
            if let blob {
                let stored: Geometry
                do throws(GeoPackageError) {
                    stored = try GeoPackageBinary.decode(blob).geometry
                } catch {
                    throw RegistryError.badRow(path: path, table: name, fid: row.fid, failure: .blob(error))
                }
                do throws(ProjectionError) {
                    row.geometry = try transformer.map { t throws(ProjectionError) in try t.transform(stored) } ?? stored
                } catch {
                    throw RegistryError.badRow(path: path, table: name, fid: row.fid, failure: .projection(error))
                }
            }
            try body(row)
        }
    }

    /// Reads the rows as ``forEachRow(_:from:where:arguments:_:)`` does, but each with its geometry
    /// blob as stored, undecoded (the row's ``Row/geometry`` is `nil`), for a reader that checks it.
    func forEachStoredRow(_ db: Database, from: String? = nil, where condition: String? = nil, arguments: StatementArguments = [],
                          geometry: String? = nil, _ body: (Row, Data?) throws -> Void) throws {
        let select = geometry.map { "t.*, \($0) AS \(Self.geometryAlias)" } ?? "t.*"
        let sql = "SELECT \(select) FROM \(from ?? "\(quoted) t")" + (condition.map { " WHERE \($0)" } ?? "") + " ORDER BY t.fid"
        let cursor = try GRDB.Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() {
            try body(fields(row), row[geometry == nil ? geometryColumn : Self.geometryAlias])
        }
    }

    /// The name a geometry given as SQL is selected under.
    private static let geometryAlias = "zoneatlas_geometry"

    /// The row without its geometry.
    private func fields(_ row: GRDB.Row) -> Row {
        let fid: Int64 = row["fid"] ?? 0
        var columns = JSONObject()
        var properties: JSONObject?
        for (column, value) in row where column != geometryColumn && column != Self.geometryAlias && column != "fid" {
            if column == "properties", case let .string(text) = value.storage, case let .object(object) = try? JSONValue(parsing: text) {
                properties = object
                continue
            }
            switch value.storage {
            case .null, .blob: break
            case let .int64(number): columns[column] = .number(String(number))
            case let .double(number): columns[column] = .number(Self.text(number))
            case let .string(text): columns[column] = .string(text)
            }
        }
        return Row(fid: fid, columns: columns, properties: properties ?? columns, geometry: nil)
    }

    /// The CRS an SRS names; `nil` for an undefined one (GDAL's organization `NONE`).
    private static func crs(organization: String?, code: Int?) throws -> CRS? {
        guard let organization, let code, organization.uppercased() != "NONE" else { return nil }
        return try CRS("\(organization.uppercased()):\(code)")
    }

    private static func text(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(format: "%.1f", number) : "\(number)"
    }
}
