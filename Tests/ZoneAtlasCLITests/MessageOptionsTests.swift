import Foundation
import Testing

/// `--quiet` silences everything but errors; `--verbose` says what each file held and how long each
/// phase took; every command takes both.
struct MessageOptionsTests {
    func registry() throws -> String {
        URL(fileURLWithPath: try CLI.temporaryFile("")).deletingLastPathComponent().appendingPathComponent("r.gpkg").path
    }

    @Test func quietSaysNothingButErrors() throws {
        let path = try registry()
        let quiet = try CLI.run(["import", "GeoData/zones.geojson", "--registry", path, "--quiet"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
        let normal = try CLI.run(["import", "GeoData/zones.geojson", "--registry", path])
        #expect(normal.stderr.contains("imported 8 features"))
        let failed = try CLI.run(["import", "GeoData/no-such.geojson", "--registry", path, "-q"])
        #expect(failed.status == 2 && failed.stderr.hasPrefix("zoneatlas import: "), "\(failed.stderr)")
    }

    @Test func verboseSaysWhatEachFileHeldAndHowLongPhasesTook() throws {
        let run = try CLI.run(["import", "GeoData/zones.geojson", "GeoData/communes.geojson", "--registry", try registry(), "--verbose"])
        #expect(run.status == 0)
        // Oracle: each file's feature count, read by Foundation's JSON parser.
        for file in ["zones", "communes"] {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(CLI.repository)/GeoData/\(file).geojson")))
            let count = try #require((json as? [String: Any])?["features"] as? [Any]).count
            #expect(run.stderr.contains("zoneatlas import: GeoData/\(file).geojson: \(count) features"), "\(run.stderr)")
        }
        #expect(run.stderr.contains("zoneatlas import: import took "))
        let areas = try CLI.run(["areas", "GeoData/zones.geojson", "-v"])
        #expect(areas.stderr.contains("zoneatlas areas: measuring areas took "), "\(areas.stderr)")
    }

    @Test(arguments: ["validate", "import", "list", "show", "export", "areas", "apportion", "overlaps", "coverage", "adjacency", "review"])
    func everyCommandTakesBoth(command: String) throws {
        let help = try CLI.run([command, "--help"]).stdout
        #expect(help.contains("-q, --quiet") && help.contains("-v, --verbose"), "\(help)")
    }

    @Test func quietAndVerboseExcludeEachOther() throws {
        let both = try CLI.run(["areas", "GeoData/zones.geojson", "--quiet", "--verbose"])
        #expect(both.status == 2 && both.stderr.hasPrefix("zoneatlas areas: --quiet and --verbose exclude each other"), "\(both.stderr)")
        #expect(both.stdout.isEmpty)
    }
}
