import CGEOS

/// A geometry with GEOS's indexes built for repeated predicate tests against other geometries.
///
/// GEOS builds the indexes lazily on first use, so a prepared geometry must be used by one thread
/// at a time: it is deliberately not `Sendable`. Give each worker its own.
public final class PreparedGeometry {
    /// The geometry tested against; kept alive as long as the prepared form.
    public let geometry: Geometry
    private let handle: OpaquePointer

    /// Prepares `geometry`; the work is paid back after a few tests.
    public init(_ geometry: Geometry) throws(GeometryError) {
        let context = GEOSContext.current
        context.clearError()
        guard let handle = GEOSPrepare_r(context.handle, geometry.handle) else { throw context.error("Prepare") }
        self.geometry = geometry
        self.handle = handle
    }

    deinit {
        GEOSPreparedGeom_destroy_r(GEOSContext.current.handle, handle)
    }

    /// Tests `predicate(prepared, other)`.
    public func test(_ predicate: SpatialPredicate, _ other: Geometry) throws(GeometryError) -> Bool {
        let context = GEOSContext.current
        let h = context.handle
        context.clearError()
        let b = other.handle
        let result: CChar = switch predicate {
        case .intersects: GEOSPreparedIntersects_r(h, handle, b)
        case .disjoint: GEOSPreparedDisjoint_r(h, handle, b)
        case .touches: GEOSPreparedTouches_r(h, handle, b)
        case .crosses: GEOSPreparedCrosses_r(h, handle, b)
        case .within: GEOSPreparedWithin_r(h, handle, b)
        case .contains: GEOSPreparedContains_r(h, handle, b)
        case .containsProperly: GEOSPreparedContainsProperly_r(h, handle, b)
        case .overlaps: GEOSPreparedOverlaps_r(h, handle, b)
        case .covers: GEOSPreparedCovers_r(h, handle, b)
        case .coveredBy: GEOSPreparedCoveredBy_r(h, handle, b)
        case let .withinDistance(distance): GEOSPreparedDistanceWithin_r(h, handle, b, distance)
        }
        return try context.predicate(result, "Prepared \(predicate)")
    }

    /// Whether the prepared geometry shares any point with `other`.
    public func intersects(_ other: Geometry) throws(GeometryError) -> Bool { try test(.intersects, other) }
    /// Whether `other` lies inside the prepared geometry.
    public func contains(_ other: Geometry) throws(GeometryError) -> Bool { try test(.contains, other) }
    /// Whether no point of `other` lies outside the prepared geometry.
    public func covers(_ other: Geometry) throws(GeometryError) -> Bool { try test(.covers, other) }
    /// Whether `other` is within `distance` coordinate units.
    public func isWithinDistance(_ distance: Double, of other: Geometry) throws(GeometryError) -> Bool {
        try test(.withinDistance(distance), other)
    }
}
