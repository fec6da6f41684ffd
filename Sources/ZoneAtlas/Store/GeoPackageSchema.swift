import GRDB

/// The tables and statements of a ZoneAtlas GeoPackage 1.3: the three layers as feature tables
/// with the R-tree spatial index extension, the source properties declared as JSON (schema
/// extension, as GDAL declares them), and an attributes table of registry facts. Every statement
/// is `IF NOT EXISTS` / `OR IGNORE`: creating the schema in a GeoPackage that GDAL or QGIS made
/// adds what is missing and touches nothing else.
enum GeoPackageSchema {
    /// `PRAGMA application_id` for GeoPackage: the ASCII of "GPKG".
    static let applicationID = 0x4750_4B47
    /// `PRAGMA user_version` for GeoPackage 1.3.0.
    static let userVersion = 10300
    static let wgs84SRSID: Int32 = 4326
    static let factsTable = "zoneatlas_registry"

    /// The required core tables (OGC 12-128r18, §1.1.2 to §1.1.4), the extensions table and the
    /// schema extension's data columns tables.
    static let core = [
        """
        CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
          srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
          organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)
        """,
        """
        CREATE TABLE IF NOT EXISTS gpkg_contents (
          table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
          description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
          min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
          CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))
        """,
        """
        CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
          table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
          srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
          CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
          CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
          CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))
        """,
        """
        CREATE TABLE IF NOT EXISTS gpkg_extensions (
          table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL,
          scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))
        """,
        """
        CREATE TABLE IF NOT EXISTS gpkg_data_columns (
          table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT UNIQUE, title TEXT, description TEXT,
          mime_type TEXT, constraint_name TEXT, CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name),
          CONSTRAINT gdc_tn UNIQUE (table_name, name))
        """,
        """
        CREATE TABLE IF NOT EXISTS gpkg_data_column_constraints (
          constraint_name TEXT NOT NULL, constraint_type TEXT NOT NULL, value TEXT, min NUMERIC, min_is_inclusive BOOLEAN,
          max NUMERIC, max_is_inclusive BOOLEAN, description TEXT,
          CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value))
        """,
        """
        INSERT OR IGNORE INTO gpkg_extensions VALUES
          ('gpkg_data_columns', NULL, 'gpkg_schema', 'http://www.geopackage.org/spec121/#extension_schema', 'read-write'),
          ('gpkg_data_column_constraints', NULL, 'gpkg_schema', 'http://www.geopackage.org/spec121/#extension_schema', 'read-write')
        """,
        // An attributes table needs an INTEGER PRIMARY KEY (requirement 119).
        """
        CREATE TABLE IF NOT EXISTS \(factsTable) (
          fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, key TEXT NOT NULL UNIQUE, value TEXT)
        """,
        """
        INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description)
        VALUES ('\(factsTable)', 'attributes', 'ZoneAtlas registry facts', 'facts about this registry file')
        """,
    ]

    /// The spatial reference systems every GeoPackage must list (§1.1.2.1.2), and WGS 84.
    static func referenceSystems(wgs84Definition: String) -> [(String, [DatabaseValueConvertible])] {
        let insert = "INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)"
        return [
            (insert, ["Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"]),
            (insert, ["Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"]),
            (insert, ["WGS 84 geodetic", 4326, "EPSG", 4326, wgs84Definition,
                      "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"]),
        ]
    }

    /// A layer's typed columns after `fid`; the geometry comes last, so that reading the
    /// attributes never walks a large blob. `properties` keeps the source's as JSON.
    static func columns(_ layer: Layer) -> [(name: String, type: String)] {
        switch layer {
        case .zones:
            [("id", "TEXT NOT NULL UNIQUE"), ("name", "TEXT"), ("kind", "TEXT"), ("status", "TEXT"),
             ("declared_area_ha", "DOUBLE"), ("decision", "TEXT"), ("decision_date", "DATE"), ("parent", "TEXT"),
             ("properties", "TEXT")]
        case .communes:
            [("id", "TEXT NOT NULL UNIQUE"), ("name", "TEXT"), ("type", "TEXT"), ("declared_area_ha", "DOUBLE"),
             ("population", "INTEGER"), ("properties", "TEXT")]
        case .corridors:
            [("id", "TEXT NOT NULL UNIQUE"), ("name", "TEXT"), ("kind", "TEXT"), ("width_m", "DOUBLE"), ("properties", "TEXT")]
        }
    }

    /// The column that holds a layer's kind (`type` for communes).
    static func kindColumn(_ layer: Layer) -> String {
        layer == .communes ? "type" : "kind"
    }

    /// The declared geometry type: single parts are stored as multi-geometries.
    static func geometryTypeName(_ layer: Layer) -> String {
        layer == .corridors ? "MULTILINESTRING" : "MULTIPOLYGON"
    }

