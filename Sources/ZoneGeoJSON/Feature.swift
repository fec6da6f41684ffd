import ZoneGeometry

/// A feature's `id`: RFC 7946 allows a string or a number (kept as written).
public enum FeatureID: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case number(String)

    public var description: String {
        switch self {
        case let .string(text), let .number(text): text
        }
    }

    /// The id as a JSON value.
    public var json: JSONValue {
        switch self {
        case let .string(text): .string(text)
        case let .number(text): .number(text)
        }
    }
}

/// One GeoJSON feature as read: its geometry in WGS84 lon/lat, its properties and foreign
/// members exactly as written.
public struct Feature: Sendable {
    /// Position in the file's `features` array (0 for a lone Feature or geometry).
    public var index: Int
    public var id: FeatureID?
    /// The geometry in WGS84 lon/lat; `nil` when it is null or could not be built.
    public var geometry: Geometry?
    /// `nil` when `properties` is null or absent.
    public var properties: JSONObject?
    /// Members other than `type`, `id`, `geometry`, `properties` and `bbox`.
    public var foreignMembers: JSONObject
    public var bbox: [Double]?
    /// The geometry object's `bbox` and foreign members, as written (GEOS keeps only the shape).
    public var geometryMembers: JSONObject

    public init(index: Int, id: FeatureID? = nil, geometry: Geometry?, properties: JSONObject? = nil,
                foreignMembers: JSONObject = JSONObject(), bbox: [Double]? = nil, geometryMembers: JSONObject = JSONObject()) {
        self.index = index
        self.id = id
        self.geometry = geometry
        self.properties = properties
        self.foreignMembers = foreignMembers
        self.bbox = bbox
        self.geometryMembers = geometryMembers
    }

    /// A property's value by name.
    public subscript(property name: String) -> JSONValue? {
        properties?[name]
    }
}

/// The features of one GeoJSON file, in WGS84, with what else the file held at its top level.
public struct FeatureCollection: Sendable {
    public var features: [Feature]
    /// Top-level members other than `type`, `features`, `bbox` and `crs` (e.g. `name`).
    public var foreignMembers: JSONObject
    public var bbox: [Double]?

    public init(features: [Feature], foreignMembers: JSONObject = JSONObject(), bbox: [Double]? = nil) {
        self.features = features
        self.foreignMembers = foreignMembers
        self.bbox = bbox
    }
}
