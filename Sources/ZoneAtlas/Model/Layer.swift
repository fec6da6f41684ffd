/// The three layers a planning registry keeps.
public enum Layer: String, Sendable, CaseIterable, Codable {
    /// Planning zones (polygons).
    case zones
    /// Commune-level units (polygons).
    case communes
    /// Corridors (lines).
    case corridors

    /// The layer a GeoJSON feature belongs to by its `kind` property: commune kinds go to
    /// communes, corridor kinds (road, expressway, rail, waterway, channel, bridge) to corridors,
    /// anything else to zones. Without a kind, lines are corridors and areas are zones.
    public static func forKind(_ kind: String?, isLineal: Bool) -> Layer {
        guard let kind = kind?.lowercased() else { return isLineal ? .corridors : .zones }
        if CommuneType(text: kind) != nil || kind == "commune" { return .communes }
        if CorridorKind(rawValue: kind) != nil { return .corridors }
        return .zones
    }
}
