import ZoneGeometry

/// How serious a problem is: errors stop an import (under the default policy), warnings do not.
public enum Severity: String, Sendable, Codable, Comparable {
    case warning
    case error

    public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
}

/// One thing wrong with an input file, located as exactly as the file allows.
public struct Problem: Sendable, Equatable {
    public var severity: Severity
    public var code: ProblemCode
    /// The file's path as given.
    public var file: String
    /// The 0-based index of the feature in `features`, or `nil` for a problem of the whole file.
    public var feature: Int?
    /// The feature's `id`, as text, when it has one.
    public var featureID: String?
    /// Where in the document: an RFC 6901 JSON Pointer.
    public var pointer: JSONPointer
    /// A sentence a planner can act on.
    public var message: String
    /// Where GEOS found a geometry problem, in WGS84 lon/lat.
    public var location: Coordinate?
    /// For malformed JSON: 1-based line and column (in characters) of the offending character.
    public var line: Int?
    public var column: Int?

    public init(severity: Severity, code: ProblemCode, file: String, feature: Int? = nil, featureID: String? = nil,
                pointer: JSONPointer, message: String, location: Coordinate? = nil, line: Int? = nil, column: Int? = nil) {
        self.severity = severity
        self.code = code
        self.file = file
        self.feature = feature
        self.featureID = featureID
        self.pointer = pointer
        self.message = message
        self.location = location
        self.line = line
        self.column = column
    }
}

/// The kinds of problem the reader and validator report; the raw value is the stable code shown
/// to users and machines.
public enum ProblemCode: String, Sendable, Codable, CaseIterable {
    // The file as JSON.
    case invalidJSON = "invalid-json"
    case invalidUTF8 = "invalid-utf8"
    case tooDeep = "too-deep"
    case numberOutOfRange = "number-out-of-range"
    // GeoJSON structure.
    case notGeoJSON = "not-geojson"
    case missingMember = "missing-member"
    case wrongType = "wrong-type"
    case unknownGeometryType = "unknown-geometry-type"
    case invalidPosition = "invalid-position"
    case tooFewPositions = "too-few-positions"
    case unclosedRing = "unclosed-ring"
    case extraDimensions = "extra-dimensions"
    case emptyGeometry = "empty-geometry"
    case nullGeometry = "null-geometry"
    case duplicateID = "duplicate-id"
    case ringOrientation = "ring-orientation"
    case repeatedVertex = "repeated-vertex"
    case duplicateGeometry = "duplicate-geometry"
    // Coordinates and their reference system.
    case coordinateOutOfRange = "coordinate-out-of-range"
    case projectedCoordinates = "projected-coordinates"
    case unknownCRS = "unknown-crs"
    /// A streaming read met the legacy `crs` member after features it had already handed out.
    case crsAfterFeatures = "crs-after-features"
    case transformFailed = "transform-failed"
    // Geometry validity, as GEOS finds it.
    case selfIntersection = "self-intersection"
    case ringSelfIntersection = "ring-self-intersection"
    case holeOutsideShell = "hole-outside-shell"
    case nestedHoles = "nested-holes"
    case nestedShells = "nested-shells"
    case disconnectedInterior = "disconnected-interior"
    case duplicateRings = "duplicate-rings"
    case invalidGeometry = "invalid-geometry"
    // Conversions asked for.
    case outlineNotClosed = "outline-not-closed"
    case outlineDangles = "outline-dangles"
    case repaired = "repaired"

    /// The code for a GEOS validity reason such as "Ring Self-intersection".
    init(geosReason reason: String) {
        switch reason.lowercased() {
        case let r where r.hasPrefix("ring self-intersection"): self = .ringSelfIntersection
        case let r where r.hasPrefix("self-intersection"): self = .selfIntersection
        case let r where r.hasPrefix("hole lies outside shell"): self = .holeOutsideShell
        case let r where r.hasPrefix("holes are nested"): self = .nestedHoles
        case let r where r.hasPrefix("nested shells"): self = .nestedShells
        case let r where r.hasPrefix("interior is disconnected"): self = .disconnectedInterior
        case let r where r.hasPrefix("duplicate rings"): self = .duplicateRings
        case let r where r.hasPrefix("too few points"): self = .tooFewPositions
        case let r where r.hasPrefix("ring is not closed"): self = .unclosedRing
        default: self = .invalidGeometry
        }
    }
}
