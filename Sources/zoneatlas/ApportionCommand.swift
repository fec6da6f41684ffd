import ArgumentParser
import ZoneAtlas
import ZoneGeoJSON

/// `zoneatlas apportion`: how each zone's land divides among communes.
struct ApportionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apportion",
        abstract: "For each zone, the hectares and share of it in each commune it touches, and the share of each commune it takes.")

    @Option(parsing: .upToNextOption, help: "Zone files (GeoJSON or GeoPackage); without any, the registry's zones.")
    var zones: [String] = []

    @Option(parsing: .upToNextOption, help: "Commune files; without any, the registry's communes.")
    var communes: [String] = []

    @Option(help: "Output format: table, json or csv.")
    var format: Tabular.Format = .table

    @OptionGroup var input: InputOptions

    func run() throws {
        let zoneFeatures = try input.entries(zones, layer: .zones, from: .zones)
        let communeFeatures = try input.entries(communes, layer: .communes, from: .communes)
        let result = try ProgressBar.run("apportioning") { try Apportionment.compute(zones: zoneFeatures, communes: communeFeatures) }
        let columns = ["zone", "zone_name", "commune", "commune_name", "area_m2", "area_ha", "share_of_zone", "share_of_commune"]
        let rows = result.parts.map { part -> [JSONValue] in
            [.string(part.zone.id), .string(part.zone.name), .string(part.commune.id), .string(part.commune.name),
             Number.fixed(part.areaSquareMetres, 1), Number.fixed(part.areaSquareMetres / 10_000, 2),
             Number.fixed(part.shareOfZone, 4), Number.fixed(part.shareOfCommune, 4)]
        }
        switch format {
        case .json:
            let zones = result.zones.map { summary -> JSONValue in
                let parts = rows.filter { $0[0] == .string(summary.zone.id) }
                    .map { JSONValue.object(JSONObject(zip(columns, $0).dropFirst(2).map { (key: $0, value: $1) })) }
                return .object(["id": .string(summary.zone.id), "name": .string(summary.zone.name),
                                "area_m2": Number.fixed(summary.areaSquareMetres, 1),
                                "outside_communes_m2": Number.fixed(summary.outsideSquareMetres, 1), "communes": .array(parts)])
            }
            Terminal.output(JSONWriter(indent: 2).string(.object(["zones": .array(zones)])) + "\n")
        case .csv:
            Terminal.output(Tabular(columns: columns, rows: rows).render(.csv))
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
