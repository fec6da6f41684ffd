/// A named spatial relationship between two geometries (OGC / DE-9IM), tested as
/// `predicate(a, b)`: `.contains` means a contains b.
public enum SpatialPredicate: Sendable, Hashable {
    case intersects
    case disjoint
    case touches
    case crosses
    case within
    case contains
    /// b lies in a's interior, not touching its boundary.
    case containsProperly
    case overlaps
    case covers
    case coveredBy
    /// a and b are within the given distance, in coordinate units.
    case withinDistance(Double)
}
