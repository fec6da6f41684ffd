import Foundation
import TestSupport
import Testing

/// Runs the built `zoneatlas` binary, which sits beside the test bundle in the build products.
enum CLI {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("zoneatlas").path

    static let sharedData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data").path

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// Runs `zoneatlas`; `standardInput` is a file to read as its stdin (else `/dev/null`).
    static func run(_ arguments: [String], standardInput: String? = nil) throws -> Run {
        try run(external: binary, arguments, standardInput: standardInput)
    }

    /// Runs another program (e.g. `script`, to give `zoneatlas` a terminal) from the repository, for
    /// at most ten minutes (a run that hangs fails the test instead of the whole suite).
    static func run(external program: String, _ arguments: [String], standardInput: String? = nil) throws -> Run {
        let run = try Subprocess.run(program, arguments, directory: repository, standardInput: standardInput)
        return Run(status: run.termination.status, stdout: run.stdout, stderr: run.stderr)
    }

    /// Writes `text` to a new temporary file and returns its path.
    static func temporaryFile(_ text: String, name: String = "input.geojson") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zoneatlas-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
