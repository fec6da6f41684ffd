import Foundation
import Testing
@testable import ZoneAtlas
import ZoneGeoJSON

/// Recording a revision costs time linear in the rows it changes: every statement that records a
/// GeoPackage revision, and the triggers (or the writer) that keep a version's geometry, find a
/// version by its id.
/// The oracle is SQLite's own query planner (`EXPLAIN QUERY PLAN`, through Python's sqlite3 on the
/// same system library) on a registry with history. A version looked up inside a correlated
/// subquery through the `valid_to` index instead walks every version that index holds for that
/// value — every open version, or every version the revision closed — which made re-importing a
/// changed layer of 10,000 zones take 16 s, and 100,000 not finish.
struct HistoryPlanTests {
    /// The plans, one list of lines per statement, each line its detail with ` < CORRELATED …` for
    /// every correlated subquery it is inside.
    func plans(_ path: String, _ statements: [String]) throws -> [[String]] {
        let script = """
            import json, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.create_function("zoneatlas_sha256", 1, lambda blob: blob, deterministic=True)
            for name in ["ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"]:  # the R-tree triggers'
                db.create_function(name, 1, lambda blob: 0, deterministic=True)
            plans = []
            for sql in json.load(sys.stdin):
                rows = {i: (parent, detail) for i, parent, _, detail in db.execute("EXPLAIN QUERY PLAN " + sql, {"1": 2, "2": 2} if "?1" in sql else ())}
                lines = []
                for i, (parent, detail) in rows.items():
                    line = detail
                    while parent in rows:
                        parent, above = rows[parent]
                        if above.startswith("CORRELATED"):
                            line += " < " + above
                    lines.append(line)
                plans.append(lines)
            print(json.dumps(plans))
            """
        let input = try Paths.temporaryDirectory().appendingPathComponent("statements.json")
        try JSONSerialization.data(withJSONObject: statements).write(to: input)
        let run = try Paths.run("sh", ["-c", "python3 -c \"$0\" \"$1\" < \"$2\"", script, path, input.path])
        #expect(run.status == 0)
        return try #require(JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String]], "\(run.output)")
    }

