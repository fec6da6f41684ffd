import CGEOS

extension Geometry {
    /// Tests `predicate(self, other)` on the two geometries (planar).
    ///
    /// For many tests against the same geometry, prepare it once with ``PreparedGeometry``.
    public func test(_ predicate: SpatialPredicate, _ other: Geometry) throws(GeometryError) -> Bool {
        let context = GEOSContext.current
        let h = context.handle
        context.clearError()
        let a = handle, b = other.handle
        let result: CChar = switch predicate {
        case .intersects: GEOSIntersects_r(h, a, b)
        case .disjoint: GEOSDisjoint_r(h, a, b)
        case .touches: GEOSTouches_r(h, a, b)
        case .crosses: GEOSCrosses_r(h, a, b)
        case .within: GEOSWithin_r(h, a, b)
        case .contains: GEOSContains_r(h, a, b)
        case .containsProperly: GEOSRelatePattern_r(h, a, b, "T**FF*FF*")
        case .overlaps: GEOSOverlaps_r(h, a, b)
        case .covers: GEOSCovers_r(h, a, b)
        case .coveredBy: GEOSCoveredBy_r(h, a, b)
        case let .withinDistance(distance): GEOSDistanceWithin_r(h, a, b, distance)
        }
        return try context.predicate(result, "\(predicate)")
    }

    /// Whether the geometries share any point.
    public func intersects(_ other: Geometry) throws(GeometryError) -> Bool { try test(.intersects, other) }
    /// Whether the geometries share no point.
    public func disjoint(_ other: Geometry) throws(GeometryError) -> Bool { try test(.disjoint, other) }
    /// Whether the geometries meet only at their boundaries.
    public func touches(_ other: Geometry) throws(GeometryError) -> Bool { try test(.touches, other) }
    /// Whether the geometries cross (e.g. a line through a polygon).
    public func crosses(_ other: Geometry) throws(GeometryError) -> Bool { try test(.crosses, other) }
    /// Whether this geometry lies inside `other`.
    public func within(_ other: Geometry) throws(GeometryError) -> Bool { try test(.within, other) }
    /// Whether `other` lies inside this geometry.
    public func contains(_ other: Geometry) throws(GeometryError) -> Bool { try test(.contains, other) }
    /// Whether the interiors intersect and each has points outside the other (same dimension).
    public func overlaps(_ other: Geometry) throws(GeometryError) -> Bool { try test(.overlaps, other) }
    /// Whether no point of `other` lies outside this geometry.
    public func covers(_ other: Geometry) throws(GeometryError) -> Bool { try test(.covers, other) }
    /// Whether no point of this geometry lies outside `other`.
    public func coveredBy(_ other: Geometry) throws(GeometryError) -> Bool { try test(.coveredBy, other) }

    /// Whether the two geometries are topologically equal (same point set). Two whose envelopes
    /// differ are not, which is answered without GEOS's relate (a boundary moved: most changes of a plan).
    public func equals(_ other: Geometry) throws(GeometryError) -> Bool {
        guard envelope == other.envelope else { return false }
        let context = GEOSContext.current
        context.clearError()
        return try context.predicate(GEOSEquals_r(context.handle, handle, other.handle), "Equals")
    }

    /// Whether the two are the same geometry written the same way: the same type, the same parts in
    /// the same order, the same x and y of every vertex (GEOS's `equalsExact` with no tolerance; z
    /// is not compared). Cheaper than ``equals(_:)``, which also finds the same point set written
    /// another way (another start vertex, another ring direction).
    public func isExactlyEqual(to other: Geometry) throws(GeometryError) -> Bool {
        let context = GEOSContext.current
        context.clearError()
        return try context.predicate(GEOSEqualsExact_r(context.handle, handle, other.handle, 0), "EqualsExact")
    }

    /// The DE-9IM intersection matrix, e.g. `"FF2F11212"` for two polygons that touch along an edge.
    public func relate(_ other: Geometry) throws(GeometryError) -> String {
        let context = GEOSContext.current
        context.clearError()
        guard let matrix = GEOSRelate_r(context.handle, handle, other.handle) else { throw context.error("Relate") }
        defer { GEOSFree_r(context.handle, matrix) }
        return String(cString: matrix)
    }

    /// Whether the DE-9IM matrix matches `pattern` (characters `T`, `F`, `*`, `0`, `1`, `2`).
    public func relate(_ other: Geometry, pattern: String) throws(GeometryError) -> Bool {
        let context = GEOSContext.current
        context.clearError()
        return try context.predicate(GEOSRelatePattern_r(context.handle, handle, other.handle, pattern), "RelatePattern")
    }
}
