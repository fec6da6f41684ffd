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
        let report = try ProgressBar.run("finding overlaps") { try OverlapReport.find(features, slivers: SliverTolerance(minimumAreaSquareMetres: minArea)) }
        let table = Tabular(report.table)
        switch format {
        case .json:
            Terminal.output(JSONWriter(indent: 2).string(report.json) + "\n")
        case .csv:
            Terminal.output(table.render(.csv))
        case .table:
            Terminal.output(table.render(.table)
                + "\n\(report.pairs.count) overlapping pairs (\(report.conflicts.count) conflicts), "
                + String(format: "%.2f ha in all", report.totalAreaSquareMetres / 10_000)
                + (report.slivers.count > 0 ? String(format: "; %d slivers below --min-area (%.2f ha)", report.slivers.count,
                                                      report.slivers.totalSquareMetres / 10_000) : "") + "\n")
        }
        if let output { try ResultLayer.write(report.features, name: "overlaps", to: output) }
        if failOnConflict && !report.conflicts.isEmpty { throw ZoneAtlasCommand.inputHasErrors }
    }
}
