import ZoneGeometry
import ZoneProjection

/// What changed between two states of a plan — two revisions of a registry, or two boundary
/// files: per layer, the features added, removed and changed, matched by layer and id; where ids
/// do not match, removed and added polygons that share ground are matched by overlap and reported
/// as merged, split, renumbered or reorganised. For a changed geometry, the hectares gained and lost (geodesic on WGS 84) and the farthest the
/// boundary moved (Hausdorff distance, metres); for a changed declared area, old and new; for
/// every other stored field, old and new values.
public struct PlanDiff: Sendable {
    public enum Change: String, Sendable, CaseIterable {
        case added, removed, changed
        /// Several old features became this new one.
        case merged
        /// This old feature became several new ones.
        case split
        /// This new feature has the ground of one old feature under another id.
        case renumbered
        /// Several old features became several new ones: this new one took parts of them.
        case reorganised
    }

    /// A feature on the other side of a merger, split, renumbering or reorganisation.
    public struct Part: Sendable {
        public var id: String
        /// The geodesic area it shares with the item's feature, in hectares.
        public var sharedHectares: Double
        /// That area as a share (0…1) of the merged, renumbered or reorganised new feature, or of
        /// the split old one.
        public var share: Double
    }

    /// One feature that differs.
    public struct Item: Sendable {
        public var layer: Layer
        public var id: String
        /// The name after the change (before it, for a removed feature).
        public var name: String
        public var change: Change
        /// The fields other than the geometry that changed (empty for added and removed features).
        public var fields: [FieldChange]
        /// For a merger, the old features it was made of; for a split, the new ones it became; for a
        /// renumbering, the old feature; for a reorganisation, the old features it took parts of.
        public var parts: [Part] = []
        /// The geometry's change; `nil` when the geometry is the same (or the feature was added or removed).
        public var geometry: GeometryChange?
        /// The geodesic area of the feature before and after, in hectares (`nil` when absent, or a line).
        public var oldAreaHectares: Double?
        public var newAreaHectares: Double?
        /// The declared area before and after, in hectares.
        public var oldDeclaredHectares: Double?
        public var newDeclaredHectares: Double?
        /// A removed feature's entry, and an added one's (their polygons are what was lost and
        /// gained); `nil` for the other changes.
        public var old: RegistryEntry?
        public var new: RegistryEntry?

        /// Hectares gained: the new area outside the old geometry; a whole added feature's area.
        public var gainedHectares: Double {
            switch change {
            case .added: newAreaHectares ?? 0
            case .removed: 0
            default: geometry?.gainedHectares ?? 0
            }
        }

        /// Hectares lost: the old area outside the new geometry; a whole removed feature's area.
        public var lostHectares: Double {
            switch change {
            case .added: 0
            case .removed: oldAreaHectares ?? 0
            default: geometry?.lostHectares ?? 0
            }
        }
    }

    /// The differing features, layer by layer, in id order.
    public var items: [Item]
    /// The projected CRS the boundary shifts were measured in.
    public var crs: CRS

