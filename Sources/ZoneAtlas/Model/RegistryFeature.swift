import ZoneGeoJSON
import ZoneGeometry

/// What every registry entry has: an id unique in its layer, a name, a kind, the source
/// properties and a WGS84 geometry.
public protocol RegistryFeature: Sendable, Identifiable where ID == String {
    /// The id, unique in its layer (a commune's official code).
    var id: String { get }
    /// The name as written in the source (Vietnamese, with diacritics).
    var name: String { get }
    /// The kind (zones), type (communes) or kind (corridors) as text.
    var kindName: String { get }
    /// Every property of the source feature, as read.
    var properties: JSONObject { get }
    /// The geometry, WGS84 lon/lat degrees.
    var geometry: Geometry { get }
    /// The area declared by law or by the official statistics, in hectares.
    var declaredAreaHectares: Double? { get }
    /// The id of the zone this one is declared to lie in.
    var parentID: String? { get }
    /// The layer this kind of entry belongs to.
    static var layer: Layer { get }
}

extension RegistryFeature {
    /// The layer this entry belongs to.
    public var layer: Layer { Self.layer }
}
