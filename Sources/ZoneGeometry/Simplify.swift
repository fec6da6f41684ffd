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
