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
            exactly as it was. A feature goes to the layer given by --layer, else by its "kind" property \
            (commune → communes; road, expressway, rail, waterway, channel, bridge → corridors; anything else → zones). \
            An entry with the id of an existing one in the same layer replaces it.
            """)

    @Argument(help: "GeoJSON or GeoPackage files, or directories of them.")
    var paths: [String]

    @Option(help: "Put every feature in this layer: zones, communes or corridors.")
    var layer: Layer?

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
        let importer = RegistryImporter(readOptions: options, mapper: FeatureMapper(mapping: mapping, layer: layer, defaultKind: kind))
        let batch: RegistryImporter.Batch
        switch Result(catching: { () throws(RegistryError) in try importer.read(paths) }) {
        case let .success(read):
            batch = read
        case let .failure(.invalidInput(results)):
            Terminal.error(ValidationReport.text(results))
            Terminal.error("zoneatlas import: nothing imported; the registry is unchanged")
            throw ZoneAtlasCommand.inputHasErrors
        case let .failure(error):
            Terminal.error("zoneatlas import: \(error); nothing imported")
            if case .unreadable = error { throw ZoneAtlasCommand.usageOrIO }
            throw ZoneAtlasCommand.inputHasErrors
        }
        // The registry already written keeps its own typed fields: read it with the default mapping.
        var current = try registry.load(orEmpty: true, mapping: FieldMapping())
        let changes = current.insert(batch.entries)
        current.facts["zoneatlas_version"] = ZoneAtlasCommand.configuration.version
        current.facts["last_import"] = ISO8601DateFormatter().string(from: Date())
        current.facts["last_import_files"] = batch.results.map(\.file).joined(separator: ", ")
        do {
            try registry.store.save(current)
        } catch {
            Terminal.error("zoneatlas import: \(error)")
            throw ZoneAtlasCommand.usageOrIO
        }
        let warnings = batch.results.reduce(0) { $0 + $1.problems.count }
        for layer in Layer.allCases where changes.added[layer] != nil || changes.replaced[layer] != nil {
            Terminal.error("\(layer.rawValue): \(changes.added[layer] ?? 0) added, \(changes.replaced[layer] ?? 0) replaced")
        }
        Terminal.error("imported \(batch.entries.count) features into \(registry.registry)"
                       + (warnings > 0 ? " with \(warnings) warning\(warnings == 1 ? "" : "s") (run `zoneatlas validate` to see them)" : ""))
    }
}
