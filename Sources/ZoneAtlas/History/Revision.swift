/// One committed write to the registry: its number, when and by whom, why (a message and the legal
/// decision), from which files, and how many features it added, changed and removed.
///
/// Revisions are numbered from 1 in commit order; the state "at revision N" is the registry as
/// revision N left it. History is never rewritten: undoing a change is a new revision.
public struct Revision: Sendable, Equatable {
    /// The revision's number, from 1.
    public var number: Int
    /// When it was committed, UTC, ISO 8601 with milliseconds (`2026-02-12T08:30:00.000Z`).
    public var time: String
    /// What the writer said about it.
    public var note: RevisionNote
    /// Features that first appear in this revision, across all layers.
    public var added: Int
    /// Features whose stored fields or geometry this revision changed.
    public var changed: Int
    /// Features this revision removed.
    public var removed: Int

    public init(number: Int, time: String, note: RevisionNote, added: Int, changed: Int, removed: Int) {
        self.number = number
        self.time = time
        self.note = note
        self.added = added
        self.changed = changed
        self.removed = removed
    }

    /// The calendar day (UTC) it was committed, `YYYY-MM-DD`.
    public var day: String { String(time.prefix(10)) }
}
