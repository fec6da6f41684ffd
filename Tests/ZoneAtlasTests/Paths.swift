import Foundation
import TestSupport

/// Where the project's and the shared data live, relative to this file.
enum Paths {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let geoData = repository.appendingPathComponent("GeoData").path
    static let sharedData = repository.deletingLastPathComponent().appendingPathComponent("shared/data").path

    /// A new empty directory for one test.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zoneatlas-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs a command-line tool (GDAL's) and returns its stdout and exit status.
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let run = try Subprocess.run("/usr/bin/env", [tool] + arguments)
        return (run.termination.status, run.stdout)
    }
}
