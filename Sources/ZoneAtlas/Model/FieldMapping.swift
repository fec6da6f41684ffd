import ZoneGeoJSON

/// Which GeoJSON properties fill which registry fields. Each field lists the property names
/// tried in order; the defaults cover ZoneAtlas's own files and common English and Vietnamese
/// names. Override any field with ``set(_:to:)``, e.g. `declared_area_km2=area` for a file whose
/// `area` is in km².
public struct FieldMapping: Sendable {
    /// The fields a mapping fills.
    public enum Field: String, Sendable, CaseIterable {
        /// The registry id of a zone or corridor.
        case id
        /// A commune's official unit code, which is its registry id.
        case code
        /// The name.
        case name
        /// A zone's or corridor's kind.
        case kind
        /// A zone's status (planned, established).
        case status
        /// The declared area, in hectares.
        case declaredAreaHectares = "declared_area_ha"
        /// The declared area, in km² (converted to hectares).
        case declaredAreaSquareKilometres = "declared_area_km2"
        /// The founding decision's number.
        case decision
        /// The decision's date (ISO 8601).
        case decisionDate = "decision_date"
        /// The id of the zone this one lies in.
        case parent
        /// A commune's type (ward, commune, special zone).
        case communeType = "type"
        /// A commune's population.
        case population
        /// A corridor's width, in metres.
        case widthMetres = "width_m"
    }

    private var names: [Field: [String]] = [
        .id: ["id", "code", "ma"],
        .code: ["code", "ma", "ma_dvhc"],
        .name: ["name", "ten", "Name", "NAME"],
        .kind: ["kind", "loai"],
        .status: ["status", "trang_thai"],
        .declaredAreaHectares: ["declared_area_ha", "area_ha", "dien_tich_ha"],
        .declaredAreaSquareKilometres: ["declared_area_km2", "area_km2", "dien_tich_km2"],
        .decision: ["decision", "quyet_dinh"],
        .decisionDate: ["decision_date", "ngay_quyet_dinh"],
        .parent: ["parent", "parent_id"],
        .communeType: ["type", "cap"],
        .population: ["population", "dan_so"],
        .widthMetres: ["width_m", "width"],
    ]

    /// The default mapping: ZoneAtlas's own property names and common English and Vietnamese ones.
    public init() {}

    /// Makes `property` the only source of `field`.
    public mutating func set(_ field: Field, to property: String) {
        names[field] = [property]
    }

    /// Parses `field=property` as a command line gives it.
    public mutating func set(_ assignment: String) throws(RegistryError) {
        let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let field = Field(rawValue: parts[0]), !parts[1].isEmpty else {
            throw .badMapping(assignment, fields: Field.allCases.map(\.rawValue))
        }
        set(field, to: parts[1])
    }

    /// The first present value of `field` in `properties`.
    public func value(_ field: Field, in properties: JSONObject) -> JSONValue? {
        for name in names[field] ?? [] {
            if let value = properties[name], value != .null { return value }
        }
        return nil
    }

    /// The name of the property that gives `field` its value in `properties`, if any does.
    public func property(_ field: Field, in properties: JSONObject) -> String? {
        (names[field] ?? []).first { properties[$0] != nil && properties[$0] != .null }
    }

    func text(_ field: Field, in properties: JSONObject) -> String? {
        value(field, in: properties)?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
    }

    func number(_ field: Field, in properties: JSONObject) -> Double? {
        value(field, in: properties)?.doubleValue.flatMap { $0.isFinite ? $0 : nil }
    }

    /// The declared area in hectares, from a hectare field or a km² field (× 100).
    func declaredHectares(in properties: JSONObject) -> Double? {
        number(.declaredAreaHectares, in: properties) ?? number(.declaredAreaSquareKilometres, in: properties).map { $0 * 100 }
    }
}
