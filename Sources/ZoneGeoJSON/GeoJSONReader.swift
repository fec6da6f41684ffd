import Foundation
import ZoneGeometry
import ZoneProjection

/// Reads RFC 7946 GeoJSON files into WGS84 features and finds every problem in them: malformed
/// JSON (line and column), structure and types, coordinates, the coordinate reference system,
/// duplicate ids and GEOS validity — each with the feature and a JSON Pointer.
///
/// Coordinates are taken as WGS84 lon/lat unless ``ReadOptions/crs`` or the file's legacy `crs`
/// member (as GDAL writes it) names another CRS; then they are reprojected with PROJ.
public struct GeoJSONReader: Sendable {
    public var options: ReadOptions
    /// A `features` array longer than this many bytes is read on two threads.
    var parallelThreshold = 8 << 20

    public init(options: ReadOptions = ReadOptions()) {
        self.options = options
    }

    /// Reads a file.
    /// - Throws: ``ReadError`` only when the file cannot be opened; problems in its content are
    ///   in the result.
    public func read(contentsOf path: String) throws(ReadError) -> ReadResult {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw .unreadable(path: path, reason: Self.reason(error, path: path))
        }
        return data.withUnsafeBytes { read(bytes: $0, file: path) }
    }

    /// Reads GeoJSON held in memory; `file` names it in problems.
    public func read(bytes: UnsafeRawBufferPointer, file: String) -> ReadResult {
        var parser = GeoJSONParser(bytes: bytes, file: file)
        parser.parallelThreshold = parallelThreshold
        parser.parse()
        var problems = parser.problems
        let (sourceCRS, crsProblem) = resolveCRS(parser.declaredCRS, file: file)
        if let crsProblem { problems.append(crsProblem) }
        let finishing = FeatureFinishing(options: options, file: file, sourceCRS: sourceCRS,
                                         crsUsable: crsProblem == nil, crsDeclared: options.crs != nil || parser.declaredCRS != nil)
        let drafts = parser.drafts
        let finished = (try? parallelMap(count: drafts.count, chunkSize: 256) { finishing.finish(drafts[$0]) }) ?? []
        var features: [Feature] = []
        features.reserveCapacity(finished.count)
        for (feature, found) in finished {
            features.append(feature)
            problems += found
        }
        problems += duplicateIDs(parser.drafts, file: file)
        problems += duplicateGeometries(features, parser.drafts, file: file)
        // File-level problems first, then by feature, each in the order found.
        let ordered = problems.enumerated().sorted {
            ($0.element.feature ?? -1, $0.offset) < ($1.element.feature ?? -1, $1.offset)
        }.map(\.element)
        let limit = max(0, options.problemLimit)
        return ReadResult(file: file,
                          collection: FeatureCollection(features: features, foreignMembers: parser.foreignMembers, bbox: parser.bbox),
                          sourceCRS: sourceCRS, problems: Array(ordered.prefix(limit)),
                          omittedProblems: max(0, ordered.count - limit))
    }

    private func resolveCRS(_ declared: (name: String, pointer: JSONPointer)?, file: String) -> (CRS, Problem?) {
        if let crs = options.crs { return (crs, nil) }
        guard let declared else { return (.wgs84, nil) }
        do {
            return (try CRS(declared.name), nil)
        } catch {
            return (.wgs84, Problem(severity: .error, code: .unknownCRS, file: file, pointer: declared.pointer,
                                    message: "the file's \"crs\" names \(declared.name), which PROJ does not know (\(error)); "
                                        + "give the right one with --crs EPSG:n"))
        }
    }

    private func duplicateIDs(_ drafts: [FeatureDraft], file: String) -> [Problem] {
        var firstUse: [String: Int] = [:]
        var problems: [Problem] = []
        for draft in drafts {
            guard let id = draft.feature.id?.description else { continue }
            if let first = firstUse[id] {
                problems.append(Problem(severity: .error, code: .duplicateID, file: file, feature: draft.feature.index, featureID: id,
                                        pointer: draft.pointer.appending("id"),
                                        message: "id \"\(id)\" is already used by feature \(first)"))
            } else {
                firstUse[id] = draft.feature.index
            }
        }
        return problems
    }

    /// Warns of features whose geometry repeats an earlier feature's exactly (same coordinates in
    /// the same order): usually a feature exported twice.
    private func duplicateGeometries(_ features: [Feature], _ drafts: [FeatureDraft], file: String) -> [Problem] {
        struct Key: Hashable {
            var envelope: Envelope
            var count: Int
        }
        var seen: [Key: [Int]] = [:]
        var problems: [Problem] = []
        for (index, feature) in features.enumerated() {
            guard let geometry = feature.geometry, let envelope = geometry.envelope else { continue }
            let key = Key(envelope: envelope, count: geometry.coordinateCount)
            let earlier = seen[key, default: []]
            if let first = earlier.first(where: { (try? features[$0].geometry?.equalsExactly(geometry)) == true }) {
                problems.append(Problem(severity: .warning, code: .duplicateGeometry, file: file, feature: index,
                                        featureID: feature.id?.description, pointer: drafts[index].geometryPointer,
                                        message: "the geometry repeats feature \(first)'s exactly"))
            }
            seen[key, default: []].append(index)
        }
        return problems
    }

    private static func reason(_ error: any Error, path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        if isDirectory.boolValue { return "it is a directory" }
        return (error as NSError).localizedDescription
    }
}
