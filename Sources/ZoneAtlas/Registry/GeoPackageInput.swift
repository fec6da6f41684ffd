import Foundation
import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// A GeoPackage read as an input file, as a GeoJSON file is read: every feature table (or those
/// asked for), each row's geometry decoded and put through the checks a GeoJSON feature's geometry
/// goes through (ZoneGeoJSON's `FeatureFinishing`: empty, finite, reprojected, in range, valid under the
/// policy), each problem located by table and fid.
///
/// A table's coordinates are in `ReadOptions.crs` when it is given, else in the CRS the table's
/// SRS names, else (an undefined SRS) WGS84 lon/lat; the result's `ReadResult.sourceCRS` is the
/// first table's. Rows are checked a batch at a time on all cores and handed out in order.
public struct GeoPackageInput: Sendable {
    /// Rows checked at a time.
    static let batchSize = 1024

    /// A row read but not yet checked, with the checks of its table.
    private struct PendingRow: Sendable {
        var table: GeoPackageTable
        var row: GeoPackageTable.Row
        var blob: Data?
        var finishing: FeatureFinishing
    }

    /// The GeoPackage's path as given.
    public var path: String
    /// How geometries are checked: CRS override, invalid-geometry policy, problem limit.
    public var options: ReadOptions
    /// The tables to read; every feature table when empty.
    public var tables: Set<String>

    /// An input; `tables` empty reads every feature table.
    public init(path: String, options: ReadOptions = ReadOptions(), tables: Set<String> = []) {
        self.path = path
        self.options = options
        self.tables = tables
    }

    /// Reads every row as a feature held in the result (numbered in reading order, its `id` the
    /// row's `id` column, its properties the row's), for a file small enough to hold.
    /// - Throws: ``RegistryError/unreadable(path:reason:)`` when the file is not a GeoPackage or
    ///   lacks a table asked for, ``RegistryError/store(path:reason:)`` when SQLite cannot read it.
    public func read() throws(RegistryError) -> ReadResult {
        var features: [Feature] = []
        do {
            var result = try read { _, row, _ in features.append(Self.feature(row, index: features.count)) }
            result.collection.features = features
            return result
        } catch {
            throw .wrapping(error, at: path)
        }
    }

    /// A row as the feature numbered `index`: its `id` the row's `id` column, its properties the row's.
    public static func feature(_ row: GeoPackageTable.Row, index: Int) -> Feature {
        Feature(index: index, id: row.columns["id"]?.stringValue.map(FeatureID.string), geometry: row.geometry, properties: row.properties)
    }

