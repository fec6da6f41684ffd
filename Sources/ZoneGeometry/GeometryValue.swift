/// A geometry as plain Swift values, nested the way GeoJSON nests its `coordinates`.
///
/// Use it to build a ``Geometry`` from Swift coordinates (`Geometry(value)`) and to read one
/// back (`geometry.value()`). Building checks what GEOS would otherwise reject or silently
/// accept: non-finite numbers, too few positions, unclosed rings; each error carries the
/// coordinate path of the offending position. An empty point reads back as an empty multipoint.
public indirect enum GeometryValue: Sendable, Hashable {
    /// A position.
    case point(Coordinate)
    /// Positions in order.
    case lineString([Coordinate])
    /// Rings: the shell first, then the holes. Each ring is closed (last position = first).
    case polygon([[Coordinate]])
    /// Positions.
    case multiPoint([Coordinate])
    /// Lines, each its positions.
    case multiLineString([[Coordinate]])
    /// Polygons, each its rings, shell first.
    case multiPolygon([[[Coordinate]]])
    /// Member geometries.
    case geometryCollection([GeometryValue])

    /// The geometry type this value builds.
    public var type: GeometryType {
        switch self {
        case .point: .point
        case .lineString: .lineString
        case .polygon: .polygon
        case .multiPoint: .multiPoint
        case .multiLineString: .multiLineString
        case .multiPolygon: .multiPolygon
        case .geometryCollection: .geometryCollection
        }
    }

    /// Checks the value can be built, throwing the first problem with its coordinate path.
    public func validate() throws(GeometryError) {
        try validate(at: [])
    }

    private func validate(at path: [Int]) throws(GeometryError) {
        switch self {
        case let .point(c):
            try Self.check(c, at: path)
        case let .lineString(line):
            try Self.checkLine(line, at: path)
        case let .polygon(rings):
            try Self.checkRings(rings, at: path)
        case let .multiPoint(points):
            for (i, c) in points.enumerated() { try Self.check(c, at: path + [i]) }
        case let .multiLineString(lines):
            for (i, line) in lines.enumerated() { try Self.checkLine(line, at: path + [i]) }
        case let .multiPolygon(polygons):
            for (i, rings) in polygons.enumerated() { try Self.checkRings(rings, at: path + [i]) }
        case let .geometryCollection(members):
            for (i, member) in members.enumerated() { try member.validate(at: path + [i]) }
        }
    }

    private static func check(_ c: Coordinate, at path: [Int]) throws(GeometryError) {
        if !c.isFinite { throw .nonFiniteCoordinate(path: path) }
    }

    private static func checkLine(_ line: [Coordinate], at path: [Int]) throws(GeometryError) {
        if line.count == 1 { throw .tooFewPositions(path: path, count: 1, minimum: 2) }
        for (i, c) in line.enumerated() { try check(c, at: path + [i]) }
    }

    private static func checkRings(_ rings: [[Coordinate]], at path: [Int]) throws(GeometryError) {
        for (r, ring) in rings.enumerated() {
            let ringPath = path + [r]
            for (i, c) in ring.enumerated() { try check(c, at: ringPath + [i]) }
            if ring.count < 4 { throw .tooFewPositions(path: ringPath, count: ring.count, minimum: 4) }
            if ring[0].x != ring[ring.count - 1].x || ring[0].y != ring[ring.count - 1].y {
                throw .unclosedRing(path: ringPath)
            }
        }
    }

    /// Whether any position carries a z value.
    var hasZ: Bool {
        switch self {
        case let .point(c): c.z != nil
        case let .lineString(cs), let .multiPoint(cs): cs.contains { $0.z != nil }
        case let .polygon(rings), let .multiLineString(rings): rings.contains { $0.contains { $0.z != nil } }
        case let .multiPolygon(polygons): polygons.contains { $0.contains { $0.contains { $0.z != nil } } }
        case let .geometryCollection(members): members.contains { $0.hasZ }
        }
    }
}
