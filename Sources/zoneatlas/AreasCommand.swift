import ArgumentParser
import ZoneAtlas
import ZoneGeoJSON
import ZoneProjection

/// `zoneatlas areas`: how big each feature is, against what its decision declares.
struct AreasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "areas",
        abstract: "Geodesic (WGS84) and planar areas of every zone, against the declared area, with totals by kind.")

    @Argument(help: "GeoJSON or GeoPackage files; without any, the registry.")
    var files: [String] = []

    @Option(help: "Read the files as this layer: zones, communes or corridors.")
    var layer: Layer?

    @Option(help: "The projected CRS for planar areas, e.g. EPSG:9210; by default the VN-2000 TM-3 or UTM zone that fits the data.")
    var crs: String?

    @Option(help: "Flag measured areas further than this many percent from the declared area.")
    var tolerance = 5.0

    @Option(help: "Output format: table, json or csv.")
    var format: Tabular.Format = .table

    @OptionGroup var input: InputOptions

    func run() throws {
        let features = try input.entries(files, layer: layer)
        let planar = try crs.map { try Terminal.crs($0, for: "areas", planarMetres: true) }
        let report = try ProgressBar.run("measuring areas") { try AreaReport.measure(features, crs: planar, tolerancePercent: tolerance) }
        let columns = ["id", "name", "kind", "geodesic_area_m2", "geodesic_area_ha", "planar_area_m2", "planar_area_ha", "perimeter_m",
                       "crs", "declared_area_ha", "difference_ha", "difference_pct", "flagged"]
        let rows = report.rows.map { row -> [JSONValue] in
            [.string(row.id), .string(row.name), .string(row.kind), Number.fixed(row.geodesicAreaSquareMetres, 1),
             Number.fixed(row.geodesicAreaHectares, 2), Number.fixed(row.planarAreaSquareMetres, 1), Number.fixed(row.planarAreaHectares, 2),
             Number.fixed(row.perimeterMetres, 1), .string(report.crs.definition), Number.optional(row.declaredAreaHectares, 2),
             Number.optional(row.differenceHectares, 2), Number.optional(row.differencePercent, 2), .bool(row.flagged)]
        }
        switch format {
        case .json:
            let totals = JSONObject(report.totals.map { total in
                (key: total.kind, value: JSONValue.object([
                    "count": .number(String(total.count)),
                    "geodesic_area_m2": Number.fixed(total.geodesicAreaSquareMetres, 1),
                    "geodesic_area_ha": Number.fixed(total.geodesicAreaSquareMetres / 10_000, 2),
                    "planar_area_m2": Number.fixed(total.planarAreaSquareMetres, 1),
                    "declared_area_ha": Number.fixed(total.declaredAreaHectares, 2), "flagged": .number(String(total.flagged))]))
            })
            let features = rows.map { JSONValue.object(JSONObject(zip(columns, $0).map { (key: $0, value: $1) })) }
            let object: JSONObject = ["features": .array(features), "totals": .object(totals), "crs": .string(report.crs.definition),
                                      "crs_name": .string(report.crs.name), "tolerance_pct": Number.fixed(tolerance, 2)]
            Terminal.output(JSONWriter(indent: 2).string(.object(object)) + "\n")
        case .csv:
            Terminal.output(Tabular(columns: columns, rows: rows).render(.csv))
        case .table:
            let shown = ["id", "name", "kind", "geodesic_area_ha", "planar_area_ha", "declared_area_ha", "difference_pct", "flagged"]
            let picked = rows.map { row in shown.map { row[columns.firstIndex(of: $0)!] } }
                .map { $0.enumerated().map { $0.offset == 7 ? ($0.element == .bool(true) ? .string("FLAG") : .string("")) : $0.element } }
            var text = Tabular(columns: shown, rows: picked).render(.table)
            text += "\nplanar areas in \(report.crs.name) (\(report.crs.definition)); flagged beyond ±\(tolerance) % of the declared area\n"
            let totals = report.totals.map { total -> [JSONValue] in
                [.string(total.kind), .number(String(total.count)), Number.fixed(total.geodesicAreaSquareMetres / 10_000, 2),
                 Number.fixed(total.planarAreaSquareMetres / 10_000, 2), Number.fixed(total.declaredAreaHectares, 2), .number(String(total.flagged))]
            }
            text += "\n" + Tabular(columns: ["kind", "count", "geodesic_ha", "planar_ha", "declared_ha", "flagged"], rows: totals).render(.table)
            Terminal.output(text)
        }
    }
}
