import Foundation
import ZoneGeoJSON
import ZoneGeometry

/// Reads boundary files through the validating GeoJSON reader (or GeoPackage tables) and maps
/// them to registry entries — all or nothing: if any file has an error, nothing is returned.
public struct RegistryImporter: Sendable {
    public var readOptions: ReadOptions
    public var mapper: FeatureMapper
    /// The layer each table of an input GeoPackage goes to (`--layer-from TABLE=LAYER`). When any
    /// is given, only those tables are read; otherwise every feature table is, a table named like
    /// a layer going to that layer and any other routed as the mapper routes features.
    public var layerFromTable: [String: Layer]

    public init(readOptions: ReadOptions = ReadOptions(), mapper: FeatureMapper = FeatureMapper(), layerFromTable: [String: Layer] = [:]) {
        self.readOptions = readOptions
        self.mapper = mapper
        self.layerFromTable = layerFromTable
    }

    /// File formats that GDAL reads and ZoneAtlas does not, by extension, with their names.
    static let convertibleFormats = [
        "shp": "an ESRI Shapefile", "dbf": "a Shapefile's attribute table", "fgb": "a FlatGeobuf file", "kml": "a KML file",
        "kmz": "a KMZ file", "gml": "a GML file", "tab": "a MapInfo table", "mif": "a MapInfo file", "dxf": "a DXF drawing",
        "gpx": "a GPX file", "csv": "a CSV file", "zip": "a zip archive", "gdb": "an Esri file geodatabase", "sqlite": "a SpatiaLite file",
    ]

    /// The files to read: each path itself, or a directory's `.geojson`, `.json` and `.gpkg` files
    /// in name order. A format GDAL reads and ZoneAtlas does not (Shapefile, KML …) is an error that
    /// says how to convert it; so is a directory with nothing to read.
    public static func files(in paths: [String]) throws(RegistryError) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .unreadable(path: path, reason: "no such file or directory")
            }
            guard isDirectory.boolValue else {
                try checkFormat(path)
                files.append(path)
                continue
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            let readable = names.filter { ["geojson", "json", "gpkg"].contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
            guard !readable.isEmpty else {
                let others = names.filter { convertibleFormats[($0 as NSString).pathExtension.lowercased()] != nil }.sorted()
                throw .unreadable(path: path, reason: "the folder has no GeoJSON (.geojson, .json) or GeoPackage (.gpkg) file"
                                  + (others.isEmpty ? "" : "; convert \(others.prefix(3).joined(separator: ", ")) with ogr2ogr, "
                                     + "e.g. ogr2ogr -f GeoJSON out.geojson \(others[0])"))
            }
            files += readable.map { (path as NSString).appendingPathComponent($0) }
        }
        return files
    }

    private static func checkFormat(_ path: String) throws(RegistryError) {
        let ext = (path as NSString).pathExtension.lowercased()
        guard let format = convertibleFormats[ext] else { return }
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        throw .unreadable(path: path, reason: "\(format) is not a format ZoneAtlas reads; convert it with GDAL: "
                          + "ogr2ogr -f GeoJSON \(stem).geojson \(path)  (or -f GPKG \(stem).gpkg)")
    }

    /// Whether a file is a GeoPackage (SQLite) by its extension or its first bytes.
    static func isGeoPackage(_ path: String) -> Bool {
        if (path as NSString).pathExtension.lowercased() == "gpkg" { return true }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 16)) == Data("SQLite format 3\u{0}".utf8)
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
        var sources: [String] = []
        for file in try Self.files(in: paths) {
            if Self.isGeoPackage(file) {
                try readGeoPackage(file) { entry, source in
                    entries.append(entry)
                    sources.append(source)
                }
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
                sources.append("\(file) feature \(feature.index)")
            }
        }
        if results.contains(where: \.hasErrors) { throw .invalidInput(results) }
        try Self.checkUnique(entries, sources)
        return Batch(entries: entries, results: results)
    }

    /// Reads a GeoPackage's feature tables (any, whoever made them, in any CRS) as entries, each
    /// with where it came from (table and fid).
    private func readGeoPackage(_ file: String, _ add: (RegistryEntry, String) -> Void) throws(RegistryError) {
        let wanted = Set(layerFromTable.keys)
        var seen: Set<String> = []
        do {
            try GeoPackageStore(path: file).forEachTableRow { table, row in
                seen.insert(table.name)
                guard wanted.isEmpty || wanted.contains(table.name) else { return }
                var tableMapper = mapper
                if let layer = layerFromTable[table.name] ?? Layer(rawValue: table.name) { tableMapper.layer = layer }
                let source = "\(file) table \(table.name) fid \(row.fid)"
                guard let geometry = row.geometry else {
                    throw RegistryError.unmappable(file: "\(file) table \(table.name)", feature: Int(row.fid), reason: "it has no geometry")
                }
                add(try tableMapper.entry(id: row.columns["id"]?.stringValue, fields: row.columns, properties: row.properties,
                                          geometry: geometry, source: "\(file) table \(table.name)", index: Int(row.fid)), source)
            }
        } catch let error as RegistryError {
            throw error
        } catch {
            throw .unreadable(path: file, reason: "\(error)")
        }
        if let missing = wanted.subtracting(seen).sorted().first {
            throw .unreadable(path: file, reason: "it has no feature table \"\(missing)\" (it has \(seen.sorted().joined(separator: ", ")))")
        }
    }

    /// One import may not give two entries of a layer the same id: both places are named.
    private static func checkUnique(_ entries: [RegistryEntry], _ sources: [String]) throws(RegistryError) {
        var seen: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            let key = "\(entry.layer.rawValue)/\(entry.id)"
            if let first = seen[key] {
                throw .duplicateID(layer: entry.layer, id: entry.id, first: sources[first], second: sources[index])
            }
            seen[key] = index
        }
    }
}
