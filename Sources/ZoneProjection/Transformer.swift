import CPROJ
import ZoneGeometry

/// Transforms coordinates from one CRS to another, always in x/y order: longitude before
/// latitude, easting before northing, whatever axis order the CRS's authority defines.
///
/// PROJ picks the best available operation (e.g. the VN-2000 → WGS 84 Helmert shift). The
/// pipeline is created once per thread and cached, so a `Transformer` is cheap to keep, copy and
/// use from many threads.
public struct Transformer: Sendable, Hashable {
    public let source: CRS
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
        let result: ProjectionError? = x.withUnsafeMutableBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { ys in Self.run(pj, xs, ys) }
        }
        if let result { throw result }
    }

    /// Transforms a whole geometry: every position is read out, transformed in one PROJ call, and
    /// the same structure is rebuilt.
    public func transform(_ geometry: Geometry) throws(ProjectionError) -> Geometry {
        let pj = try pipeline()
        do {
            return try geometry.mappingCoordinates { xs, ys in
                if let failure = Self.run(pj, xs, ys) { throw failure }
            }
        } catch let error as ProjectionError {
            throw error
        } catch let error as GeometryError {
            throw .geometry(error)
        } catch {
            throw .geometry(.unsupported("\(error)"))
        }
    }

    private func pipeline() throws(ProjectionError) -> OpaquePointer {
        try ProjContext.current.transformation(TransformerKey(source: source.definition, target: target.definition))
    }

    /// Runs the pipeline over the buffers; returns the first failure, if any.
    private static func run(_ pj: OpaquePointer, _ xs: UnsafeMutableBufferPointer<Double>,
                            _ ys: UnsafeMutableBufferPointer<Double>) -> ProjectionError? {
        let count = xs.count
        guard count > 0 else { return nil }
        let originalX = Array(xs), originalY = Array(ys)
        let stride = MemoryLayout<Double>.stride
        proj_errno_reset(pj)
        _ = proj_trans_generic(pj, PJ_FWD, xs.baseAddress, stride, count, ys.baseAddress, stride, count,
                               nil, 0, 0, nil, 0, 0)
        // PROJ marks a position it could not transform with HUGE_VAL.
        for i in 0..<count where !xs[i].isFinite || !ys[i].isFinite {
            let code = proj_errno(pj)
            let message = code != 0 ? proj_context_errno_string(ProjContext.current.handle, code).map { String(cString: $0) } : nil
            proj_errno_reset(pj)
            return .transformFailed(index: i, x: originalX[i], y: originalY[i],
                                    message: message ?? "the position is outside the domain of the transformation")
        }
        return nil
    }
}
