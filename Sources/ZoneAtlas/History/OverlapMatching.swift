import ZoneGeometry
import ZoneProjection

/// Features that lost their id between two states but not their ground: removed and added
/// polygons of one layer that overlap, grouped into mergers (several old into one new), splits
/// (one old into several new), renumberings (one into one) and reorganisations (several into
/// several) — the 2025 commune merger, where old units became new units with new codes.
///
/// Two features are linked when their overlap covers at least ``minimumShare`` of either one's
/// area, so that neighbours whose outlines merely differ along a shared edge are not linked.
struct OverlapMatching {
    /// The smallest share of either feature's area an overlap must cover to link them.
    static let minimumShare = 0.01

    /// One group of linked features.
    struct Group {
        var old: [RegistryEntry]
        var new: [RegistryEntry]
        /// For each (old index, new index) linked, the geodesic area they share, in hectares.
        var sharedHectares: [Pair: Double]
    }

    struct Pair: Hashable {
        var old: Int
        var new: Int
    }

    /// The groups of linked features among `removed` and `added` (polygonal ones only), each with
    /// its members in the order given.
    static func groups(removed: [RegistryEntry], added: [RegistryEntry]) throws(AnalysisError) -> [Group] {
        let removed = removed.filter { $0.feature.geometry.type.isPolygonal }, added = added.filter { $0.feature.geometry.type.isPolygonal }
        guard !removed.isEmpty, !added.isEmpty else { return [] }
        let tree = try analysing { () throws(GeometryError) in try STRtree(added.map(\.feature.geometry)) }
        let geodesic = Geodesic.wgs84
        let addedAreas = try analysingInParallel(added.map(\.feature), chunkSize: 64) { i throws(GeometryError) in
            try geodesic.area(of: added[i].feature.geometry)
        }
        // For each removed feature, the added ones it shares enough ground with, and how much.
        let links = try analysingInParallel(removed.map(\.feature), chunkSize: 8) { index throws(GeometryError) -> [(Int, Double)] in
            let geometry = removed[index].feature.geometry
            let area = try geodesic.area(of: geometry)
            var links: [(Int, Double)] = []
            for candidate in try tree.query(geometry, predicate: .intersects) {
                let shared = try geodesic.area(of: try geometry.intersection(added[candidate].feature.geometry).polygonalParts())
                let share = max(shared / max(area, .leastNonzeroMagnitude), shared / max(addedAreas[candidate], .leastNonzeroMagnitude))
                if share >= minimumShare { links.append((candidate, shared / 10_000)) }
            }
            return links
        }
        // Connected components of the link graph, by union-find over old (0..<r) and new (r..<r+a) nodes.
        var parent = Array(0..<(removed.count + added.count))
        func root(_ node: Int) -> Int {
            var node = node
            while parent[node] != node { parent[node] = parent[parent[node]]; node = parent[node] }
            return node
        }
        for (old, targets) in links.enumerated() {
            for (new, _) in targets { parent[root(old)] = root(removed.count + new) }
        }
        var members: [Int: (old: [Int], new: [Int])] = [:]
        for (old, targets) in links.enumerated() where !targets.isEmpty { members[root(old), default: ([], [])].old.append(old) }
        for new in added.indices {
            let node = removed.count + new
            if members[root(node)] != nil { members[root(node)]!.new.append(new) }
        }
        return members.values.sorted { ($0.new.first ?? 0) < ($1.new.first ?? 0) }.map { group in
            var shared: [Pair: Double] = [:]
            for (o, old) in group.old.enumerated() {
                for (newIndex, hectares) in links[old] {
                    if let n = group.new.firstIndex(of: newIndex) { shared[Pair(old: o, new: n)] = hectares }
                }
            }
            return Group(old: group.old.map { removed[$0] }, new: group.new.map { added[$0] }, sharedHectares: shared)
        }
    }
}
