/// A registry kept in a database: the interface every store gives, the GeoPackage file
/// (``GeoPackageStore``) and a server-backed store alike.
///
/// A store is read in place — by id, by filter, by box — without loading the whole registry, and
/// written only inside ``write(_:)``: one transaction that commits everything its body upserts or,
/// if the body throws, nothing. Readers never see half a write.
public protocol RegistryStore: Sendable {
    /// Where the registry is (a path or a URL), for messages.
    var location: String { get }

    /// Whether the registry exists yet (a store that does not is empty and created by the first write).
    var exists: Bool { get }

    /// The entry with this id, looked for in zones, then communes, then corridors.
    func entry(id: String) throws(RegistryError) -> RegistryEntry?

    /// Calls `body` with each entry that passes `filter`, layer by layer in the order stored, one
    /// at a time: the registry is never held in memory. `body` may throw to stop.
    func forEachEntry(_ filter: RegistryFilter, _ body: (RegistryEntry) throws -> Void) throws

    /// Facts about the registry itself (the version that last wrote it, the last import and its files).
    func facts() throws(RegistryError) -> [String: String]

    /// Runs `body` in one write transaction, waiting for other writers as long as the store allows.
    /// Everything `body` writes commits together; if `body` throws, the store is left as it was.
    func write<Result>(_ body: (inout any RegistryWriter) throws -> Result) throws -> Result
}

extension RegistryStore {
    /// The entries that pass `filter`, in memory (for analyses that need them all at once).
    public func entries(_ filter: RegistryFilter = RegistryFilter()) throws -> [RegistryEntry] {
        var entries: [RegistryEntry] = []
        try forEachEntry(filter) { entries.append($0) }
        return entries
    }

    /// The features of one layer, in memory.
    public func features(_ layer: Layer) throws -> [any RegistryFeature] {
        try entries(RegistryFilter(layers: [layer])).map(\.feature)
    }
}

/// What a write transaction can do.
public protocol RegistryWriter {
    /// Adds each entry, or replaces the one of the same layer and id (for communes, the official
    /// code): a re-import updates a boundary. What else the row holds — its feature id (`fid`),
    /// columns added by other clients — is kept.
    mutating func upsert(_ entries: [RegistryEntry]) throws(RegistryError)

    /// Records a fact about the registry, replacing the fact of the same key.
    mutating func setFact(_ key: String, _ value: String) throws(RegistryError)

    /// What this transaction has added and replaced so far.
    var changes: RegistryChanges { get }
}

/// What a write added and replaced, per layer.
public struct RegistryChanges: Sendable, Equatable {
    public var added: [Layer: Int] = [:]
    public var replaced: [Layer: Int] = [:]

    public init(added: [Layer: Int] = [:], replaced: [Layer: Int] = [:]) {
        self.added = added
        self.replaced = replaced
    }

    /// How many entries were written.
    public var total: Int { added.values.reduce(0, +) + replaced.values.reduce(0, +) }
}
