import ArgumentParser
import ZoneAtlas
import ZoneGeoJSON

/// `zoneatlas overlaps`: every pair of zones that share ground.
struct OverlapsCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "overlaps",
        abstract: "Every pair of features that overlap, with the overlap's geodesic area and its share of each.",
        discussion: "Pairs that only touch are not overlaps. A zone inside its declared parent is reported as containment, not a conflict.")

    @Argument(help: "GeoJSON or GeoPackage files (- reads standard input); without any, the registry's zones.", completion: .file(extensions: ["geojson", "json", "gpkg"]))
    var files: [String] = []

    @Option(help: "Take every feature of the files as this layer: zones, communes or corridors.")
    var asLayer: Layer?

    @Option(name: .customLong("layer"), help: RenamedOption.help("--as-layer"))
    var oldAsLayer: Layer?

    @Option(help: "Leave out overlaps smaller than this, in m² (slivers).")
    var minArea = 0.0

    @Option(help: "Write the overlap polygons to this GeoJSON file; - writes them to standard output (and the table to stderr).",
            completion: .file(extensions: ["geojson"]))
    var output: String?

    @Option(help: "Output format: table, json or csv.")
    var format: Tabular.Format = .table

    @Option(help: "Exit 1 on input errors (errors), or also on any conflict: an overlap that is not containment (conflicts).")
    var failOn: FailOn = .errors

    @Flag(name: .customLong("fail-on-conflict"), help: RenamedOption.help("--fail-on conflicts"))
    var oldFailOnConflict = false

    @OptionGroup var input: InputOptions

    @OptionGroup var messages: MessageOptions

    func validate() throws {
        try RenamedOption.check("--as-layer", given: asLayer != nil, old: "--layer", given: oldAsLayer != nil)
        try RenamedOption.check("--fail-on", given: failOn != .errors, old: "--fail-on-conflict", given: oldFailOnConflict)
        if failOn == .never {
            throw ValidationError("overlaps stops on input errors whatever --fail-on says; --fail-on is errors or conflicts")
        }
    }

    func run() throws {
        let features = try input.entries(files, layer: asLayer ?? oldAsLayer, from: .zones)
        let output = output.map(OutputFile.init)
        let report = try ProgressBar.run("finding overlaps") { try OverlapReport.find(features, slivers: SliverTolerance(minimumAreaSquareMetres: minArea)) }
        let table = Tabular(report.table)
        switch format {
        case .json:
            OutputFile.report(JSONWriter(indent: 2).string(report.json) + "\n", beside: output)
        case .csv:
            OutputFile.report(table.render(.csv), beside: output)
        case .table:
            OutputFile.report(table.render(.table)
                + "\n\(report.pairs.count) overlapping pairs (\(report.conflicts.count) conflicts), "
                + String(format: "%.2f ha in all", report.totalAreaSquareMetres / 10_000)
                + (report.slivers.count > 0 ? String(format: "; %d slivers below --min-area (%.2f ha)", report.slivers.count,
                                                      report.slivers.totalSquareMetres / 10_000) : "") + "\n", beside: output)
        }
        if let output { try ResultLayer.write(report.features, name: "overlaps", to: output) }
        if (failOn == .conflicts || oldFailOnConflict) && !report.conflicts.isEmpty {
            throw CommandFailure.inputHasErrors("\(report.conflicts.count) conflicting overlap\(report.conflicts.count == 1 ? "" : "s") (--fail-on conflicts)")
        }
    }
}
