import ArgumentParser
import ZoneAtlas
import ZoneGeoJSON

/// `zoneatlas overlaps`: every pair of zones that share ground.
struct OverlapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overlaps",
        abstract: "Every pair of features that overlap, with the overlap's geodesic area and its share of each.",
        discussion: "Pairs that only touch are not overlaps. A zone inside its declared parent is reported as containment, not a conflict.")

    @Argument(help: "GeoJSON or GeoPackage files; without any, the registry's zones.")
    var files: [String] = []

    @Option(help: "Read the files as this layer: zones, communes or corridors.")
    var layer: Layer?

    @Option(help: "Leave out overlaps smaller than this, in m² (slivers).")
    var minArea = 0.0

    @Option(help: "Write the overlap polygons to this GeoJSON file.")
    var output: String?

    @Option(help: "Output format: table, json or csv.")
    var format: Tabular.Format = .table

    @Flag(help: "Exit with status 1 when any conflict (an overlap that is not containment) is found.")
    var failOnConflict = false

    @OptionGroup var input: InputOptions

    func run() throws {
        let features = try input.entries(files, layer: layer, from: .zones)
        let report = try ProgressBar.run("finding overlaps") { try OverlapReport.find(features, minimumAreaSquareMetres: minArea) }
        let columns = ["a", "a_name", "b", "b_name", "area_m2", "area_ha", "share_a", "share_b", "relation"]
        let rows = report.pairs.map { pair -> [JSONValue] in
            [.string(pair.a.id), .string(pair.a.name), .string(pair.b.id), .string(pair.b.name), Number.fixed(pair.areaSquareMetres, 1),
             Number.fixed(pair.areaSquareMetres / 10_000, 4), Number.fixed(pair.shareOfA, 6), Number.fixed(pair.shareOfB, 6),
             .string(pair.relation.rawValue)]
        }
        switch format {
        case .json:
            let pairs = rows.map { row in JSONValue.object(JSONObject(zip(columns, row).filter { !$0.0.hasSuffix("_name") && $0.0 != "area_ha" }
                .map { (key: $0, value: $1) })) }
            let object: JSONObject = ["pairs": .array(pairs), "count": .number(String(report.pairs.count)),
                                      "conflicts": .number(String(report.conflicts.count)),
                                      "total_area_m2": Number.fixed(report.totalAreaSquareMetres, 1)]
            Terminal.output(JSONWriter(indent: 2).string(.object(object)) + "\n")
        case .csv:
            Terminal.output(Tabular(columns: columns, rows: rows).render(.csv))
        case .table:
            Terminal.output(Tabular(columns: columns, rows: rows).render(.table)
                + "\n\(report.pairs.count) overlapping pairs (\(report.conflicts.count) conflicts), "
                + String(format: "%.2f ha in all\n", report.totalAreaSquareMetres / 10_000))
        }
        if let output {
            let features = report.pairs.enumerated().map { k, pair in
                Feature(index: k, id: .string("\(pair.a.id)|\(pair.b.id)"), geometry: pair.geometry,
                        properties: ["a": .string(pair.a.id), "b": .string(pair.b.id), "area_m2": Number.fixed(pair.areaSquareMetres, 1),
                                     "share_a": Number.fixed(pair.shareOfA, 6), "share_b": Number.fixed(pair.shareOfB, 6),
                                     "relation": .string(pair.relation.rawValue)])
            }
            try ResultLayer.write(features, name: "overlaps", to: output)
        }
        if failOnConflict && !report.conflicts.isEmpty { throw ZoneAtlasCommand.inputHasErrors }
    }
}
