import Foundation
import Testing

/// `-` reads standard input wherever a file is read and writes standard output wherever a file is
/// written; `/dev/stdin` works on a pipe too. Data goes to stdout, messages to stderr.
struct StandardStreamsTests {
    static let zones = "\(CLI.repository)/GeoData/zones.geojson"

    /// Runs a shell pipeline (`Z` is the zoneatlas binary).
    func shell(_ pipeline: String) throws -> CLI.Run {
        try CLI.run(external: "/bin/sh", ["-c", "Z='\(CLI.binary)'; " + pipeline])
    }

    @Test func areasReadStandardInputAsTheFile() throws {
        let direct = try CLI.run(["areas", Self.zones, "--format", "json"])
        #expect(direct.status == 0)
        let redirected = try CLI.run(["areas", "-", "--format", "json"], standardInput: Self.zones)
        let piped = try shell("cat '\(Self.zones)' | \"$Z\" areas - --format json")
        let devStdin = try shell("cat '\(Self.zones)' | \"$Z\" areas /dev/stdin --format json")
        for run in [redirected, piped, devStdin] {
            #expect(run.status == 0 && run.stdout == direct.stdout, "\(run.stderr)")
        }
    }

    @Test func validateNamesStandardInputAsTyped() throws {
        let run = try shell("cat '\(Self.zones)' | \"$Z\" validate -")
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("-: 8 features, no errors"), "\(run.stdout)")
        let broken = try shell("printf '{\"type\": \"FeatureCollection\", \"features\": [' | \"$Z\" validate - --format json")
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("\"path\": \"-\"") && !broken.stdout.contains("zoneatlas-input-"), "\(broken.stdout)")
        #expect(try CLI.run(["validate", "-", "-"], standardInput: Self.zones).status == 2)
    }

    @Test func importReadsStandardInputAndLeavesNoCopy() throws {
        let registry = URL(fileURLWithPath: try CLI.temporaryFile("")).deletingLastPathComponent().appendingPathComponent("r.gpkg").path
        // A temporary folder of its own (Foundation's temporaryDirectory follows TMPDIR), so that
        // copies made by other tests running at the same time are not counted.
        let temporary = URL(fileURLWithPath: try CLI.temporaryFile("")).deletingLastPathComponent().appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let run = try shell("cat '\(Self.zones)' | TMPDIR='\(temporary.path)' \"$Z\" import - --registry '\(registry)'")
        #expect(run.status == 0, "\(run.stderr)")
        // Oracle: the file's feature count, read by Foundation's JSON parser.
        let file = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.zones))) as? [String: Any]
        let count = try #require(file?["features"] as? [Any]).count
        #expect(run.stderr.contains("imported \(count) features"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
    }

    /// The copy of standard input has no name even while it is being read: a process killed
    /// mid-read (here `kill -9` while its standard input is still open) leaves nothing behind.
    @Test func aKilledReaderLeavesNoCopy() throws {
        let temporary = URL(fileURLWithPath: try CLI.temporaryFile("")).deletingLastPathComponent().appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        // Standard input is a FIFO that this shell keeps open after the file (fd 3), so zoneatlas is
        // still copying when it is killed; only this test's own processes are touched.
        let fifo = temporary.deletingLastPathComponent().appendingPathComponent("stdin.fifo").path
        let run = try shell("mkfifo '\(fifo)'; TMPDIR='\(temporary.path)' \"$Z\" validate - < '\(fifo)' & reader=$!; "
            + "exec 3> '\(fifo)'; cat '\(Self.zones)' >&3; "
            + "sleep 1; ls -A '\(temporary.path)' | wc -l; kill -9 $reader; wait $reader; "
            + "ls -A '\(temporary.path)' | wc -l; exec 3>&-; true")
        let counts = run.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        // No named file in the folder while copying, nor after the kill.
        #expect(counts == ["0", "0"], "\(run.stdout) \(run.stderr)")
    }

    /// A review of standard input names it `-` in its page and review.json, never the copy read.
    @Test func reviewNamesStandardInputAsTyped() throws {
        let out = URL(fileURLWithPath: try CLI.temporaryFile("")).deletingLastPathComponent().appendingPathComponent("review").path
        let run = try shell("cat '\(Self.zones)' | \"$Z\" review - --out-dir '\(out)' --quiet")
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/review.json"))) as? [String: Any]
        let files = try #require(json?["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String } == ["-"])
        for name in ["index.html", "review.json"] {
            let text = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
            #expect(!text.contains("/proc/self/fd/") && !text.contains("zoneatlas-input"), "\(name)")
        }
    }

    /// `diff - FILE` compares standard input with a file: the same file on both sides differs in nothing.
    @Test func diffReadsStandardInput() throws {
        let run = try shell("cat '\(Self.zones)' | \"$Z\" diff - '\(Self.zones)' --format json --quiet")
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect((json?["changes"] as? [Any])?.isEmpty == true, "\(run.stdout)")
        // Standard input is one stream: it cannot be both states.
        let twice = try CLI.run(["diff", "-", "-"], standardInput: Self.zones)
        #expect(twice.status == 2 && twice.stderr.contains("only one of the two states"), "\(twice.stderr)")
    }

    @Test func outputDashWritesTheFileToStandardOutputAndTheReportToStandardError() throws {
        let report = try JSONSerialization.jsonObject(with: Data(try CLI.run(["overlaps", Self.zones, "--format", "json"]).stdout.utf8)) as? [String: Any]
        let pairs = try #require(report?["pairs"] as? [Any]).count
        let run = try CLI.run(["overlaps", Self.zones, "--output", "-"])
        #expect(run.status == 0)
        let layer = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(layer?["type"] as? String == "FeatureCollection")
        #expect((layer?["features"] as? [Any])?.count == pairs)
        #expect(run.stderr.contains("overlapping pairs"))

        let registry = URL(fileURLWithPath: try CLI.temporaryFile("")).deletingLastPathComponent().appendingPathComponent("r.gpkg").path
        #expect(try CLI.run(["import", Self.zones, "--registry", registry]).status == 0)
        let exported = try CLI.run(["export", "--layer", "zones", "--registry", registry])
        #expect(try CLI.run(["export", "--layer", "zones", "--output", "-", "--registry", registry]).stdout == exported.stdout)
    }

    /// `--output` into a pipe (as into /dev/null) writes into it rather than renaming a file over it,
    /// and through a symbolic link replaces the file it points to, keeping the link.
    @Test func outputIntoAPipeOrThroughALinkKeepsIt() throws {
        let folder = URL(fileURLWithPath: try CLI.temporaryFile("")).deletingLastPathComponent()
        let fifo = folder.appendingPathComponent("out.fifo").path, received = folder.appendingPathComponent("received").path
        let direct = try CLI.run(["overlaps", Self.zones, "--output", "-"])
        let piped = try shell("mkfifo '\(fifo)'; cat '\(fifo)' > '\(received)' & reader=$!; "
                              + "\"$Z\" overlaps '\(Self.zones)' --output '\(fifo)' --quiet; status=$?; wait $reader; exit $status")
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(try String(contentsOfFile: received, encoding: .utf8) == direct.stdout)
        var status = stat()
        #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)

        let target = folder.appendingPathComponent("target.csv").path, link = folder.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(try CLI.run(["diff", Self.zones, Self.zones, "--format", "csv", "--output", link]).status == 0)
        #expect(lstat(link, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK)
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("layer,id,name,change"))
    }
}
