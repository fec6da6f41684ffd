import CGEOS

extension Geometry {
    /// Reads a GeoJSON geometry object (RFC 7946), e.g. `{"type":"Point","coordinates":[106.7,20.8]}`.
    ///
    /// This is GEOS's reader, for single geometries; files of features go through `ZoneGeoJSON`,
    /// which locates every problem.
    public convenience init(geoJSON: String) throws(GeometryError) {
        let context = GEOSContext.current
        context.clearError()
        guard let result = GEOSGeoJSONReader_readGeometry_r(context.handle, context.geoJSONReader, geoJSON) else {
            throw .unreadable(format: "GeoJSON", message: context.error("GeoJSONReader").message)
        }
        self.init(owning: result)
    }

    /// Writes the geometry as a compact GeoJSON geometry object.
    public func geoJSON() throws(GeometryError) -> String {
        let context = GEOSContext.current
        context.clearError()
        guard let text = GEOSGeoJSONWriter_writeGeometry_r(context.handle, context.geoJSONWriter, handle, -1) else {
            throw context.error("GeoJSONWriter")
        }
        defer { GEOSFree_r(context.handle, text) }
        return String(cString: text)
    }
}
