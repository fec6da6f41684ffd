import CGEOS

/// How the ends of buffered lines are drawn.
public enum BufferCap: Sendable {
    /// A half circle beyond each end.
    case round
    /// Cut square at each end.
    case flat
    /// A half square beyond each end (the buffer distance past the end).
    case square
}

/// How corners of a buffer are drawn.
public enum BufferJoin: Sendable {
    /// Rounded corners.
    case round
    /// Sharp corners, cut off beyond `limit` times the distance.
    case mitre(limit: Double)
    /// Corners cut straight across.
    case bevel
}

/// The shape of a buffer: caps, joins, arc smoothness and single-sidedness.
public struct BufferStyle: Sendable {
    /// How line ends are drawn (round by default).
    public var cap: BufferCap
    /// How corners are drawn (round by default).
    public var join: BufferJoin
    /// Segments used to approximate a quarter circle.
    public var quadrantSegments: Int
    /// Buffer one side of lines only (left for a positive distance).
    public var singleSided: Bool

    /// A style; the defaults are GEOS's: round caps and joins, 8 segments per quarter circle, both sides.
    public init(cap: BufferCap = .round, join: BufferJoin = .round, quadrantSegments: Int = 8, singleSided: Bool = false) {
        self.cap = cap
        self.join = join
        self.quadrantSegments = quadrantSegments
        self.singleSided = singleSided
    }
}

extension Geometry {
    /// The area within `distance` of the geometry, in coordinate units: buffer a projected
    /// geometry to work in metres. A negative distance shrinks polygons.
    public func buffer(_ distance: Double, style: BufferStyle = BufferStyle()) throws(GeometryError) -> Geometry {
        let context = GEOSContext.current
        let h = context.handle
        context.clearError()
        guard let params = GEOSBufferParams_create_r(h) else { throw context.error("BufferParams_create") }
        defer { GEOSBufferParams_destroy_r(h, params) }
        let cap: GEOSBufCapStyles = switch style.cap {
        case .round: GEOSBUF_CAP_ROUND
        case .flat: GEOSBUF_CAP_FLAT
        case .square: GEOSBUF_CAP_SQUARE
        }
        try context.check(GEOSBufferParams_setEndCapStyle_r(h, params, Int32(cap.rawValue)), "BufferParams_setEndCapStyle")
        switch style.join {
        case .round:
            try context.check(GEOSBufferParams_setJoinStyle_r(h, params, Int32(GEOSBUF_JOIN_ROUND.rawValue)), "BufferParams_setJoinStyle")
        case let .mitre(limit):
            try context.check(GEOSBufferParams_setJoinStyle_r(h, params, Int32(GEOSBUF_JOIN_MITRE.rawValue)), "BufferParams_setJoinStyle")
            try context.check(GEOSBufferParams_setMitreLimit_r(h, params, limit), "BufferParams_setMitreLimit")
        case .bevel:
            try context.check(GEOSBufferParams_setJoinStyle_r(h, params, Int32(GEOSBUF_JOIN_BEVEL.rawValue)), "BufferParams_setJoinStyle")
        }
        try context.check(GEOSBufferParams_setQuadrantSegments_r(h, params, Int32(style.quadrantSegments)), "BufferParams_setQuadrantSegments")
        try context.check(GEOSBufferParams_setSingleSided_r(h, params, style.singleSided ? 1 : 0), "BufferParams_setSingleSided")
        return try context.owned(GEOSBufferWithParams_r(h, handle, params, distance), "Buffer")
    }
}
