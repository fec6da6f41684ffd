/// The tables of a ZoneAtlas registry in PostGIS, which QGIS and GDAL open directly: per layer a
/// table with the GeoPackage's typed columns, `properties json` (members kept in their order) and `geom` as
/// `geometry(MultiPolygon|MultiLineString, 4326)` with a GiST index; its history table (every
/// version, current in revisions `valid_from` ..< `valid_to`); the revisions, the facts, and the ids
/// edited since the last revision, noted by statement triggers whoever writes (QGIS, GDAL, psql).
/// Every statement may run again: `IF NOT EXISTS`, `OR REPLACE`, or a setting made again.
///
/// On a Citus cluster (the `citus` extension in the database) `zones` and `zones_history` are
/// distributed by `id` (colocated: a zone's versions on its shard) and every other table is a
/// reference table, copied to every node. Citus wants every unique key of a distributed table to
/// hold its distribution column, so the two zone tables' primary key is `(id, fid)`; and it has no
/// statement triggers with transition tables, so a Citus registry notes no edits: each write
/// compares every layer whole with its open versions.
struct PostGISSchema {
    let schema: String
    /// Whether the database is a Citus cluster's coordinator.
    var citus = false

    static let revisionsTable = "zoneatlas_revisions"
    static let editsTable = "zoneatlas_edits"
    static let factsTable = "zoneatlas_registry"

    /// A name in the registry's schema, quoted.
    func name(_ table: String) -> String {
        "\(PostGISConnection.quote(schema)).\(PostGISConnection.quote(table))"
    }

    /// The history table of a layer.
    static func history(_ layer: Layer) -> String { "\(layer.rawValue)_history" }

    /// The layer's typed columns as PostgreSQL declares them (the GeoPackage's, in its order).
    static func columns(_ layer: Layer) -> [(name: String, type: String)] {
        GeoPackageSchema.columns(layer).map { column in
            let type: String = switch column.name {
            case "id": "text NOT NULL UNIQUE"
            // json, not jsonb: jsonb would reorder the source's properties and drop repeated keys.
            case "properties": "json"
            case "decision_date": "date"
            case "population": "bigint"
            default: column.type.hasPrefix("DOUBLE") ? "double precision" : "text"
            }
            return (column.name, type)
        }
    }

    static func geometryType(_ layer: Layer) -> String {
        layer == .corridors ? "MultiLineString" : "MultiPolygon"
    }

    /// The schema, the revisions, edits and facts tables, and the trigger functions.
    var shared: [String] {
        let edits = name(Self.editsTable)
        func noting(_ function: String, _ rows: String) -> String {
            """
            CREATE OR REPLACE FUNCTION \(name(function))() RETURNS trigger LANGUAGE plpgsql AS $f$
            BEGIN
              INSERT INTO \(edits) (layer, id) SELECT DISTINCT TG_ARGV[0], id FROM \(rows) ON CONFLICT DO NOTHING;
              RETURN NULL;
            END $f$
            """
        }
        return [
            "CREATE SCHEMA IF NOT EXISTS \(PostGISConnection.quote(schema))",
            """
            CREATE TABLE IF NOT EXISTS \(name(Self.revisionsTable)) (
              fid bigint PRIMARY KEY, time text NOT NULL, author text, message text, decision text, decision_date date,
              sources jsonb, command text, added integer NOT NULL DEFAULT 0, changed integer NOT NULL DEFAULT 0,
              removed integer NOT NULL DEFAULT 0)
            """,
            "CREATE TABLE IF NOT EXISTS \(edits) (layer text NOT NULL, id text NOT NULL, PRIMARY KEY (layer, id))",
            "CREATE TABLE IF NOT EXISTS \(name(Self.factsTable)) (key text PRIMARY KEY, value text)",
            noting("zoneatlas_note_new", "new_rows"),
            noting("zoneatlas_note_old", "old_rows"),
            """
            CREATE OR REPLACE FUNCTION \(name("zoneatlas_note_both"))() RETURNS trigger LANGUAGE plpgsql AS $f$
            BEGIN
              INSERT INTO \(edits) (layer, id) SELECT TG_ARGV[0], id FROM old_rows UNION SELECT TG_ARGV[0], id FROM new_rows
                ON CONFLICT DO NOTHING;
              RETURN NULL;
            END $f$
            """,
        ] + spread([Self.revisionsTable, Self.editsTable, Self.factsTable])
    }

    /// On Citus, the statements that make the tables (each once) distributed by `id` when `byID`,
    /// colocated with the first, else reference tables; none elsewhere.
    private func spread(_ tables: [String], byID: Bool = false) -> [String] {
        guard citus else { return [] }
        return tables.enumerated().map { index, table in
            let relation = PostGISConnection.literal(name(table))
            let call = !byID ? "create_reference_table(\(relation))"
                : index == 0 ? "create_distributed_table(\(relation), 'id')"
                : "create_distributed_table(\(relation), 'id', colocate_with => \(PostGISConnection.literal(name(tables[0]))))"
            return "SELECT \(call) WHERE NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = \(relation)::regclass)"
        }
    }

