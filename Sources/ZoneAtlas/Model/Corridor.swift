import ZoneGeoJSON
import ZoneGeometry

/// What carries traffic along a corridor; `corridor` where the source does not say.
public enum CorridorKind: String, Sendable, Codable, CaseIterable {
    case road, expressway, rail, waterway, channel, bridge
    case corridor
}

/// A linear corridor (road, rail, waterway …) as a LineString or MultiLineString in WGS84 lon/lat.
public struct Corridor: RegistryFeature {
    public var id: String
    public var name: String
    public var kind: CorridorKind
    /// The corridor's width in metres, when known.
    public var widthMetres: Double?
    public var properties: JSONObject
    public var geometry: Geometry

    public init(id: String, name: String, kind: CorridorKind, widthMetres: Double? = nil, properties: JSONObject = JSONObject(),
                geometry: Geometry) {
        self.id = id
        self.name = name
        self.kind = kind
        self.widthMetres = widthMetres
        self.properties = properties
        self.geometry = geometry
    }

    public static let layer = Layer.corridors
    public var declaredAreaHectares: Double? { nil }
    public var parentID: String? { nil }
    public var kindName: String { kind.rawValue }
}
