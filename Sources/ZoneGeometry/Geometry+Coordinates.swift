import CGEOS

/// What a run of positions is in its geometry.
public enum PathRole: Sendable {
    /// The exterior ring of a polygon; its holes follow it.
    case shell
    /// An interior ring of the polygon whose shell came last.
    case hole
    /// A linestring.
    case line
}

/// The positions of one ring or line, valid only inside the closure that receives them.
public struct PathCoordinates {
    /// Whether the positions are a shell, a hole or a line.
    public let role: PathRole
    /// The x ordinates (longitude or easting), in order; a ring's last position repeats its first.
    public let x: UnsafeBufferPointer<Double>
    /// The y ordinates (latitude or northing), as many as ``x``.
    public let y: UnsafeBufferPointer<Double>
}

extension Geometry {
    /// A copy of the geometry with every position rewritten in one bulk pass.
    ///
    /// `transform` receives all x values and all y values of the geometry, in order, as two
    /// contiguous buffers to rewrite in place (z values are carried over unchanged). This is how a
    /// coordinate transformation runs over a whole geometry in one call.
    /// - Parameters:
    ///   - geometryFailure: how a GEOS failure in reading or rebuilding the geometry is reported
    ///     as `transform`'s error type (e.g. `ProjectionError.geometry`).
    ///   - transform: rewrites the x and y buffers in place; what it throws is rethrown.
    public func mappingCoordinates<E: Error>(
        geometryFailure: (GeometryError) -> E,
        _ transform: (_ x: UnsafeMutableBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>) throws(E) -> Void
    ) throws(E) -> Geometry {
        let context = GEOSContext.current
        context.clearError()
        let count = coordinateCount
        let hasZ = self.hasZ
        var mapping = CoordinateMapping(context: context, hasZ: hasZ)
        let rebuilt = try context.withScratch(count) { scratch throws(E) in
            let x = UnsafeMutableBufferPointer(rebasing: scratch.x[0..<count])
            let y = UnsafeMutableBufferPointer(rebasing: scratch.y[0..<count])
            let z = UnsafeMutableBufferPointer(rebasing: scratch.z[0..<(hasZ ? count : 0)])
            if hasZ { z.initialize(repeating: .nan) }
            do throws(GeometryError) { try mapping.read(handle, x: x, y: y, z: z) } catch { throw geometryFailure(error) }
            try transform(x, y)
            mapping.offset = 0
            do throws(GeometryError) {
                return try mapping.build(handle, x: UnsafeBufferPointer(x), y: UnsafeBufferPointer(y), z: UnsafeBufferPointer(z))
            } catch {
                throw geometryFailure(error)
            }
        }
        return Geometry(owning: rebuilt)
    }

    /// Calls `body` with the positions of every ring and line, in the order they appear: each
    /// polygon's shell then its holes, each linestring as a line. Points are skipped.
    /// - Throws: `GeometryError` when GEOS cannot hand over a ring's positions, or what `body` throws.
    public func forEachPath(_ body: (PathCoordinates) throws(GeometryError) -> Void) throws(GeometryError) {
        try forEachPath(geometryFailure: { $0 }, body)
    }

    /// ``forEachPath(_:)`` for a `body` that throws an error of its own type `E`.
    /// - Parameters:
    ///   - geometryFailure: how a GEOS failure in reading a ring is reported as an `E` (e.g.
    ///     `ProjectionError.geometry`).
    ///   - body: takes each ring or line in turn; what it throws stops the walk and is rethrown.
    public func forEachPath<E: Error>(geometryFailure: (GeometryError) -> E,
                                      _ body: (PathCoordinates) throws(E) -> Void) throws(E) {
        let context = GEOSContext.current
        context.clearError()
        try context.withScratch(0) { buffers throws(E) in
            var scratch = PathScratch(buffers: buffers)
            try visitPaths(context, handle, &scratch, geometryFailure, body)
        }
    }

