import ArgumentParser
import Foundation
import ZoneGeoJSON
import ZoneProjection

/// `zoneatlas validate`: is this boundary file right? Every problem, exactly where it is.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check GeoJSON boundary files and report every problem with its location.",
        discussion: """
            Exit status: 0 when no file has errors, 1 when any has, 2 for usage or I/O errors.
            Coordinates are WGS84 lon/lat unless the file's "crs" member or --crs names another CRS.
            """)

    @Argument(help: "GeoJSON files to check.")
    var files: [String]

    @Option(help: "The CRS of the coordinates, e.g. EPSG:9210 (VN-2000 / TM-3 105-45); overrides the file's own.")
    var crs: String?

    @Flag(help: "Build polygons from closed LineString outlines (CAD exports).")
    var polygonize = false

    @Option(help: "What to do with geometries GEOS finds invalid: reject, warn or repair.")
    var policy: InvalidGeometryPolicy = .reject

    @Option(help: "With --policy repair: write the repaired features here as GeoJSON (one input file only).")
    var output: String?

    @Option(help: "Output format: text or json.")
    var format: ReportFormat = .text

    @Option(help: "Problems listed per file at most; the rest are counted.")
    var maxProblems = 1000

    func validate() throws {
        if output != nil && files.count != 1 {
            throw ValidationError("--output takes one input file; \(files.count) were given")
        }
        if maxProblems < 0 { throw ValidationError("--max-problems must be 0 or more") }
    }

    func run() throws {
        var options = ReadOptions(polygonize: polygonize, policy: policy, problemLimit: maxProblems)
        if let crs { options.crs = try Terminal.crs(crs, for: "validate") }
        let reader = GeoJSONReader(options: options)
        var results: [ReadResult] = []
        for file in files {
            do {
                results.append(try reader.read(contentsOf: file))
            } catch {
                Terminal.error("zoneatlas validate: \(error)")
                throw ZoneAtlasCommand.usageOrIO
            }
        }
        switch format {
        case .text: Terminal.output(ValidationReport.text(results))
        case .json: Terminal.output(ValidationReport.json(results) + "\n")
        }
        if let output, let result = results.first {
            do {
                let text = try GeoJSONWriter(indent: 1).string(result.collection)
                try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                Terminal.error("wrote \(result.featureCount) features to \(output)")
            } catch {
                Terminal.error("zoneatlas validate: cannot write \(output): \(error)")
                throw ZoneAtlasCommand.usageOrIO
            }
        }
        if results.contains(where: \.hasErrors) { throw ZoneAtlasCommand.inputHasErrors }
    }
}

/// How a command prints its findings.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension InvalidGeometryPolicy: ExpressibleByArgument {}
