import ArgumentParser
import Foundation
import ZoneAtlas
import ZoneGeoJSON
import ZoneProjection

/// `zoneatlas validate`: is this boundary file right? Every problem, exactly where it is.
struct ValidateCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check GeoJSON (or GeoPackage) boundary files and report every problem with its location.",
        discussion: """
            Exit status: 0 when no file has errors, 1 when any has, 2 for usage or I/O errors.
            Coordinates are WGS84 lon/lat unless the file's "crs" member or --input-crs names another CRS.
            """)

    @Argument(help: "GeoJSON or GeoPackage files to check; - reads standard input.", completion: .file(extensions: ["geojson", "json", "gpkg"]))
    var files: [String]

    @Option(help: "The CRS of the coordinates, e.g. EPSG:9210 (VN-2000 / TM-3 105-45); overrides the file's own.")
    var inputCRS: String?

    @Option(name: .customLong("crs"), help: RenamedOption.help("--input-crs"))
    var oldInputCRS: String?

    @Flag(help: "Build polygons from closed LineString outlines (CAD exports).")
    var polygonize = false

    @Option(help: "What to do with geometries GEOS finds invalid: reject, warn or repair.")
    var policy: InvalidGeometryPolicy = .reject

    @Option(help: "With --policy repair: write the repaired features here as GeoJSON (one input file only); - writes standard output.",
            completion: .file(extensions: ["geojson"]))
    var output: String?

    @Option(help: "Output format: text or json.")
    var format: ReportFormat = .text

    @Option(help: "Problems listed per file at most; the rest are counted.")
    var maxProblems = 1000

    @OptionGroup var stream: StreamLimit

    @OptionGroup var messages: MessageOptions

    func validate() throws {
        try RenamedOption.check("--input-crs", given: inputCRS != nil, old: "--crs", given: oldInputCRS != nil)
        if output != nil && files.count != 1 {
            throw ValidationError("--output takes one input file; \(files.count) were given")
        }
        if maxProblems < 0 { throw ValidationError("--max-problems must be 0 or more") }
    }

    func run() throws {
        var options = ReadOptions(polygonize: polygonize, policy: policy, problemLimit: maxProblems)
        if let crs = inputCRS ?? oldInputCRS { options.crs = try Terminal.crs(crs) }
        let reader = GeoJSONReader(options: options)
        // The registry's fields with a closed set of values, as an import with the default mapping reads them.
        let mapper = FeatureMapper()
        let input = try InputPaths(files, limit: stream)
        defer { input.release() }
        var results: [ReadResult] = []
        var repaired: [Feature] = []
        for file in input.readable {
            let clock = ContinuousClock(), start = clock.now
            do {
                var result: ReadResult, unknown: [Problem] = []
                if RegistryImporter.isGeoPackage(file) {
                    var count = 0
                    result = try GeoPackageInput(path: file, options: options).read { table, row, _ in
                        unknown += mapper.unknownValueProblems(row, of: table, file: file)
                        if output != nil { repaired.append(GeoPackageInput.feature(row, index: count)) }
                        count += 1
                    }
                } else {
                    result = try ProgressBar.reading(shown: input.shown) {
                        try reader.read(contentsOf: file) { batch in
                            unknown += batch.features.flatMap { mapper.unknownValueProblems($0, file: file) }
                            if output != nil { repaired += batch.features }
                        }
                    }
                }
                result.problems += unknown
                results.append(input.shown(result))
            } catch {
                throw CommandFailure.usageOrIO(input.shown("\(error)"))
            }
            Terminal.detail("\(results.last?.file ?? file): \(results.last?.featureCount ?? 0) features read in \(Elapsed.since(start, clock))")
        }
        let written = output.map(OutputFile.init)
        switch format {
        case .text: OutputFile.report(ValidationReport.text(results), beside: written)
        case .json: OutputFile.report(ValidationReport.json(results) + "\n", beside: written)
        }
        if let written, let result = results.first {
            var collection = result.collection
            collection.features = repaired
            let text: String
            do {
                text = try GeoJSONWriter(indent: 1).string(collection) + "\n"
            } catch {
                throw CommandFailure.usageOrIO("cannot write \(written.path): \(error)")
            }
            try written.write(text, what: "\(result.featureCount) features")
        }
        let failed = results.filter(\.hasErrors).count
        if failed > 0 {
            throw CommandFailure.inputHasErrors("\(failed) of \(results.count) file\(results.count == 1 ? "" : "s") \(failed == 1 ? "has" : "have") errors")
        }
    }
}

/// How a command prints its findings.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension InvalidGeometryPolicy: ExpressibleByArgument {}
