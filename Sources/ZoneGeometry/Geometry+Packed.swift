import CGEOS

/// The nesting of a geometry whose positions are stored flat (separate x, y and z arrays),
/// given as ranges: how a reader hands coordinates to GEOS without a value per position.
public struct PackedLayout: Sendable {
    /// The geometry type the ranges describe.
    public var type: GeometryType
    /// Position ranges: the one position of a point; the positions of a linestring or multipoint;
    /// each ring of a polygon or multipolygon (shell first); each line of a multilinestring.
    public var paths: [Range<Int>]
    /// For a multipolygon: the ranges of ``paths`` forming each polygon.
    public var polygons: [Range<Int>]

    /// A layout; `polygons` is needed for multipolygons only.
    public init(type: GeometryType, paths: [Range<Int>], polygons: [Range<Int>] = []) {
        self.type = type
        self.paths = paths
        self.polygons = polygons
    }
}

extension Geometry {
    /// Builds a geometry straight from flat coordinate arrays, copying each path into GEOS in one
    /// call. Point, linestring, polygon, multipoint, multilinestring and multipolygon layouts are
    /// supported; the caller has checked counts and ring closure (GEOS still rejects bad input
    /// with an error, never a crash).
    /// - Parameters:
    ///   - layout: the type and the position ranges of its paths (and polygons).
    ///   - x: the x ordinates (longitude or easting) of every position, in layout order.
    ///   - y: the y ordinates (latitude or northing), as many as `x`.
    ///   - z: heights aligned with `x`, or `nil` for 2D data.
    public convenience init(packed layout: PackedLayout, x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>,
                            z: UnsafeBufferPointer<Double>? = nil) throws(GeometryError) {
        let context = GEOSContext.current
        context.clearError()
        let builder = PackedBuilder(context: context, x: x, y: y, z: z)
        self.init(owning: try builder.build(layout))
    }
}

private struct PackedBuilder {
    let context: GEOSContext
    let x: UnsafeBufferPointer<Double>
    let y: UnsafeBufferPointer<Double>
    let z: UnsafeBufferPointer<Double>?

    func build(_ layout: PackedLayout) throws(GeometryError) -> OpaquePointer {
        let h = context.handle
        switch layout.type {
        case .point:
            guard let path = layout.paths.first, !path.isEmpty else {
                return try made(GEOSGeom_createEmptyPoint_r(h), "createEmptyPoint")
            }
            return try made(GEOSGeom_createPoint_r(h, try sequence(path.lowerBound..<path.lowerBound + 1)), "createPoint")
        case .lineString, .linearRing:
            guard let path = layout.paths.first, !path.isEmpty else {
                return try made(GEOSGeom_createEmptyLineString_r(h), "createEmptyLineString")
            }
            return try made(GEOSGeom_createLineString_r(h, try sequence(path)), "createLineString")
        case .polygon:
            return try polygon(layout.paths[...])
        case .multiPoint:
            let points = layout.paths.first.map { Array($0) } ?? []
            return try collection(GEOS_MULTIPOINT, points) { (i) throws(GeometryError) in
                try made(GEOSGeom_createPoint_r(h, try sequence(i..<i + 1)), "createPoint")
            }
        case .multiLineString:
            return try collection(GEOS_MULTILINESTRING, layout.paths) { (path) throws(GeometryError) in
                try made(GEOSGeom_createLineString_r(h, try sequence(path)), "createLineString")
            }
        case .multiPolygon:
            return try collection(GEOS_MULTIPOLYGON, layout.polygons) { (rings) throws(GeometryError) in
                try polygon(layout.paths[rings])
            }
        case .geometryCollection:
            throw .unsupported("a geometry collection is built from its members, not from packed coordinates")
        }
    }

    private func polygon(_ rings: ArraySlice<Range<Int>>) throws(GeometryError) -> OpaquePointer {
        let h = context.handle
        guard let shellPath = rings.first else { return try made(GEOSGeom_createEmptyPolygon_r(h), "createEmptyPolygon") }
        let shell = try made(GEOSGeom_createLinearRing_r(h, try sequence(shellPath)), "createLinearRing")
        var holes: [OpaquePointer?] = []
        holes.reserveCapacity(rings.count - 1)
        for ring in rings.dropFirst() {
            holes.append(try made(GEOSGeom_createLinearRing_r(h, try sequence(ring)), "createLinearRing"))
        }
        return try made(holes.withUnsafeMutableBufferPointer {
            GEOSGeom_createPolygon_r(h, shell, $0.baseAddress, UInt32($0.count))
        }, "createPolygon")
    }

    private func collection<Part>(_ kind: GEOSGeomTypes, _ parts: [Part],
                                  _ build: (Part) throws(GeometryError) -> OpaquePointer) throws(GeometryError) -> OpaquePointer {
        var members: [OpaquePointer?] = []
        members.reserveCapacity(parts.count)
        for part in parts { members.append(try build(part)) }
        return try made(members.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(context.handle, Int32(kind.rawValue), $0.baseAddress, UInt32($0.count))
        }, "createCollection")
    }

    private func sequence(_ path: Range<Int>) throws(GeometryError) -> OpaquePointer {
        guard !path.isEmpty, path.lowerBound >= 0, path.upperBound <= x.count, path.upperBound <= y.count,
              z.map({ path.upperBound <= $0.count }) ?? true else {
            throw .unsupported("packed path \(path) is outside the coordinate arrays")
        }
        return try made(GEOSCoordSeq_copyFromArrays_r(
            context.handle, x.baseAddress! + path.lowerBound, y.baseAddress! + path.lowerBound,
            z.map { $0.baseAddress! + path.lowerBound }, nil, UInt32(path.count)), "CoordSeq_copyFromArrays")
    }

    private func made(_ pointer: OpaquePointer?, _ operation: String) throws(GeometryError) -> OpaquePointer {
        guard let pointer else { throw context.error(operation) }
        return pointer
    }
}
