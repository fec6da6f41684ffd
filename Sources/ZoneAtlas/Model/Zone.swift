import ZoneGeoJSON
import ZoneGeometry

/// What a zone is for. The common kinds are named; any other text is a custom kind.
public struct ZoneKind: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static let economicZone = ZoneKind(rawValue: "economic_zone")
    public static let industrialPark = ZoneKind(rawValue: "industrial_park")
    /// Free-trade or non-tariff zone.
    public static let freeTradeZone = ZoneKind(rawValue: "free_trade_zone")
    public static let logisticsCentre = ZoneKind(rawValue: "logistics_centre")
    public static let specializedEconomicZone = ZoneKind(rawValue: "specialized_economic_zone")
    public static let urbanArea = ZoneKind(rawValue: "urban_area")
    public static let tourismArea = ZoneKind(rawValue: "tourism_area")

    public var description: String { rawValue }
}

/// Whether a zone exists in law yet.
public enum ZoneStatus: String, Sendable, Codable, CaseIterable {
    case planned
    case established
}

/// The decision that founded or last changed a zone, e.g. Decision 288/QĐ-TTg of 2026-02-12.
public struct LegalBasis: Sendable, Hashable, Codable {
    /// The decision's number as written, e.g. "288/QĐ-TTg".
    public var decision: String
    /// The decision's date, ISO 8601 (YYYY-MM-DD), when known.
    public var date: String?

    public init(decision: String, date: String? = nil) {
        self.decision = decision
        self.date = date
    }
}

/// A planning zone: an economic zone, industrial park, free-trade zone and so on, with the facts
/// of its legal decision. Geometry is WGS84 lon/lat.
public struct Zone: RegistryFeature {
    public var id: String
    public var name: String
    public var kind: ZoneKind
    public var status: ZoneStatus?
    /// The area its legal decision declares, in hectares.
    public var declaredAreaHectares: Double?
    public var legalBasis: LegalBasis?
    /// The id of the zone this one lies in (e.g. an industrial park's economic zone).
    public var parentID: String?
    /// Every property of the source feature, as read.
    public var properties: JSONObject
    public var geometry: Geometry

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

    public static let layer = Layer.zones
    public var kindName: String { kind.rawValue }
}
