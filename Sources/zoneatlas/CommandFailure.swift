import ArgumentParser

/// What stops a command: a message, which `main()` prints after `zoneatlas <command>: `, and the exit status.
struct CommandFailure: Error {
    var message: String
    var exitCode: ExitCode

    /// Exit status 2: the command line is wrong, or a file cannot be read or written.
    static func usageOrIO(_ message: String) -> Self {
        Self(message: message, exitCode: ZoneAtlasCommand.usageOrIO)
    }

    /// Exit status 1: the input has errors (or holds what `--fail-on` names).
    static func inputHasErrors(_ message: String) -> Self {
        Self(message: message, exitCode: ZoneAtlasCommand.inputHasErrors)
    }
}
