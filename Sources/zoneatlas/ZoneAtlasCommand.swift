import ArgumentParser
import Foundation

/// `zoneatlas`: the registry of planning zones and the questions a planning review asks of them.
@main
struct ZoneAtlasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zoneatlas",
        abstract: "Validate, measure and compare planning zone boundaries.",
        version: "0.1.0",
        subcommands: [ValidateCommand.self, ImportCommand.self, ListCommand.self, ShowCommand.self, ExportCommand.self,
                      AreasCommand.self, ApportionCommand.self, OverlapsCommand.self, CoverageCommand.self, AdjacencyCommand.self,
                      ReviewCommand.self])

    /// Exit statuses shared by every command: 0 fine, 1 the input has errors, 2 usage or I/O.
    static let inputHasErrors = ExitCode(1)
    static let usageOrIO = ExitCode(2)

    /// Runs the command line, mapping usage errors to exit status 2 (ArgumentParser's default is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Self.exit(withError: exit)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                Self.exit(withError: error)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { Terminal.error(message) }
            Self.exit(withError: code == .validationFailure ? usageOrIO : code)
        }
    }
}
