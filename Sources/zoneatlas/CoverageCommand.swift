import ArgumentParser
import Foundation
import ZoneAtlas
import ZoneGeoJSON
import ZoneGeometry

/// `zoneatlas coverage`: do the communes tile the city — where do they overlap, where are gaps?
struct CoverageCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Overlaps and gaps among units that should tile an area (the communes of a city).",
        discussion: "CSV has one row per overlap and per gap: kind, id, area_m2, the pair (a, b) of an overlap, a point inside a gap and its neighbours.")

    @Option(parsing: .upToNextOption, help: "Commune files (- reads standard input); without any, the registry's communes.",
            completion: .file(extensions: ["geojson", "json", "gpkg"]))
    var communes: [String] = []

    @Option(help: "A file with the outline they should cover; without it, gaps are holes in their union.",
            completion: .file(extensions: ["geojson", "json", "gpkg"]))
    var boundary: String?

    @Option(help: "Leave out overlaps and gaps smaller than this, in m².")
    var minArea = 0.0

    @Option(help: "Write the overlaps and gaps to this GeoJSON file (one layer, \"kind\" overlap or gap); - writes them to standard output (and the report to stderr).",
            completion: .file(extensions: ["geojson"]))
    var output: String?

    @Option(help: "Output format: table, json or csv.")
    var format: Tabular.Format = .table

    @OptionGroup var input: InputOptions

    @OptionGroup var messages: MessageOptions

    func validate() throws {
        if communes.contains("-") && boundary == "-" { throw ValidationError("standard input ('-') can be read once only") }
    }

    func run() throws {
        let units = try input.entries(communes, layer: .communes, from: .communes)
        var outline: Geometry?
        if let boundary {
            let parts = try input.entries([boundary], layer: .zones).map(\.geometry)
            outline = try Geometry.union(of: parts)
        }
        let report = try ProgressBar.run("checking coverage") { try CoverageReport.check(units, boundary: outline, slivers: SliverTolerance(minimumAreaSquareMetres: minArea)) }
        let output = output.map(OutputFile.init)
        switch format {
        case .json:
            OutputFile.report(JSONWriter(indent: 2).string(report.json) + "\n", beside: output)
        case .csv:
            OutputFile.report(Self.rows(report).render(.csv), beside: output)
        case .table:
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
            OutputFile.report(text, beside: output)
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

    /// The overlaps and the gaps as one table: `kind,id,area_m2,a,a_name,b,b_name,lon,lat,neighbours`
    /// (neighbours as ids joined by `;`).
    static func rows(_ report: CoverageReport) -> Tabular {
        func items(_ value: JSONValue) -> [JSONValue] {
            if case let .array(items) = value { items } else { [] }
        }
        let overlaps = report.overlapTable.rows.enumerated().map { k, row -> [JSONValue] in
            [.string("overlap"), .string("overlap-\(k + 1)"), row[4], row[0], row[1], row[2], row[3], .null, .null, .null]
        }
        let gaps = report.gapTable.rows.map { row -> [JSONValue] in
            let location = items(row[2])
            let neighbours = items(row[3]).compactMap(\.stringValue).joined(separator: ";")
            return [.string("gap"), row[0], row[1], .null, .null, .null, .null, location.first ?? .null, location.last ?? .null, .string(neighbours)]
        }
        return Tabular(columns: ["kind", "id", "area_m2", "a", "a_name", "b", "b_name", "lon", "lat", "neighbours"], rows: overlaps + gaps)
    }
}
