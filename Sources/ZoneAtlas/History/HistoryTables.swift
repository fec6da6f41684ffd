import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// The registry's history as tables (the row models `zoneatlas log` prints as a table, CSV or JSON).
public enum HistoryTables {
    /// One row per revision: number, time, author, command, decision, counts, message, sources.
    public static func revisions(_ revisions: [Revision]) -> AnalysisTable {
        AnalysisTable(
            columns: ["revision", "time", "author", "command", "decision", "decision_date", "added", "changed", "removed",
                      "message", "sources"],
            rows: revisions.map { revision in
                let note = revision.note
                return [Figure.count(revision.number), .string(revision.time), .string(note.author), .string(note.command),
                        note.decision.map { .string($0.decision) } ?? .null, note.decision?.date.map(JSONValue.string) ?? .null,
                        Figure.count(revision.added), Figure.count(revision.changed), Figure.count(revision.removed),
                        note.message.map(JSONValue.string) ?? .null,
                        .array(note.sources.map { .string("\($0.name) sha256:\($0.sha256)") })]
            })
    }

    /// One row per change of one feature, oldest first: the revision that made it (with its time,
    /// author and decision), whether the feature was added, changed or removed, which fields
    /// changed from what to what (each value cut to `valueLimit` characters when given), and its
    /// geodesic area with the hectares gained and lost.
    /// - Throws: an ``AnalysisError`` naming the feature GEOS or PROJ failed on.
    public static func versions(_ versions: [FeatureVersion], revisions: [Revision], valueLimit: Int? = nil) throws(AnalysisError) -> AnalysisTable {
        let byNumber = Dictionary(revisions.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [(revision: Int, cells: [JSONValue])] = []
        func row(_ number: Int, _ layer: Layer, _ change: String, fields: [FieldChange], area: Double?, geometry: GeometryChange?) {
            let revision = byNumber[number]
            rows.append((number, [Figure.count(number), revision.map { .string($0.time) } ?? .null, revision.map { .string($0.note.author) } ?? .null,
                         revision?.note.decision.map { .string($0.decision) } ?? .null, .string(layer.rawValue), .string(change),
                         .array(fields.map { .string($0.summary(limit: valueLimit)) }),
                         Figure.optional(area, 2), Figure.optional(geometry?.gainedHectares, 2), Figure.optional(geometry?.lostHectares, 2),
                         Figure.optional(geometry?.hausdorffMetres, 1)]))
        }
        for layer in Layer.allCases {
            let chain = versions.filter { $0.entry.layer == layer }.sorted { $0.from < $1.from }
            var previous: FeatureVersion?
            for version in chain {
                let area = try area(version.entry)
                if let previous, previous.to == version.from {
                    row(version.from, layer, "changed", fields: FieldChange.between(previous.entry, version.entry), area: area,
                        geometry: try analysing(version.entry.feature) { () throws(AnalysisError) in
                            try GeometryChange.between(previous.entry.feature.geometry, version.entry.feature.geometry)
                        })
                } else {
                    row(version.from, layer, previous == nil ? "added" : "added again", fields: [], area: area, geometry: nil)
                }
                if let to = version.to, !chain.contains(where: { $0.from == to }) {
                    row(to, layer, "removed", fields: [], area: nil, geometry: nil)
                }
                previous = version
            }
        }
        return AnalysisTable(columns: ["revision", "time", "author", "decision", "layer", "change", "fields", "area_ha", "gained_ha",
                                       "lost_ha", "hausdorff_m"],
                             rows: rows.sorted { $0.revision < $1.revision }.map(\.cells))
    }

    private static func area(_ entry: RegistryEntry) throws(AnalysisError) -> Double? {
        guard entry.feature.geometry.type.isPolygonal else { return nil }
        return try analysing(entry.feature) { () throws(GeometryError) in try Geodesic.wgs84.area(of: entry.feature.geometry) / 10_000 }
    }
}
