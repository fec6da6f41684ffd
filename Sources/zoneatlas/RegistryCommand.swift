import ArgumentParser
import ZoneAtlas

/// `zoneatlas registry`: commands on a registry as a whole.
struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Work on a registry as a whole: copy it between a GeoPackage and PostGIS.",
        subcommands: [RegistryCopyCommand.self])
}

/// `zoneatlas registry copy SRC DST`: a registry, with its whole history, in another store.
struct RegistryCopyCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a registry, with its whole history, between a GeoPackage file and a PostGIS database.",
        discussion: """
            SRC and DST are each a GeoPackage path or a postgresql:// URL (what a URL leaves out comes from PGHOST, \
            PGPORT, PGUSER, PGPASSWORD and PGDATABASE). Every revision is copied as it was (number, time, author, \
            message, decision, source files), with every version of every feature, the present features and the \
            registry's facts; the copy is one more revision in DST, and changes no feature. DST must have no history \
            yet (a new file, database or ?schema=NAME). It is one transaction: on any error DST is left as it was. \
            Other tables in a GeoPackage (QGIS styles, your own layers) and columns other clients added are not part \
            of the registry: copy those with ogr2ogr.
            """)

    static var words: String { "registry copy" }

    @Argument(help: ArgumentHelp("The registry to copy: a GeoPackage file or a postgresql:// URL.", valueName: "source"),
              completion: .file(extensions: ["gpkg"]))
    var source: String

    @Argument(help: ArgumentHelp("Where to copy it: a new GeoPackage file, or a PostGIS database or schema with no registry yet.",
                                 valueName: "destination"),
              completion: .file(extensions: ["gpkg"]))
    var destination: String

    @Option(help: "How long to wait for another writer (zoneatlas, QGIS, GDAL) to release either registry, in seconds.")
    var lockTimeout = 60.0

    @OptionGroup var note: RevisionOptions

    @OptionGroup var messages: MessageOptions

    func run() throws {
        let (from, to) = try stores()
        var note = note.note(command: "registry copy \(from.location)")
        if note.message == nil { note.message = "copy of \(from.location)" }
        let copy = try RegistryOptions.typed { try RegistryCopy.copy(from: from, to: to, note: note) }
        let layers = Layer.allCases.map { "\(copy.entries[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        Terminal.info("copied \(copy.revisions) revisions, \(copy.versions) versions and the present \(layers) "
                      + "from \(from.location) to \(to.location), as its revision \(copy.revision.number)")
    }

    /// The two stores; the same one twice is a usage error.
    private func stores() throws -> (any RegistryStore, any RegistryStore) {
        let from = try RegistryOptions.typed { try registryStore(at: source, lockTimeoutSeconds: lockTimeout) }
        let to = try RegistryOptions.typed { try registryStore(at: destination, lockTimeoutSeconds: lockTimeout) }
        guard from.location != to.location else {
            throw CommandFailure.usageOrIO("the source and the destination are the same registry, \(from.location)")
        }
        guard from.exists else {
            throw CommandFailure.usageOrIO("no registry at \(from.location)")
        }
        return (from, to)
    }
}
