import ZoneGeometry
import ZoneProjection

/// Picks a projected CRS for planar measures of data in WGS84 lon/lat: a VN-2000 TM-3 zone
/// (EPSG:9205–9218) whose area of use holds the data, the one whose central meridian is nearest
/// the data's centre; elsewhere the WGS 84 UTM zone of the centre.
public enum ProjectedCRSChoice {
    /// VN-2000 / TM-3 zones by EPSG code and central meridian (degrees east).
    static let tm3: [(code: Int, meridian: Double)] = [
        (9205, 103), (9206, 104), (9207, 104.5), (9208, 104.75), (9209, 105.5), (9210, 105.75), (9211, 106),
        (9212, 106.25), (9213, 106.5), (9214, 107), (9215, 107.25), (9216, 107.5), (9217, 108.25), (9218, 108.5),
    ]

    /// The CRS fitting data with this lon/lat extent.
    public static func fitting(_ extent: Envelope) throws(ProjectionError) -> CRS {
        let centre = Coordinate((extent.minX + extent.maxX) / 2, (extent.minY + extent.maxY) / 2)
        var best: (crs: CRS, distance: Double)?
        for zone in tm3 {
            let crs = try CRS.epsg(zone.code)
            guard let area = crs.areaOfUse, area.minX <= extent.minX, area.maxX >= extent.maxX,
                  area.minY <= extent.minY, area.maxY >= extent.maxY else { continue }
            let distance = abs(zone.meridian - centre.x)
            if best == nil || distance < best!.distance { best = (crs, distance) }
        }
        if let best { return best.crs }
        let zone = min(60, max(1, Int(((centre.x + 180) / 6).rounded(.down)) + 1))
        return try CRS.epsg((centre.y >= 0 ? 32600 : 32700) + zone)
    }

    /// The CRS fitting the union of the geometries' extents (WGS84 when there are none).
    public static func fitting(_ geometries: [Geometry]) throws(ProjectionError) -> CRS {
        guard let extent = geometries.compactMap(\.envelope).reduce(nil, { (sum: Envelope?, next) in sum?.union(next) ?? next }) else {
            return try .epsg(32648)
        }
        return try fitting(extent)
    }
}
