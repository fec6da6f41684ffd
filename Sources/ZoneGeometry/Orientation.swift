/// The orientation of three points — which side of the line a→b the point c lies on — with
/// Shewchuk's error-bounded filter: the sign is returned only when rounding cannot have changed it.
public enum Orientation {
    /// +1 when c lies left of a→b, −1 right, 0 on the line; `nil` when too close to call in doubles.
    @inline(__always)
    public static func sign(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double), _ c: (x: Double, y: Double)) -> Double? {
        let left = (a.x - c.x) * (b.y - c.y)
        let right = (a.y - c.y) * (b.x - c.x)
        let det = left - right
        let sum: Double
        if left > 0 {
            if right <= 0 { return det > 0 ? 1 : (det < 0 ? -1 : 0) }
            sum = left + right
        } else if left < 0 {
            if right >= 0 { return det > 0 ? 1 : (det < 0 ? -1 : 0) }
            sum = -left - right
        } else {
            return det > 0 ? 1 : (det < 0 ? -1 : 0)
        }
        // Shewchuk's ccwerrboundA = (3 + 16ε)ε.
        let bound = 3.3306690738754716e-16 * sum
        if det >= bound && det > 0 { return 1 }
        if -det >= bound && det < 0 { return -1 }
        return nil
    }
}
