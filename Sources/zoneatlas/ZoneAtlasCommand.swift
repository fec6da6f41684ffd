import ArgumentParser
import Foundation
import ZoneAtlas
import ZoneGeometry
import ZoneProjection

/// `zoneatlas`: the registry of planning zones and the questions a planning review asks of them.
@main
struct ZoneAtlasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zoneatlas",
        abstract: "Validate, measure and compare planning zone boundaries.",
        version: version,
        subcommands: [ValidateCommand.self, ImportCommand.self, ListCommand.self, ShowCommand.self, ExportCommand.self,
                      AreasCommand.self, ApportionCommand.self, OverlapsCommand.self, CoverageCommand.self, AdjacencyCommand.self,
                      ReviewCommand.self, LogCommand.self, DiffCommand.self, RevertCommand.self, RegistryCommand.self])

    /// Exit statuses shared by every command: 0 fine, 1 the input has errors, 2 usage or I/O.
    static let inputHasErrors = ExitCode(1)
    static let usageOrIO = ExitCode(2)

    /// ZoneAtlas's own version.
    static let version = "0.1.0"

    /// Runs the command line: every error on stderr after `zoneatlas <command>: ` (ArgumentParser's
    /// own usage errors too), usage errors with exit status 2 (ArgumentParser's default is 64).
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--version"] {
            Terminal.output(libraryVersions())
            return
        }
        if let first = arguments.first, let message = unknownCommand(first) {
            Terminal.error(message)
            Self.exit(withError: usageOrIO)
        }
        // Until the command line is parsed, the command is the one typed first.
        Terminal.begin(arguments.first.flatMap { commandNames.dropLast().contains($0) ? $0 : nil })
        do {
            var command = try parseAsRoot()
            if let subcommand = command as? any Subcommand {
                Terminal.begin(type(of: subcommand).words, verbosity: subcommand.messages.verbosity)
            }
            try command.run()
        } catch let failure as CommandFailure {
            Terminal.failure(failure.message)
            Self.exit(withError: failure.exitCode)
        } catch let exit as ExitCode {
            Self.exit(withError: exit)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                Self.exit(withError: error)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { Terminal.failure(usageMessage(message)) }
            Self.exit(withError: code == .validationFailure ? usageOrIO : code)
        }
    }

    /// ArgumentParser's message without its own `Error: ` and with a lower-case first word, to
    /// follow `zoneatlas <command>: `.
    static func usageMessage(_ message: String) -> String {
        let text = message.hasPrefix("Error: ") ? String(message.dropFirst("Error: ".count)) : message
        guard let first = text.first, first.isUppercase, text.dropFirst().first?.isLowercase == true else { return text }
        return first.lowercased() + text.dropFirst()
    }
}

extension ZoneAtlasCommand {
    /// `--version`: ZoneAtlas's version and those of the libraries it runs on, as loaded.
    static func libraryVersions() -> String {
        """
        zoneatlas \(version)
        GEOS \(GEOSLibrary.version)
        PROJ \(PROJLibrary.version), database \(PROJLibrary.databasePath ?? "not found") with EPSG \(PROJLibrary.epsgVersion ?? "version unknown")
        SQLite \(SQLiteLibrary.version)

        """
    }

    /// The commands, as typed.
    static var commandNames: [String] { configuration.subcommands.map { $0._commandName } + ["help"] }

    /// When the first argument is no command's name (or a near miss of `--help`/`--version`), what to
    /// say: the command meant, when one is near (a letter or two off, letters swapped, or the start of
    /// one name).
    static func unknownCommand(_ word: String) -> String? {
        if word.hasPrefix("--") {
            // The root's own options: a near miss of --help or --version.
            guard let meant = ["--help", "--version"].first(where: { $0 != word && editDistance($0, word) <= 2 }) else { return nil }
            return "zoneatlas: unknown option '\(Terminal.visible(word))'; did you mean '\(meant)'?\nSee 'zoneatlas --help'."
        }
        guard !word.hasPrefix("-"), !commandNames.contains(word) else { return nil }
        let prefixed = commandNames.filter { $0.hasPrefix(word) }
        let near = commandNames.map { (name: $0, distance: editDistance($0, word)) }.filter { $0.distance <= 2 }
            .min { $0.distance < $1.distance }?.name
        let meant = near ?? (prefixed.count == 1 ? prefixed[0] : nil)
        let hint = meant.map { "did you mean '\($0)'?" } ?? "the commands are \(commandNames.dropLast().joined(separator: ", "))."
        return "zoneatlas: '\(Terminal.visible(word))' is not a zoneatlas command; \(hint)\nSee 'zoneatlas --help'."
    }

    /// The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { rows[i][0] = i }
        for j in 0...b.count { rows[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
                }
            }
        }
        return rows[a.count][b.count]
    }
}
