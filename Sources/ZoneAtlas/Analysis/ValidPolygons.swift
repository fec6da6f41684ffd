import ZoneGeometry

extension Geometry {
    /// The geometry's polygons, repaired by GEOS make-valid when they are not valid, so every
    /// polygon the analyses write (overlaps, gaps) is one GIS tools accept; parts that collapse to
    /// lines or points are dropped.
    func validPolygons() throws(GeometryError) -> Geometry {
        let polygons = try polygonalParts()
        return try polygons.isValid ? polygons : polygons.makeValid().polygonalParts()
    }
}
