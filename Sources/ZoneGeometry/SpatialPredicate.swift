/// A named spatial relationship between two geometries (OGC / DE-9IM), tested as
/// `predicate(a, b)`: `.contains` means a contains b.
public enum SpatialPredicate: Sendable, Hashable {
    /// a and b share at least one point.
    case intersects
    /// a and b share no point.
    case disjoint
    /// a and b share boundary points only.
    case touches
    /// a and b share some interior points, of lower dimension than the larger of them.
    case crosses
    /// a lies in b (no point of a outside b, some interior shared).
    case within
    /// b lies in a (no point of b outside a, some interior shared).
    case contains
    /// b lies in a's interior, not touching its boundary.
    case containsProperly
    /// a and b share interior of their own dimension, and each has some outside the other.
    case overlaps
    /// No point of b lies outside a.
    case covers
    /// No point of a lies outside b.
    case coveredBy
    /// a and b are within the given distance, in coordinate units.
    case withinDistance(Double)
}
