import CGEOS

/// The outcome of GEOS's OGC validity check.
public enum Validity: Sendable, Equatable {
    /// Valid by the OGC Simple Features rules.
    case valid
    /// Why (``InvalidityReason``; its description is GEOS's text, e.g. "Self-intersection"), and
    /// where GEOS found it, in the geometry's coordinates.
    case invalid(reason: InvalidityReason, location: Coordinate?)

    /// Whether the geometry is ``valid``.
    public var isValid: Bool { self == .valid }
}

/// How ``Geometry/makeValid(method:keepCollapsed:)`` repairs a geometry (GEOS 3.10+).
public enum MakeValidMethod: Sendable {
    /// Keeps every input edge and builds the result from the noded linework.
    case linework
    /// Rebuilds polygons from shells and holes: the area-preserving repair most GIS tools expect.
    case structure
}

extension Geometry {
    /// Checks OGC validity, returning GEOS's reason and the location of the first problem found.
    public func validity(allowSelfTouchingRingFormingHole: Bool = false) throws(GeometryError) -> Validity {
        let context = GEOSContext.current
        context.clearError()
        var reason: UnsafeMutablePointer<CChar>?
        var location: OpaquePointer?
        let flags: Int32 = allowSelfTouchingRingFormingHole ? Int32(GEOSVALID_ALLOW_SELFTOUCHING_RING_FORMING_HOLE.rawValue) : 0
        let result = GEOSisValidDetail_r(context.handle, handle, flags, &reason, &location)
        defer {
            if let reason { GEOSFree_r(context.handle, reason) }
            if let location { GEOSGeom_destroy_r(context.handle, location) }
        }
        switch result {
        case 1:
            return .valid
        case 0:
            var point: Coordinate?
            if let location {
                var x = 0.0, y = 0.0
                if GEOSGeomGetX_r(context.handle, location, &x) == 1, GEOSGeomGetY_r(context.handle, location, &y) == 1 {
                    point = Coordinate(x, y)
                }
            }
            return .invalid(reason: InvalidityReason(geosText: reason.map { String(cString: $0) } ?? "invalid"), location: point)
        default:
            throw context.error("isValidDetail")
        }
    }

    /// Whether the geometry is valid in the OGC sense. A polygon of one simple ring is answered
    /// without GEOS; anything else by GEOS's validity check.
    public var isValid: Bool {
        get throws(GeometryError) {
            if isCertainlyValidSimplePolygon { return true }
            return try validity().isValid
        }
    }

    /// A valid geometry covering the same points as far as possible (GEOS make-valid).
    ///
    /// - Parameters:
    ///   - method: ``MakeValidMethod/structure`` (default) or ``MakeValidMethod/linework``.
    ///   - keepCollapsed: with `structure`, keep parts that collapse to lines or points.
    public func makeValid(method: MakeValidMethod = .structure, keepCollapsed: Bool = false) throws(GeometryError) -> Geometry {
        let context = GEOSContext.current
        context.clearError()
        guard let params = GEOSMakeValidParams_create_r(context.handle) else { throw context.error("MakeValidParams_create") }
        defer { GEOSMakeValidParams_destroy_r(context.handle, params) }
        let geosMethod = method == .structure ? GEOS_MAKE_VALID_STRUCTURE : GEOS_MAKE_VALID_LINEWORK
        try context.check(GEOSMakeValidParams_setMethod_r(context.handle, params, geosMethod), "MakeValidParams_setMethod")
        try context.check(GEOSMakeValidParams_setKeepCollapsed_r(context.handle, params, keepCollapsed ? 1 : 0), "MakeValidParams_setKeepCollapsed")
        return try context.owned(GEOSMakeValidWithParams_r(context.handle, handle, params), "MakeValid")
    }
}
