import ArgumentParser
import Foundation
import ZoneAtlas
import ZoneGeoJSON
import ZoneProjection

/// Where an analysis reads its features: GeoJSON/GeoPackage files (`-` for standard input), or the registry.
struct InputOptions: ParsableArguments {
    @Option(help: "The CRS of the input coordinates, e.g. EPSG:9210, when the files do not say (read and reprojected to WGS84).")
    var inputCRS: String?

    @Flag(help: "Build polygons from closed LineString outlines in the input files.")
    var polygonize = false

    @Option(help: "Analyse the registry as it was at this revision number, or at the end of this day (YYYY-MM-DD, UTC).")
    var at: String?

    @OptionGroup var stream: StreamLimit

    @OptionGroup var registry: RegistryOptions

    /// Reads `paths` (validated; exit 1 on errors) as entries of `layer` — or, with no paths, that
    /// layer of the registry, now or `--at` a revision.
    func entries(_ paths: [String], layer: Layer?, from registryLayer: Layer? = nil) throws -> [any RegistryFeature] {
        let clock = ContinuousClock(), start = clock.now
        guard !paths.isEmpty else {
            let store = try registry.existingStore()
            let revision = try registry.revision(at, in: store)
            let features = try registry.run {
                try store.entries(RegistryFilter(layers: registryLayer.map { [$0] } ?? Layer.allCases), at: revision).map(\.feature)
            }
            Terminal.detail("read \(features.count) entries from the registry \(store.location) in \(Elapsed.since(start, clock))")
            return features
        }
        guard at == nil else {
            throw CommandFailure.usageOrIO("--at reads the registry at a revision; it does not apply to files (\(paths.joined(separator: ", ")))")
        }
        var options = ReadOptions(polygonize: polygonize)
        if let inputCRS { options.crs = try Terminal.crs(inputCRS) }
        let mapper = FeatureMapper(mapping: try registry.mapping(), layer: layer, forAnalysis: true)
        let input = try InputPaths(paths, limit: stream)
        defer { input.release() }
        switch Result(catching: { () throws(RegistryError) in
            try ProgressBar.reading(shown: input.shown) { () throws(RegistryError) in
                try RegistryImporter(readOptions: options, mapper: mapper).read(input.readable)
            }
        }) {
        case let .success(batch):
            for result in batch.results.map(input.shown) {
                Terminal.detail("read \(result.file): \(result.featureCount) features, \(result.problems.count) warnings")
            }
            Terminal.detail("read \(batch.entries.count) entries from \(paths.count) paths in \(Elapsed.since(start, clock))")
            return batch.entries.map(\.feature)
        case let .failure(.invalidInput(results)):
            let failed = results.filter(\.hasErrors).map(input.shown)
            Terminal.error(ValidationReport.text(failed))
            throw CommandFailure.inputHasErrors("\(failed.count) input file\(failed.count == 1 ? " has" : "s have") errors")
        case let .failure(error):
            let message = input.shown("\(error)")
            if case .unreadable = error { throw CommandFailure.usageOrIO(message) }
            throw CommandFailure.inputHasErrors(message)
        }
    }
}

/// Formats numbers for tables and JSON.
enum Number {
    static func fixed(_ value: Double, _ places: Int) -> JSONValue {
        .fixed(value, places: places)
    }

    static func optional(_ value: Double?, _ places: Int) -> JSONValue {
        value.map { fixed($0, places) } ?? .null
    }
}

/// Writes a FeatureCollection of result geometries (overlaps, gaps) for QGIS.
enum ResultLayer {
    static func write(_ features: [Feature], name: String, to output: OutputFile) throws {
        var collection = FeatureCollection(features: features)
        collection.foreignMembers["name"] = .string(name)
        let text: String
        do {
            text = try GeoJSONWriter().string(collection) + "\n"
        } catch {
            throw CommandFailure.usageOrIO("cannot write \(output.path): \(error)")
        }
        try output.write(text, what: "\(features.count) \(name)")
    }
}
