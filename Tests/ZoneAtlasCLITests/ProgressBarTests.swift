import Foundation
import TestSupport
import Testing

/// The progress bar, through a pseudo-terminal (util-linux `script`): it names its phase and shows
/// counts, on `validate` and `import` too; `NO_COLOR` draws it without escape sequences, `TERM=dumb`
/// and `--quiet` not at all, nor a pipe; Ctrl-C clears it and exits 130 with the registry unchanged.
struct ProgressBarTests {
    static let script = "/usr/bin/script"

    /// `count` squares of 100 m near Hai Phong, as a GeoJSON file; its size in bytes.
    static func squares(_ count: Int) throws -> (path: String, bytes: Int) {
        var text = #"{"type":"FeatureCollection","features":["#
        for i in 0..<count {
            let x = 106.0 + Double(i % 300) * 0.002, y = 20.5 + Double(i / 300) * 0.002
            let ring = [(x, y), (x + 0.001, y), (x + 0.001, y + 0.001), (x, y + 0.001), (x, y)].map { "[\($0.0),\($0.1)]" }
            text += (i == 0 ? "" : ",") + #"{"type":"Feature","id":"z\#(i)","properties":{"name":"zone \#(i)"},"#
                + #""geometry":{"type":"Polygon","coordinates":[[\#(ring.joined(separator: ","))]]}}"#
        }
        let path = try CLI.temporaryFile(text + "]}", name: "squares.geojson")
        return (path, text.utf8.count + 2)
    }

    /// What a terminal shows (stdout and stderr) while `zoneatlas arguments` runs with `environment`.
    func onTerminal(_ arguments: [String], environment: [String]) throws -> (status: Int32, screen: String) {
        try #require(FileManager.default.isExecutableFile(atPath: Self.script), "util-linux script is needed for a pseudo-terminal")
        let command = ([CLI.binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let run = try CLI.run(external: "/usr/bin/env", ["-u", "NO_COLOR"] + environment + [Self.script, "-qfec", command, "/dev/null"])
        return (run.status, run.stdout)
    }

    @Test func validateAndImportShowTheirPhaseAndCounts() throws {
        let file = try Self.squares(20_000)
        let megabytes = String(format: "%.1f MB", Double(file.bytes) / 1e6)
        let validate = try onTerminal(["validate", file.path], environment: ["TERM=xterm"])
        #expect(validate.status == 0)
        #expect(validate.screen.contains("reading squares.geojson ["), "\(validate.screen)")
        #expect(validate.screen.contains("/\(megabytes)"), "\(validate.screen)")
        // Cleared before the report: the erase sequence follows the last bar.
        #expect(validate.screen.contains("\r\u{1B}[2K" + "\u{1B}[1m" + file.path), "\(validate.screen.debugDescription)")

        let registry = URL(fileURLWithPath: file.path).deletingLastPathComponent().appendingPathComponent("r.gpkg").path
        let imported = try onTerminal(["import", file.path, "--registry", registry], environment: ["TERM=xterm"])
        #expect(imported.status == 0)
        #expect(imported.screen.contains("reading squares.geojson [") && imported.screen.contains("/\(megabytes)"))
    }

    @Test func noColourMeansNoEscapeSequence() throws {
        let file = try Self.squares(20_000)
        let run = try onTerminal(["validate", file.path], environment: ["TERM=xterm", "NO_COLOR=1"])
        #expect(run.status == 0)
        #expect(run.screen.contains("reading squares.geojson ["))
        #expect(!run.screen.contains("\u{1B}"), "\(run.screen.debugDescription)")
    }

    @Test(arguments: [(["TERM=dumb"], [String]()), (["TERM=xterm"], ["--quiet"])])
    func dumbTerminalsAndQuietGetNoBar(environment: [String], options: [String]) throws {
        let file = try Self.squares(20_000)
        let run = try onTerminal(["overlaps", file.path] + options, environment: environment)
        #expect(run.status == 0)
        #expect(!run.screen.contains("reading") && !run.screen.contains("[#"), "\(run.screen)")
        if environment == ["TERM=dumb"] { #expect(!run.screen.contains("\u{1B}"), "\(run.screen.debugDescription)") }
    }

    @Test func noBarWhenStderrIsNotATerminal() throws {
        let file = try Self.squares(20_000)
        let run = try CLI.run(["validate", file.path])
        #expect(run.status == 0 && !run.stderr.contains("reading"), "\(run.stderr)")
    }

    /// SIGINT while the import's bar is shown: the line is erased, the exit status is 130, and the
    /// registry lists what it listed before.
    @Test func ctrlCClearsTheBarAndLeavesTheRegistryAsItWas() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.script))
        let file = try Self.squares(60_000)
        let folder = URL(fileURLWithPath: file.path).deletingLastPathComponent()
        let registry = folder.appendingPathComponent("r.gpkg").path
        #expect(try CLI.run(["import", "GeoData/zones.geojson", "--registry", registry]).status == 0)
        let before = try CLI.run(["list", "--format", "csv", "--registry", registry]).stdout

        let screen = folder.appendingPathComponent("screen").path, pid = folder.appendingPathComponent("pid").path
        // A job started with & in a non-interactive shell ignores SIGINT until it sets a handler: the bar's.
        let command = "'\(CLI.binary)' import '\(file.path)' --registry '\(registry)' & echo $! > '\(pid)'; wait $!; echo \"exit $?\""
        // Subprocess starts it as from a shell: no signal blocked, SIGINT at its default.
        let process = try Subprocess("/usr/bin/env", ["-u", "NO_COLOR", "TERM=xterm", Self.script, "-qfec", command, screen])
        let deadline = Date().addingTimeInterval(60)
        func shown() -> String { (try? String(contentsOfFile: screen, encoding: .utf8)) ?? "" }
        while !shown().contains("reading squares.geojson [") && Date() < deadline { usleep(50_000) }
        let child = try #require(Int32((try? String(contentsOfFile: pid, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""))
        #expect(kill(child, SIGINT) == 0)
        try process.wait(seconds: 120)

        let text = shown()
        let afterBar = try #require(text.range(of: "MB", options: .backwards)).upperBound
        #expect(text[afterBar...].hasPrefix("\r\u{1B}[2Kexit 130"), "\(text[afterBar...].debugDescription)")
        #expect(!text.contains("imported"))
        #expect(try CLI.run(["list", "--format", "csv", "--registry", registry]).stdout == before)
    }
}
