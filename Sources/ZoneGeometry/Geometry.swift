import CGEOS

/// A geometry held as a GEOS handle for its whole life: built once, destroyed once in `deinit`.
///
/// A `Geometry` is immutable, so it may be read from any number of threads at once; each thread
/// talks to GEOS through its own context. Measures here are **planar**, in the units of the
/// coordinates (square degrees for lon/lat): use `ZoneProjection`'s `Geodesic` for metres on the
/// WGS84 ellipsoid, or transform to a projected CRS first.
public final class Geometry: @unchecked Sendable {
    /// The owned GEOS handle; never shared with another `Geometry`.
    let handle: OpaquePointer
    /// The bounding box, computed once at construction; `nil` for an empty geometry.
    public let envelope: Envelope?
    /// The geometry's type.
    public let type: GeometryType

    /// Takes ownership of a GEOS geometry.
    init(owning handle: OpaquePointer) {
        let context = GEOSContext.current.handle
        self.handle = handle
        self.type = GeometryType(geosTypeId: GEOSGeomTypeId_r(context, handle)) ?? .geometryCollection
        // Reading the envelope here also makes GEOS cache it before any concurrent reader.
        var minX = 0.0, minY = 0.0, maxX = 0.0, maxY = 0.0
        if GEOSisEmpty_r(context, handle) == 0,
           GEOSGeom_getXMin_r(context, handle, &minX) == 1,
           GEOSGeom_getYMin_r(context, handle, &minY) == 1,
           GEOSGeom_getXMax_r(context, handle, &maxX) == 1,
           GEOSGeom_getYMax_r(context, handle, &maxY) == 1 {
            envelope = Envelope(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
        } else {
            envelope = nil
        }
    }

    deinit {
        GEOSGeom_destroy_r(GEOSContext.current.handle, handle)
    }

    /// Whether the geometry has no points.
    public var isEmpty: Bool { envelope == nil }

    /// Whether the geometry has z values.
    public var hasZ: Bool { GEOSHasZ_r(GEOSContext.current.handle, handle) == 1 }

    /// The number of parts: 1 for a single geometry, the member count for a multi-geometry or collection.
    public var partCount: Int { Int(GEOSGetNumGeometries_r(GEOSContext.current.handle, handle)) }

    /// The number of positions in all parts and rings.
    public var coordinateCount: Int { Int(GEOSGetNumCoordinates_r(GEOSContext.current.handle, handle)) }

    /// The parts of a multi-geometry or collection (a single geometry returns itself), as copies.
    public func parts() throws(GeometryError) -> [Geometry] {
        let context = GEOSContext.current
        if !(type == .multiPoint || type == .multiLineString || type == .multiPolygon || type == .geometryCollection) {
            return [self]
        }
        var result: [Geometry] = []
        for index in 0..<Int32(partCount) {
            // The child is borrowed from the parent: clone it so each Geometry owns its handle.
            guard let child = GEOSGetGeometryN_r(context.handle, handle, index) else {
                throw context.error("GetGeometryN")
            }
            result.append(try context.owned(GEOSGeom_clone_r(context.handle, child), "clone"))
        }
        return result
    }

    /// Planar area in squared coordinate units (0 for points and lines).
    public func area() throws(GeometryError) -> Double {
        let context = GEOSContext.current
        var value = 0.0
        context.clearError()
        try context.check(GEOSArea_r(context.handle, handle, &value), "Area")
        return value
    }

    /// Planar length in coordinate units: the perimeter of polygons (holes included), the length of lines.
    public func length() throws(GeometryError) -> Double {
        let context = GEOSContext.current
        var value = 0.0
        context.clearError()
        try context.check(GEOSLength_r(context.handle, handle, &value), "Length")
        return value
    }

    /// Planar minimum distance to `other`, in coordinate units.
    public func distance(to other: Geometry) throws(GeometryError) -> Double {
        let context = GEOSContext.current
        var value = 0.0
        context.clearError()
        try context.check(GEOSDistance_r(context.handle, handle, other.handle, &value), "Distance")
        return value
    }

    /// The planar centre of mass (an empty point for an empty geometry); may lie outside a concave shape.
    public func centroid() throws(GeometryError) -> Geometry {
        let context = GEOSContext.current
        context.clearError()
        return try context.owned(GEOSGetCentroid_r(context.handle, handle), "Centroid")
    }

    /// A point guaranteed to lie in the interior of the geometry: the place to put a label.
    public func pointOnSurface() throws(GeometryError) -> Geometry {
        let context = GEOSContext.current
        context.clearError()
        return try context.owned(GEOSPointOnSurface_r(context.handle, handle), "PointOnSurface")
    }

    /// The boundary: rings of polygons as lines, end points of lines.
    public func boundary() throws(GeometryError) -> Geometry {
        let context = GEOSContext.current
        context.clearError()
        return try context.owned(GEOSBoundary_r(context.handle, handle), "Boundary")
    }

    /// The x and y of a point geometry; `nil` for other types or an empty point.
    public var point: Coordinate? {
        guard type == .point, !isEmpty else { return nil }
        let context = GEOSContext.current.handle
        var x = 0.0, y = 0.0
        guard GEOSGeomGetX_r(context, handle, &x) == 1, GEOSGeomGetY_r(context, handle, &y) == 1 else { return nil }
        return Coordinate(x, y)
    }
}

extension Geometry: CustomStringConvertible {
    /// The geometry as WKT, trimmed of trailing zeros.
    public var description: String { (try? wkt()) ?? "<\(type.rawValue)>" }
}
