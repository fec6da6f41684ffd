import Foundation
import Testing

/// `zoneatlas review`, the main job, as the README runs it and as a planning workflow gates on it.
struct ReviewCommandTests {
    func out() throws -> String {
        URL(fileURLWithPath: try CLI.temporaryFile("", name: "x")).deletingLastPathComponent().appendingPathComponent("review").path
    }

    @Test func reviewOfGeoData() throws {
        let directory = try out()
        let run = try CLI.run(["review", "GeoData/", "--out-dir", directory])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("8 zones, 10 communes, 7 corridors"))
        #expect(run.stdout.hasSuffix("report: \(directory)/index.html\n"))
        for name in ["index.html", "map.svg", "review.json", "overlaps.geojson", "gaps.geojson"] {
            #expect(FileManager.default.fileExists(atPath: "\(directory)/\(name)"), "\(name)")
        }
    }

    @Test func realCommunesShowSliversAndGaps() throws {
        let directory = try out()
        let run = try CLI.run(["review", "\(CLI.sharedData)/hai_phong_communes_2025.geojson", "--out-dir", directory, "--sliver-width", "0"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("114 communes"))
        // shapely + pyproj: 249 overlapping pairs and 840 gaps (AnalysisTests records the oracle).
        let line = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("communes: ") })
        let counts = line.split(whereSeparator: { !$0.isNumber }).compactMap { Double($0) }
        #expect(counts.count == 2 && abs(counts[0] - 249) <= 2.5 && abs(counts[1] - 840) <= 8.4, "\(line)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(directory)/review.json"))) as? [String: Any])
        let coverage = try #require(json["coverage"] as? [String: Any])
        #expect(abs(Double((coverage["gaps"] as? [Any])?.count ?? 0) - 840) <= 8.4)
        let svg = try String(contentsOfFile: "\(directory)/map.svg", encoding: .utf8)
        #expect(svg.components(separatedBy: "class=\"commune\"").count - 1 == 114)
        #expect(svg.contains("class=\"overlap\"") && svg.contains("class=\"gap\""))
    }

    @Test func sliversAreCountedNotListed() throws {
        let directory = try out()
        let run = try CLI.run(["review", "\(CLI.sharedData)/hai_phong_communes_2025.geojson", "--out-dir", directory, "--min-area", "5000"])
        #expect(run.status == 0, "\(run.stderr)")
        // Each phase is named on stderr as it begins.
        for phase in ["measuring areas", "checking the communes' coverage", "drawing map.svg", "writing the page"] {
            #expect(run.stderr.contains(phase), "\(phase)")
        }
        let line = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("communes: ") })
        let counts = line.split(whereSeparator: { !$0.isNumber && $0 != "." }).compactMap { Double($0) }
        // listed overlaps, listed gaps, sliver overlaps, sliver gaps: each pair adds up to shapely's 249 and 840.
        #expect(counts.count >= 4 && abs(counts[0] + counts[2] - 249) <= 2.5 && abs(counts[1] + counts[3] - 840) <= 8.4, "\(line)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(directory)/review.json"))) as? [String: Any])
        let gaps = try #require((json["coverage"] as? [String: Any])?["gaps"] as? [[String: Any]])
        // Below 5,000 m² by area or 20 m by width: none listed is below the area.
        #expect(gaps.allSatisfy { ($0["area_m2"] as? Double ?? 0) >= 5000 })
        #expect(try CLI.run(["review", "GeoData/", "--out-dir", directory, "--sliver-width", "-1"]).status == 2)
    }

    @Test func failOnConflictsGatesAWorkflow() throws {
        let file = try CLI.temporaryFile(#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","properties":{"kind":"industrial_park"},"geometry":{"type":"Polygon","coordinates":[[[106.70,20.80],[106.72,20.80],[106.72,20.82],[106.70,20.82],[106.70,20.80]]]}},{"type":"Feature","id":"b","properties":{"kind":"urban_area"},"geometry":{"type":"Polygon","coordinates":[[[106.71,20.80],[106.73,20.80],[106.73,20.82],[106.71,20.82],[106.71,20.80]]]}}]}"#)
        #expect(try CLI.run(["review", file, "--out-dir", try out(), "--fail-on", "conflicts"]).status == 1)
        #expect(try CLI.run(["review", file, "--out-dir", try out(), "--fail-on", "errors"]).status == 0)
        #expect(try CLI.run(["review", file, "--out-dir", try out(), "--fail-on", "never"]).status == 0)
        #expect(try CLI.run(["review", "GeoData", "--out-dir", try out(), "--fail-on", "conflicts"]).status == 0)
        #expect(try CLI.run(["review"]).status == 2)
        #expect(try CLI.run(["review", "/nonexistent"]).status == 2)
    }
}
