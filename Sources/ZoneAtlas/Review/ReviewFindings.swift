import Foundation
import ZoneGeoJSON
import ZoneGeometry

/// The review's findings as JSON for machines, and its overlaps and gaps as GeoJSON layers.
extension PlanningReview {
    /// Everything the review found, as one JSON object (`review.json`).
    public var findings: JSONValue {
        func number(_ value: Double, _ places: Int = 1) -> JSONValue { .fixed(value, places: places) }
        return .object([
            "title": .string(title), "crs": .string(crs.definition), "crs_name": .string(crs.name),
            "summary": .object(["zones": .number(String(zones.count)), "communes": .number(String(communes.count)),
                                "corridors": .number(String(corridors.count)), "conflicts": .number(String(conflicts.count)),
                                "flagged": .number(String(areas.rows.filter(\.flagged).count)),
                                "input_errors": .number(String(inputErrors.count))]),
            "files": .array(inputs.map { .object(["path": .string($0.file), "features": .number(String($0.featureCount)),
                                                  "crs": .string($0.sourceCRS.definition)]) }),
            "areas": .array(areas.table.objects()), "area_totals": areas.totalsJSON,
            "overlaps": .array(overlaps.table.objects(["a", "b", "area_m2", "share_a", "share_b", "relation"])),
            "overlap_slivers": overlaps.slivers.json, "apportionment": apportionment.json,
            "coverage": coverage?.json ?? .null,
            "sliver_tolerance": .object(["min_area_m2": number(slivers.minimumAreaSquareMetres), "width_m": number(slivers.widthMetres)]),
            "corridor_adjacency": adjacency.json,
            "changes": changes.map { changes in .object([
                "against": .string(changes.against), "changes": .array(changes.diff.table.objects()),
                "by_commune": .array(changes.byCommune.objects()),
                "revisions": .array(HistoryTables.revisions(changes.revisions).objects()),
            ]) } ?? .null,
            "problems": .array(inputs.flatMap { input in input.problems.map { problem -> JSONValue in
                guard case var .object(object) = problem.json else { return problem.json }
                object["file"] = .string(input.file)
                return .object(object)
            } }),
        ])
    }

    /// The zones' overlaps (conflicts and containments) as a GeoJSON layer.
    public var overlapLayer: FeatureCollection {
        FeatureCollection(features: overlaps.features, foreignMembers: ["name": .string("overlaps")])
    }

    /// The overlaps among communes as a GeoJSON layer.
    public var communeOverlapLayer: FeatureCollection {
        FeatureCollection(features: coverage?.overlapFeatures ?? [], foreignMembers: ["name": .string("commune-overlaps")])
    }

    /// The gaps among communes as a GeoJSON layer.
    public var gapLayer: FeatureCollection {
        FeatureCollection(features: coverage?.gapFeatures ?? [], foreignMembers: ["name": .string("gaps")])
    }

    /// Writes into `directory`: `index.html` (the interactive review), `map.svg`, `review.json`,
    /// `overlaps.geojson`, `commune-overlaps.geojson`, `gaps.geojson`, and the tables in full as
    /// `areas.csv`, `overlaps.csv` and `gaps.csv`; for a review against an earlier state also
    /// `changes.geojson` (the gained and lost ground) and `changes.csv`.
    /// - Parameters:
    ///   - directory: the folder to write into (created if missing; files of the same names replaced).
    ///   - leafletDirectory: where Leaflet is installed (Debian's `libjs-leaflet`).
    ///   - progress: called as each writing phase begins.
    /// - Returns: the path of `index.html`.
    /// - Throws: a ``ReviewError``: ``ReviewError/leafletMissing(path:)`` before writing anything
    ///   when Leaflet is not there; ``ReviewError/analysis(_:phase:)`` when GEOS or PROJ fails on a
    ///   shape to draw; ``ReviewError/cancelled(phase:)``, before writing anything, once the call's
    ///   `WorkCancellation` is raised; ``ReviewError/writing(path:reason:)`` naming the folder or
    ///   file that cannot be written.
    @discardableResult
    public func write(to directory: String, leafletDirectory: String = "/usr/share/javascript/leaflet",
                      progress: (ReviewPhase) -> Void = { _ in }) throws(ReviewError) -> String {
        let leaflet = try Leaflet(directory: leafletDirectory)
        func save(_ name: String, _ text: String) throws(ReviewError) {
            let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
            do { try Data(text.utf8).write(to: url, options: .atomic) } catch { throw .writing(path: url.path, reason: error.localizedDescription) }
        }
        progress(.simplify)
        let display = try ReviewError.during(.simplify) { () throws(AnalysisError) in try DisplayShapes(self) }
        // The maps and the files, each made on its own thread; then the page, which holds the interactive map.
        progress(.maps)
        let page = ReviewPage()
        let rows = page.rowAnchors(self)
        let review = self
        @Sendable func geoJSON(_ collection: FeatureCollection) throws(AnalysisError) -> String {
            try analysing { () throws(GeometryError) in try GeoJSONWriter().string(collection) + "\n" }
        }
        let files: [(name: String, make: @Sendable () throws(AnalysisError) -> String)] = [
            ("map.svg", { () throws(AnalysisError) in try ReviewMap().svg(review, display: display) }),
            ("", { () throws(AnalysisError) in try InteractiveMap().json(review, display: display, rowsOnPage: rows) }),
            // Indented for reading while small; compact for large reviews, where nobody reads it by eye.
            ("review.json", { JSONWriter(indent: review.areas.rows.count > 20_000 ? nil : 1).string(review.findings) + "\n" }),
            ("overlaps.geojson", { () throws(AnalysisError) in try geoJSON(review.overlapLayer) }),
            ("commune-overlaps.geojson", { () throws(AnalysisError) in try geoJSON(review.communeOverlapLayer) }),
            ("gaps.geojson", { () throws(AnalysisError) in try geoJSON(review.gapLayer) }),
            ("areas.csv", { review.areas.table.csv() }),
            ("overlaps.csv", { review.overlaps.table.csv() }),
            ("gaps.csv", { (review.coverage?.gapTable ?? AnalysisTable(columns: ["id", "area_m2", "location", "neighbours"], rows: [])).csv() }),
        ]
        var extra: [(name: String, make: @Sendable () throws(AnalysisError) -> String)] = []
        if let changes {
            extra.append(("changes.geojson", { () throws(AnalysisError) in
                try geoJSON(FeatureCollection(features: changes.diff.features, foreignMembers: ["name": .string("changes")]))
            }))
            extra.append(("changes.csv", { changes.diff.table.csv() }))
        }
        let all = files + extra
        let texts = try ReviewError.during(.maps) { () throws(AnalysisError) in
            try analysingInParallel(count: all.count, chunkSize: 1) { k throws(AnalysisError) in try all[k].make() }
        }
        progress(.page)
        let html = page.html(self, leaflet: leaflet, mapData: texts[1])
        // The last moment to stop: from here on every file is written, so that the folder holds one review.
        guard !WorkCancellation.isCancelled else { throw .cancelled(phase: .page) }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .writing(path: directory, reason: error.localizedDescription)
        }
        try save("index.html", html)
        for (file, text) in zip(all, texts) where !file.name.isEmpty { try save(file.name, text) }
        return URL(fileURLWithPath: directory).appendingPathComponent("index.html").path
    }
}
