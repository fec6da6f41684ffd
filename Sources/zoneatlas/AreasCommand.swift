import ArgumentParser
import ZoneAtlas
import ZoneGeoJSON
import ZoneProjection

/// `zoneatlas areas`: how big each feature is, against what its decision declares.
struct AreasCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "areas",
        abstract: "Geodesic (WGS84) and planar areas of every zone, against the declared area, with totals by kind.")

    @Argument(help: "GeoJSON or GeoPackage files (- reads standard input); without any, the registry.", completion: .file(extensions: ["geojson", "json", "gpkg"]))
    var files: [String] = []

    @Option(help: "Take every feature of the files as this layer: zones, communes or corridors.")
    var asLayer: Layer?

    @Option(name: .customLong("layer"), help: RenamedOption.help("--as-layer"))
    var oldAsLayer: Layer?

    @Option(help: "The projected CRS for planar areas, e.g. EPSG:9210; by default the VN-2000 TM-3 or UTM zone that fits the data.")
    var measureCRS: String?

    @Option(name: .customLong("crs"), help: RenamedOption.help("--measure-crs"))
    var oldMeasureCRS: String?

    @Option(help: "Flag measured areas further than this many percent from the declared area.")
    var tolerance = 5.0

    @Option(help: "Output format: table, json or csv.")
    var format: Tabular.Format = .table

    @OptionGroup var input: InputOptions

    @OptionGroup var messages: MessageOptions

    func validate() throws {
        try RenamedOption.check("--as-layer", given: asLayer != nil, old: "--layer", given: oldAsLayer != nil)
        try RenamedOption.check("--measure-crs", given: measureCRS != nil, old: "--crs", given: oldMeasureCRS != nil)
    }

    func run() throws {
        let features = try input.entries(files, layer: asLayer ?? oldAsLayer)
        let planar = try (measureCRS ?? oldMeasureCRS).map { try Terminal.crs($0, planarMetres: true) }
        let report = try ProgressBar.run("measuring areas") { try AreaReport.measure(features, crs: planar, tolerancePercent: tolerance) }
        let table = report.table
        switch format {
        case .json:
            Terminal.output(JSONWriter(indent: 2).string(report.json) + "\n")
        case .csv:
            Terminal.output(Tabular(table, shown: table.columns.filter { $0 != "layer" }).render(.csv))
        case .table:
            var shown = Tabular(table, shown: ["id", "name", "kind", "geodesic_area_ha", "planar_area_ha", "declared_area_ha",
                                                "difference_pct", "flagged"])
            shown.rows = shown.rows.map { row in row.dropLast() + [row.last == .bool(true) ? .string("FLAG") : .string("")] }
            var text = shown.render(.table)
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
