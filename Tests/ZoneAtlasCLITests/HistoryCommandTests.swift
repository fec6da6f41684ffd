import Foundation
import Testing

/// `zoneatlas log`, `show/list/export --at` and `revert`, run as a planner would: GeoData imported,
/// then adjusted with a decision (one zone renamed and its declared area changed in a copy of the
/// file). The expected values come from GeoData's file and from the edit the test makes.
struct HistoryCommandTests {
    /// A registry with GeoData as revision 1 and the adjusted zones as revision 2.
    func adjustedRegistry() throws -> (registry: String, directory: URL) {
        let directory = URL(fileURLWithPath: try CLI.temporaryFile("", name: "x")).deletingLastPathComponent()
        let registry = directory.appendingPathComponent("registry.gpkg").path
        let first = try CLI.run(["import", "GeoData", "--registry", registry, "--author", "an", "--message", "GeoData as drawn"])
        #expect(first.status == 0, "\(first.stderr)")
        var zones = try String(contentsOfFile: "\(CLI.repository)/GeoData/zones.geojson", encoding: .utf8)
        zones = zones.replacingOccurrences(of: "\"Khu kinh tế chuyên biệt Hải Phòng\"", with: "\"Đặc khu kinh tế Hải Phòng\"")
        zones = zones.replacingOccurrences(of: "\"declared_area_ha\": 5300", with: "\"declared_area_ha\": 5400")
        let adjusted = directory.appendingPathComponent("zones-2026.geojson").path
        try zones.write(toFile: adjusted, atomically: true, encoding: .utf8)
        let second = try CLI.run(["import", adjusted, "--registry", registry, "--author", "binh", "--message", "adjusted",
                                  "--decision", "123/QĐ-TTg", "--decision-date", "2026-03-01"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(first.stderr.contains("as revision 1") && second.stderr.contains("as revision 2"), "\(second.stderr)")
        return (registry, directory)
    }

    func json(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test func logListsRevisionsAndAFeaturesVersions() throws {
        let (registry, _) = try adjustedRegistry()
        let log = try CLI.run(["log", "--format", "json", "--registry", registry])
        #expect(log.status == 0, "\(log.stderr)")
        let revisions = try json(log.stdout)
        #expect(revisions.map { $0["revision"] as? Int } == [2, 1])
        #expect(revisions[0]["author"] as? String == "binh" && revisions[0]["decision"] as? String == "123/QĐ-TTg")
        #expect(revisions[0]["decision_date"] as? String == "2026-03-01" && revisions[0]["changed"] as? Int == 1)
        #expect(revisions[1]["added"] as? Int == 25 && revisions[1]["message"] as? String == "GeoData as drawn")
        let sources = try #require(revisions[0]["sources"] as? [String])
        let digest = try sha256(sources[0])
        #expect(sources.count == 1 && sources[0].hasSuffix(".geojson sha256:" + digest))

        let versions = try json(try CLI.run(["log", "sez-hai-phong", "--format", "json", "--registry", registry]).stdout)
        #expect(versions.map { $0["change"] as? String } == ["added", "changed"])
        let fields = try #require(versions[1]["fields"] as? [String])
        // The source properties of the same names changed with them and are not said twice.
        #expect(fields == ["name: Khu kinh tế chuyên biệt Hải Phòng → Đặc khu kinh tế Hải Phòng", "declared_area_ha: 5300 → 5400"])
        #expect(versions[1]["decision"] as? String == "123/QĐ-TTg")
        #expect(try CLI.run(["log", "no-such-zone", "--registry", registry]).status == 2)
    }

    /// The digest `sha256sum` gives for the file named at the start of a `sources` entry.
    func sha256(_ source: String) throws -> Substring {
        let marker = try #require(source.range(of: " sha256:"))
        let path = String(source[..<marker.lowerBound])
        return try CLI.run(external: "/usr/bin/sha256sum", [path]).stdout.split(separator: " ")[0]
    }

    @Test func showListAndExportReadThePast() throws {
        let (registry, directory) = try adjustedRegistry()
        let then = try CLI.run(["show", "sez-hai-phong", "--at", "1", "--format", "json", "--registry", registry])
        #expect(then.status == 0, "\(then.stderr)")
        let old = try #require(try JSONSerialization.jsonObject(with: Data(then.stdout.utf8)) as? [String: Any])
        #expect(old["name"] as? String == "Khu kinh tế chuyên biệt Hải Phòng" && old["declared_ha"] as? Double == 5300)
        let now = try CLI.run(["show", "sez-hai-phong", "--format", "json", "--registry", registry])
        #expect(now.stdout.contains("Đặc khu kinh tế Hải Phòng"))
        // A day: today (UTC) is revision 2, the last of the day.
        let today = ISO8601DateFormatter().string(from: Date()).prefix(10)
        #expect(try CLI.run(["show", "sez-hai-phong", "--at", String(today), "--registry", registry]).stdout.contains("Đặc khu kinh tế Hải Phòng"))

        let list = try json(try CLI.run(["list", "--layer", "zones", "--at", "1", "--format", "json", "--registry", registry]).stdout)
        #expect(list.count == 8 && list.contains { $0["name"] as? String == "Khu kinh tế chuyên biệt Hải Phòng" })
        let exported = directory.appendingPathComponent("zones-r1.geojson").path
        #expect(try CLI.run(["export", "--layer", "zones", "--at", "1", "--output", exported, "--registry", registry]).status == 0)
        let info = try CLI.run(external: "/usr/bin/ogrinfo", ["-al", "-q", exported, "-where", "declared_ha = 5300"])
        #expect(info.stdout.contains("Khu kinh tế chuyên biệt Hải Phòng"), "\(info.stdout)")
    }

    @Test func anUnknownRevisionOrAnEarlyDayIsExitTwo() throws {
        let (registry, _) = try adjustedRegistry()
        for at in ["3", "2000-01-01", "yesterday", "2026-02-30"] {
            let run = try CLI.run(["show", "sez-hai-phong", "--at", at, "--registry", registry])
            #expect(run.status == 2, "\(at): \(run.stderr)")
            #expect(run.stderr.contains(at), "\(at): \(run.stderr)")
        }
        #expect(try CLI.run(["show", "sez-hai-phong", "--at", "3", "--registry", registry]).stderr.contains("revisions 1 to 2"))
        #expect(try CLI.run(["list", "--at", "0", "--registry", registry]).status == 2)
        #expect(try CLI.run(["revert", "7", "--registry", registry]).status == 2)
        #expect(try CLI.run(["import", "GeoData", "--decision-date", "2026-02-30", "--decision", "x", "--registry", registry]).status == 2)
    }

    @Test func revertIsANewRevision() throws {
        let (registry, _) = try adjustedRegistry()
        let revert = try CLI.run(["revert", "1", "--registry", registry, "--message", "back to the drawing"])
        #expect(revert.status == 0, "\(revert.stderr)")
        #expect(revert.stderr.contains("as revision 3") && revert.stderr.contains("1 changed"))
        #expect(try CLI.run(["show", "sez-hai-phong", "--registry", registry]).stdout.contains("Khu kinh tế chuyên biệt Hải Phòng"))
        let revisions = try json(try CLI.run(["log", "--format", "json", "--registry", registry]).stdout)
        #expect(revisions.first?["command"] as? String == "revert 1" && revisions.first?["message"] as? String == "back to the drawing")
        // Reverting the revert gives the adjustment back.
        #expect(try CLI.run(["revert", "2", "--registry", registry]).status == 0)
        #expect(try CLI.run(["show", "sez-hai-phong", "--registry", registry]).stdout.contains("Đặc khu kinh tế Hải Phòng"))
    }

    @Test func analysesAndTheReviewReadThePast() throws {
        let (registry, directory) = try adjustedRegistry()
        func declared(_ arguments: [String]) throws -> Double? {
            let run = try CLI.run(["areas", "--format", "json", "--registry", registry] + arguments)
            #expect(run.status == 0, "\(run.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let features = try #require(object["features"] as? [[String: Any]])
            return features.first { $0["id"] as? String == "sez-hai-phong" }?["declared_area_ha"] as? Double
        }
        #expect(try declared(["--at", "1"]) == 5300)
        #expect(try declared([]) == 5400)
        #expect(try CLI.run(["areas", "\(CLI.repository)/GeoData/zones.geojson", "--at", "1"]).status == 2)
        #expect(try CLI.run(["areas", "--at", "9", "--registry", registry]).status == 2)

        let then = directory.appendingPathComponent("review-r1").path, now = directory.appendingPathComponent("review-now").path
        #expect(try CLI.run(["review", "--registry", registry, "--at", "1", "--out-dir", then]).status == 0)
        #expect(try CLI.run(["review", "--registry", registry, "--out-dir", now]).status == 0)
        let old = try String(contentsOfFile: then + "/review.json", encoding: .utf8)
        let new = try String(contentsOfFile: now + "/review.json", encoding: .utf8)
        #expect(old.contains("5300.00") && !old.contains("5400.00"))
        #expect(new.contains("5400.00") && !new.contains("5300.00"))
        #expect(try CLI.run(["review", "--registry", registry, "--at", "2000-01-01", "--out-dir", then]).status == 2)
    }
}
