import CGEOS

extension Geometry {
    /// A simpler copy for display: vertices closer than `tolerance` (in coordinate units) to the
    /// simplified line are dropped, while rings stay valid and do not cross one another (GEOS's
    /// topology-preserving Douglas–Peucker).
    public func simplifiedPreservingTopology(tolerance: Double) throws(GeometryError) -> Geometry {
        let context = GEOSContext.current
        context.clearError()
        return try context.owned(GEOSTopologyPreserveSimplify_r(context.handle, handle, tolerance), "TopologyPreserveSimplify")
    }
}

extension Geometry {
    /// A simpler copy by plain Douglas–Peucker (`tolerance` in coordinate units): fast, but a
    /// polygon may come out invalid or empty — check it, or use
    /// ``simplifiedPreservingTopology(tolerance:)``.
    public func simplified(tolerance: Double) throws(GeometryError) -> Geometry {
        let context = GEOSContext.current
        context.clearError()
        return try context.owned(GEOSSimplify_r(context.handle, handle, tolerance), "Simplify")
    }
}
