import ZoneGeoJSON
import ZoneGeometry

/// What a zone is for. The common kinds are named; any other text is a custom kind.
public struct ZoneKind: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The kind as stored, e.g. `industrial_park`.
    public let rawValue: String

    /// A kind from its stored text; any text is a kind.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// An economic zone (khu kinh tế).
    public static let economicZone = ZoneKind(rawValue: "economic_zone")
    /// An industrial park (khu công nghiệp).
    public static let industrialPark = ZoneKind(rawValue: "industrial_park")
    /// Free-trade or non-tariff zone.
    public static let freeTradeZone = ZoneKind(rawValue: "free_trade_zone")
    /// A logistics centre.
    public static let logisticsCentre = ZoneKind(rawValue: "logistics_centre")
    /// A specialised economic zone (khu kinh tế chuyên biệt).
    public static let specializedEconomicZone = ZoneKind(rawValue: "specialized_economic_zone")
    /// An urban area (khu đô thị).
    public static let urbanArea = ZoneKind(rawValue: "urban_area")
    /// A tourism area.
    public static let tourismArea = ZoneKind(rawValue: "tourism_area")

    /// The stored text.
    public var description: String { rawValue }
}

/// Whether a zone exists in law yet.
public enum ZoneStatus: String, Sendable, Codable, CaseIterable {
    /// Planned, not yet established by decision.
    case planned
    /// Established by a legal decision.
    case established
}

/// The decision that founded or last changed a zone, e.g. Decision 288/QĐ-TTg of 2026-02-12.
public struct LegalBasis: Sendable, Hashable, Codable {
    /// The decision's number as written, e.g. "288/QĐ-TTg".
    public var decision: String
    /// The decision's date, ISO 8601 (YYYY-MM-DD), when known.
    public var date: String?

    /// A legal basis; `date` in ISO 8601 (YYYY-MM-DD).
    public init(decision: String, date: String? = nil) {
        self.decision = decision
        self.date = date
    }
}

/// A planning zone: an economic zone, industrial park, free-trade zone and so on, with the facts
/// of its legal decision. Geometry is WGS84 lon/lat.
public struct Zone: RegistryFeature {
    /// The id, unique among zones.
    public var id: String
    /// The name as written.
    public var name: String
    /// What the zone is for.
    public var kind: ZoneKind
    /// Whether it exists in law yet, when known.
    public var status: ZoneStatus?
    /// The area its legal decision declares, in hectares.
    public var declaredAreaHectares: Double?
    /// The founding or last-changing decision, when known.
    public var legalBasis: LegalBasis?
    /// The id of the zone this one lies in (e.g. an industrial park's economic zone).
    public var parentID: String?
    /// Every property of the source feature, as read.
    public var properties: JSONObject
    /// The boundary, WGS84 lon/lat degrees (polygonal for a zone to be measured).
    public var geometry: Geometry

    /// A zone; `geometry` in WGS84 lon/lat degrees, `declaredAreaHectares` in hectares.
    public init(id: String, name: String, kind: ZoneKind, status: ZoneStatus? = nil, declaredAreaHectares: Double? = nil,
                legalBasis: LegalBasis? = nil, parentID: String? = nil, properties: JSONObject = JSONObject(), geometry: Geometry) {
        self.id = id
        self.name = name
        self.kind = kind
        self.status = status
        self.declaredAreaHectares = declaredAreaHectares
        self.legalBasis = legalBasis
        self.parentID = parentID
        self.properties = properties
        self.geometry = geometry
    }

    /// Zones go to ``Layer/zones``.
    public static let layer = Layer.zones
    /// The kind's stored text.
    public var kindName: String { kind.rawValue }
}
