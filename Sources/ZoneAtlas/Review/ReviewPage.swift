import Foundation
import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// The review as one self-contained HTML page that works offline: a summary, the interactive map
/// (Leaflet, inlined), and the tables, each row linking to its feature on the map. A table longer
/// than ``rowLimit`` shows its first rows (the most important first) and points to the CSV file
/// beside the page that holds all of it.
struct ReviewPage {
    /// Rows shown per table; the rest are in the CSV beside the page.
    var rowLimit = 1_000

    /// The anchors of the rows the page shows, for the map's links back to them.
    func rowAnchors(_ review: PlanningReview) -> Set<String> {
        var anchors = Set<String>()
        for layer in [Layer.zones, .communes] {
            for row in areaRows(review, layer).prefix(rowLimit) { anchors.insert("\(layer == .zones ? "zone" : "commune")-row-\(ReviewAnchors.slug(row.id))") }
        }
        for corridor in review.corridors.prefix(rowLimit) { anchors.insert("corridor-row-\(ReviewAnchors.slug(corridor.id))") }
        for item in (review.changes?.diff.items ?? []).prefix(rowLimit) { anchors.insert("change-row-\(ReviewAnchors.slug(item.id))") }
        return anchors
    }

    func html(_ review: PlanningReview, leaflet: Leaflet, mapData: String) -> String {
        var page: Markup = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(review.title)</title>
            <style>\(Markup(raw: leaflet.style))</style>
            <style>
            body{font-family:"DejaVu Sans",Arial,sans-serif;margin:1em auto;max-width:1600px;padding:0 1em;color:#1b1b1b;line-height:1.4}
            h1{font-size:1.5em;margin:.2em 0}h2{border-bottom:2px solid #2a9d8f;padding-bottom:.2em;margin-top:1.6em}
            nav a{margin-right:1em}table{border-collapse:collapse;margin:.5em 0 1em;font-size:.92em}
            th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}th{background:#eef5f4}
            td.n{text-align:right;font-variant-numeric:tabular-nums}.flag{color:#b00020;font-weight:bold}
            .error{color:#b00020}.warning{color:#9a6700}.ok{color:#2a7d2a}
            .cards{display:flex;flex-wrap:wrap;gap:.8em}.card{border:1px solid #ccc;border-radius:6px;padding:.4em .9em;min-width:9em}
            .card b{font-size:1.4em;display:block}code{font-size:.9em}
            .map-wrap{display:flex;gap:.8em}#leaflet-map{flex:1;height:78vh;min-height:480px;border:1px solid #bbb;background:#eef4f8}
            #map-side{width:270px;font-size:.9em}#map-layers label{display:block;margin:.15em 0}#map-layers{border:1px solid #ccc}
            .swatch{display:inline-block;width:14px;height:10px;margin:0 .4em;border:1px solid #555;vertical-align:middle}
            .map-tools{display:flex;gap:.5em;margin:.4em 0}#map-search{width:100%;box-sizing:border-box;padding:.35em}#map-results{padding-left:1.2em;margin:.3em 0}
            .facts table{margin:.3em 0;font-size:.95em}.facts th{background:none;border:none;padding:0 .6em 0 0}.facts td{border:none;padding:0}
            .more{font-style:italic}
            .leaflet-tooltip.zone-name,.leaflet-tooltip.commune-name{background:none;border:none;box-shadow:none;padding:0;white-space:nowrap;            text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 2px #fff}.leaflet-tooltip.zone-name:before,.leaflet-tooltip.commune-name:before{display:none}
            .leaflet-tooltip.zone-name{font-weight:bold;font-size:12px;color:#111}.leaflet-tooltip.commune-name{font-size:10px;color:#555}
            .far .leaflet-tooltip.commune-name{display:none}
            </style></head><body>
            <h1>\(review.title)</h1>
            <nav><a href="#summary">Summary</a>\(review.changes == nil ? "" : "<a href=\"#changes\">What changed</a>" as Markup)<a href="#map">Map</a><a href="#areas">Areas</a><a href="#overlaps">Overlaps</a>\
            <a href="#apportionment">Apportionment</a><a href="#coverage">Coverage</a><a href="#corridors">Corridors</a><a href="#problems">Problems</a></nav>

            """
        page += summary(review)
        if let changes = review.changes { page += self.changes(changes) }
        page += """
            <h2 id="map">Map</h2>
            <div class="map-wrap"><div id="leaflet-map"></div><div id="map-side">\
            <input id="map-search" type="search" placeholder="Find a zone, commune or corridor" aria-label="search"><ul id="map-results"></ul>\
            <div class="map-tools"><button id="view-main" type="button">Main body</button><button id="view-whole" type="button">Whole extent</button></div>\
            <fieldset id="map-layers"><legend>Layers</legend></fieldset>\
            <p>Click a feature for its facts. Search ignores diacritics. For print: <a href="map.svg">map.svg</a>.</p></div></div>

            """
        page += areas(review)
        page += overlaps(review)
        page += apportionment(review)
        page += coverage(review)
        page += corridors(review)
        page += problems(review)
        page += """
            <p><small>Made by ZoneAtlas. Geodesic areas on the WGS84 ellipsoid (Karney); planar areas and distances in \(review.crs.name) \
            (\(review.crs.definition)); the interactive map is drawn with Leaflet in Web Mercator, its shapes simplified for display.</small></p>
            <script type="application/json" id="review-data">\(Markup.scriptJSON(mapData))</script>
            <script>\(Markup(raw: leaflet.script))</script>
            <script>\(Markup(raw: ReviewScript.source))</script>
            </body></html>

            """
        return page.text
    }

    private func summary(_ review: PlanningReview) -> Markup {
        var cards: Markup = ""
        func card(_ value: Int, _ label: String, _ style: String = "") {
            cards += "<div class=\"card \(style)\"><b>\(value)</b>\(label)</div>"
        }
        card(review.zones.count, "zones")
        card(review.communes.count, "communes")
        card(review.corridors.count, "corridors")
        card(review.conflicts.count, "conflicting overlaps", review.conflicts.isEmpty ? "ok" : "error")
        card(review.areas.rows.filter(\.flagged).count, "areas off their declaration", review.areas.rows.contains(where: \.flagged) ? "warning" : "ok")
        card(review.inputErrors.count, "errors in the input", review.inputErrors.isEmpty ? "ok" : "error")
        var rows: Markup = ""
        for total in review.areas.totals {
            rows += "<tr><td>\(ReviewMap.readable(total.kind))</td><td class=\"n\">\(total.count)</td><td class=\"n\">\(total.geodesicAreaSquareMetres / 10_000, places: 2)</td>"
                + "<td class=\"n\">\(declared(total))</td><td class=\"n\">\(total.flagged)</td></tr>\n"
        }
        let inputs = Markup.joined(review.inputs.map { "<code>\($0.file)</code> (\($0.featureCount) features)" }, separator: ", ")
        return """
            <h2 id="summary">Summary</h2>
            <div class="cards">\(cards)</div>
            <table><tr><th>kind</th><th>count</th><th>measured ha</th><th>declared ha</th><th>flagged</th></tr>
            \(rows)</table>
            <p>Input: \(inputs). All findings: <a href="review.json">review.json</a>.</p>

            """
    }

    /// "What changed": the decisions (revisions) since the earlier state, the features added,
    /// removed and changed with the hectares gained and lost, and where the zones' changes lie by
    /// commune. The gained (green) and lost (red) ground is on the map.
    private func changes(_ changes: ReviewChanges) -> Markup {
        var html: Markup = "<h2 id=\"changes\">What changed since \(changes.against)</h2>\n"
        if !changes.revisions.isEmpty {
            html += "<table><tr><th>revision</th><th>time (UTC)</th><th>author</th><th>decision</th><th>message</th><th>added</th><th>changed</th><th>removed</th></tr>\n"
            for revision in changes.revisions {
                let decision = revision.note.decision.map { $0.decision + ($0.date.map { " of \($0)" } ?? "") } ?? ""
                html += "<tr><td class=\"n\">\(revision.number)</td><td>\(revision.time)</td><td>\(revision.note.author)</td><td>\(decision)</td>"
                    + "<td>\(revision.note.message ?? revision.note.command)</td><td class=\"n\">\(revision.added)</td>"
                    + "<td class=\"n\">\(revision.changed)</td><td class=\"n\">\(revision.removed)</td></tr>\n"
            }
            html += "</table>\n"
        }
        let items = changes.diff.items
        guard !items.isEmpty else { return html + "<p class=\"ok\">Nothing changed.</p>\n" }
        html += "<table><tr><th>layer</th><th>id</th><th>name</th><th>change</th><th>gained ha</th><th>lost ha</th><th>boundary moved m</th><th>declared ha</th><th>parts</th><th>fields</th></tr>\n"
        for item in items.prefix(rowLimit) {
            let declared = item.oldDeclaredHectares == item.newDeclaredHectares ? ""
                : "\(item.oldDeclaredHectares.map { Figure.decimals($0, 2) } ?? "–") → \(item.newDeclaredHectares.map { Figure.decimals($0, 2) } ?? "–")"
            let parts = item.parts.map { "\($0.id) (\(Figure.decimals($0.share * 100, 1)) %)" }.joined(separator: ", ")
            // Each change escaped as text (values come from the data), joined by line breaks.
            let fields = Markup.joined(item.fields.map { "\($0.summary(limit: 80))" as Markup }, separator: "<br>")
            html += "<tr id=\"change-row-\(ReviewAnchors.slug(item.id))\"><td>\(item.layer.rawValue)</td><td><code>\(item.id)</code></td><td>\(item.name)</td>"
                + "<td>\(item.change.rawValue)</td><td class=\"n\">\(item.gainedHectares, places: 2)</td><td class=\"n\">\(item.lostHectares, places: 2)</td>"
                + "<td class=\"n\">\(item.geometry.map { Figure.decimals($0.hausdorffMetres, 1) } ?? "")</td><td class=\"n\">\(declared)</td>"
                + "<td>\(parts)</td><td>\(fields)</td></tr>\n"
        }
        html += more(items.count, "changes.csv", columns: 10) + "</table>\n"
        if !changes.byCommune.rows.isEmpty {
            html += "<h3>Zones' changes by commune</h3>\n<table><tr><th>zone</th><th>commune</th><th>gained ha</th><th>lost ha</th></tr>\n"
            for row in changes.byCommune.rows.indices.prefix(rowLimit) {
                let cell = { (column: String) in AnalysisTable.text(changes.byCommune.cell(row, column)) }
                html += "<tr><td>\(cell("zone_name"))</td><td>\(cell("commune_name"))</td><td class=\"n\">\(cell("gained_ha"))</td><td class=\"n\">\(cell("lost_ha"))</td></tr>\n"
            }
            html += "</table>\n"
        }
        return html + "<p>Geodesic hectares; the gained (green) and lost (red) ground is on the map and in <a href=\"changes.geojson\">changes.geojson</a>; all rows in <a href=\"changes.csv\">changes.csv</a>.</p>\n"
    }

    /// The declared total, saying how many declare one when not all do.
    private func declared(_ total: AreaReport.Total) -> String {
        guard total.declaredCount > 0 else { return "" }
        let sum = String(format: "%.2f", total.declaredAreaHectares)
        return total.declaredCount == total.count ? sum : "\(sum) (\(total.declaredCount) of \(total.count))"
    }

    /// A layer's area rows, flagged ones first.
    private func areaRows(_ review: PlanningReview, _ layer: Layer) -> [AreaReport.Row] {
        let rows = review.areas.rows.filter { $0.layer == layer }
        return rows.filter(\.flagged) + rows.filter { !$0.flagged }
    }

    /// "… and N more in FILE" when a table was cut.
    private func more(_ total: Int, _ file: String, columns: Int) -> Markup {
        total > rowLimit ? "<tr><td colspan=\"\(columns)\" class=\"more\">… and \(total - rowLimit) more in <a href=\"\(file)\">\(file)</a></td></tr>\n" : ""
    }

    private func areas(_ review: PlanningReview) -> Markup {
        var html: Markup = "<h2 id=\"areas\">Declared and measured areas</h2>\n<p>Flagged where the measured geodesic area differs from the declared one by more than \(Markup.fixed(review.areas.tolerancePercent, places: 1)) %. All rows: <a href=\"areas.csv\">areas.csv</a>.</p>\n"
        for layer in [Layer.zones, .communes] {
            let rows = areaRows(review, layer)
            guard !rows.isEmpty else { continue }
            let features: [String: any RegistryFeature] = Dictionary((layer == .zones ? review.zones as [any RegistryFeature] : review.communes).map { ($0.id, $0) },
                                                                     uniquingKeysWith: { a, _ in a })
            html += "<h3>\(layer == .zones ? "Zones" : "Communes")</h3>\n<table><tr><th>id</th><th>name</th><th>kind</th><th>geodesic ha</th><th>planar ha</th><th>declared ha</th><th>difference</th><th></th><th></th></tr>\n"
            for row in rows.prefix(rowLimit) {
                let difference = row.differencePercent.map { String(format: "%+.2f %% (%+.2f ha)", $0, row.differenceHectares ?? 0) } ?? ""
                let onMap = features[row.id].map { mapLink(review, $0) } ?? ""
                html += "<tr id=\"\(layer == .zones ? "zone" : "commune")-row-\(ReviewAnchors.slug(row.id))\"><td><code>\(row.id)</code></td><td>\(row.name)</td><td>\(row.kind)</td>"
                    + "<td class=\"n\">\(row.geodesicAreaHectares, places: 2)</td><td class=\"n\">\(row.planarAreaHectares, places: 2)</td>"
                    + "<td class=\"n\">\(row.declaredAreaHectares.map { Markup.fixed($0, places: 2) } ?? "")</td><td class=\"n\">\(difference)</td>"
                    + "<td>\(row.flagged ? "<span class=\"flag\">FLAG</span>" as Markup : "")</td><td>\(onMap)</td></tr>\n"
            }
            html += more(rows.count, "areas.csv", columns: 9) + "</table>\n"
        }
        return html
    }

    private func overlaps(_ review: PlanningReview) -> Markup {
        var html: Markup = "<h2 id=\"overlaps\">Overlaps and containments</h2>\n"
        html += slivers(review.overlaps.slivers, "overlaps between zones", review)
        guard !review.overlaps.pairs.isEmpty else { return html + "<p class=\"ok\">No zones overlap.</p>\n" }
        html += "<table><tr><th>zone</th><th>zone</th><th>overlap ha</th><th>share of first</th><th>share of second</th><th>relation</th></tr>\n"
        let ordered = review.overlaps.conflicts.sorted { $0.areaSquareMetres > $1.areaSquareMetres }
            + review.overlaps.pairs.filter { $0.relation == .containment }
        for pair in ordered.prefix(rowLimit) {
            let relation: Markup = pair.relation == .containment ? "<span class=\"ok\">containment</span>" : "<span class=\"error\">\(pair.relation.rawValue)</span>"
            html += "<tr><td>\(link(review, pair.a))</td><td>\(link(review, pair.b))</td><td class=\"n\">\(pair.areaSquareMetres / 10_000, places: 2)</td>"
                + "<td class=\"n\">\(pair.shareOfA * 100, places: 1) %</td><td class=\"n\">\(pair.shareOfB * 100, places: 1) %</td><td>\(relation)</td></tr>\n"
        }
        return html + more(ordered.count, "overlaps.csv", columns: 6)
            + "</table>\n<p>The overlap polygons are in <a href=\"overlaps.geojson\">overlaps.geojson</a>; all rows in <a href=\"overlaps.csv\">overlaps.csv</a>.</p>\n"
    }

    /// The sliver summary: how many, how much ground, the largest.
    private func slivers(_ summary: SliverSummary, _ what: String, _ review: PlanningReview) -> Markup {
        guard summary.count > 0 else { return "" }
        return "<p class=\"slivers\">\(summary.count) \(what) are slivers (\(review.sliverRule)): \(summary.totalSquareMetres / 10_000, places: 2) ha in all, the largest \(summary.largestSquareMetres, places: 0) m². They are counted here, not listed or drawn.</p>\n"
    }

    private func apportionment(_ review: PlanningReview) -> Markup {
        var html: Markup = "<h2 id=\"apportionment\">Zones by commune</h2>\n"
        guard !review.communes.isEmpty else { return html + "<p>No communes were given.</p>\n" }
        var partsByZone: [String: [Apportionment.Part]] = [:]
        for part in review.apportionment.parts { partsByZone[part.zone.id, default: []].append(part) }
        html += "<table><tr><th>zone</th><th>commune</th><th>ha</th><th>share of zone</th><th>share of commune</th></tr>\n"
        var shown = 0, total = 0
        for summary in review.apportionment.zones {
            let parts = partsByZone[summary.zone.id] ?? []
            total += max(1, parts.count)
            guard shown < rowLimit else { continue }
            if parts.isEmpty {
                html += "<tr><td>\(link(review, summary.zone))</td><td colspan=\"4\"><i>in none of the communes given</i></td></tr>\n"
                shown += 1
            }
            for (k, part) in parts.enumerated() {
                let zone: Markup = k == 0 ? "\(link(review, summary.zone)) — \(summary.areaSquareMetres / 10_000, places: 2) ha" : ""
                html += "<tr><td>\(zone)</td><td>\(link(review, part.commune))</td><td class=\"n\">\(part.areaSquareMetres / 10_000, places: 2)</td>"
                    + "<td class=\"n\">\(part.shareOfZone * 100, places: 1) %</td><td class=\"n\">\(part.shareOfCommune * 100, places: 1) %</td></tr>\n"
                shown += 1
            }
            if !parts.isEmpty && summary.outsideSquareMetres >= 5_000 {
                html += "<tr><td></td><td><i>in no commune given</i></td><td class=\"n\">\(summary.outsideSquareMetres / 10_000, places: 2)</td><td class=\"n\">\(summary.outsideSquareMetres / max(1, summary.areaSquareMetres) * 100, places: 1) %</td><td></td></tr>\n"
            }
        }
        return html + more(total, "review.json", columns: 5) + "</table>\n"
    }

    private func coverage(_ review: PlanningReview) -> Markup {
        var html: Markup = "<h2 id=\"coverage\">Do the communes tile?</h2>\n"
        guard let coverage = review.coverage else { return html + "<p>Fewer than two communes were given.</p>\n" }
        html += "<p>\(coverage.overlaps.count) pairs of communes overlap (\(coverage.overlapAreaSquareMetres / 10_000, places: 2) ha in all); \(coverage.gaps.count) gaps lie between them (\(coverage.gapAreaSquareMetres / 10_000, places: 2) ha). "
            + "Overlaps are in <a href=\"commune-overlaps.geojson\">commune-overlaps.geojson</a>, gaps in <a href=\"gaps.geojson\">gaps.geojson</a> and <a href=\"gaps.csv\">gaps.csv</a>.</p>\n"
        html += slivers(coverage.overlapSlivers, "overlaps between communes", review)
        html += slivers(coverage.gapSlivers, "gaps", review)
        html += "<h3>The largest overlaps</h3>\n<table><tr><th>overlapping communes</th><th>m²</th></tr>\n"
        for pair in coverage.overlaps.sorted(by: { $0.areaSquareMetres > $1.areaSquareMetres }).prefix(25) {
            html += "<tr><td>\(link(review, pair.a)) × \(link(review, pair.b))</td><td class=\"n\">\(pair.areaSquareMetres, places: 0)</td></tr>\n"
        }
        let communes = Dictionary(review.communes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        html += "</table>\n<h3>The largest gaps</h3>\n<table><tr><th>gap</th><th>m²</th><th>at (lon, lat)</th><th>between</th></tr>\n"
        for (k, gap) in coverage.gaps.prefix(25).enumerated() {
            let names = Markup.joined(gap.neighbours.compactMap { communes[$0] }.map { link(review, $0) }, separator: ", ")
            html += "<tr><td><a href=\"#map\" data-map=\"gaps|gap-\(k + 1)\">gap \(k + 1)</a></td><td class=\"n\">\(gap.areaSquareMetres, places: 0)</td>"
                + "<td>\(gap.location.x, places: 5), \(gap.location.y, places: 5)</td><td>\(names)</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private func corridors(_ review: PlanningReview) -> Markup {
        var html: Markup = "<h2 id=\"corridors\">Corridors</h2>\n<p>Zones touching each corridor or within \(review.adjacency.distanceMetres, places: 0) m of it, measured in \(review.adjacency.crs.name).</p>\n"
        guard !review.corridors.isEmpty else { return html + "<p>No corridors were given.</p>\n" }
        var near: [String: [CorridorAdjacency.Pair]] = [:]
        for pair in review.adjacency.pairs { near[pair.corridor.id, default: []].append(pair) }
        html += "<table><tr><th>corridor</th><th>kind</th><th>length km</th><th>zones</th><th></th></tr>\n"
        for corridor in review.corridors.prefix(rowLimit) {
            let zones = Markup.joined((near[corridor.id] ?? []).map {
                "\(link(review, $0.zone)) (\($0.touches ? "touches" : String(format: "%.0f m", $0.distanceMetres)))"
            }, separator: "<br>")
            let length = (try? Geodesic.wgs84.length(of: corridor.geometry)).map { Markup.fixed($0 / 1000, places: 2) } ?? ""
            html += "<tr id=\"corridor-row-\(ReviewAnchors.slug(corridor.id))\"><td>\(review.label(corridor) ?? corridor.id)</td><td>\(corridor.kind.rawValue)</td><td class=\"n\">\(length)</td>"
                + "<td>\(zones.text.isEmpty ? "—" : zones)</td><td>\(mapLink(review, corridor))</td></tr>\n"
        }
        return html + more(review.corridors.count, "review.json", columns: 5) + "</table>\n"
    }

    private func problems(_ review: PlanningReview) -> Markup {
        var html: Markup = "<h2 id=\"problems\">Problems in the input</h2>\n"
        let features = FeatureIndex(review)
        for (k, input) in review.inputs.enumerated() {
            let errors = input.problems.filter { $0.severity == .error }.count
            html += "<h3 id=\"file-\(k)\"><code>\(input.file)</code>: \(input.featureCount) features, \(errors) errors, \(input.problems.count - errors) warnings</h3>\n"
            guard !input.problems.isEmpty else {
                html += "<p class=\"ok\">No problems.</p>\n"
                continue
            }
            html += "<table><tr><th>severity</th><th>code</th><th>feature</th><th>where</th><th>what</th></tr>\n"
            for problem in input.problems.prefix(rowLimit) {
                html += "<tr><td class=\"\(problem.severity.rawValue)\">\(problem.severity.rawValue)</td><td><code>\(problem.code.rawValue)</code></td>"
                    + "<td>\(featureLink(review, features, problem, fileAnchor: "file-\(k)"))</td><td><code>\(problem.place.description)</code></td><td>\(problem.message)</td></tr>\n"
            }
            let omitted = input.omittedProblems + max(0, input.problems.count - rowLimit)
            if omitted > 0 { html += "<tr><td colspan=\"5\" class=\"more\">… and \(omitted) more (all listed ones in <a href=\"review.json\">review.json</a>)</td></tr>\n" }
            html += "</table>\n"
        }
        return html
    }

    /// Features by id, to link problems to them.
    private struct FeatureIndex {
        var byID: [String: any RegistryFeature] = [:]
        init(_ review: PlanningReview) {
            for feature in review.corridors as [any RegistryFeature] + review.communes + review.zones { byID[feature.id] = feature }
        }
    }

    /// A link to the row of the feature a problem is about, or to its file's section.
    private func featureLink(_ review: PlanningReview, _ index: FeatureIndex, _ problem: Problem, fileAnchor: String) -> Markup {
        if case let .row(_, fid) = problem.place {
            guard let id = problem.featureID, let feature = index.byID[id] else { return "<a href=\"#\(fileAnchor)\">fid \(String(fid))</a>" }
            return link(review, feature, label: "fid \(String(fid)) (\(feature.name))")
        }
        guard let number = problem.feature else { return "<a href=\"#\(fileAnchor)\">file</a>" }
        let id = problem.featureID ?? "\(((problem.file as NSString).lastPathComponent as NSString).deletingPathExtension)#\(number)"
        guard let feature = index.byID[id] else { return "<a href=\"#\(fileAnchor)\">feature \(number)</a>" }
        return link(review, feature, label: "feature \(number) (\(feature.name))")
    }

    /// A link to a feature's row in the areas or corridors table.
    private func link(_ review: PlanningReview, _ feature: any RegistryFeature, label: String? = nil) -> Markup {
        let prefix = feature.layer == .zones ? "zone-row" : feature.layer == .communes ? "commune-row" : "corridor-row"
        return "<a href=\"#\(prefix)-\(ReviewAnchors.slug(feature.id))\">\(label ?? feature.name)</a>"
    }

    /// A link that shows the feature on the interactive map.
    private func mapLink(_ review: PlanningReview, _ feature: any RegistryFeature) -> Markup {
        let key = switch feature.layer {
        case .zones: "zones-\(feature.kindName)"
        case .communes: "communes"
        case .corridors: "corridors"
        }
        return "<a href=\"#map\" data-map=\"\(key)|\(feature.id)\">map</a>"
    }
}
