import CGEOS

/// What polygonizing linework produced: the polygons, and the lines that bound no area.
public struct Polygonization: Sendable {
    /// A geometry collection of the polygons found.
    public var polygons: Geometry
    /// Lines with a free end: they bound no area and were left out.
    public var dangles: Geometry
    /// Lines shared by one polygon on both sides, left out.
    public var cuts: Geometry
    /// Closed rings that are not valid polygon rings (e.g. self-intersecting), left out.
    public var invalidRings: Geometry
}

extension Geometry {
    /// The polygons enclosed by the linework of `lines` (e.g. closed outlines exported from CAD).
    ///
    /// The lines are noded first (unioned), so outlines drawn as several touching pieces still close.
    /// Returns a geometry collection of polygons; it is empty when nothing closes.
    public static func polygonize(_ lines: Geometry) throws(GeometryError) -> Geometry {
        try polygonizeFull(lines).polygons
    }

    /// Polygonizes the noded linework of `lines` and also returns what could not become a polygon.
    public static func polygonizeFull(_ lines: Geometry) throws(GeometryError) -> Polygonization {
        let context = GEOSContext.current
        context.clearError()
        let noded = try lines.unaryUnion()
        var cuts: OpaquePointer?, dangles: OpaquePointer?, invalid: OpaquePointer?
        let result = GEOSPolygonize_full_r(context.handle, noded.handle, &cuts, &dangles, &invalid)
        guard let result, let cuts, let dangles, let invalid else {
            for leftover in [result, cuts, dangles, invalid] { if let leftover { GEOSGeom_destroy_r(context.handle, leftover) } }
            throw context.error("Polygonize_full")
        }
        return Polygonization(polygons: Geometry(owning: result), dangles: Geometry(owning: dangles),
                              cuts: Geometry(owning: cuts), invalidRings: Geometry(owning: invalid))
    }

    /// Whether the two geometries have the same structure and the same coordinates, in order.
    public func equalsExactly(_ other: Geometry) throws(GeometryError) -> Bool {
        let context = GEOSContext.current
        context.clearError()
        return try context.predicate(GEOSEqualsExact_r(context.handle, handle, other.handle, 0), "EqualsExact")
    }
}
