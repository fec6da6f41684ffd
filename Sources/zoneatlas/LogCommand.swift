import ArgumentParser
import ZoneAtlas

/// `zoneatlas log [ID]`: the registry's revisions, or one feature's versions.
struct LogCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "List the registry's revisions, or one feature's versions with what changed in each.",
        discussion: """
            Every write to the registry is a revision: its number, time (UTC), author, message, legal decision and \
            source files (with SHA-256). Edits made outside ZoneAtlas (QGIS, GDAL) are recorded as a revision of their \
            own the next time the registry is written or its history read. With an ID, each revision that added, \
            changed or removed that feature, the fields it changed (old → new) and the hectares gained and lost.
            """)

    @Argument(help: "A zone, commune or corridor id: list its versions instead of the revisions.")
    var id: String?

    @Option(help: "Output format: table, json or csv.")
    var format: Tabular.Format = .table

    @OptionGroup var registry: RegistryOptions

    @OptionGroup var messages: MessageOptions

    func run() throws {
        let store = try registry.existingStore()
        let table = try registry.run { () throws -> AnalysisTable in
            try store.recordOutsideEdits()
            let revisions = try store.revisions()
            guard let id else { return HistoryTables.revisions(revisions.reversed()) }
            let versions = try store.versions(id: id)
            guard !versions.isEmpty else { throw RegistryError.notFound(id) }
            return try HistoryTables.versions(versions, revisions: revisions, valueLimit: format == .table ? DiffCommand.valueLimit : nil)
        }
        // The sources are long: the table leaves them to JSON and CSV.
        Terminal.output(Tabular(table, shown: format == .table ? table.columns.filter { $0 != "sources" } : nil).render(format))
    }
}
