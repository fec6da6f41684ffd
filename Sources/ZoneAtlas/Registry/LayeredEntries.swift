/// Entries sorted into their layers, a later entry replacing an earlier one of the same layer and
/// id — as an import into an empty registry would keep them. Reviews of files work on this.
public struct LayeredEntries: Sendable {
    /// The zones, one per id, the last given winning.
    public private(set) var zones: [Zone] = []
    /// The communes, one per id, the last given winning.
    public private(set) var communes: [Commune] = []
    /// The corridors, one per id, the last given winning.
    public private(set) var corridors: [Corridor] = []
    /// Where each id sits in its layer's array.
    private var positions: [Layer: [String: Int]] = [:]

    /// Sorts `entries` into their layers, keeping the last of each layer and id.
    public init(_ entries: [RegistryEntry] = []) {
        insert(entries)
    }

    /// Adds entries, replacing any of the same layer and id.
    public mutating func insert(_ entries: [RegistryEntry]) {
        for entry in entries {
            switch entry {
            case let .zone(zone): Self.put(zone, into: &zones, positions: &positions)
            case let .commune(commune): Self.put(commune, into: &communes, positions: &positions)
            case let .corridor(corridor): Self.put(corridor, into: &corridors, positions: &positions)
            }
        }
    }

    private static func put<T: RegistryFeature>(_ item: T, into list: inout [T], positions: inout [Layer: [String: Int]]) {
        if let index = positions[T.layer]?[item.id] {
            list[index] = item
        } else {
            positions[T.layer, default: [:]][item.id] = list.count
            list.append(item)
        }
    }
}
