import CPROJ
import ZoneGeometry

/// A coordinate reference system known to PROJ: from `EPSG:n`, an OGC URN
/// (`urn:ogc:def:crs:EPSG::9210`), a PROJ string (`+proj=utm +zone=48 +datum=WGS84 +type=crs`),
/// WKT, PROJJSON or a name PROJ's database holds exactly ("VN-2000 / TM-3 105-45"). A name PROJ
/// would only find by its fuzzy search (`foo` for Amersfoort) is refused.
///
/// Two `CRS` values are equal when their definitions are; an authority reference is stored in
/// its short form (`EPSG:9210`), so the URN and the short code compare equal.
public struct CRS: Sendable, Hashable, CustomStringConvertible {
    /// What kind of coordinates the CRS has.
    public enum Kind: String, Sendable {
        /// Longitude/latitude on an ellipsoid, in angular units.
        case geographic
        /// Easting/northing on a map projection, in linear units.
        case projected
        /// Earth-centred x/y/z.
        case geocentric
        /// A horizontal CRS with a vertical one.
        case compound
        /// Anything else PROJ knows (engineering, vertical, temporal, bound CRSs).
        case other
    }

    /// The definition PROJ was given (authority references in `AUTH:CODE` form).
    public let definition: String
    /// PROJ's name for it, e.g. "VN-2000 / TM-3 105-45".
    public let name: String
    /// What kind of coordinates it has: ``isGeographic`` and ``isProjected`` ask about it.
    public let kind: Kind
    /// The unit of the first horizontal axis, e.g. "metre" or "degree".
    public let unit: String
    /// Factor from ``unit`` to the SI unit (metres, or radians for angles).
    public let unitToSI: Double
    /// The bounds where the CRS is meant to be used, in WGS84 degrees, when PROJ knows them.
    public let areaOfUse: Envelope?
    /// PROJ's description of that area, e.g. "Vietnam - Hai Phong and Ho Chi Minh cities; …".
    public let areaName: String?

    /// Longitude/latitude on WGS84 (EPSG:4326), the coordinates of RFC 7946 GeoJSON.
    public static let wgs84 = CRS(definition: "EPSG:4326", name: "WGS 84", kind: .geographic, unit: "degree",
                                  unitToSI: .pi / 180, areaOfUse: Envelope(minX: -180, minY: -90, maxX: 180, maxY: 90),
                                  areaName: "World.")

    /// Looks a CRS up in PROJ.
    /// - Throws: ``ProjectionError/unknownCRS(definition:message:)`` when PROJ cannot parse it,
    ///   ``ProjectionError/notACRS(definition:)`` when it is an operation rather than a CRS,
    ///   ``ProjectionError/inexactName(name:candidates:)`` when it is neither a code, a PROJ string,
    ///   WKT, PROJJSON nor a CRS name PROJ's database holds exactly.
    public init(_ definition: String) throws(ProjectionError) {
        let context = ProjContext.current
        let ctx = context.handle
        let trimmed = definition.trimmingSpaces
        let form = CRSDefinition(trimmed, context: ctx)
        if form == .name, !CRSDefinition.isExactName(trimmed, context: ctx) {
            throw .inexactName(name: trimmed, candidates: CRSDefinition.candidates(trimmed, context: ctx))
        }
        let pj = try context.crs(trimmed)
        let identifier: String? = {
            guard let authority = proj_get_id_auth_name(pj, 0), let code = proj_get_id_code(pj, 0) else { return nil }
            return "\(String(cString: authority)):\(String(cString: code))"
        }()
        // A reference or a name is stored as its authority code; PROJ strings, WKT and PROJJSON stay as given.
        self.definition = form == .reference || form == .name ? (identifier ?? trimmed) : trimmed
        self.name = proj_get_name(pj).map { String(cString: $0) } ?? trimmed
        self.kind = switch proj_get_type(pj) {
        case PJ_TYPE_GEOGRAPHIC_2D_CRS, PJ_TYPE_GEOGRAPHIC_3D_CRS: .geographic
        case PJ_TYPE_PROJECTED_CRS: .projected
        case PJ_TYPE_GEOCENTRIC_CRS: .geocentric
        case PJ_TYPE_COMPOUND_CRS: .compound
        case PJ_TYPE_BOUND_CRS:
            Self.kind(ofBase: ctx, pj)
        default: .other
        }
        (self.unit, self.unitToSI) = Self.unit(ctx, pj)
        var west = 0.0, south = 0.0, east = 0.0, north = 0.0
        var area: UnsafePointer<CChar>?
        if proj_get_area_of_use(ctx, pj, &west, &south, &east, &north, &area) == 1, west > -1000 {
            areaOfUse = Envelope(minX: west, minY: south, maxX: east, maxY: north)
        } else {
            areaOfUse = nil
        }
        areaName = area.map { String(cString: $0) }
        // Keep the parsed object under its stored definition too, for transformers.
        if self.definition != trimmed { _ = try context.crs(self.definition) }
    }