    /// GeoData and 2,000 squares imported into `store`, then again with all of them moved.
    func importSquaresTwice(into store: some RegistryStore) throws {
        let directory = try Paths.temporaryDirectory()
        func squares(shift: Double) throws -> String {
            let features = (0..<2_000).map { n -> String in
                let x = 106.0 + Double(n % 100) * 0.01 + shift, y = 20.5 + Double(n / 100) * 0.01
                let ring = [(x, y), (x + 0.002, y), (x + 0.002, y + 0.002), (x, y + 0.002), (x, y)].map { "[\($0.0),\($0.1)]" }
                return #"{"type":"Feature","id":"z-\#(n)","properties":{"kind":"industrial_park"},"#
                    + #""geometry":{"type":"Polygon","coordinates":[[\#(ring.joined(separator: ","))]]}}"#
            }
            let path = directory.appendingPathComponent("squares-\(shift).geojson").path
            try (#"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}").write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        _ = try RegistryImporter().importFiles([Paths.geoData, try squares(shift: 0)], into: store)
        _ = try RegistryImporter().importFiles([Paths.geoData, try squares(shift: 0.0001)], into: store)
    }

    /// A GeoPackage registry of GeoData and 2,000 squares, all of them moved in a second revision,
    /// with its tables analysed (as `ANALYZE` by any client leaves them) or not (as ZoneAtlas leaves them).
    func registry(analysed: Bool) throws -> String {
        let store = GeoPackageStore(path: try Paths.temporaryDirectory().appendingPathComponent("registry.gpkg").path)
        try importSquaresTwice(into: store)
        if analysed { #expect(try Paths.run("sqlite3", [store.path, "ANALYZE"]).status == 0) }
        return store.path
    }

    @Test(arguments: [false, true]) func everyStatementFindsAVersionByItsId(analysed: Bool) throws {
        let path = try registry(analysed: analysed)
        for layer in Layer.allCases {
            let history = GeoPackageHistorySchema.table(layer)
            for whole in [false, true] {
                let recording = GeoPackageHistory.recording(layer, table: layer.rawValue, geometry: "geom", whole: whole)
                // The keep triggers' statement, with a value for each of the row's old ones.
                let keep = GeoPackageHistorySchema.triggers(layer, geometryColumn: "geom").suffix(2).map { trigger in
                    let body = trigger[trigger.range(of: "BEGIN ")!.upperBound..<trigger.range(of: "; END", options: .backwards)!.lowerBound]
                    return body.replacingOccurrences(of: #"OLD\.("[^"]+"|\w+)"#, with: "'x'", options: .regularExpression)
                }
                // The writer's own keeping, while it sets the triggers aside.
                let writerKeeps = GeoPackageHistoryKeeping.keeping(layer)
                let statements = recording.changes + [recording.opened, recording.closed, recording.changed, recording.lost] + keep + [writerKeeps]
                let plans = try plans(path, statements)
                #expect(plans.count == statements.count)
                for (statement, plan) in zip(statements, plans) {
                    #expect(!plan.isEmpty, "\(statement)")
                    for line in plan where line.contains(history) || line.contains("SCAN") {
                        if line.contains("CORRELATED") || statement.hasPrefix("UPDATE \"\(history)\" SET geom = 'x'") || statement == writerKeeps {
                            // A version inside a subquery (or the one a trigger keeps): by its id.
                            #expect(line.contains("USING INDEX \(history)_id (id=?"), "\(line)\n\(statement)")
                        }
                        // Only a whole-layer comparison reads every row (where no statistics
                        // tell SQLite that a table is small enough to read whole).
                        if !whole && !analysed { #expect(!line.hasPrefix("SCAN"), "\(line)\n\(statement)") }
                    }
                }
            }
        }
    }

    /// The same on PostGIS, with PostgreSQL's own `EXPLAIN (FORMAT JSON)` through `psql`: in every
    /// plan of the statements that record a revision (with every row noted), a version looked up
    /// once for each row of another table — the inner side of a nested loop — is looked up by its
    /// id. Right after the import the planner's statistics know no version of the new revision;
    /// looking those up through the `valid_to` index (or a sequential scan) instead walks every
    /// version the revision closed, for each one opened. (With the statements written before, as a
    /// correlated `EXISTS` and a `LEFT JOIN`, this test fails on both, in the communes' and
    /// corridors' plans: the valid_to index or a sequential scan inside a nested loop.)
    @Test(arguments: [false, true]) func everyPostGISStatementFindsAVersionByItsId(analysed: Bool) throws {
        let under = try StoreKind.postGIS.newStore()
        try importSquaresTwice(into: under.store)
        if analysed { _ = try under.sql("ANALYZE") }
        let schema = PostGISSchema(schema: try under.sql("SELECT current_schema()"))
        for layer in Layer.allCases {
            let history = PostGISSchema.history(layer)
            for whole in [false, true] {
                let recording = PostGISHistory.recording(layer, schema: schema, geometry: "geom", revision: 2, whole: whole)
                let statements = recording.changes + [recording.counts]
                let quoted = statements.map { "$zq$\($0)$zq$" }.joined(separator: ", ")
                let output = try under.sql("""
                    INSERT INTO zoneatlas_edits (layer, id) SELECT '\(layer.rawValue)', id FROM \(layer.rawValue) ON CONFLICT DO NOTHING;
                    CREATE FUNCTION pg_temp.plan(q text) RETURNS json LANGUAGE plpgsql AS $f$
                      DECLARE r json; BEGIN EXECUTE 'EXPLAIN (FORMAT JSON) ' || q INTO r; RETURN r; END $f$;
                    SELECT json_agg(pg_temp.plan(q) ORDER BY n) FROM unnest(ARRAY[\(quoted)]) WITH ORDINALITY AS s(q, n);
                    """)
                let plans = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[[String: Any]]], "\(output)")
                #expect(plans.count == statements.count)
                func walk(_ node: [String: Any], inner: Bool, statement: String) {
                    let relation = node["Relation Name"] as? String, index = node["Index Name"] as? String
                    if inner, relation == history || index?.hasPrefix(history) == true {
                        let condition = node["Index Cond"] as? String ?? node["Recheck Cond"] as? String ?? ""
                        #expect(condition.contains("(id = "), "\(node["Node Type"] ?? "") \(index ?? relation ?? "") \(condition)\n\(statement)")
                    }
                    let loop = node["Node Type"] as? String == "Nested Loop"
                    for child in node["Plans"] as? [[String: Any]] ?? [] {
                        walk(child, inner: inner || loop && child["Parent Relationship"] as? String == "Inner", statement: statement)
                    }
                }
                for (statement, plan) in zip(statements, plans) {
                    walk(try #require(plan.first?["Plan"] as? [String: Any]), inner: false, statement: statement)
                }
            }
        }
    }
}
