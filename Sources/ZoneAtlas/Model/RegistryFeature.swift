import ZoneGeoJSON
import ZoneGeometry

/// What every registry entry has: an id unique in its layer, a name, a kind, the source
/// properties and a WGS84 geometry.
public protocol RegistryFeature: Sendable, Identifiable where ID == String {
    var id: String { get }
    var name: String { get }
    /// The kind (zones), type (communes) or kind (corridors) as text.
    var kindName: String { get }
    var properties: JSONObject { get }
    var geometry: Geometry { get }
    /// The area declared by law or by the official statistics, in hectares.
    var declaredAreaHectares: Double? { get }
    /// The id of the zone this one is declared to lie in.
    var parentID: String? { get }
    static var layer: Layer { get }
}

extension RegistryFeature {
    public var layer: Layer { Self.layer }
}
