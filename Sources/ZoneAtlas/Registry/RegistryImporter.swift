import Foundation
import ZoneGeoJSON
import ZoneGeometry

/// Reads boundary files — GeoJSON, or GeoPackage tables — through the same validation and maps
/// them to registry entries — all or nothing: if any file has an error, nothing is returned.
public struct RegistryImporter: Sendable {
    /// How files are read (CRS, invalid-geometry policy, polygonization).
    public var readOptions: ReadOptions
    /// How features become entries (field mapping, forced layer, default kind).
    public var mapper: FeatureMapper
    /// The layer each table of an input GeoPackage goes to (`--layer-from TABLE=LAYER`). When any
    /// is given, only those tables are read; otherwise every feature table is, a table named like
    /// a layer going to that layer and any other routed as the mapper routes features.
    public var layerFromTable: [String: Layer]

    /// An importer; `layerFromTable` sends a GeoPackage input's table to a layer (`--layer-from TABLE=LAYER`).
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
    public static func isGeoPackage(_ path: String) -> Bool {
        if (path as NSString).pathExtension.lowercased() == "gpkg" { return true }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 16)) == Data("SQLite format 3\u{0}".utf8)
    }

    /// What reading found: the entries, and each file's validation result (with warnings).
    public struct Batch: Sendable {
        /// The entries mapped, in file order.
        public var entries: [RegistryEntry]
        /// Each file's validation result.
        public var results: [ReadResult]
    }

    /// Reads, validates and maps every file into memory (for analyses of files).
    /// - Throws: ``RegistryError/invalidInput(_:)`` when any file has errors (all results inside),
    ///   or another ``RegistryError`` for a file that cannot be read or a feature that cannot be mapped.
    public func read(_ paths: [String]) throws(RegistryError) -> Batch {
        var entries: [RegistryEntry] = []
        let results = try read(paths) { entries += $0 }
        return Batch(entries: entries, results: results)
    }

    /// What an import wrote.
    public struct Import: Sendable {
        /// What was added and replaced, per layer.
        public var changes: RegistryChanges
        /// Each file's validation result (its warnings: an import with errors throws).
        public var results: [ReadResult]
        /// The revision the import became.
        public var revision: Revision
    }

    /// Reads, validates and maps every file and writes it into `store` in one transaction, batch by
    /// batch as the files are read, so that a file of any size is imported in bounded memory. All or
    /// nothing: an error in any file, a feature that cannot be mapped, an id given twice or a store
    /// failure rolls the transaction back and the store is as it was.
    /// - Parameters:
    ///   - paths: GeoJSON and GeoPackage files, and folders of them.
    ///   - store: the registry to write into (created by the first write when it does not exist).
    ///   - facts: facts to record about the registry with the import.
    ///   - note: what the import's revision says (the files read, each with its SHA-256, are added to its sources).
    ///   - started: called once the write transaction holds the store (after any wait for another writer).
    /// - Throws: ``RegistryError/invalidInput(_:)`` with every file's problems, ``RegistryError/noFeatures(_:)``
    ///   when the files hold none, or another ``RegistryError``.
    public func importFiles(_ paths: [String], into store: some RegistryStore, facts: [String: String] = [:],
                            note: RevisionNote = RevisionNote(command: "import"), started: () -> Void = {}) throws(RegistryError) -> Import {
        let files = try Self.files(in: paths)
        // Each file's SHA-256, for the revision (written last), computed beside the import; stopped
        // and waited for when the import ends early, so that no thread outlives the call.
        let hashing = WorkCancellation()
        let sources = WorkCancellation.checking(hashing) {
            Background { () throws(RegistryError) -> [SourceFile] in try files.map { file throws(RegistryError) in try SourceFile.reading(file) } }
        }
        defer {
            hashing.cancel()
            _ = try? sources.value()
        }
        var sourcedNote: RevisionNote {
            get throws {
                var note = note
                note.sources += try sources.value()
                return note
            }
        }
        do {
            let done = try store.commit(try sourcedNote) { writer in
                started()
                var written = 0
                let results = try readBeside(files) { entries in
                    try writer.upsert(entries)
                    written += entries.count
                }
                guard written > 0 else { throw RegistryError.noFeatures(paths) }
                for (key, value) in facts.sorted(by: { $0.key < $1.key }) { try writer.setFact(key, value) }
                return (writer.changes, results)
            }
            return Import(changes: done.result.0, results: done.result.1, revision: done.revision)
        } catch {
            throw .wrapping(error, at: store.location)
        }
    }

    /// Reads `paths`, handing the mapped entries to `take` batch by batch; once any file has an
    /// error, nothing more is handed out but every file is still read for its problems.
    private func read(_ paths: [String], _ take: ([RegistryEntry]) throws -> Void) throws(RegistryError) -> [ReadResult] {
        do {
            return try read(files: try Self.files(in: paths), take)
        } catch let error as RegistryError {
            throw error
        } catch is CancellationError {
            throw .cancelled(path: paths.joined(separator: ", "))
        } catch {
            throw .unreadable(path: paths.joined(separator: ", "), reason: "\(error)")
        }
    }

    /// Reads `files` on a thread of its own while the calling thread hands each batch to `take`
    /// (the store writing one batch while the next is read, validated and mapped), in file order.
    /// An error thrown by `take` stops the reading at its next batch and is rethrown.
    private func readBeside(_ files: [String], _ take: ([RegistryEntry]) throws -> Void) throws -> [ReadResult] {
        let handOff = HandOff<[RegistryEntry], Void>(capacity: 2)
        let progress = ReadProgress.current
        let reading = Background { [self] () throws -> [ReadResult] in
            defer { handOff.end(()) }
            return try ReadProgress.observing(progress) {
                try read(files: files) { entries in
                    guard handOff.put(entries) else { throw CancellationError() }
                }
            }
        }
        defer {
            handOff.cancel()
            _ = try? reading.value()
        }
        while case let .batch(entries) = handOff.take() {
            try WorkCancellation.check()
            try take(entries)
        }
        return try reading.value()
    }

    private func read(files: [String], _ take: ([RegistryEntry]) throws -> Void) throws -> [ReadResult] {
        var results: [ReadResult] = []
        var claims = IDClaims()
        var failed = false
        for file in files {
            if Self.isGeoPackage(file) {
                var entries: [RegistryEntry] = [], unknown: [Problem] = []
                var result = try GeoPackageInput(path: file, options: readOptions, tables: Set(layerFromTable.keys)).read { table, row, problems in
                    failed = failed || problems.contains { $0.severity == .error }
                    guard !failed else { return }
                    let entry = try entry(row, of: table, in: file)
                    try claims.claim(entry, .row(file: file, table: table.name, fid: row.fid))
                    unknown += mapper.unknownValues(in: row.columns, layer: entry.layer)
                        .map { $0.problem(file: file, table: table.name, fid: row.fid, featureID: entry.id) }
                    entries.append(entry)
                }
                result.problems += unknown
                failed = failed || result.hasErrors
                results.append(result)
                if !failed { try take(entries) }
                continue
            }
            var result: ReadResult, unknown: [Problem] = []
            do throws(BatchedReadError<any Error>) {
                result = try GeoJSONReader(options: readOptions).read(contentsOf: file) { batch in
                    failed = failed || batch.hasErrors
                    guard !failed else { return }
                    // Mapping runs on every core; ids are claimed in file order.
                    let features = batch.features, mapper = self.mapper
                    let entries = try parallelMapForwardingErrors(count: features.count, chunkSize: 256) { index throws(RegistryError) in
                        let feature = features[index]
                        guard let geometry = feature.geometry else {
                            throw .unmappable(file: file, feature: feature.index, reason: "it has no geometry")
                        }
                        return try mapper.entry(id: feature.id?.description, properties: feature.properties ?? JSONObject(),
                                                geometry: geometry, source: file, index: feature.index)
                    }
                    for (entry, feature) in zip(entries, features) {
                        try claims.claim(entry, .feature(file: file, index: feature.index))
                        unknown += mapper.unknownValues(in: feature.properties ?? JSONObject(), layer: entry.layer)
                            .map { $0.problem(file: file, feature: feature.index, featureID: feature.id?.description) }
                    }
                    try take(entries)
                }
            } catch {
                switch error {
                case let .reading(.unreadable(path, reason)): throw RegistryError.unreadable(path: path, reason: reason)
                case let .consumer(error): throw error
                case .cancelled: throw CancellationError()
                }
            }
            result.problems += unknown
            failed = failed || result.hasErrors
            results.append(result)
        }
        if failed { throw RegistryError.invalidInput(results) }
        return results
    }

    /// The entry a row of an input GeoPackage's table maps to: into the layer `--layer-from` sends the
    /// table to, else the layer the table is named after, else where the mapper routes it.
    /// - Throws: ``RegistryError/unmappable(file:feature:reason:)`` for a row without a geometry or
    ///   one that cannot be an entry.
    func entry(_ row: GeoPackageTable.Row, of table: GeoPackageTable, in file: String) throws(RegistryError) -> RegistryEntry {
        var tableMapper = mapper
        if let layer = layerFromTable[table.name] ?? Layer(rawValue: table.name) { tableMapper.layer = layer }
        guard let geometry = row.geometry else {
            throw .unmappable(file: "\(file) table \(table.name)", feature: Int(row.fid), reason: "it has no geometry")
        }
        return try tableMapper.entry(id: row.columns["id"]?.stringValue, fields: row.columns, properties: row.properties,
                                     geometry: geometry, source: "\(file) table \(table.name)", index: Int(row.fid))
    }
}

/// The ids one import has given, per layer, with where each came from: one import may not give two
/// entries of a layer the same id, and when it does both places are named.
struct IDClaims {
    enum Source: CustomStringConvertible {
        case feature(file: String, index: Int)
        case row(file: String, table: String, fid: Int64)

        var description: String {
            switch self {
            case let .feature(file, index): "\(file) feature \(index)"
            case let .row(file, table, fid): "\(file) table \(table) fid \(fid)"
            }
        }
    }

    private var claimed: [String: Source] = [:]

    mutating func claim(_ entry: RegistryEntry, _ source: Source) throws(RegistryError) {
        let key = "\(entry.layer.rawValue)/\(entry.id)"
        if let first = claimed.updateValue(source, forKey: key) {
            throw .duplicateID(layer: entry.layer, id: entry.id, first: "\(first)", second: "\(source)")
        }
    }
}
