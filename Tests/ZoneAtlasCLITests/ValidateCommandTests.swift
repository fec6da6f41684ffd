import Foundation
import Testing

/// `zoneatlas validate` as a Unix tool: exit status, stdout for data, stderr for messages.
struct ValidateCommandTests {
    let bowTie = #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"x","properties":{"name":"Nơ"},"geometry":{"type":"Polygon","coordinates":[[[106.70,20.80],[106.72,20.82],[106.72,20.80],[106.70,20.82],[106.70,20.80]]]}}]}"#

    @Test func cleanFilesExitZero() throws {
        let run = try CLI.run(["validate", "GeoData/zones.geojson", "GeoData/communes.geojson", "GeoData/corridors.geojson"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("GeoData/zones.geojson: 8 features, no errors"))
        #expect(run.stderr.isEmpty)
    }

    @Test func errorsExitOneWithJSONForMachines() throws {
        let file = try CLI.temporaryFile(bowTie)
        let run = try CLI.run(["validate", file, "--format", "json"])
        #expect(run.status == 1)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let files = try #require(root["files"] as? [[String: Any]])
        #expect(files.first?["path"] as? String == file)
        #expect(files.first?["features"] as? Int == 1)
        let problem = try #require((files.first?["problems"] as? [[String: Any]])?.first)
        #expect(problem["severity"] as? String == "error")
        #expect(problem["code"] as? String == "self-intersection")
        #expect(problem["feature"] as? Int == 0)
        #expect(problem["id"] as? String == "x")
        #expect(problem["pointer"] as? String == "/features/0/geometry")
        // The edges (106.70 20.80)-(106.72 20.82) and (106.72 20.80)-(106.70 20.82) cross at (106.71, 20.81).
        let location = try #require(problem["location"] as? [Double])
        #expect(abs(location[0] - 106.71) < 1e-9 && abs(location[1] - 20.81) < 1e-9)
        #expect(problem["message"] as? String != nil)
    }

    @Test func warnPolicyPassesAndRepairWritesAValidFile() throws {
        let file = try CLI.temporaryFile(bowTie)
        #expect(try CLI.run(["validate", file, "--policy", "warn"]).status == 0)
        let output = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("repaired.geojson").path
        let repair = try CLI.run(["validate", file, "--policy", "repair", "--output", output])
        #expect(repair.status == 0, "\(repair.stdout)\(repair.stderr)")
        #expect(repair.stdout.contains("repaired"))
        let again = try CLI.run(["validate", output, "--format", "json"])
        #expect(again.status == 0, "\(again.stdout)")
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.contains("\"MultiPolygon\""))
        #expect(text.contains("\"name\": \"Nơ\""))
    }

    @Test func usageAndIOErrorsExitTwo() throws {
        let missing = try CLI.run(["validate", "/nonexistent.geojson"])
        #expect(missing.status == 2)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr.contains("no such file"))
        #expect(try CLI.run(["validate", "GeoData/zones.geojson", "--policy", "sometimes"]).status == 2)
        #expect(try CLI.run(["validate", "GeoData/zones.geojson", "--input-crs", "EPSG:99999"]).status == 2)
        #expect(try CLI.run(["validate"]).status == 2)
        #expect(try CLI.run(["no-such-command"]).status == 2)
    }

    @Test func helpOnEveryCommand() throws {
        for arguments in [["--help"], ["validate", "--help"]] {
            let run = try CLI.run(arguments)
            #expect(run.status == 0)
            #expect(run.stdout.contains("USAGE"))
        }
    }

    @Test func realDataWithPolygonizeAndCRS() throws {
        let anchorage = try CLI.run(["validate", "--polygonize", "\(CLI.sharedData)/hai_phong_anchorage_pilot_areas.geojson"])
        #expect(anchorage.status == 0, "\(anchorage.stdout)")
        // VN-2000 / TM-3 coordinates in a file without a crs member: an error that names --crs, fixed by it.
        let vn2000 = try CLI.temporaryFile(#"{"type":"Polygon","coordinates":[[[596800,2307400],[597800,2307400],[597800,2308400],[596800,2308400],[596800,2307400]]]}"#)
        let without = try CLI.run(["validate", vn2000])
        #expect(without.status == 1)
        #expect(without.stdout.contains("projected-coordinates") && without.stdout.contains("--input-crs"))
        #expect(try CLI.run(["validate", vn2000, "--input-crs", "EPSG:9210"]).status == 0)
    }
}
