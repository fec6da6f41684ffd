import ZoneProjection

/// What to do with a geometry GEOS finds invalid.
public enum InvalidGeometryPolicy: String, Sendable, CaseIterable {
    /// Report it as an error (the default): the file does not pass.
    case reject
    /// Report it as a warning and keep the geometry as it is.
    case warn
    /// Repair it with GEOS make-valid (structure method) and report what changed as a warning.
    case repair
}

/// How to read GeoJSON files.
public struct ReadOptions: Sendable {
    /// The CRS of the coordinates, overriding any legacy `crs` member; `nil` to use the file's
    /// own, or WGS84 lon/lat as RFC 7946 says.
    public var crs: CRS?
    /// Turn closed LineString / MultiLineString outlines into polygons (CAD exports).
    public var polygonize: Bool
    /// What to do with a geometry GEOS finds invalid (``InvalidGeometryPolicy/reject`` by default).
    public var policy: InvalidGeometryPolicy
    /// Problems kept per file; further ones are counted, not kept.
    public var problemLimit: Int
    /// Run GEOS's validity check on every geometry (costs time on large files).
    public var checkValidity: Bool

    /// Options; the defaults read RFC 7946 lon/lat, reject invalid geometries and keep 1,000 problems.
    public init(crs: CRS? = nil, polygonize: Bool = false, policy: InvalidGeometryPolicy = .reject,
                problemLimit: Int = 1000, checkValidity: Bool = true) {
        self.crs = crs
        self.polygonize = polygonize
        self.policy = policy
        self.problemLimit = problemLimit
        self.checkValidity = checkValidity
    }
}
