import Foundation
import GRDB

/// What a layer's history triggers do for every row a client writes, done by ZoneAtlas's writer
/// itself while it writes the layer with those triggers set aside.
///
/// The triggers (``GeoPackageHistorySchema/triggers(_:geometryColumn:)``) serve every client:
/// they note each written id, and copy the old geometry into the open version before any change.
/// The writer knows more than a trigger: it sees the old geometry before it writes the new one, so
/// it copies it only where the geometry changes (a file imported again as it was: 100,000 zones in
/// 10.9 s instead of 22.7 s, where the triggers copied every geometry into the history and the
/// revision gave each copy up again), and it knows the ids it has noted. So inside its write
/// transaction — where no other client can write, and where a failure rolls the triggers' removal
/// back with the rest — the writer drops the layer's triggers on first writing it, keeps the
/// history itself, and makes the triggers again (``resume()``) before the revision is recorded.
final class GeoPackageHistoryKeeping {
    private let db: Database
    private let layer: Layer
    private let geometryColumn: String
    /// Gives the open version of an id (`?1`) that leaves its geometry in the layer a geometry (`?2`).
    private let keepGeometry: Statement
    /// Notes an id as written.
    private let note: Statement
    /// The ids noted so far. The edits table held none as the transaction began: the revision of
    /// outside edits recorded first emptied it.
    private var noted: Set<String> = []

    /// Sets aside the triggers of `layer`'s table, whose geometry is in `geometryColumn`, and
    /// prepares to keep its history instead; `nil` (nothing set aside) when the table lacks any of
    /// its triggers or its history table, whose edits the revision then compares whole anyway.
    static func suspending(_ layer: Layer, geometryColumn: String, in history: GeoPackageHistory) throws -> GeoPackageHistoryKeeping? {
        let db = history.db
        guard try db.tableExists(GeoPackageHistorySchema.table(layer)), try history.isTracked(layer) else { return nil }
        for name in GeoPackageHistorySchema.triggerNames(layer) { try db.execute(sql: "DROP TRIGGER \(GeoPackageTable.quote(name))") }
        return try GeoPackageHistoryKeeping(db: db, layer: layer, geometryColumn: geometryColumn)
    }

    private init(db: Database, layer: Layer, geometryColumn: String) throws {
        self.db = db
        self.layer = layer
        self.geometryColumn = geometryColumn
        keepGeometry = try db.makeStatement(sql: Self.keeping(layer))
        note = try db.makeStatement(sql: "INSERT INTO \(GeoPackageHistorySchema.editsTable) (layer, id) VALUES (?, ?)")
    }

    /// The statement that gives the open version of an id (`?1`) that leaves its geometry in the
    /// layer a geometry (`?2`); the version found by its id, as in the keep triggers.
    static func keeping(_ layer: Layer) -> String {
        "UPDATE \(GeoPackageTable.quote(GeoPackageHistorySchema.table(layer))) SET geom = ?2 WHERE id = ?1 AND +valid_to IS NULL AND geom IS NULL"
    }

    /// Before the geometry of the row with `id` changes from `oldGeometry`: gives its open
    /// version, where that keeps no geometry of its own, the old one (what the keep trigger does;
    /// the writer calls it only where the geometry changes — a version closed for a change of its
    /// other columns takes its geometry from the row as the revision is recorded).
    func keep(id: String, oldGeometry: DatabaseValue) throws {
        guard !oldGeometry.isNull else { return }
        try keepGeometry.execute(arguments: [id, oldGeometry])
    }

    /// Notes that the row with `id` was written (what the edits triggers do).
    func noteWritten(id: String) throws {
        guard noted.insert(id).inserted else { return }
        try note.execute(arguments: [layer.rawValue, id])
    }

    /// Makes the layer's triggers again.
    func resume() throws {
        for statement in GeoPackageHistorySchema.triggers(layer, geometryColumn: geometryColumn) { try db.execute(sql: statement) }
    }
}
