import ArgumentParser

/// `--quiet` and `--verbose`, on every command: how much it says on stderr besides its errors.
struct MessageOptions: ParsableArguments {
    @Flag(name: [.short, .long], help: "No progress bar and no informational messages; errors are still printed.")
    var quiet = false

    @Flag(name: [.short, .long], help: "Say more on stderr: what each input file held and how long each phase took.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
    }

    var verbosity: Verbosity { quiet ? .quiet : verbose ? .verbose : .normal }
}

/// How much a command says on stderr besides its errors.
enum Verbosity: Int, Comparable, Sendable {
    case quiet, normal, verbose

    static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A `zoneatlas` subcommand: `main()` reads its name and its message options before it runs.
protocol Subcommand: ParsableCommand {
    var messages: MessageOptions { get }
    /// The command's words after `zoneatlas`, as its messages begin (`zoneatlas registry copy: …`).
    static var words: String { get }
}

extension Subcommand {
    static var words: String { _commandName }
}
