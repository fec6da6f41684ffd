/// The tables and statements of a ZoneAtlas GeoPackage 1.3: the three layers as feature tables
/// with the R-tree spatial index extension, and a table of registry facts.
enum GeoPackageSchema {
    /// `PRAGMA application_id` for GeoPackage: the ASCII of "GPKG".
    static let applicationID = 0x4750_4B47
    /// `PRAGMA user_version` for GeoPackage 1.3.0.
    static let userVersion = 10300
    static let wgs84SRSID: Int32 = 4326
    static let factsTable = "zoneatlas_registry"

    /// The required core tables (OGC 12-128r18, §1.1.2 to §1.1.4) and the extensions table.
    static let core = [
        """
        CREATE TABLE gpkg_spatial_ref_sys (
          srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
          organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)
        """,
        """
        CREATE TABLE gpkg_contents (
          table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
          description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
          min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
          CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))
        """,
        """
        CREATE TABLE gpkg_geometry_columns (
          table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
          srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
          CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
          CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
          CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))
        """,
        """
        CREATE TABLE gpkg_extensions (
          table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL,
          scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))
        """,
        "CREATE TABLE \(factsTable) (key TEXT NOT NULL PRIMARY KEY, value TEXT)",
    ]

    /// A layer's typed columns after `fid` and `geom`; `properties` keeps the source's as JSON.
    static func columns(_ layer: Layer) -> [(name: String, type: String)] {
        switch layer {
        case .zones:
            [("id", "TEXT NOT NULL UNIQUE"), ("name", "TEXT"), ("kind", "TEXT"), ("status", "TEXT"),
             ("declared_area_ha", "DOUBLE"), ("decision", "TEXT"), ("decision_date", "TEXT"), ("parent", "TEXT"),
             ("properties", "TEXT")]
        case .communes:
            [("id", "TEXT NOT NULL UNIQUE"), ("name", "TEXT"), ("type", "TEXT"), ("declared_area_ha", "DOUBLE"),
             ("population", "INTEGER"), ("properties", "TEXT")]
        case .corridors:
            [("id", "TEXT NOT NULL UNIQUE"), ("name", "TEXT"), ("kind", "TEXT"), ("width_m", "DOUBLE"), ("properties", "TEXT")]
        }
    }

    /// The declared geometry type: single parts are stored as multi-geometries.
    static func geometryTypeName(_ layer: Layer) -> String {
        layer == .corridors ? "MULTILINESTRING" : "MULTIPOLYGON"
    }

    static func createTable(_ layer: Layer) -> String {
        let columns = columns(layer).map { "\"\($0.name)\" \($0.type)" }.joined(separator: ", ")
        return "CREATE TABLE \"\(layer.rawValue)\" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom \(geometryTypeName(layer)), \(columns))"
    }

    /// The R-tree spatial index triggers of GeoPackage 1.3 (Annex F.3) that keep
    /// `rtree_<table>_geom` in step when other clients (QGIS, GDAL) edit the table. They call
    /// ST_IsEmpty / ST_MinX …, which those clients provide; ZoneAtlas never fires them, as it
    /// writes each registry file whole.
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
