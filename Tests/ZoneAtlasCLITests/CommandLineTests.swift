import Foundation
import Testing

/// `--version` names the libraries in use; a mistyped command gets the one meant.
struct CommandLineTests {
    /// Runs a tool (pkg-config, ogrinfo) and returns its stdout.
    func tool(_ name: String, _ arguments: [String]) throws -> String {
        let run = try CLI.run(external: "/usr/bin/env", [name] + arguments)
        #expect(run.status == 0, "\(name): \(run.stderr)")
        return run.stdout
    }

    @Test func versionNamesTheLibrariesInUse() throws {
        let run = try CLI.run(["--version"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "zoneatlas 0.1.0")
        // Oracles: pkg-config for the installed libraries, and GDAL's SQLite driver reading proj.db's metadata.
        let versions = try tool("pkg-config", ["--modversion", "geos", "proj", "sqlite3"]).split(separator: "\n").map(String.init)
        try #require(versions.count == 3)
        #expect(lines.contains { $0.hasPrefix("GEOS \(versions[0])-CAPI-") }, "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("PROJ \(versions[1]), database ") }, "\(run.stdout)")
        #expect(lines.contains("SQLite \(versions[2])"), "\(run.stdout)")
        let database = try #require(lines.first { $0.hasPrefix("PROJ ") }?.components(separatedBy: "database ").last?.components(separatedBy: " with EPSG ").first)
        let metadata = try tool("ogrinfo", ["-q", database, "-sql", "SELECT value FROM metadata WHERE key = 'EPSG.VERSION'"])
        let epsg = try #require(metadata.components(separatedBy: "value (String) = ").last?.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(epsg.hasPrefix("v") && lines.contains { $0.hasSuffix("with EPSG \(epsg)") }, "\(run.stdout)")
    }

    @Test(arguments: [("reviw", "review"), ("exprot", "export"), ("lst", "list"), ("adj", "adjacency"), ("valdate", "validate"),
                      ("--verison", "--version"), ("--hlep", "--help")])
    func aMistypedCommandGetsTheOneMeant(typed: String, meant: String) throws {
        let run = try CLI.run([typed, "GeoData"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("did you mean '\(meant)'?"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func anUnknownCommandListsThem() throws {
        let run = try CLI.run(["frobnicate"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("zoneatlas: 'frobnicate' is not a zoneatlas command; the commands are validate, import"), "\(run.stderr)")
        // Real commands and help still work.
        #expect(try CLI.run(["help", "areas"]).status == 0)
        #expect(try CLI.run(["list", "--help"]).status == 0)
    }
}