    private func visitPaths<E: Error>(_ context: GEOSContext, _ g: OpaquePointer, _ scratch: inout PathScratch,
                                      _ failure: (GeometryError) -> E, _ body: (PathCoordinates) throws(E) -> Void) throws(E) {
        let h = context.handle
        if GEOSisEmpty_r(h, g) == 1 { return }
        switch GeometryType(geosTypeId: GEOSGeomTypeId_r(h, g)) {
        case .point, .multiPoint:
            return
        case .lineString, .linearRing:
            try scratch.with(context, g, failure) { x, y throws(E) in try body(PathCoordinates(role: .line, x: x, y: y)) }
        case .polygon:
            guard let shell = GEOSGetExteriorRing_r(h, g) else { throw failure(context.error("GetExteriorRing")) }
            try scratch.with(context, shell, failure) { x, y throws(E) in try body(PathCoordinates(role: .shell, x: x, y: y)) }
            for i in 0..<GEOSGetNumInteriorRings_r(h, g) {
                guard let hole = GEOSGetInteriorRingN_r(h, g, i) else { throw failure(context.error("GetInteriorRingN")) }
                try scratch.with(context, hole, failure) { x, y throws(E) in try body(PathCoordinates(role: .hole, x: x, y: y)) }
            }
        default:
            for i in 0..<GEOSGetNumGeometries_r(h, g) {
                guard let member = GEOSGetGeometryN_r(h, g, i) else { throw failure(context.error("GetGeometryN")) }
                try visitPaths(context, member, &scratch, failure, body)
            }
        }
    }
}

/// Reads one ring or line at a time into the thread's reusable buffers.
private struct PathScratch {
    let buffers: CoordinateScratch

    mutating func with<E: Error>(_ context: GEOSContext, _ ring: OpaquePointer, _ failure: (GeometryError) -> E,
                                 _ body: (UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>) throws(E) -> Void) throws(E) {
        let h = context.handle
        guard let sequence = GEOSGeom_getCoordSeq_r(h, ring) else { throw failure(context.error("getCoordSeq")) }
        var size: UInt32 = 0
        guard GEOSCoordSeq_getSize_r(h, sequence, &size) == 1 else { throw failure(context.error("CoordSeq_getSize")) }
        let n = Int(size)
        buffers.reserve(n)
        guard GEOSCoordSeq_copyToArrays_r(h, sequence, buffers.x.baseAddress, buffers.y.baseAddress, nil, nil) == 1 else {
            throw failure(context.error("CoordSeq_copyToArrays"))
        }
        try body(UnsafeBufferPointer(rebasing: buffers.x[0..<n]), UnsafeBufferPointer(rebasing: buffers.y[0..<n]))
    }
}

/// Walks a geometry twice in the same order: once to read every position into flat arrays,
/// once to rebuild the same structure from them.
private struct CoordinateMapping {
    let context: GEOSContext
    let hasZ: Bool
    var offset = 0

    mutating func read(_ g: OpaquePointer, x: UnsafeMutableBufferPointer<Double>, y: UnsafeMutableBufferPointer<Double>,
                       z: UnsafeMutableBufferPointer<Double>) throws(GeometryError) {
        let h = context.handle
        try forEachSequence(g) { sequence, size throws(GeometryError) in
            let zBase = hasZ ? z.baseAddress! + offset : nil
            guard GEOSCoordSeq_copyToArrays_r(h, sequence, x.baseAddress! + offset, y.baseAddress! + offset, zBase, nil) == 1 else {
                throw context.error("CoordSeq_copyToArrays")
            }
            offset += size
        }
    }

