import Foundation
import Testing

/// Every error starts with `zoneatlas <command>:` — ArgumentParser's usage errors too — and usage
/// errors exit 2.
struct ErrorPrefixTests {
    /// Each command with the arguments it needs, so that the unknown option is the only fault.
    static let commands = [["validate", "GeoData/zones.geojson"], ["import", "GeoData/zones.geojson"], ["list"], ["show", "kcn-1"],
                           ["export", "--layer", "zones"], ["areas"], ["apportion"], ["overlaps"], ["coverage"], ["adjacency"],
                           ["review", "GeoData"], ["log"], ["diff", "GeoData/zones.geojson", "GeoData/zones.geojson"], ["revert", "1"]]

    @Test(arguments: commands)
    func anUnknownOptionNamesTheCommand(arguments: [String]) throws {
        let command = arguments[0]
        let run = try CLI.run(arguments + ["--no-such-option"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("zoneatlas \(command): unknown option '--no-such-option'"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func everyKindOfErrorNamesTheCommand() throws {
        let cases: [([String], Int32, String)] = [
            (["validate"], 2, "zoneatlas validate: missing expected argument"),
            (["areas", "--format", "xml", "GeoData/zones.geojson"], 2, "zoneatlas areas: the value 'xml' is invalid for '--format"),
            (["adjacency", "--distance=-1", "--zones", "GeoData/zones.geojson"], 2, "zoneatlas adjacency: --distance must be 0 or more"),
            (["areas", "GeoData/no-such.geojson"], 2, "zoneatlas areas: "),
            (["list", "--registry", "/nonexistent/r.gpkg"], 2, "zoneatlas list: no registry at /nonexistent/r.gpkg"),
            (["export", "--layer", "zones", "--registry", "/nonexistent/r.gpkg"], 2, "zoneatlas export: no registry"),
            (["apportion", "--zones", "GeoData/zones.geojson", "--communes", "GeoData/communes.geojson", "--map", "nonsense"], 2, "zoneatlas apportion: "),
        ]
        for (arguments, status, prefix) in cases {
            let run = try CLI.run(arguments)
            #expect(run.status == status, "\(arguments): \(run.stderr)")
            #expect(run.stderr.hasPrefix(prefix), "\(arguments): \(run.stderr)")
        }
    }

    /// Input with errors (exit 1) also ends on a line naming the command and what failed, after the report.
    @Test func inputWithErrorsEndsOnALineNamingTheCommand() throws {
        // A bow-tie: its edges cross at (0.5, 0.5), which GEOS reports as a self-intersection.
        let file = try CLI.temporaryFile(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"z1","kind":"industrial_park"},"#
            + #""geometry":{"type":"Polygon","coordinates":[[[106,20],[106.01,20.01],[106.01,20],[106,20.01],[106,20]]]}}]}"#)
        let validate = try CLI.run(["validate", file])
        #expect(validate.status == 1)
        #expect(validate.stderr.hasSuffix("zoneatlas validate: 1 of 1 file has errors\n"), "\(validate.stderr)")
        let output = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("review").path
        let review = try CLI.run(["review", file, "--out-dir", output, "--fail-on", "errors", "--quiet"])
        #expect(review.status == 1)
        #expect(review.stderr == "zoneatlas review: 1 error in the input files (--fail-on errors)\n", "\(review.stderr)")
    }
}
