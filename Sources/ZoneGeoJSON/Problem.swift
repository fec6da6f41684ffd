import ZoneGeometry

/// How serious a problem is: errors stop an import (under the default policy), warnings do not.
public enum Severity: String, Sendable, Codable, Comparable {
    /// Worth knowing; the feature is kept.
    case warning
    /// The file does not pass: an import writes nothing, `validate` exits 1.
    case error

    /// Warnings sort before errors.
    public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
}

/// One thing wrong with an input file, located as exactly as the file allows.
public struct Problem: Sendable, Equatable {
    /// Whether it stops the file from passing.
    public var severity: Severity
    /// The stable code, as `validate --format json` prints it.
    public var code: ProblemCode
    /// The file's path as given.
    public var file: String
    /// The 0-based index of the feature in a GeoJSON file's `features`, or `nil` for a problem of
    /// the whole file or of a GeoPackage (whose rows are located by ``place``).
    public var feature: Int?
    /// The feature's `id`, as text, when it has one.
    public var featureID: String?
    /// Where in the file: a JSON Pointer into a GeoJSON document, or a GeoPackage table and row.
    public var place: ProblemPlace
    /// A sentence a planner can act on.
    public var message: String
    /// Where GEOS found a geometry problem, in WGS84 lon/lat.
    public var location: Coordinate?
    /// For malformed JSON: 1-based line and column (in characters) of the offending character.
    public var line: Int?
    /// For malformed JSON: see ``line``.
    public var column: Int?

    /// A problem in a GeoJSON document at `pointer`.
    public init(severity: Severity, code: ProblemCode, file: String, feature: Int? = nil, featureID: String? = nil,
                pointer: JSONPointer, message: String, location: Coordinate? = nil, line: Int? = nil, column: Int? = nil) {
        self.severity = severity
        self.code = code
        self.file = file
        self.feature = feature
        self.featureID = featureID
        self.place = .pointer(pointer)
        self.message = message
        self.location = location
        self.line = line
        self.column = column
    }

    /// A problem in a GeoPackage feature table, at the row `fid`.
    public init(severity: Severity, code: ProblemCode, file: String, table: String, fid: Int64, featureID: String? = nil,
                message: String, location: Coordinate? = nil) {
        self.init(severity: severity, code: code, file: file, featureID: featureID, pointer: JSONPointer(), message: message,
                  location: location)
        place = .row(table: table, fid: fid)
    }

    /// Where in a GeoJSON document: an RFC 6901 JSON Pointer; empty for a problem in a GeoPackage
    /// (see ``place``).
    public var pointer: JSONPointer {
        if case let .pointer(pointer) = place { return pointer }
        return JSONPointer()
    }
}

/// The kinds of problem the reader and validator report; the raw value is the stable code shown
/// to users and machines.
public enum ProblemCode: String, Sendable, Codable, CaseIterable {
    // The file as JSON.
    /// The text is not JSON (line and column given).
    case invalidJSON = "invalid-json"
    /// The bytes are not UTF-8.
    case invalidUTF8 = "invalid-utf8"
    /// Arrays or objects nested deeper than the reader allows.
    case tooDeep = "too-deep"
    /// A number too large for a Double.
    case numberOutOfRange = "number-out-of-range"
    // GeoJSON structure.
    /// JSON, but not a GeoJSON object.
    case notGeoJSON = "not-geojson"
    /// A member GeoJSON requires is absent (`type`, `coordinates`, `geometry`…).
    case missingMember = "missing-member"
    /// A member has the wrong JSON type.
    case wrongType = "wrong-type"
    /// A geometry `type` RFC 7946 does not define.
    case unknownGeometryType = "unknown-geometry-type"
    /// A position that is not an array of two or three numbers.
    case invalidPosition = "invalid-position"
    /// A line or ring with fewer positions than it needs.
    case tooFewPositions = "too-few-positions"
    /// A ring whose last position is not its first.
    case unclosedRing = "unclosed-ring"
    /// Positions with more than three numbers (kept: the first two or three).
    case extraDimensions = "extra-dimensions"
    /// A geometry with no positions.
    case emptyGeometry = "empty-geometry"
    /// A feature whose geometry is null.
    case nullGeometry = "null-geometry"
    /// Two features with the same `id`.
    case duplicateID = "duplicate-id"
    /// A shell running clockwise or a hole counter-clockwise (RFC 7946 §3.1.6).
    case ringOrientation = "ring-orientation"
    /// The same position twice in a row.
    case repeatedVertex = "repeated-vertex"
    /// Two features with the same geometry.
    case duplicateGeometry = "duplicate-geometry"
    // Coordinates and their reference system.
    /// A longitude outside ±180° or a latitude outside ±90°.
    case coordinateOutOfRange = "coordinate-out-of-range"
    /// Coordinates that look like metres in a projected CRS while the file declares none.
    case projectedCoordinates = "projected-coordinates"
    /// A `crs` member or option PROJ does not know.
    case unknownCRS = "unknown-crs"
    /// A streaming read met the legacy `crs` member after features it had already handed out.
    case crsAfterFeatures = "crs-after-features"
    /// A position PROJ could not reproject.
    case transformFailed = "transform-failed"
    /// A coordinate that is not a finite number (NaN or infinite), which a GeoPackage blob can hold.
    case nonFiniteCoordinate = "non-finite-coordinate"
    /// A GeoPackage geometry blob that cannot be decoded.
    case unreadableGeometry = "unreadable-geometry"
    // Geometry validity, as GEOS finds it.
    /// GEOS: the boundary crosses itself.
    case selfIntersection = "self-intersection"
    /// GEOS: a ring touches itself at a point.
    case ringSelfIntersection = "ring-self-intersection"
    /// GEOS: a hole lies outside its shell.
    case holeOutsideShell = "hole-outside-shell"
    /// GEOS: a hole lies inside another.
    case nestedHoles = "nested-holes"
    /// GEOS: a polygon of a multipolygon lies inside another.
    case nestedShells = "nested-shells"
    /// GEOS: holes cut the interior in two.
    case disconnectedInterior = "disconnected-interior"
    /// GEOS: two rings are the same.
    case duplicateRings = "duplicate-rings"
    /// GEOS found another validity problem (its reason in the message).
    case invalidGeometry = "invalid-geometry"
    // Conversions asked for.
    /// With polygonization: an outline that does not close, so bounds no polygon.
    case outlineNotClosed = "outline-not-closed"
    /// With polygonization: line pieces left over that bound nothing.
    case outlineDangles = "outline-dangles"
    /// Under the repair policy: an invalid geometry was made valid (what changed in the message).
    case repaired = "repaired"
    // The registry's fields.
    /// A field with a closed set of values (a zone's status, a commune's type) has a value it does
    /// not know: the registry keeps it in the feature's properties only (checked by the registry's
    /// mapping, not by the reader).
    case unknownValue = "unknown-value"

    /// The code for a reason GEOS finds a geometry invalid.
    init(_ reason: InvalidityReason) {
        switch reason {
        case .ringSelfIntersection: self = .ringSelfIntersection
        case .selfIntersection: self = .selfIntersection
        case .holeOutsideShell: self = .holeOutsideShell
        case .nestedHoles: self = .nestedHoles
        case .nestedShells: self = .nestedShells
        case .disconnectedInterior: self = .disconnectedInterior
        case .duplicateRings: self = .duplicateRings
        case .tooFewPoints: self = .tooFewPositions
        case .unclosedRing: self = .unclosedRing
        case .invalidCoordinate, .other: self = .invalidGeometry
        }
    }
}
