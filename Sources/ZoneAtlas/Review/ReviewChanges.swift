/// What a review made against an earlier state of the plan adds: the changes from that state to
/// the one reviewed (``PlanDiff``), where the zones' changes lie by commune, and the revisions —
/// with their decisions — that made them.
public struct ReviewChanges: Sendable {
    /// The earlier state, as the user named it (a revision, a day or a file).
    public var against: String
    public var diff: PlanDiff
    /// The hectares each zone gained and lost in each commune (``PlanDiff/byCommune(_:)``).
    public var byCommune: AnalysisTable
    /// The revisions after the earlier state up to the reviewed one (none when it is a file).
    public var revisions: [Revision]

    /// The earlier state to review against: its name, its entries, the revisions since, and the
    /// layers it speaks for (a file of zones says nothing about communes: they are not "added").
    public struct Baseline: Sendable {
        public var label: String
        public var entries: [RegistryEntry]
        public var revisions: [Revision]
        public var layers: Set<Layer>

        public init(label: String, entries: [RegistryEntry], revisions: [Revision] = [], layers: Set<Layer> = Set(Layer.allCases)) {
            self.label = label
            self.entries = entries
            self.revisions = revisions
            self.layers = layers
        }
    }

    /// The changes from `baseline` to the reviewed entries; boundaries that move by no more than a
    /// centimetre anywhere count as unchanged.
    static func compute(from baseline: Baseline, to entries: [RegistryEntry]) throws(AnalysisError) -> ReviewChanges {
        let diff = try PlanDiff.between(baseline.entries.filter { baseline.layers.contains($0.layer) },
                                        entries.filter { baseline.layers.contains($0.layer) }, toleranceMetres: 0.01)
        let communes = entries.filter { $0.layer == .communes }
        return ReviewChanges(against: baseline.label, diff: diff,
                             byCommune: try diff.byCommune(communes.isEmpty ? baseline.entries.filter { $0.layer == .communes } : communes),
                             revisions: baseline.revisions)
    }
}
