import CGEOS

/// The seven geometry types of the OGC simple features model (and RFC 7946), plus GEOS's
/// linear ring.
public enum GeometryType: String, Sendable, CaseIterable {
    /// A single position.
    case point = "Point"
    /// A line of two or more positions.
    case lineString = "LineString"
    /// A closed line of four or more positions, first equal to last (a GEOS type; GeoJSON has none).
    case linearRing = "LinearRing"
    /// A shell with zero or more holes.
    case polygon = "Polygon"
    /// Several points.
    case multiPoint = "MultiPoint"
    /// Several lines.
    case multiLineString = "MultiLineString"
    /// Several polygons.
    case multiPolygon = "MultiPolygon"
    /// Geometries of any types.
    case geometryCollection = "GeometryCollection"

    init?(geosTypeId: Int32) {
        switch geosTypeId {
        case Int32(GEOS_POINT.rawValue): self = .point
        case Int32(GEOS_LINESTRING.rawValue): self = .lineString
        case Int32(GEOS_LINEARRING.rawValue): self = .linearRing
        case Int32(GEOS_POLYGON.rawValue): self = .polygon
        case Int32(GEOS_MULTIPOINT.rawValue): self = .multiPoint
        case Int32(GEOS_MULTILINESTRING.rawValue): self = .multiLineString
        case Int32(GEOS_MULTIPOLYGON.rawValue): self = .multiPolygon
        case Int32(GEOS_GEOMETRYCOLLECTION.rawValue): self = .geometryCollection
        default: return nil
        }
    }

    /// The multi-type collecting geometries of this type (itself for multi-types and collections).
    public var multiType: GeometryType {
        switch self {
        case .point: .multiPoint
        case .lineString, .linearRing: .multiLineString
        case .polygon: .multiPolygon
        default: self
        }
    }

    /// Whether the type has area (polygon or multipolygon).
    public var isPolygonal: Bool { self == .polygon || self == .multiPolygon }
    /// Whether the type is a line or lines.
    public var isLineal: Bool { self == .lineString || self == .linearRing || self == .multiLineString }
}
