import Foundation
import ZoneGeoJSON
import ZoneGeometry

/// The data of the page's interactive map: one layer per zone kind, then communes, corridors,
/// overlaps, gaps, the ground gained and lost since an earlier state, and input problems, each feature with its geometry simplified for display and
/// the facts a click shows.
///
/// Geometry comes simplified (``DisplayShapes``) and is written compactly: lon/lat as integers in
/// steps of half the simplification tolerance from an origin, each ring's first position absolute
/// and the rest as differences. The script decodes it.
struct InteractiveMap {
    /// With at most this many zones and communes, their names stand on the map (communes' from zoom 11 on).
    var labelLimit = 400

    struct Layer {
        var key: String
        var title: String
        /// zone, commune, corridor, overlap, gap, gained, lost or problem.
        var type: String
        var colour: String
        var fields: [String]
        /// The anchor of a feature's table row is this followed by its id's slug.
        var rowPrefix: String? = nil
        var features: [MapFeature]
    }

    struct MapFeature {
        var id: String
        var name: String
        /// Whether the page shows its table row.
        var onPage = false
        var geometry: Geometry?
        /// Where a problem was found (for features without geometry).
        var point: Coordinate?
        /// One value per field of its layer.
        var values: [JSONValue]
        /// Whether its name may stand on the map (a real name, not an id).
        var labelled = false
    }

