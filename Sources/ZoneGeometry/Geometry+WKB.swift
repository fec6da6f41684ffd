import CGEOS

extension Geometry {
    /// Reads Well-Known Binary (ISO or extended, either byte order).
    public convenience init(wkb: [UInt8]) throws(GeometryError) {
        let context = GEOSContext.current
        context.clearError()
        let result = wkb.withUnsafeBufferPointer { bytes in
            GEOSWKBReader_read_r(context.handle, context.wkbReader, bytes.baseAddress, bytes.count)
        }
        guard let result else {
            throw .unreadable(format: "WKB", message: context.error("WKBReader").message)
        }
        self.init(owning: result)
    }

    /// Writes little-endian ISO Well-Known Binary, with z when present unless `includeZ` is false.
    public func wkb(includeZ: Bool = true) throws(GeometryError) -> [UInt8] {
        let context = GEOSContext.current
        context.clearError()
        var size = 0
        GEOSWKBWriter_setOutputDimension_r(context.handle, context.wkbWriter, includeZ ? 3 : 2)
        guard let bytes = GEOSWKBWriter_write_r(context.handle, context.wkbWriter, handle, &size) else {
            throw context.error("WKBWriter")
        }
        defer { GEOSFree_r(context.handle, bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: size))
    }
}