    /// The changes from `old` to `new`.
    /// - Parameters:
    ///   - old: the earlier state's entries.
    ///   - new: the later state's entries.
    ///   - toleranceMetres: geometries whose every point lies within this distance of the other
    ///     count as unchanged (0: only the same point set does).
    ///   - keepingParts: the layers whose changed features keep the parts they gained and lost
    ///     (for a map, or ``byCommune(_:)``); the others' are measured and let go.
    /// - Throws: an ``AnalysisError`` naming the feature GEOS or PROJ failed on.
    public static func between(_ old: [RegistryEntry], _ new: [RegistryEntry], toleranceMetres: Double = 0,
                               keepingParts: Set<Layer> = Set(Layer.allCases)) throws(AnalysisError) -> PlanDiff {
        func key(_ entry: RegistryEntry) -> String { "\(entry.layer.rawValue)\u{0}\(entry.id)" }
        let before = Dictionary(old.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(new.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        // Layer by layer in id order, the sort keys made once.
        var order: [(layer: Int, id: String, key: String)] = []
        for key in Set(before.keys).union(after.keys) {
            guard let entry = after[key] ?? before[key] else { continue }
            order.append((Layer.allCases.firstIndex(of: entry.layer) ?? 0, entry.id, key))
        }
        order.sort { $0.layer != $1.layer ? $0.layer < $1.layer : $0.id < $1.id }
        let keys = order.map { $0.key }
        // First which features differ at all (most do not, in two versions of a plan: a vertex-by-vertex
        // comparison settles them), then measure those, in a CRS that fits them; both on every core.
        let differing = try analysingInParallel(count: keys.count, chunkSize: 256, feature: { (after[keys[$0]] ?? before[keys[$0]])?.feature }) {
            index throws(GeometryError) -> Bool in
            guard let old = before[keys[index]], let new = after[keys[index]] else { return true }
            let (a, b) = (old.feature.geometry, new.feature.geometry)
            if try !a.isExactlyEqual(to: b), try !a.equals(b) { return true }
            return !FieldChange.between(old, new).isEmpty
        }
        let changed = keys.indices.filter { differing[$0] }.map { keys[$0] }
        let crs = try analysing { () throws(ProjectionError) in
            try ProjectedCRSChoice.fitting(changed.flatMap { [before[$0], after[$0]].compactMap { $0?.feature } })
        }
        let items = try analysingInParallel(count: changed.count, chunkSize: 16, feature: { (after[changed[$0]] ?? before[changed[$0]])?.feature }) {
            index throws(AnalysisError) -> Item? in
            try item(before[changed[index]], after[changed[index]], crs: crs, toleranceMetres: toleranceMetres, keepingParts: keepingParts)
        }
        var found = items.compactMap { $0 }
        for layer in Layer.allCases {
            let removed = found.filter { $0.layer == layer && $0.change == .removed }.compactMap(\.old)
            let added = found.filter { $0.layer == layer && $0.change == .added }.compactMap(\.new)
            let groups = try OverlapMatching.groups(removed: removed, added: added)
            let matched = Set(groups.flatMap { $0.old.map(\.id) + $0.new.map(\.id) })
            found.removeAll { $0.layer == layer && ($0.change == .removed || $0.change == .added) && matched.contains($0.id) }
            for group in groups { found += try lines(for: group, crs: crs, toleranceMetres: toleranceMetres) }
        }
        // Layer by layer in id order, each item's layer position found once.
        let sorted = found.map { (layer: Layer.allCases.firstIndex(of: $0.layer) ?? 0, item: $0) }
            .sorted { $0.layer != $1.layer ? $0.layer < $1.layer : $0.item.id < $1.item.id }
        return PlanDiff(items: sorted.map(\.item), crs: crs)
    }

    /// The lines that report a group of features matched by overlap: one per new feature (a
    /// merger, renumbering or reorganisation), or one for the old feature (a split).
    private static func lines(for group: OverlapMatching.Group, crs: CRS, toleranceMetres: Double) throws(AnalysisError) -> [Item] {
        let geodesic = Geodesic.wgs84
        func area(_ entry: RegistryEntry) throws(AnalysisError) -> Double {
            try analysing(entry.feature) { () throws(GeometryError) in try geodesic.area(of: entry.feature.geometry) / 10_000 }
        }
        func union(_ entries: [RegistryEntry]) throws(AnalysisError) -> Geometry {
            entries.count == 1 ? entries[0].feature.geometry
                : try analysing(entries[0].feature) { () throws(GeometryError) in try Geometry.union(of: entries.map(\.feature.geometry)) }
        }
        func item(_ entry: RegistryEntry, _ change: Change, old: Geometry, new: Geometry, oldArea: Double?, newArea: Double?,
                  parts: [Part], fields: [FieldChange] = []) throws(AnalysisError) -> Item {
            Item(layer: entry.layer, id: entry.id, name: entry.feature.name, change: change, fields: fields, parts: parts,
                 geometry: try analysing(entry.feature) { () throws(AnalysisError) in
                     try GeometryChange.between(old, new, crs: crs, toleranceMetres: toleranceMetres)
                 }, oldAreaHectares: oldArea, newAreaHectares: newArea,
                 oldDeclaredHectares: nil, newDeclaredHectares: entry.feature.declaredAreaHectares)
        }
        if group.old.count == 1 && group.new.count > 1 {
            let old = group.old[0], oldArea = try area(old)
            let parts = group.new.indices.map { n in
                let shared = group.sharedHectares[.init(old: 0, new: n)] ?? 0
                return Part(id: group.new[n].id, sharedHectares: shared, share: shared / oldArea)
            }
            var newArea = 0.0
            for entry in group.new { newArea += try area(entry) }
            var split = try item(old, .split, old: old.feature.geometry, new: try union(group.new), oldArea: oldArea,
                                 newArea: newArea, parts: parts)
            split.oldDeclaredHectares = old.feature.declaredAreaHectares
            split.newDeclaredHectares = nil
            return [split]
        }
        return try group.new.indices.map { n throws(AnalysisError) in
            let new = group.new[n], newArea = try area(new)
            let linked = group.old.indices.filter { group.sharedHectares[.init(old: $0, new: n)] != nil }
            let parts = linked.map { o in
                let shared = group.sharedHectares[.init(old: o, new: n)] ?? 0
                return Part(id: group.old[o].id, sharedHectares: shared, share: shared / newArea)
            }
            let olds = linked.map { group.old[$0] }
            let change: Change = group.old.count == 1 ? .renumbered : group.new.count == 1 ? .merged : .reorganised
            var oldArea = 0.0
            for entry in olds { oldArea += try area(entry) }
            var line = try item(new, change, old: try union(olds), new: new.feature.geometry,
                                oldArea: oldArea, newArea: newArea, parts: parts,
                                fields: change == .renumbered ? FieldChange.between(olds[0], new) : [])
            if change == .renumbered { line.oldDeclaredHectares = olds[0].feature.declaredAreaHectares }
            // A reorganised unit took only parts of its old ones: their union is no "before" for it.
            if change == .reorganised { line.geometry = nil }
            return line
        }
    }

    private static func item(_ old: RegistryEntry?, _ new: RegistryEntry?, crs: CRS, toleranceMetres: Double,
                             keepingParts: Set<Layer>) throws(AnalysisError) -> Item? {
        guard let entry = new ?? old else { return nil }
        // What differs first: most features of two versions of a plan do not, and cost no area.
        var fields: [FieldChange] = [], geometry: GeometryChange?
        if let old, let new {
            fields = FieldChange.between(old, new)
            geometry = try GeometryChange.between(old.feature.geometry, new.feature.geometry, crs: crs, toleranceMetres: toleranceMetres,
                                                  keepingParts: keepingParts.contains(entry.layer))
            if fields.isEmpty && geometry == nil { return nil }
        }
        // The geometry's change measured both areas already.
        func area(_ entry: RegistryEntry?, measured: Double?) throws(AnalysisError) -> Double? {
            guard let entry, entry.feature.geometry.type.isPolygonal else { return nil }
            if let measured { return measured }
            return try analysing(entry.feature) { () throws(GeometryError) in try Geodesic.wgs84.area(of: entry.feature.geometry) / 10_000 }
        }
        // Only an added or removed feature keeps its entry (its polygons are what it gained or
        // lost, and it may be matched by overlap); a changed one's are let go with its state.
        return Item(layer: entry.layer, id: entry.id, name: entry.feature.name, change: old == nil ? .added : new == nil ? .removed : .changed,
                    fields: fields, parts: [], geometry: geometry,
                    oldAreaHectares: try area(old, measured: geometry?.oldAreaHectares),
                    newAreaHectares: try area(new, measured: geometry?.newAreaHectares),
                    oldDeclaredHectares: old?.feature.declaredAreaHectares, newDeclaredHectares: new?.feature.declaredAreaHectares,
                    old: new == nil ? old : nil, new: old == nil ? new : nil)
    }
}
