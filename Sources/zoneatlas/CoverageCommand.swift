import ArgumentParser
import Foundation
import ZoneAtlas
import ZoneGeoJSON
import ZoneGeometry

/// `zoneatlas coverage`: do the communes tile the city — where do they overlap, where are gaps?
struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Overlaps and gaps among units that should tile an area (the communes of a city).")

    @Option(parsing: .upToNextOption, help: "Commune files; without any, the registry's communes.")
    var communes: [String] = []

    @Option(help: "A file with the outline they should cover; without it, gaps are holes in their union.")
    var boundary: String?

    @Option(help: "Leave out overlaps and gaps smaller than this, in m².")
    var minArea = 0.0

    @Option(help: "Write the overlaps and gaps to this GeoJSON file (one layer, \"kind\" overlap or gap).")
    var output: String?

    @Option(help: "Output format: table or json.")
    var format: Tabular.Format = .table

    @OptionGroup var input: InputOptions

    func run() throws {
        let units = try input.entries(communes, layer: .communes, from: .communes)
        var outline: Geometry?
        if let boundary {
            let parts = try input.entries([boundary], layer: .zones).map(\.geometry)
            outline = try Geometry.union(of: parts)
        }
        let report = try ProgressBar.run("checking coverage") { try CoverageReport.check(units, boundary: outline, slivers: SliverTolerance(minimumAreaSquareMetres: minArea)) }
        if format == .json {
            Terminal.output(JSONWriter(indent: 2).string(report.json) + "\n")
        } else {
            var text = "\(units.count) units cover " + String(format: "%.2f km²", report.coveredSquareMetres / 1e6)
            if let area = report.boundarySquareMetres { text += String(format: " of a %.2f km² boundary", area / 1e6) }
            text += "\n\n\(report.overlaps.count) overlapping pairs, " + String(format: "%.2f ha\n", report.overlapAreaSquareMetres / 10_000)
            text += Tabular(report.overlapTable).render(.table)
            text += "\n\(report.gaps.count) gaps, " + String(format: "%.2f ha\n", report.gapAreaSquareMetres / 10_000)
            text += Tabular(report.gapTable, shown: ["area_m2", "location", "neighbours"]).render(.table)
            let slivers = report.overlapSlivers.count + report.gapSlivers.count
            if slivers > 0 {
                text += String(format: "\n%d overlaps and %d gaps below --min-area left out (%.2f ha)\n", report.overlapSlivers.count,
                               report.gapSlivers.count, (report.overlapSlivers.totalSquareMetres + report.gapSlivers.totalSquareMetres) / 10_000)
            }
            Terminal.output(text)
        }
        if let output {
            let features = report.overlapFeatures + report.gapFeatures
            try ResultLayer.write(features.enumerated().map { k, feature in
                var feature = feature
                feature.index = k
                return feature
            }, name: "coverage", to: output)
        }
    }
}
