import ZoneGeometry
import ZoneProjection

/// How big each feature is: geodesic area on WGS84 and planar area in a projected CRS, against the
/// area its decision declares, with differences beyond a tolerance flagged; totals by kind.
public struct AreaReport: Sendable {
    /// One feature's measures.
    public struct Row: Sendable {
        /// The feature's id.
        public var id: String
        /// The feature's name.
        public var name: String
        /// The feature's kind (zones) or type (communes).
        public var kind: String
        /// The feature's layer.
        public var layer: Layer
        /// Area on the WGS84 ellipsoid (Karney), m².
        public var geodesicAreaSquareMetres: Double
        /// Perimeter on the WGS84 ellipsoid, m.
        public var perimeterMetres: Double
        /// Area in ``AreaReport/crs``, m² (square CRS units, metres for every projected CRS chosen here).
        public var planarAreaSquareMetres: Double
        /// The area its decision declares, ha, when it declares one.
        public var declaredAreaHectares: Double?
        /// Measured (geodesic) minus declared, ha.
        public var differenceHectares: Double?
        /// The difference as a percentage of the declared area.
        public var differencePercent: Double?
        /// Whether |difference| exceeds the tolerance.
        public var flagged: Bool

        /// ``geodesicAreaSquareMetres`` in hectares.
        public var geodesicAreaHectares: Double { geodesicAreaSquareMetres / 10_000 }
        /// ``planarAreaSquareMetres`` in hectares.
        public var planarAreaHectares: Double { planarAreaSquareMetres / 10_000 }
    }

    /// Sums over the features of one kind.
    public struct Total: Sendable {
        /// The kind summed over.
        public var kind: String
        /// How many features of the kind.
        public var count: Int
        /// Their geodesic areas summed, m².
        public var geodesicAreaSquareMetres: Double
        /// Their planar areas summed, m².
        public var planarAreaSquareMetres: Double
        /// The declared areas summed, ha, over the ``declaredCount`` features that declare one.
        public var declaredAreaHectares: Double
        /// How many of them declare an area.
        public var declaredCount: Int
        /// How many of them are flagged.
        public var flagged: Int
    }

    /// One row per polygonal feature, in the order given.
    public var rows: [Row]
    /// Totals by kind, in order of first appearance.
    public var totals: [Total]
    /// The CRS of the planar areas.
    public var crs: CRS
    /// The tolerance for flagging, in percent.
    public var tolerancePercent: Double

    /// Measures every polygonal feature (lines and points are skipped), in parallel.
    /// - Parameters:
    ///   - features: the features to measure, geometries in lon/lat degrees.
    ///   - crs: the CRS for planar areas; by default the one ``ProjectedCRSChoice`` fits to the features.
    ///   - tolerancePercent: flag measured areas further than this from the declared one.
    ///   - measured: measures already taken of these features' geometries (while they were read,
    ///     say); the others are measured here.
    /// - Throws: ``AnalysisError/projection(_:feature:)`` with `ProjectionError.notPlanarMetres` when
    ///   `crs` is not projected in metres (a geographic CRS would give areas in square degrees), or
    ///   naming the feature PROJ or GEOS failed on.
    public static func measure(_ features: [any RegistryFeature], crs: CRS? = nil, tolerancePercent: Double = 5,
                               measured: AreaMeasures = AreaMeasures()) throws(AnalysisError) -> AreaReport {
        let polygonal = features.filter { $0.geometry.type.isPolygonal }
        let (crs, toPlanar) = try analysing { [crs] () throws(ProjectionError) in
            let chosen: CRS
            if let crs { chosen = try crs.requiringPlanarMetres() } else { chosen = try ProjectedCRSChoice.fitting(polygonal) }
            return (chosen, try Transformer(from: .wgs84, to: chosen))
        }
        let rows = try analysingInParallel(polygonal, chunkSize: 16) { i throws(AnalysisError) -> Row in
            let feature = polygonal[i]
            let measure = try analysing { () throws(GeometryError) in
                if let measure = measured.geodesic(of: feature.geometry) { return measure }
                return try Geodesic.wgs84.measure(feature.geometry)
            }
            let planar = try analysing { () throws(ProjectionError) in
                if let area = measured.planarSquareMetres(of: feature.geometry, in: crs) { return area }
                return try planarArea(feature.geometry, toPlanar)
            }
            let declared = feature.declaredAreaHectares
            let difference = declared.map { measure.areaHectares - $0 }
            let percent = declared.flatMap { $0 > 0 ? (measure.areaHectares - $0) / $0 * 100 : nil }
            return Row(id: feature.id, name: feature.name, kind: feature.kindName, layer: feature.layer,
                       geodesicAreaSquareMetres: measure.areaSquareMetres, perimeterMetres: measure.perimeterMetres,
                       planarAreaSquareMetres: planar, declaredAreaHectares: declared, differenceHectares: difference,
                       differencePercent: percent, flagged: percent.map { abs($0) > tolerancePercent } ?? false)
        }
        var totals: [Total] = []
        for row in rows {
            if let k = totals.firstIndex(where: { $0.kind == row.kind }) {
                totals[k].count += 1
                totals[k].geodesicAreaSquareMetres += row.geodesicAreaSquareMetres
                totals[k].planarAreaSquareMetres += row.planarAreaSquareMetres
                totals[k].declaredAreaHectares += row.declaredAreaHectares ?? 0
                totals[k].declaredCount += row.declaredAreaHectares == nil ? 0 : 1
                totals[k].flagged += row.flagged ? 1 : 0
            } else {
                totals.append(Total(kind: row.kind, count: 1, geodesicAreaSquareMetres: row.geodesicAreaSquareMetres,
                                    planarAreaSquareMetres: row.planarAreaSquareMetres,
                                    declaredAreaHectares: row.declaredAreaHectares ?? 0,
                                    declaredCount: row.declaredAreaHectares == nil ? 0 : 1, flagged: row.flagged ? 1 : 0))
            }
        }
        return AreaReport(rows: rows, totals: totals, crs: crs, tolerancePercent: tolerancePercent)
    }

    /// The area in m² of the polygons in `geometry` (WGS84 lon/lat) in `toPlanar`'s projected CRS:
    /// each ring projected in one PROJ call and measured by the shoelace formula (about its first
    /// vertex, for precision), shells less holes — what GEOS's area of the projected geometry is,
    /// without building that geometry.
    /// - Throws: `ProjectionError` when PROJ cannot transform a position (or GEOS cannot hand them over).
    public static func planarArea(_ geometry: Geometry, _ toPlanar: Transformer) throws(ProjectionError) -> Double {
        var area = 0.0
        var x: [Double] = [], y: [Double] = []
        try geometry.forEachPath(geometryFailure: ProjectionError.geometry) { path throws(ProjectionError) in
            guard path.role != .line, path.x.count >= 4 else { return }
            x.removeAll(keepingCapacity: true)
            y.removeAll(keepingCapacity: true)
            x.append(contentsOf: path.x)
            y.append(contentsOf: path.y)
            try toPlanar.transform(x: &x, y: &y)
            let x0 = x[0], y0 = y[0]
            var twice = 0.0
            for i in 1..<(x.count - 1) {
                twice += (x[i] - x0) * (y[i + 1] - y0) - (x[i + 1] - x0) * (y[i] - y0)
            }
            area += path.role == .shell ? abs(twice) / 2 : -abs(twice) / 2
        }
        return area
    }
}
