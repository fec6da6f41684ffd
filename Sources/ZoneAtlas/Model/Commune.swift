import ZoneGeoJSON
import ZoneGeometry

/// The level of a commune-level unit in Vietnam's two-tier local government (from 1 July 2025).
public enum CommuneType: String, Sendable, Codable, CaseIterable {
    case ward
    case commune
    case specialZone = "special_zone"

    /// Reads English codes and the Vietnamese names (Phường, Xã, Đặc khu), diacritics optional.
    public init?(text: String) {
        switch NameFolding.fold(text) {
        case "ward", "phuong": self = .ward
        case "commune", "xa": self = .commune
        case "special_zone", "special zone", "dac khu": self = .specialZone
        default: return nil
        }
    }
}

/// A commune-level administrative unit: ward, commune or special zone. Geometry is WGS84 lon/lat.
public struct Commune: RegistryFeature {
    /// The official unit code (the registry id).
    public var id: String
    public var name: String
    public var type: CommuneType?
    /// The official area, in hectares.
    public var declaredAreaHectares: Double?
    public var population: Int?
    public var properties: JSONObject
    public var geometry: Geometry

    public init(id: String, name: String, type: CommuneType? = nil, declaredAreaHectares: Double? = nil, population: Int? = nil,
                properties: JSONObject = JSONObject(), geometry: Geometry) {
        self.id = id
        self.name = name
        self.type = type
        self.declaredAreaHectares = declaredAreaHectares
        self.population = population
        self.properties = properties
        self.geometry = geometry
    }

    public static let layer = Layer.communes
    public var parentID: String? { nil }
    public var kindName: String { type?.rawValue ?? "commune" }
}
