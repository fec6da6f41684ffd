import CGEOS

extension Geometry {
    /// Builds a geometry from Swift coordinates, after ``GeometryValue/validate()``.
    public convenience init(_ value: GeometryValue) throws(GeometryError) {
        try value.validate()
        let context = GEOSContext.current
        context.clearError()
        self.init(owning: try GeometryBuild(context: context, hasZ: value.hasZ).geometry(value))
    }

    /// Reads the geometry back as Swift coordinates (z kept where present).
    public func value() throws(GeometryError) -> GeometryValue {
        try GeometryRead(context: GEOSContext.current).value(handle)
    }
}

/// Builds GEOS geometries from validated values; every created piece is handed to its parent.
private struct GeometryBuild {
    let context: GEOSContext
    let hasZ: Bool

    func geometry(_ value: GeometryValue) throws(GeometryError) -> OpaquePointer {
        let h = context.handle
        switch value {
        case let .point(c):
            return try made(GEOSGeom_createPoint_r(h, try sequence([c])), "createPoint")
        case let .lineString(line):
            if line.isEmpty { return try made(GEOSGeom_createEmptyLineString_r(h), "createEmptyLineString") }
            return try made(GEOSGeom_createLineString_r(h, try sequence(line)), "createLineString")
        case let .polygon(rings):
            return try polygon(rings)
        case let .multiPoint(points):
            return try collection(GEOS_MULTIPOINT, points.map { .point($0) })
        case let .multiLineString(lines):
            return try collection(GEOS_MULTILINESTRING, lines.map { .lineString($0) })
        case let .multiPolygon(polygons):
            return try collection(GEOS_MULTIPOLYGON, polygons.map { .polygon($0) })
        case let .geometryCollection(members):
            return try collection(GEOS_GEOMETRYCOLLECTION, members)
        }
    }

    private func polygon(_ rings: [[Coordinate]]) throws(GeometryError) -> OpaquePointer {
        let h = context.handle
        guard let shellRing = rings.first else {
            return try made(GEOSGeom_createEmptyPolygon_r(h), "createEmptyPolygon")
        }
        let shell = try made(GEOSGeom_createLinearRing_r(h, try sequence(shellRing)), "createLinearRing")
        var holes: [OpaquePointer?] = []
        holes.reserveCapacity(rings.count - 1)
        for ring in rings.dropFirst() {
            holes.append(try made(GEOSGeom_createLinearRing_r(h, try sequence(ring)), "createLinearRing"))
        }
        let result = holes.withUnsafeMutableBufferPointer {
            GEOSGeom_createPolygon_r(h, shell, $0.baseAddress, UInt32($0.count))
        }
        return try made(result, "createPolygon")
    }

    private func collection(_ kind: GEOSGeomTypes, _ members: [GeometryValue]) throws(GeometryError) -> OpaquePointer {
        var parts: [OpaquePointer?] = []
        parts.reserveCapacity(members.count)
        for member in members { parts.append(try geometry(member)) }
        let result = parts.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(context.handle, Int32(kind.rawValue), $0.baseAddress, UInt32($0.count))
        }
        return try made(result, "createCollection")
    }

    /// Copies positions into a new GEOS coordinate sequence in one call.
    private func sequence(_ coordinates: [Coordinate]) throws(GeometryError) -> OpaquePointer {
        let stride = hasZ ? 3 : 2
        var buffer = [Double](repeating: 0, count: coordinates.count * stride)
        for (i, c) in coordinates.enumerated() {
            buffer[i * stride] = c.x
            buffer[i * stride + 1] = c.y
            if hasZ { buffer[i * stride + 2] = c.z ?? .nan }
        }
        let result = buffer.withUnsafeBufferPointer {
            GEOSCoordSeq_copyFromBuffer_r(context.handle, $0.baseAddress, UInt32(coordinates.count), hasZ ? 1 : 0, 0)
        }
        return try made(result, "CoordSeq_copyFromBuffer")
    }

    private func made(_ pointer: OpaquePointer?, _ operation: String) throws(GeometryError) -> OpaquePointer {
        guard let pointer else { throw context.error(operation) }
        return pointer
    }
}

/// Reads GEOS geometries into values without taking ownership of anything.
private struct GeometryRead {
    let context: GEOSContext

    func value(_ g: OpaquePointer) throws(GeometryError) -> GeometryValue {
        let h = context.handle
        let type = GeometryType(geosTypeId: GEOSGeomTypeId_r(h, g))
        switch type {
        case .point:
            let points = try coordinates(g)
            return points.first.map { .point($0) } ?? .multiPoint([])
        case .lineString, .linearRing:
            return .lineString(try coordinates(g))
        case .polygon:
            return .polygon(try rings(g))
        case .multiPoint:
            var points: [Coordinate] = []
            for member in try members(g) { points += try coordinates(member) }
            return .multiPoint(points)
        case .multiLineString:
            return .multiLineString(try members(g).map { (m) throws(GeometryError) in try coordinates(m) })
        case .multiPolygon:
            return .multiPolygon(try members(g).map { (m) throws(GeometryError) in try rings(m) })
        case .geometryCollection, nil:
            return .geometryCollection(try members(g).map { (m) throws(GeometryError) in try value(m) })
        }
    }

    private func members(_ g: OpaquePointer) throws(GeometryError) -> [OpaquePointer] {
        let h = context.handle
        var result: [OpaquePointer] = []
        for i in 0..<GEOSGetNumGeometries_r(h, g) {
            guard let member = GEOSGetGeometryN_r(h, g, i) else { throw context.error("GetGeometryN") }
            result.append(member)
        }
        return result
    }

    private func rings(_ polygon: OpaquePointer) throws(GeometryError) -> [[Coordinate]] {
        let h = context.handle
        if GEOSisEmpty_r(h, polygon) == 1 { return [] }
        guard let shell = GEOSGetExteriorRing_r(h, polygon) else { throw context.error("GetExteriorRing") }
        var result = [try coordinates(shell)]
        for i in 0..<GEOSGetNumInteriorRings_r(h, polygon) {
            guard let hole = GEOSGetInteriorRingN_r(h, polygon, i) else { throw context.error("GetInteriorRingN") }
            result.append(try coordinates(hole))
        }
        return result
    }

    private func coordinates(_ g: OpaquePointer) throws(GeometryError) -> [Coordinate] {
        let h = context.handle
        if GEOSisEmpty_r(h, g) == 1 { return [] }
        guard let sequence = GEOSGeom_getCoordSeq_r(h, g) else { throw context.error("getCoordSeq") }
        var size: UInt32 = 0
        var dimensions: UInt32 = 0
        guard GEOSCoordSeq_getSize_r(h, sequence, &size) == 1,
              GEOSCoordSeq_getDimensions_r(h, sequence, &dimensions) == 1 else { throw context.error("CoordSeq_getSize") }
        let hasZ = dimensions >= 3
        let stride = hasZ ? 3 : 2
        var buffer = [Double](repeating: 0, count: Int(size) * stride)
        let ok = buffer.withUnsafeMutableBufferPointer {
            GEOSCoordSeq_copyToBuffer_r(h, sequence, $0.baseAddress, hasZ ? 1 : 0, 0)
        }
        guard ok == 1 else { throw context.error("CoordSeq_copyToBuffer") }
        return (0..<Int(size)).map { i in
            let z = hasZ ? buffer[i * 3 + 2] : .nan
            return Coordinate(x: buffer[i * stride], y: buffer[i * stride + 1], z: z.isNaN ? nil : z)
        }
    }
}
