import CGEOS

extension Geometry {
    /// The points shared with `other` (planar overlay).
    public func intersection(_ other: Geometry) throws(GeometryError) -> Geometry {
        try overlay("Intersection", other, GEOSIntersection_r)
    }

    /// The points in either geometry.
    public func union(_ other: Geometry) throws(GeometryError) -> Geometry {
        try overlay("Union", other, GEOSUnion_r)
    }

    /// The points of this geometry not in `other`.
    public func difference(_ other: Geometry) throws(GeometryError) -> Geometry {
        try overlay("Difference", other, GEOSDifference_r)
    }

    /// The points in exactly one of the two geometries.
    public func symmetricDifference(_ other: Geometry) throws(GeometryError) -> Geometry {
        try overlay("SymDifference", other, GEOSSymDifference_r)
    }

    /// The union of all parts of this geometry (dissolves a collection of polygons into one shape).
    public func unaryUnion() throws(GeometryError) -> Geometry {
        let context = GEOSContext.current
        context.clearError()
        return try context.owned(GEOSUnaryUnion_r(context.handle, handle), "UnaryUnion")
    }

    /// The union of many geometries in one cascaded pass.
    public static func union(of geometries: [Geometry]) throws(GeometryError) -> Geometry {
        try collection(geometries).unaryUnion()
    }

    /// A collection holding copies of `geometries`: of the given type, or by default a multi-type
    /// when all share one type and a geometry collection otherwise.
    public static func collection(_ geometries: [Geometry], as type: GeometryType? = nil) throws(GeometryError) -> Geometry {
        let context = GEOSContext.current
        context.clearError()
        let types = Set(geometries.map(\.type))
        let kind: GEOSGeomTypes = switch type ?? (types.count == 1 ? types.first.map(\.multiType) : nil) {
        case .multiPoint?: GEOS_MULTIPOINT
        case .multiLineString?: GEOS_MULTILINESTRING
        case .multiPolygon?: GEOS_MULTIPOLYGON
        default: GEOS_GEOMETRYCOLLECTION
        }
        var parts: [OpaquePointer?] = []
        parts.reserveCapacity(geometries.count)
        for geometry in geometries {
            guard let copy = GEOSGeom_clone_r(context.handle, geometry.handle) else {
                parts.forEach { GEOSGeom_destroy_r(context.handle, $0) }
                throw context.error("clone")
            }
            parts.append(copy)
        }
        let result = parts.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(context.handle, Int32(kind.rawValue), $0.baseAddress, UInt32($0.count))
        }
        return try context.owned(result, "createCollection")
    }

    private func overlay(
        _ name: String, _ other: Geometry,
        _ operation: (GEOSContextHandle_t?, OpaquePointer?, OpaquePointer?) -> OpaquePointer?
    ) throws(GeometryError) -> Geometry {
        let context = GEOSContext.current
        context.clearError()
        return try context.owned(operation(context.handle, handle, other.handle), name)
    }

    /// The polygons of this geometry (from a collection an overlay may return), as one polygonal
    /// geometry; lines and points are dropped.
    public func polygonalParts() throws(GeometryError) -> Geometry {
        if type.isPolygonal { return self }
        var polygons: [Geometry] = []
        for part in try parts() {
            if part.type == .polygon { polygons.append(part) }
            else if part.type == .multiPolygon || part.type == .geometryCollection { polygons += try part.polygonalParts().parts() }
        }
        return try Geometry.collection(polygons, as: .multiPolygon)
    }
}