    private func forEachSequence(_ g: OpaquePointer, _ body: (OpaquePointer, Int) throws(GeometryError) -> Void) throws(GeometryError) {
        let h = context.handle
        switch GeometryType(geosTypeId: GEOSGeomTypeId_r(h, g)) {
        case .point, .lineString, .linearRing:
            if GEOSisEmpty_r(h, g) == 1 { return }
            guard let sequence = GEOSGeom_getCoordSeq_r(h, g) else { throw context.error("getCoordSeq") }
            var size: UInt32 = 0
            guard GEOSCoordSeq_getSize_r(h, sequence, &size) == 1 else { throw context.error("CoordSeq_getSize") }
            try body(sequence, Int(size))
        case .polygon:
            if GEOSisEmpty_r(h, g) == 1 { return }
            guard let shell = GEOSGetExteriorRing_r(h, g) else { throw context.error("GetExteriorRing") }
            try forEachSequence(shell, body)
            for i in 0..<GEOSGetNumInteriorRings_r(h, g) {
                guard let hole = GEOSGetInteriorRingN_r(h, g, i) else { throw context.error("GetInteriorRingN") }
                try forEachSequence(hole, body)
            }
        default:
            for i in 0..<GEOSGetNumGeometries_r(h, g) {
                guard let member = GEOSGetGeometryN_r(h, g, i) else { throw context.error("GetGeometryN") }
                try forEachSequence(member, body)
            }
        }
    }

    /// Rebuilds `g`'s structure with positions taken from the arrays at the running offset.
    mutating func build(_ g: OpaquePointer, x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>,
                        z: UnsafeBufferPointer<Double>) throws(GeometryError) -> OpaquePointer {
        let h = context.handle
        let typeId = GEOSGeomTypeId_r(h, g)
        let type = GeometryType(geosTypeId: typeId)
        let empty = GEOSisEmpty_r(h, g) == 1
        func made(_ p: OpaquePointer?, _ operation: String) throws(GeometryError) -> OpaquePointer {
            guard let p else { throw context.error(operation) }
            return p
        }
        switch type {
        case .point, .lineString, .linearRing:
            if empty { return try made(GEOSGeom_clone_r(h, g), "clone") }
            var count: UInt32 = 0
            guard let source = GEOSGeom_getCoordSeq_r(h, g), GEOSCoordSeq_getSize_r(h, source, &count) == 1 else {
                throw context.error("CoordSeq_getSize")
            }
            let size = Int(count)
            let sequence = try made(GEOSCoordSeq_copyFromArrays_r(
                h, x.baseAddress! + offset, y.baseAddress! + offset, hasZ ? z.baseAddress! + offset : nil, nil, UInt32(size)),
                "CoordSeq_copyFromArrays")
            offset += size
            switch type {
            case .point: return try made(GEOSGeom_createPoint_r(h, sequence), "createPoint")
            case .linearRing: return try made(GEOSGeom_createLinearRing_r(h, sequence), "createLinearRing")
            default: return try made(GEOSGeom_createLineString_r(h, sequence), "createLineString")
            }
        case .polygon:
            if empty { return try made(GEOSGeom_clone_r(h, g), "clone") }
            let shell = try build(try made(GEOSGetExteriorRing_r(h, g), "GetExteriorRing"), x: x, y: y, z: z)
            var holes: [OpaquePointer?] = []
            for i in 0..<GEOSGetNumInteriorRings_r(h, g) {
                holes.append(try build(try made(GEOSGetInteriorRingN_r(h, g, i), "GetInteriorRingN"), x: x, y: y, z: z))
            }
            return try made(holes.withUnsafeMutableBufferPointer {
                GEOSGeom_createPolygon_r(h, shell, $0.baseAddress, UInt32($0.count))
            }, "createPolygon")
        default:
            var parts: [OpaquePointer?] = []
            for i in 0..<GEOSGetNumGeometries_r(h, g) {
                parts.append(try build(try made(GEOSGetGeometryN_r(h, g, i), "GetGeometryN"), x: x, y: y, z: z))
            }
            return try made(parts.withUnsafeMutableBufferPointer {
                GEOSGeom_createCollection_r(h, typeId, $0.baseAddress, UInt32($0.count))
            }, "createCollection")
        }
    }
}
