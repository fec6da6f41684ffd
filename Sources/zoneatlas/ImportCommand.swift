import ArgumentParser
import Foundation
import ZoneAtlas
import ZoneGeoJSON
import ZoneProjection

/// `zoneatlas import`: validate boundary files and add them to the registry, all or nothing.
struct ImportCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Validate GeoJSON (or GeoPackage) files and add their features to the registry.",
        discussion: """
            Every file is validated first; if any has an error, nothing is imported and the registry file is left \
            exactly as it was. A feature goes to the layer given by --as-layer, else by its geometry and "kind" property \
            (lines → corridors; commune, ward, special_zone → communes; anything else → zones). A table of an input \
            GeoPackage goes where --layer-from sends it. An entry with the id of an existing one in the same layer \
            replaces it in place: its fid and any columns other clients added are kept. The import is one transaction: \
            it waits for other writers (--lock-timeout) and commits whole or not at all, as one revision of the \
            registry's history (with --author, --message, --decision and each file's SHA-256; see `zoneatlas log`).
            """)

    @Argument(help: "GeoJSON or GeoPackage files, or directories of them; - reads standard input.",
              completion: .file(extensions: ["geojson", "json", "gpkg"]))
    var paths: [String]

    @Option(help: "Put every feature in this layer of the registry: zones, communes or corridors.")
    var asLayer: Layer?

    @Option(name: .customLong("layer"), help: RenamedOption.help("--as-layer"))
    var oldAsLayer: Layer?

    @Option(name: .customLong("layer-from"), help: ArgumentHelp(
        "Read this table of an input GeoPackage into this layer, as TABLE=LAYER (e.g. khu_cong_nghiep=zones); repeatable. "
        + "With any given, only the named tables are read.", valueName: "table=layer"))
    var layerFrom: [String] = []

    @Option(help: "The kind for features without one (e.g. channel, industrial_park).")
    var kind: String?

    @Option(help: "The CRS of the coordinates, e.g. EPSG:9210; overrides the files' own.")
    var inputCRS: String?

    @Option(name: .customLong("crs"), help: RenamedOption.help("--input-crs"))
    var oldInputCRS: String?

    @Flag(help: "Build polygons from closed LineString outlines.")
    var polygonize = false

    @Option(help: "What to do with invalid geometries: reject, warn or repair.")
    var policy: InvalidGeometryPolicy = .reject

    @OptionGroup var registry: RegistryOptions

    @OptionGroup var revision: RevisionOptions

    @OptionGroup var stream: StreamLimit

    @OptionGroup var messages: MessageOptions

    func validate() throws {
        try RenamedOption.check("--as-layer", given: asLayer != nil, old: "--layer", given: oldAsLayer != nil)
        try RenamedOption.check("--input-crs", given: inputCRS != nil, old: "--crs", given: oldInputCRS != nil)
    }

    func run() throws {
        let mapping = try registry.mapping()
        var options = ReadOptions(polygonize: polygonize, policy: policy)
        if let crs = inputCRS ?? oldInputCRS { options.crs = try Terminal.crs(crs) }
        let mapper = FeatureMapper(mapping: mapping, layer: asLayer ?? oldAsLayer, defaultKind: kind)
        let importer = RegistryImporter(readOptions: options, mapper: mapper, layerFromTable: try tableLayers())
        let input = try InputPaths(paths, limit: stream)
        defer { input.release() }
        let clock = ContinuousClock(), start = clock.now
        // The registry's own tables are read with its own columns: the --map options were for the input.
        let store = try registry.store(mapping: FieldMapping())
        let facts = ["zoneatlas_version": ZoneAtlasCommand.configuration.version,
                     "last_import": ISO8601DateFormatter().string(from: Date()),
                     "last_import_files": paths.joined(separator: ", ")]
        let done: RegistryImporter.Import
        switch Result(catching: { () throws(RegistryError) in
            try ProgressBar.reading(shown: input.shown) { () throws(RegistryError) in
                try importer.importFiles(input.readable, into: store, facts: facts, note: revision.note(command: "import")) {
                    Terminal.info("importing into \(store.location)")
                }
            }
        }) {
        case let .success(result):
            done = result
        case let .failure(.invalidInput(results)):
            Terminal.error(ValidationReport.text(results.map(input.shown)))
            throw CommandFailure.inputHasErrors("nothing imported; the registry is unchanged")
        case let .failure(error):
            let message = input.shown("\(error)") + "; nothing imported, the registry is unchanged"
            switch error {
            case .unreadable, .store, .locked, .badRow, .missingColumn, .damaged: throw CommandFailure.usageOrIO(message)
            default: throw CommandFailure.inputHasErrors(message)
            }
        }
        let changes = done.changes
        let warnings = done.results.reduce(0) { $0 + $1.problems.count }
        for result in done.results.map(input.shown) {
            Terminal.detail("\(result.file): \(result.featureCount) features, \(result.problems.count) warnings")
        }
        for layer in Layer.allCases where changes.added[layer] != nil || changes.replaced[layer] != nil {
            Terminal.info("\(layer.rawValue): \(changes.added[layer] ?? 0) added, \(changes.replaced[layer] ?? 0) replaced")
        }
        Terminal.detail("import took \(Elapsed.since(start, clock))")
        Terminal.info("imported \(changes.total) features into \(store.location) as revision \(done.revision.number)"
                       + (warnings > 0 ? " with \(warnings) warning\(warnings == 1 ? "" : "s") (run `zoneatlas validate` to see them)" : ""))
    }

    /// The --layer-from options as table → layer, or exit 2.
    private func tableLayers() throws -> [String: Layer] {
        var layers: [String: Layer] = [:]
        for assignment in layerFrom {
            let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let layer = Layer(rawValue: parts[1]) else {
                throw ValidationError("--layer-from is TABLE=LAYER with LAYER zones, communes or corridors, not '\(assignment)'")
            }
            layers[parts[0]] = layer
        }
        return layers
    }
}
