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
        let report = try ProgressBar.run("checking coverage") { try CoverageReport.check(units, boundary: outline, minimumAreaSquareMetres: minArea) }
        let overlapRows = report.overlaps.map { pair -> [JSONValue] in
            [.string(pair.a.id), .string(pair.a.name), .string(pair.b.id), .string(pair.b.name), Number.fixed(pair.areaSquareMetres, 1)]
        }
        let gapRows = report.gaps.map { gap -> [JSONValue] in
            [Number.fixed(gap.areaSquareMetres, 1), .array([Number.fixed(gap.location.x, 6), Number.fixed(gap.location.y, 6)]),
             .array(gap.neighbours.map(JSONValue.string))]
        }
        if format == .json {
            let object: JSONObject = [
                "overlaps": .array(overlapRows.map { .object(["a": $0[0], "b": $0[2], "area_m2": $0[4]]) }),
                "gaps": .array(gapRows.map { .object(["area_m2": $0[0], "location": $0[1], "neighbours": $0[2]]) }),
                "overlap_area_m2": Number.fixed(report.overlaps.reduce(0) { $0 + $1.areaSquareMetres }, 1),
                "gap_area_m2": Number.fixed(report.gaps.reduce(0) { $0 + $1.areaSquareMetres }, 1),
                "covered_area_m2": Number.fixed(report.coveredSquareMetres, 1),
                "boundary_area_m2": Number.optional(report.boundarySquareMetres, 1),
            ]
            Terminal.output(JSONWriter(indent: 2).string(.object(object)) + "\n")
        } else {
            var text = "\(units.count) units cover " + String(format: "%.2f km²", report.coveredSquareMetres / 1e6)
            if let area = report.boundarySquareMetres { text += String(format: " of a %.2f km² boundary", area / 1e6) }
            text += "\n\n\(report.overlaps.count) overlapping pairs, "
                + String(format: "%.2f ha\n", report.overlaps.reduce(0) { $0 + $1.areaSquareMetres } / 10_000)
            text += Tabular(columns: ["a", "a_name", "b", "b_name", "area_m2"], rows: overlapRows).render(.table)
            text += "\n\(report.gaps.count) gaps, " + String(format: "%.2f ha\n", report.gaps.reduce(0) { $0 + $1.areaSquareMetres } / 10_000)
            text += Tabular(columns: ["area_m2", "location", "neighbours"], rows: gapRows).render(.table)
            Terminal.output(text)
        }
        if let output {
            var features = report.overlaps.enumerated().map { k, pair in
                Feature(index: k, id: .string("overlap-\(k + 1)"), geometry: pair.geometry,
                        properties: ["kind": .string("overlap"), "a": .string(pair.a.id), "b": .string(pair.b.id),
                                     "area_m2": Number.fixed(pair.areaSquareMetres, 1)])
            }
            features += report.gaps.enumerated().map { k, gap in
                Feature(index: features.count + k, id: .string("gap-\(k + 1)"), geometry: gap.geometry,
                        properties: ["kind": .string("gap"), "area_m2": Number.fixed(gap.areaSquareMetres, 1),
                                     "neighbours": .array(gap.neighbours.map(JSONValue.string))])
            }
            try ResultLayer.write(features, name: "coverage", to: output)
        }
    }
}
