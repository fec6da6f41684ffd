import ArgumentParser
import ZoneAtlas
import ZoneGeoJSON

/// `zoneatlas apportion`: how each zone's land divides among communes.
struct ApportionCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "apportion",
        abstract: "For each zone, the hectares and share of it in each commune it touches, and the share of each commune it takes.")

    @Option(parsing: .upToNextOption, help: "Zone files (GeoJSON or GeoPackage; - reads standard input); without any, the registry's zones.",
            completion: .file(extensions: ["geojson", "json", "gpkg"]))
    var zones: [String] = []

    @Option(parsing: .upToNextOption, help: "Commune files; without any, the registry's communes.", completion: .file(extensions: ["geojson", "json", "gpkg"]))
    var communes: [String] = []

    @Option(help: "Output format: table, json or csv.")
    var format: Tabular.Format = .table

    @OptionGroup var input: InputOptions

    @OptionGroup var messages: MessageOptions

    func validate() throws {
        if zones.contains("-") && communes.contains("-") { throw ValidationError("standard input ('-') can be read once only") }
    }

    func run() throws {
        let zoneFeatures = try input.entries(zones, layer: .zones, from: .zones)
        let communeFeatures = try input.entries(communes, layer: .communes, from: .communes)
        let result = try ProgressBar.run("apportioning") { try Apportionment.compute(zones: zoneFeatures, communes: communeFeatures) }
        let table = result.table
        let rows = table.rows
        switch format {
        case .json:
            Terminal.output(JSONWriter(indent: 2).string(result.json) + "\n")
        case .csv:
            Terminal.output(Tabular(table).render(.csv))
        case .table:
            var text = ""
            for summary in result.zones {
                text += "\(summary.zone.name) (\(summary.zone.id)): "
                    + "\(String(format: "%.2f", summary.areaSquareMetres / 10_000)) ha"
                    + (summary.outsideSquareMetres > 0.5 ? ", \(String(format: "%.2f", summary.outsideSquareMetres / 10_000)) ha in no commune" : "") + "\n"
                let parts = rows.filter { $0[0] == .string(summary.zone.id) }.map { row in
                    [row[3], row[2], row[5], .string(String(format: "%.1f %%", (row[6].doubleValue ?? 0) * 100)),
                     .string(String(format: "%.1f %%", (row[7].doubleValue ?? 0) * 100))]
                }
                text += Tabular(columns: ["  commune", "code", "ha", "of zone", "of commune"], rows: parts.map { [.string("  " + ($0[0].stringValue ?? ""))] + $0.dropFirst() })
                    .render(.table) + "\n"
            }
            Terminal.output(text)
        }
    }
}
