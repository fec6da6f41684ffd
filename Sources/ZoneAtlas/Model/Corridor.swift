import ZoneGeoJSON
import ZoneGeometry

/// What carries traffic along a corridor; `corridor` where the source does not say.
public enum CorridorKind: String, Sendable, Codable, CaseIterable {
    /// A road.
    case road
    /// An expressway.
    case expressway
    /// A railway.
    case rail
    /// A river or other waterway.
    case waterway
    /// A shipping channel.
    case channel
    /// A bridge.
    case bridge
    /// A corridor the source does not describe further.
    case corridor
}

/// A linear corridor (road, rail, waterway …) as a LineString or MultiLineString in WGS84 lon/lat.
public struct Corridor: RegistryFeature {
    /// The id, unique among corridors.
    public var id: String
    /// The name as written.
    public var name: String
    /// What carries traffic along it.
    public var kind: CorridorKind
    /// The corridor's width in metres, when known.
    public var widthMetres: Double?
    /// Every property of the source feature, as read.
    public var properties: JSONObject
    /// The line, WGS84 lon/lat degrees.
    public var geometry: Geometry

    /// A corridor; `geometry` in WGS84 lon/lat degrees, `widthMetres` in metres.
    public init(id: String, name: String, kind: CorridorKind, widthMetres: Double? = nil, properties: JSONObject = JSONObject(),
                geometry: Geometry) {
        self.id = id
        self.name = name
        self.kind = kind
        self.widthMetres = widthMetres
        self.properties = properties
        self.geometry = geometry
    }

    /// Corridors go to ``Layer/corridors``.
    public static let layer = Layer.corridors
    /// Corridors declare no area.
    public var declaredAreaHectares: Double? { nil }
    /// Corridors have no parent zone.
    public var parentID: String? { nil }
    /// The kind's stored text.
    public var kindName: String { kind.rawValue }
}
