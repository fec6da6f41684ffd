import ArgumentParser
import Foundation
import ZoneAtlas
import ZoneGeoJSON
import ZoneProjection

/// `zoneatlas import`: validate boundary files and add them to the registry, all or nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Validate GeoJSON (or GeoPackage) files and add their features to the registry.",
        discussion: """
            Every file is validated first; if any has an error, nothing is imported and the registry file is left \
            exactly as it was. A feature goes to the layer given by --layer, else by its geometry and "kind" property \
            (lines → corridors; commune, ward, special_zone → communes; anything else → zones). A table of an input \
            GeoPackage goes where --layer-from sends it. An entry with the id of an existing one in the same layer \
            replaces it in place: its fid and any columns other clients added are kept. The import is one transaction: \
            it waits for other writers (--lock-timeout) and commits whole or not at all.
            """)

    @Argument(help: "GeoJSON or GeoPackage files, or directories of them.")
    var paths: [String]

    @Option(help: "Put every feature in this layer: zones, communes or corridors.")
    var layer: Layer?

    @Option(name: .customLong("layer-from"), help: ArgumentHelp(
        "Read this table of an input GeoPackage into this layer, as TABLE=LAYER (e.g. khu_cong_nghiep=zones); repeatable. "
        + "With any given, only the named tables are read.", valueName: "table=layer"))
    var layerFrom: [String] = []

    @Option(help: "The kind for features without one (e.g. channel, industrial_park).")
    var kind: String?

    @Option(help: "The CRS of the coordinates, e.g. EPSG:9210; overrides the files' own.")
    var crs: String?

    @Flag(help: "Build polygons from closed LineString outlines.")
    var polygonize = false

    @Option(help: "What to do with invalid geometries: reject, warn or repair.")
    var policy: InvalidGeometryPolicy = .reject

    @OptionGroup var registry: RegistryOptions

    func run() throws {
        let mapping = try registry.mapping()
        var options = ReadOptions(polygonize: polygonize, policy: policy)
        if let crs { options.crs = try Terminal.crs(crs, for: "import") }
        let importer = RegistryImporter(readOptions: options, mapper: FeatureMapper(mapping: mapping, layer: layer, defaultKind: kind),
                                        layerFromTable: try tableLayers())
        // The registry's own tables are read with its own columns: the --map options were for the input.
        let store = GeoPackageStore(path: registry.registry, lockTimeoutSeconds: registry.lockTimeout)
        let facts = ["zoneatlas_version": ZoneAtlasCommand.configuration.version,
                     "last_import": ISO8601DateFormatter().string(from: Date()),
                     "last_import_files": paths.joined(separator: ", ")]
        let done: RegistryImporter.Import
        switch Result(catching: { () throws(RegistryError) in
            try importer.importFiles(paths, into: store, facts: facts) { Terminal.error("importing into \(registry.registry)") }
        }) {
        case let .success(result):
            done = result
        case let .failure(.invalidInput(results)):
            Terminal.error(ValidationReport.text(results))
            Terminal.error("zoneatlas import: nothing imported; the registry is unchanged")
            throw ZoneAtlasCommand.inputHasErrors
        case let .failure(error):
            Terminal.error("zoneatlas import: \(error); nothing imported, the registry is unchanged")
            switch error {
            case .unreadable, .store, .locked, .badRow: throw ZoneAtlasCommand.usageOrIO
            default: throw ZoneAtlasCommand.inputHasErrors
            }
        }
        let changes = done.changes
        let warnings = done.results.reduce(0) { $0 + $1.problems.count }
        for layer in Layer.allCases where changes.added[layer] != nil || changes.replaced[layer] != nil {
            Terminal.error("\(layer.rawValue): \(changes.added[layer] ?? 0) added, \(changes.replaced[layer] ?? 0) replaced")
        }
        Terminal.error("imported \(changes.total) features into \(registry.registry)"
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
