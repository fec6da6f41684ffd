/// A registry copied into another store — a GeoPackage into PostGIS, PostGIS into a GeoPackage, or
/// either into its own kind — with everything ZoneAtlas keeps in it: every revision as it was
/// (number, time, author, message, legal decision, source files), every version of every feature
/// with the revisions it was current in, the present features and the registry's facts.
///
/// The copy is one write of the target, which must have no history yet: it either holds all of the
/// above or, on any error, nothing. It is a revision of its own there, after the source's, so
/// `zoneatlas log` says when and from where the registry came; that revision changes no feature.
/// Edits other clients made in the source since its last revision are recorded there first (where
/// the source may be written), so that they are in the history copied.
///
/// What ZoneAtlas does not keep is not copied: other tables in a GeoPackage (QGIS styles, a
/// planner's own layers) and columns other clients added to a layer table. `ogr2ogr` copies those.
public struct RegistryCopy: Sendable, Equatable {
    /// The source's revisions, copied as they were.
    public var revisions: Int
    /// The versions of features copied, across layers.
    public var versions: Int
    /// The present features copied, per layer.
    public var entries: [Layer: Int]
    /// The revision the copy became in the target (the one after the source's last).
    public var revision: Revision

    /// Versions and features are read from the source and written to the target this many at a time.
    static let batchSize = 2000

    /// Copies the registry in `source` into `target`, as one write described by `note`.
    /// - Throws: ``RegistryError/store(path:reason:)`` when there is no registry at `source`, or
    ///   `target` has a history of its own; any error reading the source or writing the target (the
    ///   target is then left as it was).
    public static func copy(from source: any RegistryStore, to target: any RegistryStore, note: RevisionNote) throws -> RegistryCopy {
        guard source.exists else { throw RegistryError.store(path: source.location, reason: "there is no registry there") }
        try source.recordOutsideEdits()
        let revisions = try source.revisions(), facts = try source.facts()
        var versions = 0, entries: [Layer: Int] = [:]
        let revision = try target.commit(note) { writer in
            try writer.appendRevisions(revisions)
            var batch: [FeatureVersion] = []
            try source.forEachVersion { version in
                batch.append(version)
                guard batch.count == batchSize else { return }
                try writer.appendVersions(batch)
                versions += batch.count
                batch.removeAll(keepingCapacity: true)
            }
            try writer.appendVersions(batch)
            versions += batch.count

            var present: [RegistryEntry] = []
            try source.forEachEntry(RegistryFilter()) { entry in
                present.append(entry)
                entries[entry.layer, default: 0] += 1
                guard present.count == batchSize else { return }
                try writer.upsert(present)
                present.removeAll(keepingCapacity: true)
            }
            try writer.upsert(present)
            for (key, value) in facts.sorted(by: { $0.key < $1.key }) { try writer.setFact(key, value) }
        }.revision
        return RegistryCopy(revisions: revisions.count, versions: versions, entries: entries, revision: revision)
    }
}