    /// `rowsOnPage`: the anchors of the table rows the page shows (the others are in the CSV beside it).
    func json(_ review: PlanningReview, display: DisplayShapes, rowsOnPage: Set<String>) throws(AnalysisError) -> String {
        var layers: [Layer] = []
        let areaRows = Dictionary(review.areas.rows.map { ("\($0.layer.rawValue)/\($0.id)", $0) }, uniquingKeysWith: { a, _ in a })
        var problemsByID: [String: Int] = [:]
        for problem in review.inputs.flatMap(\.problems) { if let id = problem.featureID { problemsByID[id, default: 0] += 1 } }
        func onPage(_ anchor: String) -> Bool { rowsOnPage.contains(anchor) }
        func figure(_ value: Double?, _ places: Int) -> JSONValue { value.map { .fixed($0, places: places) } ?? .null }
        func count(_ value: Int?) -> JSONValue { value.map { .number(String($0)) } ?? .null }

        // The communes each zone lies in, largest share first.
        var communesOfZone: [String: [String]] = [:]
        for part in review.apportionment.parts where part.shareOfZone >= 0.005 {
            communesOfZone[part.zone.id, default: []].append("\(part.commune.name) \(Int((part.shareOfZone * 100).rounded())) %")
        }
        var kinds: [String] = []
        for zone in review.zones where !kinds.contains(zone.kind.rawValue) { kinds.append(zone.kind.rawValue) }
        let zoneFields = ["measured ha", "declared ha", "difference %", "decision", "parent", "in communes", "problems"]
        for kind in kinds {
            let indices = review.zones.indices.filter { review.zones[$0].kind.rawValue == kind }
            layers.append(Layer(key: "zones-\(kind)", title: ReviewMap.readable(kind), type: "zone", colour: ReviewMap.colour(kind: kind),
                                fields: zoneFields, rowPrefix: "zone-row-", features: indices.map { z in
                let zone = review.zones[z]
                let area = areaRows["zones/\(zone.id)"]
                return MapFeature(id: zone.id, name: zone.name, onPage: onPage("zone-row-\(ReviewAnchors.slug(zone.id))"), geometry: display.zones[z],
                        values: [figure(area?.geodesicAreaHectares, 2), figure(zone.declaredAreaHectares, 2),
                         figure(area?.differencePercent, 1), zone.legalBasis.map { .string($0.decision) } ?? .null,
                         zone.parentID.map(JSONValue.string) ?? .null,
                         communesOfZone[zone.id].map { .string($0.joined(separator: ", ")) } ?? .null,
                         count(problemsByID[zone.id])], labelled: review.label(zone) != nil)
            }))
        }
        if !review.communes.isEmpty {
            layers.append(Layer(key: "communes", title: "Communes and wards", type: "commune", colour: "#555555",
                                fields: ["measured ha", "declared ha", "difference %", "population", "problems", "type"], rowPrefix: "commune-row-",
                                features: review.communes.enumerated().map { c, commune in
                let area = areaRows["communes/\(commune.id)"]
                return MapFeature(id: commune.id, name: commune.name, onPage: onPage("commune-row-\(ReviewAnchors.slug(commune.id))"),
                               geometry: display.communes[c], values: [
                         figure(area?.geodesicAreaHectares, 2), figure(commune.declaredAreaHectares, 2),
                         figure(area?.differencePercent, 1), commune.population.map { .number(String($0)) } ?? .null,
                         count(problemsByID[commune.id]), commune.type.map { .string($0.rawValue) } ?? .null], labelled: review.label(commune) != nil)
            }))
        }
        if !review.corridors.isEmpty {
            layers.append(Layer(key: "corridors", title: "Corridors", type: "corridor", colour: "#6c757d", fields: ["kind", "zones near"], rowPrefix: "corridor-row-",
                                features: review.corridors.enumerated().map { c, corridor in
                let near = review.adjacency.pairs.filter { $0.corridor.id == corridor.id }.count
                return MapFeature(id: corridor.id, name: review.title(corridor), onPage: onPage("corridor-row-\(ReviewAnchors.slug(corridor.id))"),
                               geometry: display.corridors[c], values: [.string(corridor.kind.rawValue), .number(String(near))])
            }))
        }
        let overlapPairs = review.overlapPairs
        if !overlapPairs.isEmpty {
            layers.append(Layer(key: "overlaps", title: "Overlaps", type: "overlap", colour: "#d00000", fields: ["between", "and", "ha", "relation"],
                                features: overlapPairs.enumerated().map { k, pair in
                MapFeature(id: "overlap-\(k + 1)", name: "\(pair.a.name) × \(pair.b.name)", geometry: display.overlaps[k], values: [.string(pair.a.name), .string(pair.b.name), .fixed(pair.areaSquareMetres / 10_000, places: 2),
                  .string(pair.a.layer == .communes ? "communes overlap" : pair.relation.rawValue)])
            }))
        }
        if let gaps = review.coverage?.gaps, !gaps.isEmpty {
            layers.append(Layer(key: "gaps", title: "Gaps between communes", type: "gap", colour: "#fb8500", fields: ["ha", "between"],
                                features: gaps.enumerated().map { k, gap in
                MapFeature(id: "gap-\(k + 1)", name: "gap \(k + 1)", geometry: display.gaps[k], values: [.fixed(gap.areaSquareMetres / 10_000, places: 2), .string(gap.neighbours.joined(separator: ", "))])
            }))
        }
        if let changes = review.changes {
            // Gained ground green, lost ground red; each part with its feature and its hectares.
            let parts = changes.diff.features
            for (part, title, colour) in [("gained", "Gained since \(changes.against)", "#2a9d3f"), ("lost", "Lost since \(changes.against)", "#d62828")] {
                let indices = parts.indices.filter { parts[$0].properties?["part"] == .string(part) }
                guard !indices.isEmpty else { continue }
                layers.append(Layer(key: part, title: title, type: part, colour: colour, fields: ["layer", "change", "ha"], rowPrefix: "change-row-",
                                    features: indices.map { k in
                    let properties = parts[k].properties ?? JSONObject()
                    let id = properties["id"]?.stringValue ?? ""
                    return MapFeature(id: id, name: properties["name"]?.stringValue ?? id, onPage: onPage("change-row-\(ReviewAnchors.slug(id))"),
                                      geometry: display.changes[k],
                                      values: [properties["layer"] ?? .null, properties["change"] ?? .null, properties["area_ha"] ?? .null])
                }))
            }
        }
        let located = review.inputs.flatMap(\.problems).filter { $0.location != nil }
        if !located.isEmpty {
            layers.append(Layer(key: "problems", title: "Input problems", type: "problem", colour: "#b00020", fields: ["severity", "code", "file", "what"],
                                features: located.enumerated().map { k, problem in
                MapFeature(id: "problem-\(k + 1)", name: problem.code.rawValue, point: problem.location, values: [.string(problem.severity.rawValue), .string(problem.code.rawValue),
                  .string((problem.file as NSString).lastPathComponent), .string(problem.message)])
            }))
        }

        // The main body to open on, and the whole extent (lon/lat).
        guard let body = display.body else { return "null" }
        let step = display.toleranceDegrees / 2
        let origin = Coordinate(body.whole.minX, body.whole.minY)

        var encoded: [JSONValue] = []
        for layer in layers {
            let geometries = layer.features.map(\.geometry)
            let shapes = try analysingInParallel(count: geometries.count, chunkSize: 64) { k throws(GeometryError) -> String in
                guard let geometry = geometries[k] else { return "null" }
                return try Self.encode(geometry, origin: origin, step: step)
            }
            // [id, name, shape, flags, value…]: flags 1 = its row is on the page, 2 = its name may stand on the map;
            // trailing nulls left out. Arrays, not objects: a review of 100,000 zones has to fit in a page.
            // An id that is a plain integer is written as a number; a name sharing at least four
            // UTF-16 units with the one before is written [shared, rest] (front coding).
            var previous: [UInt16] = []
            let features: [JSONValue] = layer.features.enumerated().map { k, feature in
                var values = feature.values
                while values.last == .null { values.removeLast() }
                let shape: JSONValue = feature.point.map { .array([.fixed($0.y, places: 6), .fixed($0.x, places: 6)]) } ?? .number(shapes[k])
                let flags = (feature.onPage ? 1 : 0) + (feature.labelled ? 2 : 0)
                let id: JSONValue = Self.isPlainInteger(feature.id) ? .number(feature.id) : .string(feature.id)
                let units = Array(feature.name.utf16)
                let name = Self.frontCoded(units, after: previous, whole: feature.name)
                previous = units
                return .array([id, name, shape, .number(String(flags))] + values)
            }
            var object: JSONObject = ["key": .string(layer.key), "title": .string(layer.title), "type": .string(layer.type),
                                      "colour": .string(layer.colour), "fields": .array(layer.fields.map(JSONValue.string)),
                                      "features": .array(features)]
            if let prefix = layer.rowPrefix { object["rowPrefix"] = .string(prefix) }
            encoded.append(.object(object))
        }
        func bounds(_ e: Envelope) -> JSONValue {
            .array([.array([.fixed(e.minY, places: 6), .fixed(e.minX, places: 6)]), .array([.fixed(e.maxY, places: 6), .fixed(e.maxX, places: 6)])])
        }
        return JSONWriter().string(.object([
            "origin": .array([.fixed(origin.x, places: 7), .fixed(origin.y, places: 7)]), "step": .number(String(format: "%.3e", step)),
            "main": bounds(body.main.expanded(by: max(body.main.width, body.main.height) * 0.02)), "whole": bounds(body.whole),
            "outlying": .number(String(body.outlying.count)), "layers": .array(encoded),
            "labels": .bool(review.zones.count + review.communes.count <= labelLimit),
        ]))
    }

