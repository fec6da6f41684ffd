import ZoneGeometry

/// A feature's `id`: RFC 7946 allows a string or a number (kept as written).
public enum FeatureID: Sendable, Hashable, CustomStringConvertible {
    /// A string id, e.g. `"kcn-1"`.
    case string(String)
    /// A number id, its literal text as written (`12`, `1.0`).
    case number(String)

    /// The id's text as written.
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
    /// The feature's `id`, when it has one.
    public var id: FeatureID?
    /// The geometry in WGS84 lon/lat; `nil` when it is null or could not be built.
    public var geometry: Geometry?
    /// `nil` when `properties` is null or absent.
    public var properties: JSONObject?
    /// Members other than `type`, `id`, `geometry`, `properties` and `bbox`.
    public var foreignMembers: JSONObject
    /// The feature's own `bbox` as written (`[west, south, east, north]` in degrees), never computed.
    public var bbox: [Double]?
    /// The geometry object's `bbox` and foreign members, as written (GEOS keeps only the shape).
    public var geometryMembers: JSONObject

    /// A feature; `geometry` in WGS84 lon/lat degrees.
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
    /// The features, in file order (``Feature/index`` counts them).
    public var features: [Feature]
    /// Top-level members other than `type`, `features`, `bbox` and `crs` (e.g. `name`).
    public var foreignMembers: JSONObject
    /// The collection's `bbox` as written, never computed.
    public var bbox: [Double]?

    /// A collection of `features` (geometries in WGS84 lon/lat degrees).
    public init(features: [Feature], foreignMembers: JSONObject = JSONObject(), bbox: [Double]? = nil) {
        self.features = features
        self.foreignMembers = foreignMembers
        self.bbox = bbox
    }
}
