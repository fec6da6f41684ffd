import ArgumentParser
import ZoneAtlas

/// `zoneatlas revert REV`: a new revision that restores an earlier state.
struct RevertCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "revert",
        abstract: "Restore the registry's features to their state at an earlier revision, as a new revision.",
        discussion: """
            Features added since REV are removed and features changed or removed since get their version of REV back. \
            History is never rewritten: the revert is itself a revision (see `zoneatlas log`), and can be reverted.
            """)

    @Argument(help: "The revision to restore: its number, or a day (YYYY-MM-DD, UTC) meaning the last revision of that day.")
    var revision: String

    @OptionGroup var registry: RegistryOptions

    @OptionGroup var note: RevisionOptions

    @OptionGroup var messages: MessageOptions

    func run() throws {
        let store = try registry.existingStore()
        guard let number = try registry.revision(revision, in: store) else { return }
        var note = note.note(command: "revert \(number)")
        if note.message == nil { note.message = "restore the state of revision \(number)" }
        let revision = try registry.run {
            try store.commit(note) { writer in try writer.restore(revision: number) }.revision
        }
        Terminal.info("restored revision \(number) as revision \(revision.number): "
                       + "\(revision.added) added, \(revision.changed) changed, \(revision.removed) removed")
    }
}