    /// Everything that makes a layer's feature table but its R-tree's triggers (``spatialIndex(_:)``):
    /// the table, the indexes the filters use, its rows in the GeoPackage tables, the R-tree, and
    /// `properties` declared as JSON.
    static func layer(_ layer: Layer) -> [String] {
        let table = layer.rawValue
        let columns = columns(layer).map { "\"\($0.name)\" \($0.type)" }.joined(separator: ", ")
        var statements = [
            "CREATE TABLE \"\(table)\" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, \(columns), geom \(geometryTypeName(layer)))",
            "CREATE INDEX \"\(table)_\(kindColumn(layer))\" ON \"\(table)\" (\"\(kindColumn(layer))\" COLLATE NOCASE)",
            """
            INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
            VALUES ('\(table)', 'features', '\(table)', 'ZoneAtlas \(table)', 4326)
            """,
            "INSERT INTO gpkg_geometry_columns VALUES ('\(table)', 'geom', '\(geometryTypeName(layer))', 4326, 0, 0)",
            """
            INSERT INTO gpkg_extensions VALUES ('\(table)', 'geom', 'gpkg_rtree_index',             'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')
            """,
            "CREATE VIRTUAL TABLE \"rtree_\(table)_geom\" USING rtree(id, minx, maxx, miny, maxy)",
            """
            INSERT INTO gpkg_data_columns (table_name, column_name, name, title, description, mime_type)
            VALUES ('\(table)', 'properties', '\(table).properties', 'properties', 'the properties of the source feature, as JSON', 'application/json')
            """,
        ]
        if layer == .zones {
            statements.append("CREATE INDEX \"zones_status\" ON \"zones\" (status)")
            statements.append("CREATE INDEX \"zones_parent\" ON \"zones\" (parent)")
        }
        return statements
    }

    /// What makes the spatial index of a layer table that ``layer(_:)`` made and rows were then
    /// written to: the R-tree filled with the rows' envelopes in one statement (far quicker than
    /// its triggers row by row), the layer's extent in `gpkg_contents` set from it where the
    /// writer set none, then its triggers, which keep it in step from there on.
    static func spatialIndex(_ layer: Layer) -> [String] {
        let table = layer.rawValue
        return [
            """
            INSERT INTO "rtree_\(table)_geom" SELECT fid, ST_MinX(geom), ST_MaxX(geom), ST_MinY(geom), ST_MaxY(geom)
            FROM "\(table)" WHERE geom NOT NULL AND NOT ST_IsEmpty(geom)
            """,
            """
            UPDATE gpkg_contents SET (min_x, min_y, max_x, max_y) =
              (SELECT min(minx), min(miny), max(maxx), max(maxy) FROM "rtree_\(table)_geom")
            WHERE table_name = '\(table)' AND min_x IS NULL
            """,
        ] + rtreeTriggers(table)
    }

    /// The R-tree spatial index triggers of GeoPackage 1.3 (Annex F.3) that keep
    /// `rtree_<table>_geom` in step whoever edits the table. They call ST_IsEmpty / ST_MinX …,
    /// which GDAL and QGIS provide, and ZoneAtlas too (``GeoPackageFunctions``).
    static func rtreeTriggers(_ table: String) -> [String] {
        let t = "\"\(table)\"", r = "\"rtree_\(table)_geom\"", name = "rtree_\(table)_geom"
        let values = "NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom)"
        return [
            """
            CREATE TRIGGER "\(name)_insert" AFTER INSERT ON \(t) WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
            BEGIN INSERT OR REPLACE INTO \(r) VALUES (\(values)); END
            """,
            """
            CREATE TRIGGER "\(name)_update1" AFTER UPDATE OF geom ON \(t)
            WHEN OLD.fid = NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
            BEGIN INSERT OR REPLACE INTO \(r) VALUES (\(values)); END
            """,
            """
            CREATE TRIGGER "\(name)_update2" AFTER UPDATE OF geom ON \(t)
            WHEN OLD.fid = NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
            BEGIN DELETE FROM \(r) WHERE id = OLD.fid; END
            """,
            """
            CREATE TRIGGER "\(name)_update3" AFTER UPDATE ON \(t)
            WHEN OLD.fid != NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
            BEGIN DELETE FROM \(r) WHERE id = OLD.fid; INSERT OR REPLACE INTO \(r) VALUES (\(values)); END
            """,
            """
            CREATE TRIGGER "\(name)_update4" AFTER UPDATE ON \(t)
            WHEN OLD.fid != NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
            BEGIN DELETE FROM \(r) WHERE id IN (OLD.fid, NEW.fid); END
            """,
            """
            CREATE TRIGGER "\(name)_delete" AFTER DELETE ON \(t) WHEN old.geom NOT NULL
            BEGIN DELETE FROM \(r) WHERE id = OLD.fid; END
            """,
        ]
    }
}