    /// The CRS with the given EPSG code, e.g. `try CRS.epsg(9210)` for VN-2000 / TM-3 105-45.
    public static func epsg(_ code: Int) throws(ProjectionError) -> CRS {
        try CRS("EPSG:\(code)")
    }

    private init(definition: String, name: String, kind: Kind, unit: String, unitToSI: Double, areaOfUse: Envelope?, areaName: String?) {
        self.definition = definition
        self.name = name
        self.kind = kind
        self.unit = unit
        self.unitToSI = unitToSI
        self.areaOfUse = areaOfUse
        self.areaName = areaName
    }

    /// Whether coordinates are longitude/latitude.
    public var isGeographic: Bool { kind == .geographic }
    /// Whether coordinates are easting/northing on a projection.
    public var isProjected: Bool { kind == .projected }

    /// The definition and PROJ's name, e.g. "EPSG:9210 (VN-2000 / TM-3 105-45)".
    public var description: String { "\(definition) (\(name))" }

    /// Whether coordinates are easting/northing in metres, so that planar lengths and areas are
    /// metres and square metres.
    public var isProjectedInMetres: Bool { kind == .projected && unitToSI == 1 }

    /// This CRS, when planar measures in it are metres.
    /// - Throws: ``ProjectionError/notPlanarMetres(definition:name:kind:unit:)`` for a geographic,
    ///   geocentric or other CRS, or a projected one in feet.
    public func requiringPlanarMetres() throws(ProjectionError) -> CRS {
        guard isProjectedInMetres else {
            throw .notPlanarMetres(definition: definition, name: name, kind: kind.rawValue, unit: unit)
        }
        return self
    }

    /// Whether the definitions are the same (not whether PROJ would call them equivalent).
    public static func == (a: CRS, b: CRS) -> Bool { a.definition == b.definition }
    /// Hashes the definition, as ``==(_:_:)`` compares it.
    public func hash(into hasher: inout Hasher) { hasher.combine(definition) }

    private static func kind(ofBase ctx: OpaquePointer, _ bound: OpaquePointer) -> Kind {
        guard let base = proj_get_source_crs(ctx, bound) else { return .other }
        defer { proj_destroy(base) }
        switch proj_get_type(base) {
        case PJ_TYPE_GEOGRAPHIC_2D_CRS, PJ_TYPE_GEOGRAPHIC_3D_CRS: return .geographic
        case PJ_TYPE_PROJECTED_CRS: return .projected
        default: return .other
        }
    }

    /// The unit of the first axis of the horizontal part of the CRS.
    private static func unit(_ ctx: OpaquePointer, _ pj: OpaquePointer) -> (String, Double) {
        var horizontal: OpaquePointer? = nil
        switch proj_get_type(pj) {
        case PJ_TYPE_COMPOUND_CRS: horizontal = proj_crs_get_sub_crs(ctx, pj, 0)
        case PJ_TYPE_BOUND_CRS: horizontal = proj_get_source_crs(ctx, pj)
        default: break
        }
        defer { if let horizontal { proj_destroy(horizontal) } }
        guard let cs = proj_crs_get_coordinate_system(ctx, horizontal ?? pj) else { return ("unknown", .nan) }
        defer { proj_destroy(cs) }
        var unitName: UnsafePointer<CChar>?
        var factor = 0.0
        guard proj_cs_get_axis_info(ctx, cs, 0, nil, nil, nil, &factor, &unitName, nil, nil) == 1 else {
            return ("unknown", .nan)
        }
        return (unitName.map { String(cString: $0) } ?? "unknown", factor)
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}

extension CRS {
    /// The CRS as OGC WKT 1 (as GDAL and GeoPackage's `gpkg_spatial_ref_sys` use it).
    public var wkt1: String {
        get throws(ProjectionError) {
            let context = ProjContext.current
            let pj = try context.crs(definition)
            guard let text = proj_as_wkt(context.handle, pj, PJ_WKT1_GDAL, nil) else {
                throw .unknownCRS(definition: definition, message: context.message())
            }
            return String(cString: text)
        }
    }
}
