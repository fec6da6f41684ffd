import ArgumentParser
import Foundation
import ZoneAtlas
import ZoneGeoJSON
import ZoneProjection

/// Where an analysis reads its features: GeoJSON/GeoPackage files, or the registry.
struct InputOptions: ParsableArguments {
    @Option(help: "The CRS of the input coordinates, e.g. EPSG:9210, when the files do not say (read and reprojected to WGS84).")
    var inputCRS: String?

    @Flag(help: "Build polygons from closed LineString outlines in the input files.")
    var polygonize = false

    @OptionGroup var registry: RegistryOptions

    /// Reads `paths` (validated; exit 1 on errors) as entries of `layer` — or, with no paths, that
    /// layer of the registry.
    func entries(_ paths: [String], layer: Layer?, from registryLayer: Layer? = nil) throws -> [any RegistryFeature] {
        guard !paths.isEmpty else {
            let store = try registry.existingStore()
            return try registry.run("analysis") {
                try store.entries(RegistryFilter(layers: registryLayer.map { [$0] } ?? Layer.allCases)).map(\.feature)
            }
        }
        var options = ReadOptions(polygonize: polygonize)
        if let inputCRS { options.crs = try Terminal.crs(inputCRS, for: "input") }
        let mapper = FeatureMapper(mapping: try registry.mapping(), layer: layer, forAnalysis: true)
        switch Result(catching: { () throws(RegistryError) in try RegistryImporter(readOptions: options, mapper: mapper).read(paths) }) {
        case let .success(batch):
            return batch.entries.map(\.feature)
        case let .failure(.invalidInput(results)):
            Terminal.error(ValidationReport.text(results.filter(\.hasErrors)))
            throw ZoneAtlasCommand.inputHasErrors
        case let .failure(error):
            Terminal.error("zoneatlas: \(error)")
            if case .unreadable = error { throw ZoneAtlasCommand.usageOrIO }
            throw ZoneAtlasCommand.inputHasErrors
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
    static func write(_ features: [Feature], name: String, to path: String) throws {
        var collection = FeatureCollection(features: features)
        collection.foreignMembers["name"] = .string(name)
        do {
            let text = try GeoJSONWriter().string(collection) + "\n"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            Terminal.error("zoneatlas: cannot write \(path): \(error)")
            throw ZoneAtlasCommand.usageOrIO
        }
        Terminal.error("wrote \(features.count) \(name) to \(path)")
    }
}
