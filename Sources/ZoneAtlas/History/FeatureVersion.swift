/// One version of a feature: what it was, and the revisions in which it was current — from
/// `from` (the revision that wrote it) up to, not including, `to` (the revision that changed or
/// removed it; `nil` while it is current).
public struct FeatureVersion: Sendable {
    public var entry: RegistryEntry
    /// The revision that wrote this version.
    public var from: Int
    /// The revision that replaced or removed it; `nil` for the current version.
    public var to: Int?

    public init(entry: RegistryEntry, from: Int, to: Int?) {
        self.entry = entry
        self.from = from
        self.to = to
    }
}
