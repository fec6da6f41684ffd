import CGEOS

extension Geometry {
    /// The polygons enclosed by the linework of `lines` (e.g. closed outlines exported from CAD).
    ///
    /// The lines are noded first (unioned), so outlines drawn as several touching pieces still close.
    /// Returns a geometry collection of polygons; it is empty when nothing closes.
    public static func polygonize(_ lines: Geometry) throws(GeometryError) -> Geometry {
        let context = GEOSContext.current
        context.clearError()
        let noded = try lines.unaryUnion()
        var parts: [OpaquePointer?] = []
        let count = GEOSGetNumGeometries_r(context.handle, noded.handle)
        for i in 0..<count {
            guard let part = GEOSGetGeometryN_r(context.handle, noded.handle, i) else { throw context.error("GetGeometryN") }
            parts.append(part)
        }
        let result = withExtendedLifetime(noded) {
            parts.withUnsafeBufferPointer { GEOSPolygonize_r(context.handle, $0.baseAddress, UInt32($0.count)) }
        }
        return try context.owned(result, "Polygonize")
    }
}
