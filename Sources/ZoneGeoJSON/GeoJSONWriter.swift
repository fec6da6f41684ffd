import ZoneGeometry

/// Writes features as RFC 7946 GeoJSON: WGS84 lon/lat, exterior rings counter-clockwise and holes
/// clockwise (§3.1.6), coordinates rounded to ``precision`` decimals, properties and foreign
/// members exactly as read.
public struct GeoJSONWriter {
    /// Decimal places kept in coordinates: 7 is about 1 cm on the ground.
    public var precision: Int
    /// Indentation per level; `nil` for compact output.
    public var indent: Int?

    /// A writer keeping `precision` decimals (clamped to 0…15) and indenting by `indent` spaces.
    public init(precision: Int = 7, indent: Int? = nil) {
        self.precision = max(0, min(15, precision))
        self.indent = indent
    }

    /// The collection as GeoJSON text.
    public func string(_ collection: FeatureCollection) throws(GeometryError) -> String {
        var members: [(key: String, value: JSONValue)] = [(key: "type", value: .string("FeatureCollection"))]
        members += collection.foreignMembers.members
        if let bbox = collection.bbox { members.append((key: "bbox", value: numbers(bbox))) }
        let features = try collection.features.map { (feature) throws(GeometryError) -> JSONValue in try json(feature) }
        members.append((key: "features", value: .array(features)))
        return JSONWriter(indent: indent).string(.object(JSONObject(members)))
    }

    /// One feature as a GeoJSON Feature object.
    public func json(_ feature: Feature) throws(GeometryError) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [(key: "type", value: .string("Feature"))]
        if let id = feature.id { members.append((key: "id", value: id.json)) }
        if let bbox = feature.bbox { members.append((key: "bbox", value: numbers(bbox))) }
        var geometry = try feature.geometry.map { (g) throws(GeometryError) in try json(g) } ?? .null
        if case var .object(object) = geometry {
            for member in feature.geometryMembers { object[member.key] = member.value }
            geometry = .object(object)
        }
        members.append((key: "geometry", value: geometry))
        members.append((key: "properties", value: feature.properties.map(JSONValue.object) ?? .null))
        members += feature.foreignMembers.members
        return .object(JSONObject(members))
    }

    /// A geometry as a GeoJSON geometry object.
    public func json(_ geometry: Geometry) throws(GeometryError) -> JSONValue {
        json(try geometry.value())
    }

    private func json(_ value: GeometryValue) -> JSONValue {
        switch value {
        case let .geometryCollection(members):
            return .object(["type": .string("GeometryCollection"), "geometries": .array(members.map(json))])
        case let .point(c):
            return geometry("Point", position(c))
        case let .lineString(line):
            return geometry("LineString", positions(line))
        case let .multiPoint(points):
            return geometry("MultiPoint", positions(points))
        case let .polygon(rings):
            return geometry("Polygon", polygon(rings))
        case let .multiLineString(lines):
            return geometry("MultiLineString", .array(lines.map(positions)))
        case let .multiPolygon(polygons):
            return geometry("MultiPolygon", .array(polygons.map(polygon)))
        }
    }

    private func geometry(_ type: String, _ coordinates: JSONValue) -> JSONValue {
        .object(["type": .string(type), "coordinates": coordinates])
    }

    private func polygon(_ rings: [[Coordinate]]) -> JSONValue {
        .array(rings.enumerated().map { index, ring in
            let counterClockwise = Self.signedArea(ring) > 0
            // Shells counter-clockwise, holes clockwise.
            return positions(counterClockwise == (index == 0) ? ring : ring.reversed())
        })
    }

    private func positions(_ coordinates: [Coordinate]) -> JSONValue {
        .array(coordinates.map(position))
    }

    private func position(_ c: Coordinate) -> JSONValue {
        var values = [JSONValue.number(format(c.x)), .number(format(c.y))]
        if let z = c.z { values.append(.number(format(z))) }
        return .array(values)
    }

    private func numbers(_ values: [Double]) -> JSONValue {
        .array(values.map { .number(format($0)) })
    }

    /// Twice the planar signed area: positive for counter-clockwise.
    static func signedArea(_ ring: [Coordinate]) -> Double {
        guard let origin = ring.first, ring.count > 2 else { return 0 }
        var sum = 0.0
        for i in 0..<(ring.count - 1) {
            sum += (ring[i].x - origin.x) * (ring[i + 1].y - origin.y) - (ring[i + 1].x - origin.x) * (ring[i].y - origin.y)
        }
        return sum
    }

    /// A coordinate rounded to ``precision`` decimals, without trailing zeros (`106.7`, not `106.7000000`).
    func format(_ value: Double) -> String {
        let scale = Self.powersOfTen[precision]
        let scaled = (value * scale).rounded()
        guard value.isFinite, abs(scaled) < 9e15 else { return value.isFinite ? "\(value)" : "null" }
        var units = Int64(abs(scaled))
        if units == 0 { return "0" }
        var fraction = ""
        var places = precision
        while places > 0 && units % 10 == 0 {
            units /= 10
            places -= 1
        }
        let digits = String(units)
        var whole: String
        if places == 0 {
            whole = digits
        } else if digits.count > places {
            whole = String(digits.dropLast(places))
            fraction = String(digits.suffix(places))
        } else {
            whole = "0"
            fraction = String(repeating: "0", count: places - digits.count) + digits
        }
        if scaled < 0 { whole = "-" + whole }
        return fraction.isEmpty ? whole : whole + "." + fraction
    }

    private static let powersOfTen: [Double] = (0...15).map { (0..<$0).reduce(1.0) { value, _ in value * 10 } }
}
