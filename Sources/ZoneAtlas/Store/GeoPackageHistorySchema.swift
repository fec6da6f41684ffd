import GRDB

/// The tables that keep a ZoneAtlas GeoPackage's history, all registered in `gpkg_contents` so that
/// GDAL and QGIS read them:
/// - `zoneatlas_revisions` (attributes): one row per revision, its `fid` the revision number;
/// - `<layer>_history` (features, same columns and geometry type as the layer, with an R-tree over
///   the versions that hold a geometry of their own):
///   every version of every feature, current in revisions `valid_from` ..< `valid_to`
///   (`valid_to` NULL while current). A version still current keeps its geometry in the layer
///   alone: here its `geom` is NULL and `geom_sha256` holds the SHA-256 of the layer's blob, so
///   that an import writes each geometry once. The layer's triggers copy the old blob here before
///   any client changes or deletes the row;
/// - `zoneatlas_edits` (attributes): the ids of layer rows written since the last revision, filled by
///   triggers on the layer tables — plain SQL that runs whoever edits the table (QGIS, GDAL,
///   sqlite3, ZoneAtlas) — and emptied when a revision records them.
///
/// Registries written before current versions left their geometry in the layer have full copies
/// in their history; those read the same, and become light as their features are next written.
enum GeoPackageHistorySchema {
    static let revisionsTable = "zoneatlas_revisions"
    static let editsTable = "zoneatlas_edits"

    /// The history table of a layer.
    static func table(_ layer: Layer) -> String { "\(layer.rawValue)_history" }

    /// The column of a version's geometry digest (SHA-256 of the blob, while the geometry is the layer's).
    static let digestColumn = "geom_sha256"

    /// The SQL function that gives a geometry blob's SHA-256 (``GeometryDigest``).
    static let digestFunction = "zoneatlas_sha256"

    /// The names of the triggers on a layer's table: three note edits, two keep the geometry of the
    /// version a change or delete ends.
    static func triggerNames(_ layer: Layer) -> [String] {
        ["insert", "update", "delete"].map { "zoneatlas_edits_\(layer.rawValue)_\($0)" }
            + ["update", "delete"].map { "zoneatlas_keep_\(layer.rawValue)_\($0)" }
    }

    /// The columns of the revisions table.
    static let revisionColumns = ["fid", "time", "author", "message", "decision", "decision_date", "sources", "command",
                                  "added", "changed", "removed"]

    /// The text by which a keep trigger's SQL shows that it finds the version by its id (one
    /// written before does not, and is made again).
    static let keepTriggerMark = "+valid_to IS NULL"

    /// The revisions and edits tables, registered as attributes tables (an INTEGER PRIMARY KEY each,
    /// requirement 119); the sources declared as JSON and the decision date as a DATE.
    static let shared = [
        """
        CREATE TABLE IF NOT EXISTS \(revisionsTable) (
          fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, time DATETIME NOT NULL, author TEXT, message TEXT,
          decision TEXT, decision_date DATE, sources TEXT, command TEXT,
          added INTEGER NOT NULL DEFAULT 0, changed INTEGER NOT NULL DEFAULT 0, removed INTEGER NOT NULL DEFAULT 0)
        """,
        """
        INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description)
        VALUES ('\(revisionsTable)', 'attributes', 'ZoneAtlas revisions',
                'every write to this registry: number (fid), UTC time, author, message, legal decision, source files with SHA-256')
        """,
        """
        INSERT OR IGNORE INTO gpkg_data_columns (table_name, column_name, name, title, description, mime_type)
        VALUES ('\(revisionsTable)', 'sources', '\(revisionsTable).sources', 'sources',
                'the files the revision was read from, as a JSON array of {"name", "sha256"}', 'application/json')
        """,
        """
        CREATE TABLE IF NOT EXISTS \(editsTable) (
          fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, layer TEXT NOT NULL, id TEXT)
        """,
        "CREATE INDEX IF NOT EXISTS \"\(editsTable)_layer_id\" ON \(editsTable) (layer, id)",
        """
        INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description)
        VALUES ('\(editsTable)', 'attributes', 'ZoneAtlas edits not yet in a revision',
                'ids of layer rows written since the last revision (filled by triggers, emptied by the next revision)')
        """,
    ]

