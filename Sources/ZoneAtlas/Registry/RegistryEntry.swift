import ZoneGeoJSON
import ZoneGeometry

/// One entry of any layer.
public enum RegistryEntry: Sendable {
    case zone(Zone)
    case commune(Commune)
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

    public var id: String { feature.id }
}
