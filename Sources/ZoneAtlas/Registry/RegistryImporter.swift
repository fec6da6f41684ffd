import Foundation
import ZoneGeoJSON
import ZoneGeometry

/// Reads boundary files through the validating GeoJSON reader (or GeoPackage tables) and maps
/// them to registry entries — all or nothing: if any file has an error, nothing is returned.
public struct RegistryImporter: Sendable {
    public var readOptions: ReadOptions
    public var mapper: FeatureMapper

    public init(readOptions: ReadOptions = ReadOptions(), mapper: FeatureMapper = FeatureMapper()) {
        self.readOptions = readOptions
        self.mapper = mapper
    }

    /// The files to read: each path itself, or a directory's `.geojson`, `.json` and `.gpkg` files
    /// in name order.
    public static func files(in paths: [String]) throws(RegistryError) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .unreadable(path: path, reason: "no such file or directory")
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files += names.filter { ["geojson", "json", "gpkg"].contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted().map { (path as NSString).appendingPathComponent($0) }
        }
        return files
    }

    /// What reading found: the entries, and each GeoJSON file's validation result (with warnings).
    public struct Batch: Sendable {
        public var entries: [RegistryEntry]
        public var results: [ReadResult]
    }

    /// Reads, validates and maps every file.
    /// - Throws: ``RegistryError/invalidInput(_:)`` when any file has errors (all results inside),
    ///   or another ``RegistryError`` for a file that cannot be read or a feature that cannot be mapped.
    public func read(_ paths: [String]) throws(RegistryError) -> Batch {
        var results: [ReadResult] = []
        var entries: [RegistryEntry] = []
        for file in try Self.files(in: paths) {
            if (file as NSString).pathExtension.lowercased() == "gpkg" {
                entries += try readGeoPackage(file)
                continue
            }
            let result: ReadResult
            do {
                result = try GeoJSONReader(options: readOptions).read(contentsOf: file)
            } catch {
                throw .unreadable(path: file, reason: "\(error)")
            }
            results.append(result)
            guard !result.hasErrors else { continue }
            for feature in result.collection.features {
                guard let geometry = feature.geometry else {
                    throw .unmappable(file: file, feature: feature.index, reason: "it has no geometry")
                }
                entries.append(try mapper.entry(id: feature.id?.description, properties: feature.properties ?? JSONObject(),
                                                geometry: geometry, source: file, index: feature.index))
            }
        }
        if results.contains(where: \.hasErrors) { throw .invalidInput(results) }
        try Self.checkUnique(entries)
        return Batch(entries: entries, results: results)
    }

    private func readGeoPackage(_ file: String) throws(RegistryError) -> [RegistryEntry] {
        var entries: [RegistryEntry] = []
        for table in try GeoPackageStore(path: file).featureTables() {
            var tableMapper = mapper
            if tableMapper.layer == nil, let layer = Layer(rawValue: table.name) { tableMapper.layer = layer }
            for (index, row) in table.rows.enumerated() {
                entries.append(try tableMapper.entry(id: row.id, fields: row.columns, properties: row.properties, geometry: row.geometry,
                                                     source: "\(file) table \(table.name)", index: index))
            }
        }
        return entries
    }

    /// One import may not give two entries of a layer the same id.
    private static func checkUnique(_ entries: [RegistryEntry]) throws(RegistryError) {
        var seen: Set<String> = []
        for entry in entries {
            let key = "\(entry.layer.rawValue)/\(entry.id)"
            if !seen.insert(key).inserted { throw .duplicateID(layer: entry.layer, id: entry.id) }
        }
    }
}