    /// A layer's history table: the layer's columns (the id not unique: one row per version) and
    /// geometry, the revision range, and indexes for a feature's versions and a revision's changes.
    static func history(_ layer: Layer) -> [String] {
        let table = self.table(layer)
        let columns = GeoPackageSchema.columns(layer).map { column in
            "\"\(column.name)\" \(column.name == "id" ? "TEXT NOT NULL" : column.type)"
        }.joined(separator: ", ")
        let type = GeoPackageSchema.geometryTypeName(layer)
        return [
            """
            CREATE TABLE IF NOT EXISTS "\(table)" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, \(columns), geom \(type),
              valid_from INTEGER NOT NULL, valid_to INTEGER, \(digestColumn) BLOB)
            """,
            "CREATE INDEX IF NOT EXISTS \"\(table)_id\" ON \"\(table)\" (id, valid_from)",
            "CREATE INDEX IF NOT EXISTS \"\(table)_valid_from\" ON \"\(table)\" (valid_from)",
            "CREATE INDEX IF NOT EXISTS \"\(table)_valid_to\" ON \"\(table)\" (valid_to)",
            """
            INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
            VALUES ('\(table)', 'features', '\(table)',
                    'every version of ZoneAtlas \(layer.rawValue), current from revision valid_from up to (not including) valid_to; '
                    || 'the geometry of a version still current (valid_to NULL) is the layer''s: NULL here, its SHA-256 in \(digestColumn)', 4326)
            """,
            "INSERT OR IGNORE INTO gpkg_geometry_columns VALUES ('\(table)', 'geom', '\(type)', 4326, 0, 0)",
            """
            INSERT OR IGNORE INTO gpkg_data_columns (table_name, column_name, name, title, description, mime_type)
            VALUES ('\(table)', 'properties', '\(table).properties', 'properties', 'the properties of the source feature, as JSON', 'application/json')
            """,
        ]
    }

    /// The R-tree of a layer's history table, over the versions that hold a geometry of their own
    /// (a current version's is the layer's, in the layer's R-tree).
    static func spatialIndexTable(_ layer: Layer) -> String { "rtree_\(table(layer))_geom" }

    /// What gives a history table written without one its spatial index (GeoPackage's R-tree
    /// extension): the R-tree filled in one statement, its triggers, its extension row.
    static func spatialIndex(_ layer: Layer) -> [String] {
        let table = self.table(layer), rtree = spatialIndexTable(layer)
        return [
            "CREATE VIRTUAL TABLE \"\(rtree)\" USING rtree(id, minx, maxx, miny, maxy)",
            """
            INSERT INTO "\(rtree)" SELECT fid, ST_MinX(geom), ST_MaxX(geom), ST_MinY(geom), ST_MaxY(geom)
            FROM "\(table)" WHERE geom NOT NULL AND NOT ST_IsEmpty(geom)
            """,
            """
            INSERT OR IGNORE INTO gpkg_extensions VALUES ('\(table)', 'geom', 'gpkg_rtree_index',
              'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')
            """,
        ] + GeoPackageSchema.rtreeTriggers(table)
    }

    /// The triggers on a layer's table (its geometry in `geometryColumn`):
    /// - three note in the edits table every id a row had or has after an insert, update or
    ///   delete. Each adds an id once (no UNIQUE constraint: an `INSERT OR …` of the statement
    ///   that fires a trigger would override the trigger's own conflict clause);
    /// - two copy a row's old geometry into its current version, where that version keeps none of
    ///   its own, before an update or delete can lose it; the version is found by its id (`+`
    ///   keeps SQLite from walking every open version through the `valid_to` index instead, which
    ///   made re-importing a layer quadratic in its rows).
    static func triggers(_ layer: Layer, geometryColumn: String) -> [String] {
        let names = triggerNames(layer), table = "\"\(layer.rawValue)\""
        func note(_ value: String) -> String {
            """
            INSERT INTO \(editsTable) (layer, id) SELECT '\(layer.rawValue)', \(value)
            WHERE NOT EXISTS (SELECT 1 FROM \(editsTable) WHERE layer = '\(layer.rawValue)' AND id IS \(value));
            """
        }
        let keep = """
            UPDATE "\(self.table(layer))" SET geom = OLD.\(GeoPackageTable.quote(geometryColumn))
            WHERE id = OLD.id AND +valid_to IS NULL AND geom IS NULL;
            """
        return [
            "CREATE TRIGGER IF NOT EXISTS \"\(names[0])\" AFTER INSERT ON \(table) BEGIN \(note("NEW.id")) END",
            "CREATE TRIGGER IF NOT EXISTS \"\(names[1])\" AFTER UPDATE ON \(table) BEGIN \(note("OLD.id")) \(note("NEW.id")) END",
            "CREATE TRIGGER IF NOT EXISTS \"\(names[2])\" AFTER DELETE ON \(table) BEGIN \(note("OLD.id")) END",
            "CREATE TRIGGER IF NOT EXISTS \"\(names[3])\" AFTER UPDATE ON \(table) BEGIN \(keep) END",
            "CREATE TRIGGER IF NOT EXISTS \"\(names[4])\" AFTER DELETE ON \(table) BEGIN \(keep) END",
        ]
    }
}
