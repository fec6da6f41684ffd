import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// The review's input as read: each file's result, the entries its features map to, and
/// the areas of their polygons, measured while the file was read.
///
/// A GeoJSON file is read in batches: while the parser reads the next batch on its own thread,
/// the features of this one are mapped to entries and measured on the other cores — on the
/// ellipsoid, and in the projected CRS that the first batch's extent and place names choose — so
/// that the area report finds them done (its planar areas only if the whole extent chooses the
/// same CRS). Features that cannot be mapped (a point, say) are left out of the analyses; their
/// problems stay in the file's result.
struct ReviewReading {
    var inputs: [ReadResult] = []
    var entries: [RegistryEntry] = []
    /// What was measured while reading; `nil` until a GeoJSON batch was.
    var measured: AreaMeasures?

    /// Invalid geometries are repaired for the analyses (and each repair listed as a problem).
    let options = ReadOptions(policy: .repair)
    let mapper: FeatureMapper

    init(mapper: FeatureMapper) {
        self.mapper = mapper
    }

    /// Reads one GeoJSON file.
    /// - Throws: ``ReviewError/reading(_:)`` when the file cannot be opened,
    ///   ``ReviewError/cancelled(phase:)`` once the review's `WorkCancellation` is raised.
    mutating func readGeoJSON(_ file: String) throws(ReviewError) {
        var fileEntries: [RegistryEntry] = []
        var fileMeasured = measured.map { AreaMeasures(planarCRS: $0.planarCRS) }
        var toPlanar = fileMeasured?.planarCRS.flatMap { try? Transformer(from: .wgs84, to: $0) }
        let mapper = mapper
        let result: ReadResult
        do throws(BatchedReadError<Never>) {
            result = try GeoJSONReader(options: options).read(contentsOf: file, batchSize: 1024) { batch in
                let features = batch.features
                // A map cut short by cancellation leaves the batch: the reader's next check stops the read.
                guard let entries = try? parallelMap(count: features.count, chunkSize: 16, { i -> RegistryEntry? in
                    let feature = features[i]
                    guard let geometry = feature.geometry else { return nil }
                    return try? mapper.entry(id: feature.id?.description, properties: feature.properties ?? JSONObject(),
                                             geometry: geometry, source: file, index: feature.index)
                }) else { return }
                if fileMeasured == nil {
                    // The CRS the review would choose for this first batch alone.
                    let crs = (try? PlanningReview.fittingCRS(entries.compactMap { $0?.feature })) ?? nil
                    fileMeasured = AreaMeasures(planarCRS: crs)
                    toPlanar = crs.flatMap { try? Transformer(from: .wgs84, to: $0) }
                }
                let planar = toPlanar
                // A geometry that PROJ cannot measure is measured again, and its error thrown, by the area report.
                guard let measures = try? parallelMap(count: entries.count, chunkSize: 16, { i -> (GeodesicMeasure?, Double?) in
                    guard let shape = entries[i]?.feature.geometry, shape.type.isPolygonal else { return (nil, nil) }
                    return (try? Geodesic.wgs84.measure(shape), planar.flatMap { try? AreaReport.planarArea(shape, $0) })
                }) else { return }
                for (entry, (geodesic, planar)) in zip(entries, measures) {
                    guard let entry else { continue }
                    fileEntries.append(entry)
                    fileMeasured?.record(geodesic: geodesic, planarSquareMetres: planar, of: entry.feature.geometry)
                }
            }
        } catch {
            switch error {
            case let .reading(error): throw .reading(error)
            case .cancelled: throw .cancelled(phase: .reading)
            case let .consumer(never): switch never {}
            }
        }
        guard !result.batchesAreVoid else {
            // What was handed out is void (the JSON breaks later, or the CRS is named after the
            // features): read the file whole, as it is meant.
            try readWhole(file)
            return
        }
        inputs.append(result)
        entries += fileEntries
        if let fileMeasured {
            if measured == nil { measured = fileMeasured } else { measured?.merge(fileMeasured) }
        }
    }

    /// Reads one GeoJSON file whole, then maps its features.
    private mutating func readWhole(_ file: String) throws(ReviewError) {
        let result: ReadResult
        do { result = try GeoJSONReader(options: options).read(contentsOf: file) } catch { throw .reading(error) }
        inputs.append(result)
        for feature in result.collection.features {
            guard let geometry = feature.geometry else { continue }
            if let entry = try? mapper.entry(id: feature.id?.description, properties: feature.properties ?? JSONObject(),
                                             geometry: geometry, source: file, index: feature.index) {
                entries.append(entry)
            }
        }
    }

    /// Reads a GeoPackage's feature tables, row by row, through the same checks.
    /// - Throws: ``ReviewError/registry(_:)`` naming the file, table and row that cannot be read.
    mutating func readGeoPackage(_ file: String) throws(ReviewError) {
        let importer = RegistryImporter(readOptions: options, mapper: mapper)
        var found: [RegistryEntry] = []
        do {
            inputs.append(try GeoPackageInput(path: file, options: options).read { table, row, _ in
                // A row that cannot be mapped (no geometry, a point) is left out of the analyses.
                if let entry = try? importer.entry(row, of: table, in: file) { found.append(entry) }
            })
        } catch is CancellationError {
            throw .cancelled(phase: .reading)
        } catch {
            // The body does not throw: what comes is the reader's own error.
            throw .registry(.wrapping(error, at: file))
        }
        entries += found
    }
}
