import Foundation
import ZoneAtlas
import ZoneGeoJSON
import ZoneProjection

/// The columns `list` prints for an entry, and the numbers they need.
enum EntryRows {
    static let columns = ["layer", "id", "name", "kind", "status", "parent", "declared_ha", "measured_ha", "length_km"]

    static func row(_ entry: RegistryEntry) -> [JSONValue] {
        let feature = entry.feature
        let measure = try? Geodesic.wgs84.measure(feature.geometry)
        var status: String?, parent: String?, declared: Double?
        switch entry {
        case let .zone(zone):
            status = zone.status?.rawValue
            parent = zone.parentID
            declared = zone.declaredAreaHectares
        case let .commune(commune):
            declared = commune.declaredAreaHectares
        case .corridor:
            break
        }
        let lineal = feature.geometry.type.isLineal
        return [.string(entry.layer.rawValue), .string(feature.id), .string(feature.name), .string(feature.kindName),
                status.map(JSONValue.string) ?? .null, parent.map(JSONValue.string) ?? .null,
                declared.map { Number.fixed($0, 2) } ?? .null,
                lineal ? .null : measure.map { Number.fixed($0.areaHectares, 2) } ?? .null,
                lineal ? measure.map { Number.fixed($0.perimeterMetres / 1000, 3) } ?? .null : .null]
    }
}
