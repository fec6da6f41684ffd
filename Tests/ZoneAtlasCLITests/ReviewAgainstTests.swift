import Foundation
import Testing

/// `zoneatlas review --against`: the "What changed" section. GeoData, then the README's adjustment
/// (Examples/History: the specialized economic zone scaled by 1.03, declared 5,600 ha, by a made-up
/// decision); the section must agree with `zoneatlas diff` on the same registry, list the decision,
/// and put the gained ground on the map and in changes.geojson (read by GDAL).
struct ReviewAgainstTests {
    func registry() throws -> (registry: String, directory: URL) {
        let directory = URL(fileURLWithPath: try CLI.temporaryFile("", name: "x")).deletingLastPathComponent()
        let registry = directory.appendingPathComponent("hp.gpkg").path
        #expect(try CLI.run(["import", "GeoData", "--registry", registry]).status == 0)
        #expect(try CLI.run(["import", "Examples/History/sez-hai-phong-adjusted.geojson", "--registry", registry,
                             "--decision", "123/QĐ-TTg", "--decision-date", "2026-06-30", "--message", "SEZ <b>adjusted</b>"]).status == 0)
        return (registry, directory)
    }

    @Test func whatChangedAgreesWithDiff() throws {
        let (registry, directory) = try registry()
        let out = directory.appendingPathComponent("review").path
        let run = try CLI.run(["review", "--registry", registry, "--against", "1", "--out-dir", out])
        #expect(run.status == 0, "\(run.stderr)")
        let page = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(page.contains("<h2 id=\"changes\">What changed since revision 1</h2>"))
        #expect(page.contains("123/QĐ-TTg of 2026-06-30"))
        // The message is data: escaped, never markup.
        #expect(page.contains("SEZ &#60;b&#62;adjusted&#60;/b&#62;") || page.contains("SEZ &lt;b&gt;adjusted&lt;/b&gt;"), "message not escaped")
        #expect(!page.contains("SEZ <b>adjusted</b>"))

        let diff = try CLI.run(["diff", "1", "2", "--format", "json", "--registry", registry])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [String: Any])
        let change = try #require((object["changes"] as? [[String: Any]])?.first)
        let gained = try #require(change["gained_ha"] as? Double)
        #expect(page.contains("<tr id=\"change-row-sez-hai-phong\">"))
        #expect(page.contains(String(format: "<td class=\"n\">%.2f</td>", gained)), "\(gained)")

        let review = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/review.json"))) as? [String: Any])
        let changes = try #require(review["changes"] as? [String: Any])
        #expect((changes["changes"] as? [[String: Any]])?.first?["gained_ha"] as? Double == gained)
        #expect((changes["revisions"] as? [[String: Any]])?.map { $0["revision"] as? Int } == [2])
        // The gained ground is a map layer and a GeoJSON file GDAL reads.
        #expect(page.contains("\"key\":\"gained\""))
        let info = try CLI.run(external: "/usr/bin/ogrinfo", ["-so", "-al", out + "/changes.geojson"])
        #expect(info.stdout.contains("Feature Count: 1"), "\(info.stdout)")
        // A review without --against has no such section.
        let plain = directory.appendingPathComponent("plain").path
        #expect(try CLI.run(["review", "--registry", registry, "--out-dir", plain]).status == 0)
        #expect(!(try String(contentsOfFile: plain + "/index.html", encoding: .utf8)).contains("id=\"changes\""))
    }

    @Test func againstAFileOrABadRevision() throws {
        let (registry, directory) = try registry()
        let out = directory.appendingPathComponent("against-file").path
        // Against GeoData's own zones file: the registry's present differs only in the adjusted zone.
        let run = try CLI.run(["review", "--registry", registry, "--against", "GeoData/zones.geojson", "--out-dir", out])
        #expect(run.status == 0, "\(run.stderr)")
        let page = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(page.contains("What changed since GeoData/zones.geojson"))
        #expect(page.contains("<tr id=\"change-row-sez-hai-phong\">"))
        // The file holds zones only: the registry's communes and corridors are not reported as added.
        #expect(page.components(separatedBy: "<tr id=\"change-row-").count == 2)
        #expect(try CLI.run(["review", "--registry", registry, "--against", "7", "--out-dir", out]).status == 2)
        #expect(try CLI.run(["review", "GeoData", "--against", "3", "--out-dir", out]).status == 2)
    }
}
