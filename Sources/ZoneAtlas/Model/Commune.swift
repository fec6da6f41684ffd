import ZoneGeoJSON
import ZoneGeometry

/// The level of a commune-level unit in Vietnam's two-tier local government (from 1 July 2025).
public enum CommuneType: String, Sendable, Codable, CaseIterable {
    /// Phường, an urban ward.
    case ward
    /// Xã, a rural commune.
    case commune
    /// Đặc khu, a special zone (island districts).
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
    /// The name as written, e.g. "Thượng Hồng".
    public var name: String
    /// Ward, commune or special zone, when known.
    public var type: CommuneType?
    /// The official area, in hectares.
    public var declaredAreaHectares: Double?
    /// The population (persons), when the source gives it.
    public var population: Int?
    /// Every property of the source feature, as read.
    public var properties: JSONObject
    /// The boundary, WGS84 lon/lat degrees.
    public var geometry: Geometry

    /// A commune; `geometry` in WGS84 lon/lat degrees, `declaredAreaHectares` in hectares.
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

    /// Communes go to ``Layer/communes``.
    public static let layer = Layer.communes
    /// Communes have no parent zone.
    public var parentID: String? { nil }
    /// The type's stored text, `commune` when unknown.
    public var kindName: String { type?.rawValue ?? "commune" }
}
