import ZoneGeometry
import ZoneProjection

/// How big each feature is: geodesic area on WGS84 and planar area in a projected CRS, against the
/// area its decision declares, with differences beyond a tolerance flagged; totals by kind.
public struct AreaReport: Sendable {
    public struct Row: Sendable {
        public var id: String
        public var name: String
        public var kind: String
        public var layer: Layer
        /// Area on the WGS84 ellipsoid (Karney), m².
        public var geodesicAreaSquareMetres: Double
        /// Perimeter on the WGS84 ellipsoid, m.
        public var perimeterMetres: Double
        /// Area in ``AreaReport/crs``, m² (square CRS units, metres for every projected CRS chosen here).
        public var planarAreaSquareMetres: Double
        public var declaredAreaHectares: Double?
        /// Measured (geodesic) minus declared, ha.
        public var differenceHectares: Double?
        /// The difference as a percentage of the declared area.
        public var differencePercent: Double?
        /// Whether |difference| exceeds the tolerance.
        public var flagged: Bool

        public var geodesicAreaHectares: Double { geodesicAreaSquareMetres / 10_000 }
        public var planarAreaHectares: Double { planarAreaSquareMetres / 10_000 }
    }

    /// Sums over the features of one kind.
    public struct Total: Sendable {
        public var kind: String
        public var count: Int
        public var geodesicAreaSquareMetres: Double
        public var planarAreaSquareMetres: Double
        /// The declared areas summed, ha, over the ``declaredCount`` features that declare one.
        public var declaredAreaHectares: Double
        public var declaredCount: Int
        public var flagged: Int
    }

    public var rows: [Row]
    /// Totals by kind, in order of first appearance.
    public var totals: [Total]
    /// The CRS of the planar areas.
    public var crs: CRS
    /// The tolerance for flagging, in percent.
    public var tolerancePercent: Double

    /// Measures every polygonal feature (lines and points are skipped), in parallel.
    /// - Parameters:
    ///   - crs: the CRS for planar areas; by default ``ProjectedCRSChoice/fitting(_:)-(Geometry)``.
    ///   - tolerancePercent: flag measured areas further than this from the declared one.
    /// - Throws: ``ProjectionError/notPlanarMetres(definition:name:kind:unit:)`` when `crs` is not
    ///   projected in metres (a geographic CRS would give areas in square degrees).
    public static func measure(_ features: [any RegistryFeature], crs: CRS? = nil, tolerancePercent: Double = 5) throws -> AreaReport {
        let polygonal = features.filter { $0.geometry.type.isPolygonal }
        let crs = try crs?.requiringPlanarMetres() ?? ProjectedCRSChoice.fitting(polygonal)
        let toPlanar = try Transformer(from: .wgs84, to: crs)
        let rows = try parallelMap(count: polygonal.count, chunkSize: 16) { i -> Row in
            let feature = polygonal[i]
            let measure = try Geodesic.wgs84.measure(feature.geometry)
            let planar = try toPlanar.transform(feature.geometry).area()
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
}
