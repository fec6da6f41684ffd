import ZoneGeometry
import ZoneProjection

/// How a feature's geometry changed between two versions: the area it gained and lost (geodesic
/// on WGS 84, in hectares), the farthest its boundary moved (Hausdorff distance, in metres), and
/// the gained and lost parts themselves, in WGS 84 lon/lat.
public struct GeometryChange: Sendable {
    /// The geodesic area before and after, in hectares (0 for lines).
    public var oldAreaHectares: Double
    public var newAreaHectares: Double
    /// The geodesic area of what is inside the new geometry and not the old, in hectares.
    public var gainedHectares: Double
    /// The geodesic area of what was inside the old geometry and is not in the new, in hectares.
    public var lostHectares: Double
    /// The Hausdorff distance between the two, in metres, measured in `crs`.
    public var hausdorffMetres: Double
    /// The projected CRS the distance was measured in.
    public var crs: CRS
    /// The gained and lost parts (polygons; `nil` where none, for lines, and where not kept).
    public var gained: Geometry?
    public var lost: Geometry?

    /// The change from `old` to `new`; `nil` when they are the same point set, or when no point of
    /// either lies farther than `toleranceMetres` from the other (a reprojection's rounding, say).
    /// - Parameters:
    ///   - old: the earlier geometry, lon/lat degrees.
    ///   - new: the later geometry, lon/lat degrees.
    ///   - crs: the projected CRS to measure the Hausdorff distance in; by default a VN-2000 TM-3
    ///     zone or UTM zone that fits both (``ProjectedCRSChoice``).
    ///   - toleranceMetres: the largest boundary shift, in metres, that still counts as no change.
    ///   - keepingParts: whether to keep the gained and lost parts (their areas are measured
    ///     either way). A boundary moved a metre leaves slivers along its whole length: for
    ///     100,000 features, gigabytes that a table of changes does not show.
    /// - Throws: ``AnalysisError`` (naming no feature) when GEOS or PROJ fails.
    public static func between(_ old: Geometry, _ new: Geometry, crs: CRS? = nil, toleranceMetres: Double = 0,
                               keepingParts: Bool = true) throws(AnalysisError) -> GeometryChange? {
        try analysing { () throws(GeometryError) in try old.isExactlyEqual(to: new) ? true : old.equals(new) } ? nil
            : try change(old, new, crs: crs, toleranceMetres: toleranceMetres, keepingParts: keepingParts)
    }

    private static func change(_ old: Geometry, _ new: Geometry, crs: CRS?, toleranceMetres: Double,
                               keepingParts: Bool) throws(AnalysisError) -> GeometryChange? {
        let extent = [old.envelope, new.envelope].compactMap { $0 }.reduce(nil) { (sum: Envelope?, next) in sum?.union(next) ?? next }
        let (crs, projected) = try analysing { [crs] () throws(ProjectionError) in
            let chosen: CRS
            if let crs { chosen = crs } else if let extent { chosen = try ProjectedCRSChoice.fitting(extent) } else { chosen = try .epsg(32648) }
            let transformer = try Transformer(from: .wgs84, to: chosen)
            return (chosen, (old: try transformer.transform(old), new: try transformer.transform(new)))
        }
        // Densified so that a shift in the middle of a long edge counts, to a tenth of each edge.
        let hausdorff = try analysing { () throws(GeometryError) in try projected.old.hausdorffDistance(to: projected.new, densifyFraction: 0.1) }
        if hausdorff <= toleranceMetres { return nil }
        return try analysing { () throws(GeometryError) in try areas(old, new, hausdorff: hausdorff, crs: crs, keepingParts: keepingParts) }
    }

    private static func areas(_ old: Geometry, _ new: Geometry, hausdorff: Double, crs: CRS, keepingParts: Bool) throws(GeometryError) -> GeometryChange {
        guard old.type.isPolygonal, new.type.isPolygonal else {
            return GeometryChange(oldAreaHectares: 0, newAreaHectares: 0, gainedHectares: 0, lostHectares: 0,
                                  hausdorffMetres: hausdorff, crs: crs)
        }
        let gained = try new.difference(old).polygonalParts(), lost = try old.difference(new).polygonalParts()
        let geodesic = Geodesic.wgs84
        return GeometryChange(
            oldAreaHectares: try geodesic.area(of: old) / 10_000, newAreaHectares: try geodesic.area(of: new) / 10_000,
            gainedHectares: try geodesic.area(of: gained) / 10_000, lostHectares: try geodesic.area(of: lost) / 10_000,
            hausdorffMetres: hausdorff, crs: crs,
            gained: gained.isEmpty || !keepingParts ? nil : gained, lost: lost.isEmpty || !keepingParts ? nil : lost)
    }
}
