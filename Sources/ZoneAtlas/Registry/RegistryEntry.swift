import ZoneGeoJSON
import ZoneGeometry

/// One entry of any layer.
public enum RegistryEntry: Sendable {
    /// A zone.
    case zone(Zone)
    /// A commune.
    case commune(Commune)
    /// A corridor.
    case corridor(Corridor)

    /// The entry's layer.
    public var layer: Layer {
        switch self {
        case .zone: .zones
        case .commune: .communes
        case .corridor: .corridors
        }
    }

    /// The entry as the common protocol.
    public var feature: any RegistryFeature {
        switch self {
        case let .zone(zone): zone
        case let .commune(commune): commune
        case let .corridor(corridor): corridor
        }
    }

    /// The entry's id (unique in its layer).
    public var id: String { feature.id }
}