    /// "0", "17", "2024" — digits without a leading zero, short enough for a JavaScript number to hold exactly.
    static func isPlainInteger(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 15 && id.allSatisfy(\.isASCII) && id.allSatisfy(\.isNumber) && (id == "0" || !id.hasPrefix("0"))
    }

    /// The name as a string, or as `[shared, rest]` when it shares at least four UTF-16 units with
    /// the name before (never splitting a surrogate pair); the script rebuilds it with `slice`.
    static func frontCoded(_ name: [UInt16], after previous: [UInt16], whole: String? = nil) -> JSONValue {
        var shared = 0
        while shared < min(name.count, previous.count), name[shared] == previous[shared] { shared += 1 }
        if shared > 0, UTF16.isLeadSurrogate(name[shared - 1]) { shared -= 1 }
        guard shared >= 4 else { return .string(whole ?? String(decoding: name, as: UTF16.self)) }
        return .array([.number(String(shared)), .string(String(decoding: name[shared...], as: UTF16.self))])
    }

    /// `[[ring, ring…], …]` for multipolygons (one array per polygon), `[ring, ring…]` for a single
    /// polygon, `[line, …]` for lines; each ring or line `[x0, y0, dx1, dy1, …]` in steps from the origin.
    static func encode(_ geometry: Geometry, origin: Coordinate, step: Double) throws(GeometryError) -> String {
        // A single polygon is its rings.
        let nested = geometry.type != .polygon
        var out = "["
        var polygonOpen = false
        var first = true
        try geometry.forEachPath { path in
            if path.role == .shell && nested {
                if polygonOpen { out += "]," }
                out += "["
                polygonOpen = true
            } else if !first { out += "," }
            first = false
            out += "["
            var px = 0, py = 0
            for i in 0..<path.x.count {
                let x = Int(((path.x[i] - origin.x) / step).rounded()), y = Int(((path.y[i] - origin.y) / step).rounded())
                if i > 0 && x == px && y == py { continue }
                if i > 0 { out += "," }
                out += i == 0 ? "\(x),\(y)" : "\(x - px),\(y - py)"
                px = x
                py = y
            }
            out += "]"
        }
        if polygonOpen { out += "]" }
        return out + "]"
    }
}
