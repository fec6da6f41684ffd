import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// Picks a projected CRS for planar measures of data in WGS84 lon/lat: a VN-2000 TM-3 zone
/// (EPSG:9205–9218) whose area of use holds the data — the province's own when the data names a
/// place that PROJ lists for the zone (Hai Phong's data gets 105°45′, EPSG:9210), else the one whose
/// central meridian is nearest the data's centre; outside Vietnam, the WGS 84 UTM zone of the centre.
public enum ProjectedCRSChoice {
    /// VN-2000 / TM-3 zones by EPSG code and central meridian (degrees east).
    static let tm3: [(code: Int, meridian: Double)] = [
        (9205, 103), (9206, 104), (9207, 104.5), (9208, 104.75), (9209, 105.5), (9210, 105.75), (9211, 106),
        (9212, 106.25), (9213, 106.5), (9214, 107), (9215, 107.25), (9216, 107.5), (9217, 108.25), (9218, 108.5),
    ]

    /// The CRS fitting data with this lon/lat extent.
    /// - Parameter places: text from the data (names, province properties) to match against the
    ///   places PROJ lists for each zone; the zone named most often wins.
    public static func fitting(_ extent: Envelope, places: [String] = []) throws(ProjectionError) -> CRS {
        let centre = Coordinate((extent.minX + extent.maxX) / 2, (extent.minY + extent.maxY) / 2)
        let text = places.map { " " + NameFolding.fold($0) + " " }
        var best: (crs: CRS, mentions: Int, distance: Double)?
        for zone in tm3 {
            let crs = try CRS.epsg(zone.code)
            guard let area = crs.areaOfUse, area.minX <= extent.minX, area.maxX >= extent.maxX,
                  area.minY <= extent.minY, area.maxY >= extent.maxY else { continue }
            let names = placeNames(crs.areaName ?? "")
            let mentions = text.reduce(0) { count, line in count + (names.contains { line.contains(" \($0) ") } ? 1 : 0) }
            let distance = abs(zone.meridian - centre.x)
            if best == nil || mentions > best!.mentions || (mentions == best!.mentions && distance < best!.distance) {
                best = (crs, mentions, distance)
            }
        }
        if let best { return best.crs }
        let zone = min(60, max(1, Int(((centre.x + 180) / 6).rounded(.down)) + 1))
        return try CRS.epsg((centre.y >= 0 ? 32600 : 32700) + zone)
    }

    /// The CRS fitting these features: their extent, and the places their names and text properties mention.
    public static func fitting(_ features: [any RegistryFeature]) throws(ProjectionError) -> CRS {
        guard let extent = features.compactMap(\.geometry.envelope).reduce(nil, { (sum: Envelope?, next) in sum?.union(next) ?? next }) else {
            return try .epsg(32648)
        }
        let places = features.flatMap { feature in
            [feature.name] + feature.properties.compactMap { member -> String? in
                if case let .string(text) = member.value { return text }
                return nil
            }
        }
        return try fitting(extent, places: places)
    }

    /// "Vietnam - Hai Phong and Ho Chi Minh cities; Ben Tre … provinces." → ["hai phong", "ho chi minh", "ben tre", …].
    static func placeNames(_ area: String) -> [String] {
        let listed = area.range(of: " - ").map { String(area[$0.upperBound...]) } ?? area
        let pieces = listed.replacingOccurrences(of: " and ", with: ",").split(whereSeparator: { ",;.".contains($0) })
        let suffixes = [" cities", " city", " provinces", " province"]
        return pieces.map { piece in
            var name = NameFolding.fold(String(piece))
            for suffix in suffixes where name.hasSuffix(suffix) { name = String(name.dropLast(suffix.count)) }
            return name
        }.filter { $0.count > 2 }
    }
}

import Foundation
