import CPROJ
import ZoneGeometry

/// Transforms coordinates from one CRS to another, always in x/y order: longitude before
/// latitude, easting before northing, whatever axis order the CRS's authority defines.
///
/// PROJ picks the best available operation (e.g. the VN-2000 → WGS 84 Helmert shift). The
/// pipeline is created once per thread and cached, so a `Transformer` is cheap to keep, copy and
/// use from many threads.
public struct Transformer: Sendable, Hashable {
    /// The CRS of the coordinates given to `transform`.
    public let source: CRS
    /// The CRS of the coordinates returned.
    public let target: CRS

    /// A transformer from `source` to `target`.
    /// - Throws: ``ProjectionError/noTransformation(source:target:message:)`` when PROJ has no operation.
    public init(from source: CRS, to target: CRS) throws(ProjectionError) {
        self.source = source
        self.target = target
        _ = try pipeline()
    }

    /// The transformer going the other way.
    public var inverse: Transformer {
        get throws(ProjectionError) { try Transformer(from: target, to: source) }
    }

    /// Transforms one position (z is carried over unchanged).
    public func transform(_ coordinate: Coordinate) throws(ProjectionError) -> Coordinate {
        var x = [coordinate.x], y = [coordinate.y]
        try transform(x: &x, y: &y)
        return Coordinate(x: x[0], y: y[0], z: coordinate.z)
    }

    /// Transforms arrays of x and y (equal lengths) in place, in one PROJ call.
    public func transform(x: inout [Double], y: inout [Double]) throws(ProjectionError) {
        guard x.count == y.count else { throw .mismatchedLengths(x: x.count, y: y.count) }
        let pj = try pipeline()
        let (originalX, originalY) = (x, y)
        let failed: Int? = x.withUnsafeMutableBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { ys in Self.run(pj, xs, ys) }
        }
        if let failed { throw Self.failure(pj, at: failed, Coordinate(originalX[failed], originalY[failed])) }
    }

    /// Transforms a whole geometry: every position is read out, transformed in one PROJ call, and
    /// the same structure is rebuilt.
    public func transform(_ geometry: Geometry) throws(ProjectionError) -> Geometry {
        let pj = try pipeline()
        return try geometry.mappingCoordinates(geometryFailure: ProjectionError.geometry) { xs, ys throws(ProjectionError) in
            if let failed = Self.run(pj, xs, ys) {
                // The buffers are overwritten: take the position from the untouched input.
                throw Self.failure(pj, at: failed, Self.position(failed, of: geometry))
            }
        }
    }

    private func pipeline() throws(ProjectionError) -> OpaquePointer {
        try ProjContext.current.transformation(TransformerKey(source: source.definition, target: target.definition))
    }

    /// Runs the pipeline over the buffers in place; returns the index of the first position PROJ
    /// could not transform (it marks them with HUGE_VAL).
    private static func run(_ pj: OpaquePointer, _ xs: UnsafeMutableBufferPointer<Double>,
                            _ ys: UnsafeMutableBufferPointer<Double>) -> Int? {
        let count = xs.count
        guard count > 0 else { return nil }
        let stride = MemoryLayout<Double>.stride
        proj_errno_reset(pj)
        _ = proj_trans_generic(pj, PJ_FWD, xs.baseAddress, stride, count, ys.baseAddress, stride, count, nil, 0, 0, nil, 0, 0)
        for i in 0..<count where !xs[i].isFinite || !ys[i].isFinite { return i }
        return nil
    }

    private static func failure(_ pj: OpaquePointer, at index: Int, _ original: Coordinate) -> ProjectionError {
        let code = proj_errno(pj)
        let message = code != 0 ? proj_context_errno_string(ProjContext.current.handle, code).map { String(cString: $0) } : nil
        proj_errno_reset(pj)
        return .transformFailed(index: index, x: original.x, y: original.y,
                                message: message ?? "the position is outside the domain of the transformation")
    }

    /// The `index`th position of a geometry, counting every position in order.
    private static func position(_ index: Int, of geometry: Geometry) -> Coordinate {
        var all: [Coordinate] = []
        func collect(_ value: GeometryValue) {
            switch value {
            case let .point(c): all.append(c)
            case let .lineString(cs), let .multiPoint(cs): all += cs
            case let .polygon(rings), let .multiLineString(rings): all += rings.flatMap { $0 }
            case let .multiPolygon(polygons): all += polygons.flatMap { $0.flatMap { $0 } }
            case let .geometryCollection(members): members.forEach(collect)
            }
        }
        if let value = try? geometry.value() { collect(value) }
        return all.indices.contains(index) ? all[index] : Coordinate(.nan, .nan)
    }
}
