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
    /// How files are read: the CRS, polygonization, the invalid-geometry policy, the problem limit.
    public var options: ReadOptions
    /// A `features` array longer than this many bytes is read on two threads.
    var parallelThreshold = 8 << 20

    /// A reader with these options (the defaults read RFC 7946 lon/lat and reject invalid geometries).
    public init(options: ReadOptions = ReadOptions()) {
        self.options = options
    }

    /// Reads a file, holding all its features (for a file too large for that, stream it with
    /// ``read(contentsOf:batchSize:_:)``).
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
        let (sourceCRS, crsProblem) = resolveCRS(parser.declaredCRS, file: file)
        let finishing = makeFinishing(file: file, sourceCRS: sourceCRS, crsProblem: crsProblem, declared: parser.declaredCRS)
        var assembly = FeatureAssembly(file: file, problemLimit: options.problemLimit)
        // Not cancellable (a read held whole is all or nothing; the streaming read is cancellable):
        // with no flag, the assembly cannot be stopped.
        guard let batch = try? WorkCancellation.checking(nil, {
            try assembly.assemble(parser.drafts, parserProblems: parser.problems.filter { $0.feature != nil }, finishing: finishing)
        }) else { preconditionFailure("an assembly with no cancellation flag was cancelled") }
        let fileProblems = parser.problems.filter { $0.feature == nil } + [crsProblem].compactMap { $0 }
        return result(file: file, assembly, fileProblems: fileProblems, features: batch.features,
                      foreignMembers: parser.foreignMembers, bbox: parser.bbox, sourceCRS: sourceCRS)
    }

    /// The result of a read whose features have all been assembled.
    func result(file: String, _ assembly: FeatureAssembly, fileProblems: [Problem], features: [Feature],
                foreignMembers: JSONObject, bbox: [Double]?, sourceCRS: CRS) -> ReadResult {
        let (problems, omitted, omittedErrors) = assembly.tally.report(fileProblems: fileProblems)
        return ReadResult(file: file,
                          collection: FeatureCollection(features: features, foreignMembers: foreignMembers, bbox: bbox),
                          sourceCRS: sourceCRS, problems: problems, omittedProblems: omitted, omittedErrors: omittedErrors,
                          featureCount: assembly.featureCount)
    }

    func makeFinishing(file: String, sourceCRS: CRS, crsProblem: Problem?, declared: (name: String, pointer: JSONPointer)?) -> FeatureFinishing {
        FeatureFinishing(options: options, file: file, sourceCRS: sourceCRS, crsUsable: crsProblem == nil,
                         crsDeclared: options.crs != nil || declared != nil)
    }

    func resolveCRS(_ declared: (name: String, pointer: JSONPointer)?, file: String) -> (CRS, Problem?) {
        if let crs = options.crs { return (crs, nil) }
        guard let declared else { return (.wgs84, nil) }
        do {
            return (try CRS(declared.name), nil)
        } catch {
            return (.wgs84, Problem(severity: .error, code: .unknownCRS, file: file, pointer: declared.pointer,
                                    message: "the file's \"crs\" names \(declared.name), which PROJ does not know (\(error)); "
                                        + "give the right one with --input-crs EPSG:n"))
        }
    }

    private static func reason(_ error: any Error, path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        if isDirectory.boolValue { return "it is a directory" }
        return (error as NSError).localizedDescription
    }
}
