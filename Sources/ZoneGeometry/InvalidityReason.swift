/// Why a geometry breaks the OGC Simple Features rules, as GEOS's validity check finds it.
///
/// GEOS's C API tells the reason only as English text (`GEOSisValidDetail_r`); it is read here,
/// once, so that callers match on a case rather than on words. ``description`` gives GEOS's text back.
public enum InvalidityReason: Sendable, Hashable, CustomStringConvertible {
    /// The boundary crosses itself, or two rings cross.
    case selfIntersection
    /// A ring touches itself at a point.
    case ringSelfIntersection
    /// A hole lies (partly) outside its shell.
    case holeOutsideShell
    /// A hole lies inside another hole.
    case nestedHoles
    /// A polygon of a multipolygon lies inside another.
    case nestedShells
    /// Holes cut the interior in two.
    case disconnectedInterior
    /// Two rings are the same.
    case duplicateRings
    /// A ring or line has too few distinct points (a ring fewer than four, a line fewer than two).
    case tooFewPoints
    /// A ring does not end where it starts.
    case unclosedRing
    /// A coordinate is not a finite number.
    case invalidCoordinate
    /// A reason not named above, with GEOS's text.
    case other(String)

    /// The reason GEOS's text names (its start: GEOS may add a place in brackets).
    public init(geosText text: String) {
        let lowered = text.lowercased()
        self = Self.named.first { lowered.hasPrefix($0.text.lowercased()) }?.reason ?? .other(text)
    }

    /// GEOS's text for the reason.
    public var description: String {
        if case let .other(text) = self { return text }
        return Self.named.first { $0.reason == self }?.text ?? ""
    }

    /// The reasons GEOS names, with its words for each (GEOS 3.11's `TopologyValidationError`).
    /// "Ring Self-intersection" comes before "Self-intersection", which is the start of none of it.
    private static let named: [(reason: InvalidityReason, text: String)] = [
        (.ringSelfIntersection, "Ring Self-intersection"),
        (.selfIntersection, "Self-intersection"),
        (.holeOutsideShell, "Hole lies outside shell"),
        (.nestedHoles, "Holes are nested"),
        (.nestedShells, "Nested shells"),
        (.disconnectedInterior, "Interior is disconnected"),
        (.duplicateRings, "Duplicate Rings"),
        (.tooFewPoints, "Too few points in geometry component"),
        (.unclosedRing, "Ring is not closed"),
        (.invalidCoordinate, "Invalid Coordinate"),
    ]
}