    /// Calls `body` with each row of the tables read — its geometry checked and in WGS84, `nil` when
    /// the row has none or it cannot be used — and the row's problems, in table then fid order;
    /// returns the file's result, whose problems are those handed out, up to
    /// `ReadOptions.problemLimit`, and whose features are not held.
    /// - Throws: as ``read()`` (SQLite's errors as they are), or what `body` throws.
    public func read(_ body: (GeoPackageTable, GeoPackageTable.Row, [Problem]) throws -> Void) throws -> ReadResult {
        var tally = ProblemTally(limit: options.problemLimit)
        var count = 0
        var names: [String] = []
        var sourceCRS: CRS?
        var finishing: (table: String, finishing: FeatureFinishing)?
        // Rows are decoded and checked a batch at a time on all cores, then handed out in order.
        var pending: [PendingRow] = []
        var repeats = RowRepeats()
        func handOut() throws {
            let batch = pending
            pending.removeAll(keepingCapacity: true)
            let checked = try parallelMapForwardingErrors(count: batch.count, chunkSize: 16) { i in
                let (geometry, problems) = check(batch[i].blob, of: batch[i].row, in: batch[i].table, batch[i].finishing)
                return (geometry, problems, geometry.flatMap(GeometryKey.init))
            }
            for (item, (geometry, checkProblems, key)) in zip(batch, checked) {
                var row = item.row
                row.geometry = geometry
                let problems = checkProblems + repeats.check(item.row, of: item.table, key: key, file: path)
                count += 1
                tally.add(problems)
                try body(item.table, row, problems)
            }
        }
        try GeoPackageStore(path: path).forEachTableRow(accepting: { table in
            names.append(table.name)
            return tables.isEmpty || tables.contains(table.name)
        }) { table, row, blob in
            let tableFinishing: FeatureFinishing
            if let current = finishing, current.table == table.name {
                tableFinishing = current.finishing
            } else {
                let crs = options.crs ?? table.crs ?? .wgs84
                sourceCRS = sourceCRS ?? crs
                tableFinishing = FeatureFinishing(options: options, file: path, sourceCRS: crs,
                                                  crsDeclared: options.crs != nil || table.crs != nil)
                finishing = (table.name, tableFinishing)
            }
            pending.append(PendingRow(table: table, row: row, blob: blob, finishing: tableFinishing))
            if pending.count == Self.batchSize { try handOut() }
        }
        try handOut()
        if let missing = tables.subtracting(names).sorted().first {
            throw RegistryError.unreadable(path: path, reason: "it has no feature table \"\(missing)\" (it has \(names.joined(separator: ", ")))")
        }
        let (problems, omitted, omittedErrors) = tally.report(fileProblems: [])
        return ReadResult(file: path, collection: FeatureCollection(features: []), sourceCRS: sourceCRS ?? .wgs84, problems: problems,
                          omittedProblems: omitted, omittedErrors: omittedErrors, featureCount: count)
    }

    /// A row's geometry decoded and checked, with its problems.
    private func check(_ blob: Data?, of row: GeoPackageTable.Row, in table: GeoPackageTable,
                       _ finishing: FeatureFinishing) -> (Geometry?, [Problem]) {
        let id = row.columns["id"]?.stringValue
        func problem(_ code: ProblemCode, _ severity: Severity, _ message: String) -> Problem {
            Problem(severity: severity, code: code, file: path, table: table.name, fid: row.fid, featureID: id, message: message)
        }
        guard let blob else {
            return (nil, [problem(.nullGeometry, .warning, "the row has no geometry (NULL): it has no location or area")])
        }
        let stored: Geometry
        do {
            stored = try GeoPackageBinary.decode(blob).geometry
        } catch {
            return (nil, [problem(.unreadableGeometry, .error, "\(error)")])
        }
        return finishing.finish(stored, of: .row(table: table.name, fid: row.fid, featureID: id))
    }
}

/// The checks that compare each row of a table with the rows before it, as a GeoJSON file's
/// features are compared: an `id` used twice is an error, a geometry repeated exactly a warning.
private struct RowRepeats {
    /// Per table, each id with the first row that used it.
    private var firstUseOfID: [String: [String: Int64]] = [:]
    /// Per table, each geometry's key with the first row that had it.
    private var firstWithGeometry: [String: [GeometryKey: Int64]] = [:]

    mutating func check(_ row: GeoPackageTable.Row, of table: GeoPackageTable, key: GeometryKey?, file: String) -> [Problem] {
        var problems: [Problem] = []
        let id = row.columns["id"]?.stringValue
        if let id {
            if let first = firstUseOfID[table.name, default: [:]][id] {
                problems.append(Problem(severity: .error, code: .duplicateID, file: file, table: table.name, fid: row.fid, featureID: id,
                                        message: "id \"\(id)\" is already used by fid \(first)"))
            } else {
                firstUseOfID[table.name, default: [:]][id] = row.fid
            }
        }
        // Usually a feature exported twice.
        if let key {
            if let first = firstWithGeometry[table.name, default: [:]][key] {
                problems.append(Problem(severity: .warning, code: .duplicateGeometry, file: file, table: table.name, fid: row.fid,
                                        featureID: id, message: "the geometry repeats fid \(first)'s exactly"))
            } else {
                firstWithGeometry[table.name, default: [:]][key] = row.fid
            }
        }
        return problems
    }
}
