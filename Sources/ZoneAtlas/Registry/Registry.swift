import ZoneGeoJSON
import ZoneGeometry

/// What a planning office keeps: every zone, commune and corridor, looked up by id, filtered by
/// kind, status, parent, place and name. Geometry queries go through an STR-tree per layer.
///
/// A `Registry` is a value: change it with ``insert(_:)`` and persist it with ``GeoPackageStore``.
public struct Registry: Sendable {
    public private(set) var zones: [Zone] = []
    public private(set) var communes: [Commune] = []
    public private(set) var corridors: [Corridor] = []
    /// Facts about the registry itself (when it was written, by which version, from which files).
    public var facts: [String: String] = [:]
    private var index = SpatialIndex(zones: [], communes: [], corridors: [])

    public init(zones: [Zone] = [], communes: [Commune] = [], corridors: [Corridor] = [], facts: [String: String] = [:]) {
        self.zones = zones
        self.communes = communes
        self.corridors = corridors
        self.facts = facts
        reindex()
    }

    /// What an insert changed.
    public struct Changes: Sendable, Equatable {
        public var added: [Layer: Int] = [:]
        public var replaced: [Layer: Int] = [:]
    }

    /// Adds entries, replacing any of the same layer and id (a re-import updates a boundary).
    @discardableResult
    public mutating func insert(_ entries: [RegistryEntry]) -> Changes {
        var changes = Changes()
        func upsert<T: RegistryFeature>(_ item: T, into list: inout [T]) {
            if let index = list.firstIndex(where: { $0.id == item.id }) {
                list[index] = item
                changes.replaced[T.layer, default: 0] += 1
            } else {
                list.append(item)
                changes.added[T.layer, default: 0] += 1
            }
        }
        for entry in entries {
            switch entry {
            case let .zone(zone): upsert(zone, into: &zones)
            case let .commune(commune): upsert(commune, into: &communes)
            case let .corridor(corridor): upsert(corridor, into: &corridors)
            }
        }
        reindex()
        return changes
    }

    /// Every entry, zones first.
    public var entries: [RegistryEntry] {
        zones.map(RegistryEntry.zone) + communes.map(RegistryEntry.commune) + corridors.map(RegistryEntry.corridor)
    }

    /// The entry with this id in any layer (zones first).
    public func entry(id: String) -> RegistryEntry? {
        zone(id: id).map(RegistryEntry.zone) ?? commune(id: id).map(RegistryEntry.commune)
            ?? corridor(id: id).map(RegistryEntry.corridor)
    }

    public func zone(id: String) -> Zone? { zones.first { $0.id == id } }
    public func commune(id: String) -> Commune? { communes.first { $0.id == id } }
    public func corridor(id: String) -> Corridor? { corridors.first { $0.id == id } }

    /// The entries that pass `filter`, in registry order.
    public func entries(_ filter: RegistryFilter) throws(GeometryError) -> [RegistryEntry] {
        var result: [RegistryEntry] = []
        for layer in filter.layers {
            let candidates: [Int]?
            if let area = try filter.area() {
                candidates = try index.tree(layer).query(area, predicate: .intersects)
            } else {
                candidates = nil
            }
            switch layer {
            case .zones: result += pick(zones, candidates, filter).map(RegistryEntry.zone)
            case .communes: result += pick(communes, candidates, filter).map(RegistryEntry.commune)
            case .corridors: result += pick(corridors, candidates, filter).map(RegistryEntry.corridor)
            }
        }
        return result
    }

    private func pick<T: RegistryFeature>(_ items: [T], _ candidates: [Int]?, _ filter: RegistryFilter) -> [T] {
        let chosen = candidates.map { $0.map { items[$0] } } ?? items
        return chosen.filter { filter.accepts($0) }
    }

    private mutating func reindex() {
        index = SpatialIndex(zones: zones.map(\.geometry), communes: communes.map(\.geometry), corridors: corridors.map(\.geometry))
    }
}

/// One STR-tree per layer, built when the registry changes.
private final class SpatialIndex: Sendable {
    private let trees: [Layer: STRtree]

    init(zones: [Geometry], communes: [Geometry], corridors: [Geometry]) {
        var trees: [Layer: STRtree] = [:]
        // Building a tree only fails if GEOS cannot allocate; a missing tree then falls back to a scan.
        trees[.zones] = try? STRtree(zones)
        trees[.communes] = try? STRtree(communes)
        trees[.corridors] = try? STRtree(corridors)
        self.trees = trees
    }

    func tree(_ layer: Layer) throws(GeometryError) -> STRtree {
        guard let tree = trees[layer] else { throw .unsupported("no spatial index for \(layer.rawValue)") }
        return tree
    }
}
