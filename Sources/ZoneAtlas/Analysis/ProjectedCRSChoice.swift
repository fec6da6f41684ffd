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
    /// - Parameters:
    ///   - extent: the data's bounding box, lon/lat degrees.
    ///   - places: text from the data (names, province properties) to match against the
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

    /// The CRS fitting these features: their extent, and the places their names and place fields mention.
    public static func fitting(_ features: [any RegistryFeature]) throws(ProjectionError) -> CRS {
        guard let extent = features.compactMap(\.geometry.envelope).reduce(nil, { (sum: Envelope?, next) in sum?.union(next) ?? next }) else {
            return try .epsg(32648)
        }
        return try fitting(extent, places: features.flatMap(placeTexts))
    }

    /// The longest text taken as a place name, in UTF-8 bytes; longer text is a description, not a name.
    static let maximumPlaceBytes = 256

    /// The text of a feature that can name a place: its name, and the text properties whose key names
    /// a name or a place (`name_en`, `provinceName`, `tinh`, `dia_chi` …), at most ``maximumPlaceBytes``
    /// each — never a source note or a description, however large, so nothing big is folded.
    static func placeTexts(_ feature: any RegistryFeature) -> [String] {
        let properties = feature.properties.compactMap { member -> String? in
            guard case let .string(text) = member.value, text.utf8.count <= maximumPlaceBytes, namesAPlace(member.key) else { return nil }
            return text
        }
        return (feature.name.utf8.count <= maximumPlaceBytes ? [feature.name] : []) + properties
    }

    /// Words in a property key that say it holds a name or a place, in English and Vietnamese
    /// (tên name, tỉnh province, thành phố city, huyện/quận district, xã/phường commune/ward, địa chỉ address).
    static let placeKeyWords: Set<String> = [
        "name", "province", "city", "town", "district", "commune", "ward", "municipality", "locality", "county", "state",
        "region", "address", "location", "place",
        "ten", "tinh", "thanhpho", "huyen", "quan", "xa", "phuong", "diachi", "diadanh", "vitri",
    ]

    /// Whether a property key names a name or a place: one of its words (split at `_`, `-`, spaces and
    /// camel case, diacritics folded), or two adjacent words run together (`thanh_pho`), is a place key word.
    static func namesAPlace(_ key: String) -> Bool {
        guard key.utf8.count <= maximumPlaceBytes else { return false }
        var words: [String] = []
        var word = ""
        var previousWasLower = false
        for character in foldedKeepingCase(key) {
            if !character.isLetter && !character.isNumber {
                if !word.isEmpty { words.append(word) }
                word = ""
                previousWasLower = false
                continue
            }
            if character.isUppercase && previousWasLower {
                words.append(word)
                word = ""
            }
            word += character.lowercased()
            previousWasLower = character.isLowercase
        }
        if !word.isEmpty { words.append(word) }
        return words.indices.contains { index in
            placeKeyWords.contains(words[index]) || (index > 0 && placeKeyWords.contains(words[index - 1] + words[index]))
        }
    }

    /// `key` without diacritics, letter case kept (for camel case).
    private static func foldedKeepingCase(_ key: String) -> String {
        key.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
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
