/// A registry kept in a database: the interface every store gives, the GeoPackage file
/// (``GeoPackageStore``) and a server-backed store alike.
///
/// A store is read in place — by id, by filter, by box — without loading the whole registry, and
/// written only inside ``commit(_:_:)``: one transaction that commits everything its body upserts or,
/// if the body throws, nothing. Readers never see half a write.
///
/// Every write is a ``Revision``, and the store keeps every version of every feature with the
/// revisions in which it was current, written in the same transaction as the change: any past
/// state can be read (`at:`), and a feature's versions listed. Edits made to the store by other
/// clients (QGIS, GDAL) are recorded as a revision of their own by the next write, or by
/// ``recordOutsideEdits()``, before anything reads the history.
public protocol RegistryStore: Sendable {
    /// Where the registry is (a path or a URL), for messages.
    var location: String { get }

    /// Whether the registry exists yet (a store that does not is empty and created by the first write).
    var exists: Bool { get }

    /// The entry with this id, looked for in zones, then communes, then corridors: as it is now,
    /// or as it was at a revision.
    func entry(id: String, at revision: Int?) throws(RegistryError) -> RegistryEntry?

    /// Calls `body` with each entry that passes `filter` — now, or at a revision — layer by layer in
    /// the order stored, one at a time: the registry is never held in memory. `body` may throw to stop.
    func forEachEntry(_ filter: RegistryFilter, at revision: Int?, _ body: (RegistryEntry) throws -> Void) throws

    /// Facts about the registry itself (the version that last wrote it, the last import and its files).
    func facts() throws(RegistryError) -> [String: String]

    /// Runs `body` in one write transaction, waiting for other writers as long as the store allows,
    /// and records what it changed as one revision described by `note` (after a revision of its own
    /// for any edits other clients made since the last). Everything commits together; if `body`
    /// throws, the store is left as it was and no revision is added. `note` is evaluated after
    /// `body`, when the revision is recorded (so what it holds may be computed meanwhile).
    /// - Returns: what `body` returned, and the revision the write became.
    func commit<Result>(_ note: @autoclosure () throws -> RevisionNote, _ body: (inout any RegistryWriter) throws -> Result) throws
        -> (result: Result, revision: Revision)

    /// Every revision, in number order.
    func revisions() throws(RegistryError) -> [Revision]

    /// Every version of the features with this id (in any layer), oldest first.
    func versions(id: String) throws(RegistryError) -> [FeatureVersion]

    /// Calls `body` with every version of every feature, layer by layer in the order they were
    /// written, one at a time (for ``RegistryCopy``). `body` may throw to stop.
    func forEachVersion(_ body: (FeatureVersion) throws -> Void) throws

    /// Records the edits other clients made since the last revision as a revision of their own,
    /// and returns it; `nil` when there were none.
    @discardableResult
    func recordOutsideEdits() throws(RegistryError) -> Revision?
}

/// The registry at `location`: a ``PostGISStore`` for a `postgresql://` URL, else the
/// ``GeoPackageStore`` file at that path.
/// - Throws: ``RegistryError/store(path:reason:)`` when a URL cannot be read.
public func registryStore(at location: String, mapping: FieldMapping = FieldMapping(), lockTimeoutSeconds: Double = 60)
    throws(RegistryError) -> any RegistryStore {
    if PostGISAddress.isURL(location) {
        return PostGISStore(address: try PostGISAddress(url: location), mapping: mapping, lockTimeoutSeconds: lockTimeoutSeconds)
    }
    return GeoPackageStore(path: location, mapping: mapping, lockTimeoutSeconds: lockTimeoutSeconds)
}

extension RegistryStore {
    /// The entry with this id as it is now.
    public func entry(id: String) throws(RegistryError) -> RegistryEntry? {
        try entry(id: id, at: nil)
    }

    /// Calls `body` with each current entry that passes `filter`.
    public func forEachEntry(_ filter: RegistryFilter, _ body: (RegistryEntry) throws -> Void) throws {
        try forEachEntry(filter, at: nil, body)
    }

    /// ``commit(_:_:)`` when the revision is not needed.
    public func write<Result>(_ note: RevisionNote, _ body: (inout any RegistryWriter) throws -> Result) throws -> Result {
        try commit(note, body).result
    }

    /// A write recorded as a revision by the login user, with no message.
    public func write<Result>(_ body: (inout any RegistryWriter) throws -> Result) throws -> Result {
        try commit(RevisionNote(), body).result
    }

    /// The revision a point in history names (after recording any outside edits, so that "now" is one).
    /// - Throws: ``RegistryError/unknownRevision(_:reason:)`` when no revision has that number or
    ///   the day is before the first.
    public func revision(_ point: RevisionPoint) throws(RegistryError) -> Int {
        try recordOutsideEdits()
        return try point.resolve(in: revisions(), registry: location)
    }

    /// The entries that pass `filter`, in memory (for analyses that need them all at once).
    /// - Throws: the store's ``RegistryError``.
    public func entries(_ filter: RegistryFilter = RegistryFilter(), at revision: Int? = nil) throws(RegistryError) -> [RegistryEntry] {
        var entries: [RegistryEntry] = []
        do {
            try forEachEntry(filter, at: revision) { entries.append($0) }
        } catch {
            // The body does not throw: what comes is the store's own error.
            throw .wrapping(error, at: location)
        }
        return entries
    }

    /// The features of one layer, in memory.
    /// - Throws: the store's ``RegistryError``.
    public func features(_ layer: Layer) throws(RegistryError) -> [any RegistryFeature] {
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

    /// Makes the layers what they were at `revision`: features added since are removed, features
    /// changed or removed since get that revision's version back.
    /// - Throws: ``RegistryError/unknownRevision(_:reason:)`` when there is no such revision.
    mutating func restore(revision: Int) throws(RegistryError)

    /// Adds another registry's revisions as they were — numbers, times, notes and counts — to a
    /// store that has none yet (``RegistryCopy``); the revision this write becomes follows them.
    /// - Throws: ``RegistryError/store(path:reason:)`` when the store has revisions of its own.
    mutating func appendRevisions(_ revisions: [Revision]) throws(RegistryError)

    /// Adds versions of features as they were, with the revisions they were current in (after
    /// ``appendRevisions(_:)``, for ``RegistryCopy``); the layers' present rows are not touched.
    mutating func appendVersions(_ versions: [FeatureVersion]) throws(RegistryError)

    /// What this transaction has added and replaced so far.
    var changes: RegistryChanges { get }
}

/// What a write added and replaced, per layer.
public struct RegistryChanges: Sendable, Equatable {
    /// Entries added, per layer.
    public var added: [Layer: Int] = [:]
    /// Entries that replaced one of the same id, per layer.
    public var replaced: [Layer: Int] = [:]

    /// Changes counted per layer.
    public init(added: [Layer: Int] = [:], replaced: [Layer: Int] = [:]) {
        self.added = added
        self.replaced = replaced
    }

    /// How many entries were written.
    public var total: Int { added.values.reduce(0, +) + replaced.values.reduce(0, +) }
}
