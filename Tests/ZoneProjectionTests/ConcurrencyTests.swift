import Dispatch
import Foundation
import Testing
import ZoneGeometry
import ZoneProjection

/// Geometry, projection and geodesic work run concurrently over hundreds of polygons must give
/// exactly the serial results: each thread uses its own GEOS and PROJ context, while geometries,
/// transformers and the STR-tree are shared read-only.
struct ConcurrencyTests {
    /// Star-shaped polygons around Hai Phong from a fixed linear congruential sequence.
    static func polygons(count: Int) throws -> [Geometry] {
        var state: UInt64 = 0x2545F4914F6CDD1D
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        return try (0..<count).map { _ in
            let cx = 106.2 + next() * 0.9, cy = 20.6 + next() * 0.4
            let vertices = 20 + Int(next() * 60)
            var ring = (0..<vertices).map { k -> Coordinate in
                let angle = 2 * Double.pi * Double(k) / Double(vertices)
                let radius = 0.005 + next() * 0.02
                return Coordinate(cx + radius * cos(angle), cy + radius * sin(angle))
            }
            ring.append(ring[0])
            return try Geometry(.polygon([ring]))
        }
    }

    /// Everything measured about polygon `i`, compared bit for bit.
    struct Facts: Equatable {
        var valid: Bool
        var planarArea: Double
        var bufferedArea: Double
        var sharedArea: Double
        var projectedArea: Double
        var geodesic: GeodesicMeasure
        var neighbours: [Int]
        var wkb: [UInt8]
    }

    static func facts(_ i: Int, _ polygons: [Geometry], _ tree: STRtree, _ toTM3: Transformer) throws -> Facts {
        let g = polygons[i]
        return Facts(
            valid: try g.isValid,
            planarArea: try g.area(),
            bufferedArea: try g.buffer(0.001).area(),
            sharedArea: try g.intersection(polygons[(i + 1) % polygons.count]).area(),
            projectedArea: try toTM3.transform(g).area(),
            geodesic: try Geodesic.wgs84.measure(g),
            neighbours: try tree.query(g, predicate: .intersects),
            wkb: try g.wkb())
    }

    @Test func concurrentEqualsSerial() throws {
        let polygons = try Self.polygons(count: 400)
        let tree = try STRtree(polygons)
        let toTM3 = try Transformer(from: .wgs84, to: .epsg(9210))
        let serial = try polygons.indices.map { try Self.facts($0, polygons, tree, toTM3) }
        #expect(serial.contains { $0.neighbours.count > 1 })  // the data has overlaps to find

        let results = Results(count: polygons.count)
        DispatchQueue.concurrentPerform(iterations: polygons.count) { i in
            results.set(i, Result { try Self.facts(i, polygons, tree, toTM3) })
        }
        for i in polygons.indices {
            #expect(try results.get(i).get() == serial[i], "polygon \(i)")
        }
    }
}

/// A fixed-size slot array written once per index from many threads.
private final class Results: @unchecked Sendable {
    private var slots: [Result<ConcurrencyTests.Facts, any Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: Result<ConcurrencyTests.Facts, any Error>) {
        lock.withLock { slots[i] = value }
    }

    func get(_ i: Int) throws -> Result<ConcurrencyTests.Facts, any Error> {
        try lock.withLock { try #require(slots[i]) }
    }
}
