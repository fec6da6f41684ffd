import CGEOS

extension Geometry {
    /// Reads Well-Known Text, e.g. `POLYGON ((0 0, 1 0, 1 1, 0 0))`.
    public convenience init(wkt: String) throws(GeometryError) {
        let context = GEOSContext.current
        context.clearError()
        guard let result = GEOSWKTReader_read_r(context.handle, context.wktReader, wkt) else {
            throw .unreadable(format: "WKT", message: context.error("WKTReader").message)
        }
        self.init(owning: result)
    }

    /// Writes Well-Known Text with full precision and trailing zeros trimmed (z kept when present).
    public func wkt() throws(GeometryError) -> String {
        let context = GEOSContext.current
        context.clearError()
        guard let text = GEOSWKTWriter_write_r(context.handle, context.wktWriter, handle) else {
            throw context.error("WKTWriter")
        }
        defer { GEOSFree_r(context.handle, text) }
        return String(cString: text)
    }
}

extension GeometryError {
    /// GEOS's message, or the description for errors that did not come from GEOS.
    var message: String {
        if case let .engine(_, message) = self { return message }
        return description
    }
}