    /// A layer's table, its indexes, its history table and its indexes.
    func layer(_ layer: Layer) -> [String] {
        let table = name(layer.rawValue), history = name(Self.history(layer))
        let columns = Self.columns(layer).map { "\(PostGISConnection.quote($0.name)) \($0.type)" }.joined(separator: ", ")
        let versionColumns = Self.columns(layer).map { "\(PostGISConnection.quote($0.name)) \($0.type.replacingOccurrences(of: " UNIQUE", with: ""))" }
            .joined(separator: ", ")
        let geometry = "geometry(\(Self.geometryType(layer)), 4326)"
        let kind = GeoPackageSchema.kindColumn(layer)
        // Distributed by id on Citus, the zone tables' primary key must hold it.
        let distributed = citus && layer == .zones
        let key = distributed ? "fid bigserial, " : "fid bigserial PRIMARY KEY, ", keyEnd = distributed ? ", PRIMARY KEY (id, fid)" : ""
        var statements = [
            "CREATE TABLE IF NOT EXISTS \(table) (\(key)\(columns), geom \(geometry)\(keyEnd))",
            "CREATE INDEX IF NOT EXISTS \(PostGISConnection.quote("\(layer.rawValue)_geom")) ON \(table) USING gist (geom)",
            "CREATE INDEX IF NOT EXISTS \(PostGISConnection.quote("\(layer.rawValue)_\(kind)")) ON \(table) (lower(\(kind)))",
            """
            CREATE TABLE IF NOT EXISTS \(history) (\(key)\(versionColumns), geom \(geometry),
              valid_from integer NOT NULL, valid_to integer\(keyEnd))
            """,
            "CREATE INDEX IF NOT EXISTS \(PostGISConnection.quote("\(Self.history(layer))_id")) ON \(history) (id, valid_from)",
            "CREATE INDEX IF NOT EXISTS \(PostGISConnection.quote("\(Self.history(layer))_valid_from")) ON \(history) (valid_from)",
            "CREATE INDEX IF NOT EXISTS \(PostGISConnection.quote("\(Self.history(layer))_valid_to")) ON \(history) (valid_to)",
            "CREATE INDEX IF NOT EXISTS \(PostGISConnection.quote("\(Self.history(layer))_geom")) ON \(history) USING gist (geom)",
            // Coordinates do not compress: trying (pglz) cost 2 s of a 100,000-zone import and saved
            // nothing. The geometries still live out of line, so reading the other columns skips them.
            "ALTER TABLE \(table) ALTER COLUMN geom SET STORAGE EXTERNAL",
            "ALTER TABLE \(history) ALTER COLUMN geom SET STORAGE EXTERNAL",
        ]
        if layer == .zones {
            statements.append("CREATE INDEX IF NOT EXISTS \"zones_status\" ON \(table) (status)")
            statements.append("CREATE INDEX IF NOT EXISTS \"zones_parent\" ON \(table) (parent)")
        }
        return statements + spread([layer.rawValue, Self.history(layer)], byID: distributed)
    }

    /// The names of the triggers that note a layer's edits.
    static func triggerNames(_ layer: Layer) -> [String] {
        ["insert", "update", "delete"].map { "zoneatlas_edits_\(layer.rawValue)_\($0)" }
    }

    /// The statement triggers that note the ids of the rows any client inserts, updates or deletes
    /// (none on Citus, which has no transition tables).
    func triggers(_ layer: Layer) -> [String] {
        guard !citus else { return [] }
        let table = name(layer.rawValue), names = Self.triggerNames(layer).map(PostGISConnection.quote)
        let argument = PostGISConnection.literal(layer.rawValue)
        return [
            "DROP TRIGGER IF EXISTS \(names[0]) ON \(table)",
            """
            CREATE TRIGGER \(names[0]) AFTER INSERT ON \(table) REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION \(name("zoneatlas_note_new"))(\(argument))
            """,
            "DROP TRIGGER IF EXISTS \(names[1]) ON \(table)",
            """
            CREATE TRIGGER \(names[1]) AFTER UPDATE ON \(table) REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION \(name("zoneatlas_note_both"))(\(argument))
            """,
            "DROP TRIGGER IF EXISTS \(names[2]) ON \(table)",
            """
            CREATE TRIGGER \(names[2]) AFTER DELETE ON \(table) REFERENCING OLD TABLE AS old_rows
            FOR EACH STATEMENT EXECUTE FUNCTION \(name("zoneatlas_note_old"))(\(argument))
            """,
        ]
    }
}
