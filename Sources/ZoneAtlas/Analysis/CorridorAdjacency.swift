import ZoneGeometry
import ZoneProjection

/// Which zones touch each corridor or lie within a distance of it, measured in metres in a
/// projected CRS.
public struct CorridorAdjacency: Sendable {
    /// A zone near a corridor.
    public struct Pair: Sendable {
        /// The corridor.
        public var corridor: any RegistryFeature
        /// The zone.
        public var zone: any RegistryFeature
        /// Shortest distance between them in ``CorridorAdjacency/crs``, m (0 when they meet).
        public var distanceMetres: Double
        /// Whether the corridor touches or crosses the zone.
        public var touches: Bool
    }

    /// Every corridor–zone pair within the distance, by corridor.
    public var pairs: [Pair]
    /// The CRS distances were measured in.
    public var crs: CRS
    /// The distance asked for, m.
    public var distanceMetres: Double

    /// Finds, for every corridor (lineal features), the polygonal zones within `distanceMetres`.
    /// - Parameters:
    ///   - corridors: the corridors (lon/lat degrees); those that are not lines are skipped.
    ///   - zones: the zones (lon/lat degrees); those that are not polygons are skipped.
    ///   - distanceMetres: how near a corridor a zone must be, in metres in `crs`.
    ///   - crs: where to measure; by default ``ProjectedCRSChoice``'s fit for the data.
    /// - Throws: ``AnalysisError/projection(_:feature:)`` with `ProjectionError.notPlanarMetres`
    ///   when `crs` is not projected in metres; an ``AnalysisError`` naming the feature PROJ or GEOS
    ///   failed on.
    public static func find(corridors: [any RegistryFeature], zones: [any RegistryFeature], distanceMetres: Double,
                            crs: CRS? = nil) throws(AnalysisError) -> CorridorAdjacency {
        let lines = corridors.filter { $0.geometry.type.isLineal }
        let areas = zones.filter { $0.geometry.type.isPolygonal }
        let (crs, toPlanar) = try analysing { [crs] () throws(ProjectionError) in
            let chosen: CRS
            if let crs { chosen = try crs.requiringPlanarMetres() } else { chosen = try ProjectedCRSChoice.fitting(lines + areas) }
            return (chosen, try Transformer(from: .wgs84, to: chosen))
        }
        let projectedZones = try analysingInParallel(areas, chunkSize: 16) { z throws(ProjectionError) in try toPlanar.transform(areas[z].geometry) }
        let projectedLines = try analysingInParallel(lines, chunkSize: 4) { c throws(ProjectionError) in try toPlanar.transform(lines[c].geometry) }
        let tree = try analysing { () throws(GeometryError) in try STRtree(projectedZones) }
        let near = try analysingInParallel(lines, chunkSize: 1) { c throws(GeometryError) in
            try CorridorProximity().zonesNear(projectedLines[c], in: tree, within: distanceMetres)
        }
        let pairs = try analysingInParallel(lines, chunkSize: 1) { c throws(GeometryError) -> [Pair] in
            try near[c].map { z throws(GeometryError) in
                let distance = try projectedLines[c].distance(to: projectedZones[z])
                return Pair(corridor: lines[c], zone: areas[z], distanceMetres: distance, touches: distance == 0)
            }
        }.flatMap { $0 }
        return CorridorAdjacency(pairs: pairs, crs: crs, distanceMetres: distanceMetres)
    }
}

/// Zones that share a boundary, with the shared length: the adjacency graph of a plan.
public struct AdjacencyGraph: Sendable {
    /// Two zones sharing a boundary.
    public struct Edge: Sendable {
        /// One zone.
        public var a: any RegistryFeature
        /// The other zone.
        public var b: any RegistryFeature
        /// Geodesic length of the boundary they share, m.
        public var sharedLengthMetres: Double
    }

    /// Every polygonal zone.
    public var nodes: [any RegistryFeature]
    /// Every pair of zones sharing a boundary of positive length.
    public var edges: [Edge]

    /// Builds the graph of polygonal `zones`: an edge wherever two boundaries share a line.
    /// - Throws: an ``AnalysisError`` naming the zone GEOS failed on.
    public static func build(_ zones: [any RegistryFeature]) throws(AnalysisError) -> AdjacencyGraph {
        let areas = zones.filter { $0.geometry.type.isPolygonal }
        let tree = try analysing { () throws(GeometryError) in try STRtree(areas.map(\.geometry)) }
        let edges = try analysingInParallel(areas, chunkSize: 4) { i throws(GeometryError) -> [Edge] in
            let boundary = try areas[i].geometry.boundary()
            var edges: [Edge] = []
            for j in try tree.query(areas[i].geometry, predicate: .intersects) where j > i {
                let shared = try boundary.intersection(areas[j].geometry.boundary())
                let length = try Geodesic.wgs84.length(of: shared)
                if length > 0 { edges.append(Edge(a: areas[i], b: areas[j], sharedLengthMetres: length)) }
            }
            return edges
        }.flatMap { $0 }
        return AdjacencyGraph(nodes: areas, edges: edges)
    }
}
