import Foundation
import ZoneGeoJSON
import ZoneGeometry

/// Turns a feature (properties and WGS84 geometry) into a registry entry through a
/// ``FieldMapping``, checking that the geometry fits the layer.
public struct FeatureMapper: Sendable {
    /// Which properties fill which fields.
    public var mapping: FieldMapping
    /// The layer for every feature; `nil` to route each by its `kind` property.
    public var layer: Layer?
    /// The kind for features that have none (e.g. `channel` for a file of shipping channels).
    public var defaultKind: String?
    /// Name features without an id `FILE#INDEX` instead of refusing them, and put each feature in
    /// the layer its geometry fits (for analyses of files that are not going into the registry).
    public var forAnalysis: Bool

    /// A mapper: see ``mapping``, ``layer``, ``defaultKind`` and ``forAnalysis``.
    public init(mapping: FieldMapping = FieldMapping(), layer: Layer? = nil, defaultKind: String? = nil, forAnalysis: Bool = false) {
        self.mapping = mapping
        self.layer = layer
        self.defaultKind = defaultKind
        self.forAnalysis = forAnalysis
    }

    /// The entry for one feature.
    /// - Parameters:
    ///   - givenID: (`id:`) the feature's own id (GeoJSON `id` member), preferred over a mapped property.
    ///   - fields: where the mapping looks for the entry's fields; by default the properties.
    ///   - properties: the source properties, kept whole in the entry.
    ///   - geometry: the feature's geometry, lon/lat degrees.
    ///   - source: where the feature came from, for errors.
    ///   - index: the feature's position in its source, for errors.
    public func entry(id givenID: String?, fields: JSONObject? = nil, properties: JSONObject, geometry: Geometry,
                      source: String, index: Int) throws(RegistryError) -> RegistryEntry {
        let fields = fields ?? properties
        func fail(_ reason: String) -> RegistryError { .unmappable(file: source, feature: index, reason: reason) }
        let kindText = mapping.text(.kind, in: fields) ?? defaultKind
        let communeType = mapping.text(.communeType, in: fields).flatMap(CommuneType.init(text:))
        let corridorKind = kindText.flatMap { CorridorKind(rawValue: $0.lowercased()) } ?? (kindText == nil ? .corridor : nil)
        let layer = self.layer(fields: fields, geometryType: geometry.type)
        // A commune is known by its official code first; anything else by its feature id.
        let code = layer == .communes ? mapping.text(.code, in: fields) : nil
        let fallback = forAnalysis ? "\(((source as NSString).lastPathComponent as NSString).deletingPathExtension)#\(index)" : nil
        guard let id = code ?? givenID ?? mapping.text(.id, in: fields) ?? fallback else {
            throw fail("it has no id: give each feature an \"id\", or name the property that holds it with --map id=PROPERTY")
        }
        let name = mapping.text(.name, in: fields) ?? id
        switch layer {
        case .zones:
            guard geometry.type.isPolygonal else { throw fail("a zone needs a Polygon or MultiPolygon, not a \(geometry.type.rawValue)") }
            let decision = mapping.text(.decision, in: fields)
            // The registry stores it as a GeoPackage DATE, which GDAL and QGIS read only as YYYY-MM-DD.
            let date = mapping.text(.decisionDate, in: fields)
            if let date, !Self.isISODate(date) {
                throw fail("its decision date \"\(date)\" is not a date written YYYY-MM-DD")
            }
            return .zone(Zone(
                id: id, name: name, kind: ZoneKind(rawValue: kindText ?? "zone"),
                status: mapping.text(.status, in: fields).flatMap { ZoneStatus(rawValue: $0.lowercased()) },
                declaredAreaHectares: mapping.declaredHectares(in: fields),
                legalBasis: decision.map { LegalBasis(decision: $0, date: date) },
                parentID: mapping.text(.parent, in: fields), properties: properties, geometry: geometry))
        case .communes:
            guard geometry.type.isPolygonal else { throw fail("a commune needs a Polygon or MultiPolygon, not a \(geometry.type.rawValue)") }
            return .commune(Commune(
                id: id, name: name, type: communeType,
                declaredAreaHectares: mapping.declaredHectares(in: fields),
                population: mapping.number(.population, in: fields).map { Int($0.rounded()) },
                properties: properties, geometry: geometry))
        case .corridors:
            guard geometry.type.isLineal else { throw fail("a corridor needs a LineString or MultiLineString, not a \(geometry.type.rawValue)") }
            guard let kind = corridorKind ?? (forAnalysis ? .corridor : nil) else {
                let kinds = CorridorKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail("a corridor's kind must be one of \(kinds)\(kindText.map { ", not \"\($0)\"" } ?? ""); set one with --kind")
            }
            return .corridor(Corridor(id: id, name: name, kind: kind, widthMetres: mapping.number(.widthMetres, in: fields),
                                      properties: properties, geometry: geometry))
        }
    }

    /// The layer a feature with these fields and this geometry goes to: the mapper's ``layer`` if
    /// set; else lines of a corridor kind (or of no kind) to corridors, features with no kind but a
    /// commune-level type (Phường, Xã, Đặc khu, ward …) to communes, the rest by their kind. For
    /// analyses of files, a feature goes where its geometry fits (a mixed file of zones and roads).
    public func layer(fields: JSONObject, geometryType: GeometryType) -> Layer {
        let kindText = mapping.text(.kind, in: fields) ?? defaultKind
        let communeType = mapping.text(.communeType, in: fields).flatMap(CommuneType.init(text:))
        let corridorKind = kindText.flatMap { CorridorKind(rawValue: $0.lowercased()) } ?? (kindText == nil ? .corridor : nil)
        var layer: Layer
        if let fixed = self.layer {
            layer = fixed
        } else if geometryType.isLineal && corridorKind != nil {
            layer = .corridors
        } else if kindText == nil && communeType != nil {
            layer = .communes
        } else {
            layer = Layer.forKind(kindText, isLineal: geometryType.isLineal)
        }
        if forAnalysis {
            if geometryType.isLineal { layer = .corridors } else if layer == .corridors { layer = .zones }
        }
        return layer
    }

    /// The values of fields with a closed set of values — a zone's `status`, a commune's `type` —
    /// that a feature of `layer` gives and the field does not know. Such a value is kept in the
    /// entry's properties but not in its field (the registry's typed column is left empty), so
    /// `validate` and `import` warn of each.
    public func unknownValues(in fields: JSONObject, layer: Layer) -> [UnknownFieldValue] {
        var unknown: [UnknownFieldValue] = []
        func check(_ field: FieldMapping.Field, allowed: [String], knows: (String) -> Bool) {
            guard let text = mapping.text(field, in: fields), !knows(text), let property = mapping.property(field, in: fields) else { return }
            unknown.append(UnknownFieldValue(field: field, property: property, value: text, allowed: allowed))
        }
        switch layer {
        case .zones:
            check(.status, allowed: ZoneStatus.allCases.map(\.rawValue)) { ZoneStatus(rawValue: $0.lowercased()) != nil }
        case .communes:
            check(.communeType, allowed: CommuneType.allCases.map(\.rawValue)) { CommuneType(text: $0) != nil }
        case .corridors:
            break  // A corridor's kind is checked as it is mapped: an unknown one is an error.
        }
        return unknown
    }

    /// The warnings for the ``unknownValues(in:layer:)`` of feature of a GeoJSON `file`, in the
    /// layer it would go to; none for a feature without a geometry (which no layer takes).
    public func unknownValueProblems(_ feature: Feature, file: String) -> [Problem] {
        guard let geometry = feature.geometry else { return [] }
        let fields = feature.properties ?? JSONObject()
        return unknownValues(in: fields, layer: layer(fields: fields, geometryType: geometry.type))
            .map { $0.problem(file: file, feature: feature.index, featureID: feature.id?.description) }
    }

    /// The warnings for the ``unknownValues(in:layer:)`` of a row of a GeoPackage `file`'s `table`,
    /// in the layer the table is named after, else the layer the row would go to.
    public func unknownValueProblems(_ row: GeoPackageTable.Row, of table: GeoPackageTable, file: String) -> [Problem] {
        guard let geometry = row.geometry else { return [] }
        var mapper = self
        if let layer = Layer(rawValue: table.name) { mapper.layer = layer }
        return mapper.unknownValues(in: row.columns, layer: mapper.layer(fields: row.columns, geometryType: geometry.type))
            .map { $0.problem(file: file, table: table.name, fid: row.fid, featureID: row.columns["id"]?.stringValue) }
    }

    /// Whether `text` is a calendar date written YYYY-MM-DD.
    public static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month) else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }
}
