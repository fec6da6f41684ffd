import ZoneGeoJSON

/// A stored field whose value differs between two versions of a feature: a registry field
/// (`name`, `kind`, `declared_area_ha` …) or a source property (`properties.<key>`).
public struct FieldChange: Sendable, Equatable {
    /// The field's name, as the registry's columns name it (source properties as `properties.<key>`).
    public var field: String
    /// The value before; `null` when the field was absent.
    public var old: JSONValue
    /// The value after; `null` when the field is gone.
    public var new: JSONValue

    public init(field: String, old: JSONValue, new: JSONValue) {
        self.field = field
        self.old = old
        self.new = new
    }

    /// `field: old → new`, an absent value written `(none)`; with a `limit`, each value longer than
    /// that many characters cut short with "…" (for tables on a terminal).
    public func summary(limit: Int? = nil) -> String {
        func text(_ value: JSONValue) -> String {
            let text = value == .null ? "(none)" : AnalysisTable.text(value)
            guard let limit, text.count > limit else { return text }
            return String(text.prefix(max(limit - 1, 0))) + "…"
        }
        return "\(field): \(text(old)) → \(text(new))"
    }

    /// The fields, other than the geometry, in which `new` differs from `old`, registry fields
    /// first, then source properties in key order.
    public static func between(_ old: RegistryEntry, _ new: RegistryEntry) -> [FieldChange] {
        let before = fields(old), after = fields(new)
        // Most features of two versions of a plan differ in nothing: the same fields in the same order.
        if before.count == after.count && zip(before, after).allSatisfy({ $0.name == $1.name && $0.value == $1.value }) { return [] }
        let names = before.map(\.name) + after.map(\.name).filter { name in !before.contains { $0.name == name } }
        let oldValues = Dictionary(before.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        let newValues = Dictionary(after.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        let registry = names.filter { !$0.hasPrefix("properties.") }
        let properties = names.filter { $0.hasPrefix("properties.") }.sorted()
        let changes = (registry + properties).compactMap { name -> FieldChange? in
            let a = oldValues[name] ?? .null, b = newValues[name] ?? .null
            return a == b ? nil : FieldChange(field: name, old: a, new: b)
        }
        // A source property of a registry field's name that changed with it says the same twice.
        let changedFields = Set(changes.map(\.field))
        return changes.filter { !$0.field.hasPrefix("properties.") || !changedFields.contains(String($0.field.dropFirst("properties.".count))) }
    }

    /// An entry's stored fields other than the geometry, as the registry's columns name them.
    static func fields(_ entry: RegistryEntry) -> [(name: String, value: JSONValue)] {
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        // As short as the value allows: 5300, not 5300.000000.
        func number(_ value: Double?) -> JSONValue {
            value.map { $0 == $0.rounded() && abs($0) < 1e15 ? .number(String(Int64($0))) : .number("\($0)") } ?? .null
        }
        var fields: [(name: String, value: JSONValue)] = [("id", .string(entry.id)), ("name", .string(entry.feature.name))]
        switch entry {
        case let .zone(zone):
            fields += [("kind", .string(zone.kind.rawValue)), ("status", text(zone.status?.rawValue)),
                       ("declared_area_ha", number(zone.declaredAreaHectares)), ("decision", text(zone.legalBasis?.decision)),
                       ("decision_date", text(zone.legalBasis?.date)), ("parent", text(zone.parentID))]
        case let .commune(commune):
            fields += [("type", text(commune.type?.rawValue)), ("declared_area_ha", number(commune.declaredAreaHectares)),
                       ("population", commune.population.map { .number(String($0)) } ?? .null)]
        case let .corridor(corridor):
            fields += [("kind", .string(corridor.kind.rawValue)), ("width_m", number(corridor.widthMetres))]
        }
        return fields + entry.feature.properties.map { (name: "properties.\($0.key)", value: $0.value) }
    }
}
