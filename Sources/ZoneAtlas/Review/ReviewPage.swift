import Foundation
import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// The review as one self-contained HTML page: no network, no scripts, no external fonts; the map
/// is inlined and every problem links to its feature.
struct ReviewPage {
    func html(_ review: PlanningReview, map: String) throws -> String {
        var page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(xml(review.title))</title>
            <style>
            body{font-family:"DejaVu Sans",Arial,sans-serif;margin:1.5em auto;max-width:1320px;color:#1b1b1b;line-height:1.4}
            h1{font-size:1.6em}h2{border-bottom:2px solid #2a9d8f;padding-bottom:.2em;margin-top:2em}
            nav a{margin-right:1em}table{border-collapse:collapse;margin:.5em 0 1em;font-size:.92em}
            th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}th{background:#eef5f4}
            td.n{text-align:right;font-variant-numeric:tabular-nums}.flag{color:#b00020;font-weight:bold}
            .error{color:#b00020}.warning{color:#9a6700}.ok{color:#2a7d2a}.map svg{max-width:100%;height:auto;border:1px solid #ddd}
            .cards{display:flex;flex-wrap:wrap;gap:1em}.card{border:1px solid #ccc;border-radius:6px;padding:.6em 1em;min-width:10em}
            .card b{font-size:1.5em;display:block}code{font-size:.9em}
            </style></head><body>
            <h1>\(xml(review.title))</h1>
            <nav><a href="#summary">Summary</a><a href="#map">Map</a><a href="#areas">Areas</a><a href="#overlaps">Overlaps</a>\
            <a href="#apportionment">Apportionment</a><a href="#coverage">Coverage</a><a href="#corridors">Corridors</a><a href="#problems">Problems</a></nav>

            """
        page += summary(review)
        page += "<h2 id=\"map\">Map</h2>\n<div class=\"map\">\n\(map)</div>\n"
        page += areas(review)
        page += overlaps(review)
        page += apportionment(review)
        page += coverage(review)
        page += corridors(review)
        page += problems(review)
        return page + "<p><small>Made by ZoneAtlas. Geodesic areas on the WGS84 ellipsoid (Karney); planar areas and distances in \(xml(review.crs.name)) (\(review.crs.definition)).</small></p>\n</body></html>\n"
    }

    private func summary(_ review: PlanningReview) -> String {
        var cards = ""
        func card(_ value: String, _ label: String, _ style: String = "") {
            cards += "<div class=\"card \(style)\"><b>\(value)</b>\(xml(label))</div>"
        }
        card("\(review.zones.count)", "zones")
        card("\(review.communes.count)", "communes")
        card("\(review.corridors.count)", "corridors")
        card("\(review.conflicts.count)", "conflicting overlaps", review.conflicts.isEmpty ? "ok" : "error")
        card("\(review.areas.rows.filter(\.flagged).count)", "areas off their declaration", review.areas.rows.contains(where: \.flagged) ? "warning" : "ok")
        card("\(review.inputErrors.count)", "errors in the input", review.inputErrors.isEmpty ? "ok" : "error")
        var rows = ""
        for total in review.areas.totals {
            rows += "<tr><td>\(xml(ReviewMap.readable(total.kind)))</td><td class=\"n\">\(total.count)</td><td class=\"n\">\(ha(total.geodesicAreaSquareMetres))</td>"
                + "<td class=\"n\">\(declared(total))</td><td class=\"n\">\(total.flagged)</td></tr>\n"
        }
        return """
            <h2 id="summary">Summary</h2>
            <div class="cards">\(cards)</div>
            <table><tr><th>kind</th><th>count</th><th>measured ha</th><th>declared ha</th><th>flagged</th></tr>
            \(rows)</table>
            <p>Input: \(review.inputs.map { "<code>\(xml($0.file))</code> (\($0.featureCount) features)" }.joined(separator: ", "))</p>

            """
    }

    /// The declared total, saying how many declare one when not all do.
    private func declared(_ total: AreaReport.Total) -> String {
        guard total.declaredCount > 0 else { return "" }
        let sum = String(format: "%.2f", total.declaredAreaHectares)
        return total.declaredCount == total.count ? sum : "\(sum) (\(total.declaredCount) of \(total.count))"
    }

    private func areas(_ review: PlanningReview) -> String {
        var html = "<h2 id=\"areas\">Declared and measured areas</h2>\n<p>Flagged where the measured geodesic area differs from the declared one by more than \(review.areas.tolerancePercent) %.</p>\n"
        for layer in [Layer.zones, .communes] {
            let rows = review.areas.rows.filter { $0.layer == layer }
            guard !rows.isEmpty else { continue }
            html += "<h3>\(layer == .zones ? "Zones" : "Communes")</h3>\n<table><tr><th>id</th><th>name</th><th>kind</th><th>geodesic ha</th><th>planar ha</th><th>declared ha</th><th>difference</th><th></th></tr>\n"
            for row in rows {
                let difference = row.differencePercent.map { String(format: "%+.2f %% (%+.2f ha)", $0, row.differenceHectares ?? 0) } ?? ""
                html += "<tr id=\"\(layer == .zones ? "zone" : "commune")-row-\(ReviewAnchors.slug(row.id))\"><td><code>\(xml(row.id))</code></td><td>\(xml(row.name))</td><td>\(xml(row.kind))</td>"
                    + "<td class=\"n\">\(String(format: "%.2f", row.geodesicAreaHectares))</td><td class=\"n\">\(String(format: "%.2f", row.planarAreaHectares))</td>"
                    + "<td class=\"n\">\(row.declaredAreaHectares.map { String(format: "%.2f", $0) } ?? "")</td><td class=\"n\">\(difference)</td>"
                    + "<td>\(row.flagged ? "<span class=\"flag\">FLAG</span>" : "")</td></tr>\n"
            }
            html += "</table>\n"
        }
        return html
    }

    private func overlaps(_ review: PlanningReview) -> String {
        var html = "<h2 id=\"overlaps\">Overlaps and containments</h2>\n"
        guard !review.overlaps.pairs.isEmpty else { return html + "<p class=\"ok\">No zones overlap.</p>\n" }
        html += "<table><tr><th>zone</th><th>zone</th><th>overlap ha</th><th>share of first</th><th>share of second</th><th>relation</th></tr>\n"
        for pair in review.overlaps.pairs.sorted(by: { ($0.relation == .containment ? 1 : 0) < ($1.relation == .containment ? 1 : 0) }) {
            let relation = pair.relation == .containment ? "<span class=\"ok\">containment</span>" : "<span class=\"error\">\(pair.relation.rawValue)</span>"
            html += "<tr><td>\(link(review, pair.a))</td><td>\(link(review, pair.b))</td><td class=\"n\">\(ha(pair.areaSquareMetres))</td>"
                + "<td class=\"n\">\(String(format: "%.1f %%", pair.shareOfA * 100))</td><td class=\"n\">\(String(format: "%.1f %%", pair.shareOfB * 100))</td><td>\(relation)</td></tr>\n"
        }
        return html + "</table>\n<p>The overlap polygons are in <a href=\"overlaps.geojson\">overlaps.geojson</a>.</p>\n"
    }

    private func apportionment(_ review: PlanningReview) -> String {
        var html = "<h2 id=\"apportionment\">Zones by commune</h2>\n"
        guard !review.communes.isEmpty else { return html + "<p>No communes were given.</p>\n" }
        for summary in review.apportionment.zones {
            let parts = review.apportionment.parts.filter { $0.zone.id == summary.zone.id }
            html += "<h3>\(link(review, summary.zone)) — \(ha(summary.areaSquareMetres)) ha</h3>\n"
            if parts.isEmpty {
                html += "<p>It lies in none of the communes given.</p>\n"
                continue
            }
            html += "<table><tr><th>commune</th><th>ha</th><th>share of zone</th><th>share of commune</th></tr>\n"
            for part in parts {
                html += "<tr><td>\(link(review, part.commune))</td><td class=\"n\">\(ha(part.areaSquareMetres))</td>"
                    + "<td class=\"n\">\(String(format: "%.1f %%", part.shareOfZone * 100))</td><td class=\"n\">\(String(format: "%.1f %%", part.shareOfCommune * 100))</td></tr>\n"
            }
            if summary.outsideSquareMetres >= 5_000 {
                html += "<tr><td><i>in no commune given</i></td><td class=\"n\">\(ha(summary.outsideSquareMetres))</td><td class=\"n\">\(String(format: "%.1f %%", summary.outsideSquareMetres / max(1, summary.areaSquareMetres) * 100))</td><td></td></tr>\n"
            }
            html += "</table>\n"
        }
        return html
    }

    private func coverage(_ review: PlanningReview) -> String {
        var html = "<h2 id=\"coverage\">Do the communes tile?</h2>\n"
        guard let coverage = review.coverage else { return html + "<p>Fewer than two communes were given.</p>\n" }
        let overlapArea = coverage.overlaps.reduce(0) { $0 + $1.areaSquareMetres }
        let gapArea = coverage.gaps.reduce(0) { $0 + $1.areaSquareMetres }
        html += "<p>\(coverage.overlaps.count) pairs of communes overlap (\(ha(overlapArea)) ha in all); \(coverage.gaps.count) gaps lie between them (\(ha(gapArea)) ha). "
            + "Gaps are in <a href=\"gaps.geojson\">gaps.geojson</a>. The largest:</p>\n"
        html += "<table><tr><th>overlapping communes</th><th>m²</th></tr>\n"
        for pair in coverage.overlaps.sorted(by: { $0.areaSquareMetres > $1.areaSquareMetres }).prefix(15) {
            html += "<tr><td>\(link(review, pair.a)) × \(link(review, pair.b))</td><td class=\"n\">\(String(format: "%.0f", pair.areaSquareMetres))</td></tr>\n"
        }
        html += "</table>\n<table><tr><th>gap m²</th><th>at (lon, lat)</th><th>between</th></tr>\n"
        for gap in coverage.gaps.prefix(15) {
            let names = gap.neighbours.compactMap { id in review.communes.first { $0.id == id } }.map { link(review, $0) }.joined(separator: ", ")
            html += "<tr><td class=\"n\">\(String(format: "%.0f", gap.areaSquareMetres))</td><td>\(String(format: "%.5f, %.5f", gap.location.x, gap.location.y))</td><td>\(names)</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private func corridors(_ review: PlanningReview) -> String {
        var html = "<h2 id=\"corridors\">Corridors</h2>\n<p>Zones touching each corridor or within \(String(format: "%.0f", review.adjacency.distanceMetres)) m of it, measured in \(xml(review.adjacency.crs.name)).</p>\n"
        html += "<table><tr><th>corridor</th><th>kind</th><th>length km</th><th>zones</th></tr>\n"
        for corridor in review.corridors {
            let pairs = review.adjacency.pairs.filter { $0.corridor.id == corridor.id }
            let zones = pairs.map { "\(link(review, $0.zone)) (\($0.touches ? "touches" : String(format: "%.0f m", $0.distanceMetres)))" }.joined(separator: "<br>")
            let length = (try? Geodesic.wgs84.length(of: corridor.geometry)).map { String(format: "%.2f", $0 / 1000) } ?? ""
            html += "<tr id=\"corridor-row-\(ReviewAnchors.slug(corridor.id))\"><td>\(xml(corridor.name))</td><td>\(corridor.kind.rawValue)</td><td class=\"n\">\(length)</td><td>\(zones.isEmpty ? "—" : zones)</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private func problems(_ review: PlanningReview) -> String {
        var html = "<h2 id=\"problems\">Problems in the input</h2>\n"
        for (k, input) in review.inputs.enumerated() {
            let errors = input.problems.filter { $0.severity == .error }.count
            html += "<h3 id=\"file-\(k)\"><code>\(xml(input.file))</code>: \(input.featureCount) features, \(errors) errors, \(input.problems.count - errors) warnings</h3>\n"
            guard !input.problems.isEmpty else {
                html += "<p class=\"ok\">No problems.</p>\n"
                continue
            }
            html += "<table><tr><th>severity</th><th>code</th><th>feature</th><th>where</th><th>what</th></tr>\n"
            for problem in input.problems {
                html += "<tr><td class=\"\(problem.severity.rawValue)\">\(problem.severity.rawValue)</td><td><code>\(problem.code.rawValue)</code></td>"
                    + "<td>\(featureLink(review, problem, fileAnchor: "file-\(k)"))</td><td><code>\(xml(problem.pointer.description))</code></td><td>\(xml(problem.message))</td></tr>\n"
            }
            if input.omittedProblems > 0 { html += "<tr><td colspan=\"5\">… and \(input.omittedProblems) more</td></tr>\n" }
            html += "</table>\n"
        }
        return html
    }

    /// A link to the row of the feature a problem is about, or to its file's section.
    private func featureLink(_ review: PlanningReview, _ problem: Problem, fileAnchor: String) -> String {
        guard let index = problem.feature else { return "<a href=\"#\(fileAnchor)\">file</a>" }
        let id = problem.featureID ?? "\(((problem.file as NSString).lastPathComponent as NSString).deletingPathExtension)#\(index)"
        let feature: (any RegistryFeature)? = review.zones.first { $0.id == id } ?? review.communes.first { $0.id == id }
            ?? review.corridors.first { $0.id == id }
        guard let feature else { return "<a href=\"#\(fileAnchor)\">feature \(index)</a>" }
        return link(review, feature, label: "feature \(index) (\(xml(feature.name)))")
    }

    /// A link to a feature's row in the areas or corridors table.
    private func link(_ review: PlanningReview, _ feature: any RegistryFeature, label: String? = nil) -> String {
        let prefix = feature.layer == .zones ? "zone-row" : feature.layer == .communes ? "commune-row" : "corridor-row"
        return "<a href=\"#\(prefix)-\(ReviewAnchors.slug(feature.id))\">\(label ?? xml(feature.name))</a>"
    }

    private func ha(_ squareMetres: Double) -> String {
        String(format: "%.2f", squareMetres / 10_000)
    }
}
