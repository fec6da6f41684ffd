import Foundation
import Testing

/// The programs in `Examples/` (built with the suite, beside the test bundle, as `zoneatlas` is)
/// run, and their printed figures checked against the oracles of the other tests; and every code
/// block of the README's library section checked to be in one of them, so the README shows code
/// that compiles and runs.
struct ExamplesTests {
    static func example(_ name: String) -> String {
        URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().appendingPathComponent(name).path
    }

    @Test func geodesicAreaOfOneZone() throws {
        let run = try CLI.run(external: Self.example("geodesic-area"), [])
        #expect(run.status == 0, "\(run.stderr)")
        // "115.26 ha, 4296.4 m, planar 1152633 m²". Geodesic: pyproj 3.7.2's
        // geometry_area_perimeter, 1,152,591.547943592 m² and 4,296.38682566262 m (GeodesicTests).
        // Planar: the corners taken to EPSG:9210 by PROJ's cs2cs (proj-bin 9.1.1), as in
        // TransformerTests — `cs2cs -f %.6f EPSG:4326 EPSG:9210` on 20.8 106.7, 20.8 106.71,
        // 20.81 106.71, 20.81 106.7 — and the shoelace formula over them by hand: 1,152,632.969 m².
        let corners = [(598700.264866, 2301103.947953), (599741.348052, 2301110.110958),
                       (599734.758131, 2302217.257679), (598693.743616, 2302211.092249)]
        let shoelace = corners.indices.reduce(0.0) { sum, i in
            let (x1, y1) = corners[i], (x2, y2) = corners[(i + 1) % corners.count]
            return sum + (x1 * y2 - x2 * y1) / 2
        }
        let expected = String(format: "%.2f ha, %.1f m, planar %.0f m²\n", 1152591.547943592 / 10_000, 4296.38682566262, shoelace)
        #expect(run.stdout == expected)
    }

    /// registry-history imports GeoData (revision 1), then the SEZ adjusted (revision 2): by
    /// construction one feature changed and it has two versions; its hectares are those that
    /// `zoneatlas diff 1 2` gives for the same registry (the README's library block is this program).
    @Test func registryHistory() throws {
        let registry = URL(fileURLWithPath: try CLI.temporaryFile("")).deletingLastPathComponent().appendingPathComponent("hp.gpkg").path
        let run = try CLI.run(external: Self.example("registry-history"), [registry])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.last == "revision 2; sez-hai-phong has 2 versions", "\(run.stdout)")
        let items = lines.dropLast().map { $0.split(separator: "\t").map(String.init) }
        #expect(items.count == 1 && items.first?.prefix(2) == ["sez-hai-phong", "changed"], "\(run.stdout)")
        let diff = try CLI.run(["diff", "1", "2", "--registry", registry, "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [String: Any]
        let changes = try #require(json?["changes"] as? [[String: Any]], "\(diff.stdout)")
        let gained = try #require(changes.first?["gained_ha"] as? Double), lost = try #require(changes.first?["lost_ha"] as? Double)
        #expect(items.first.map { Array($0.suffix(2)) } == [String(format: "+%.2f ha", gained), String(format: "-%.2f ha", lost)])
        // By hand: the SEZ (5,300.02 ha, pyproj — AnalysisTests) scaled by 1.03 about its centre gains
        // about 5,300.02 × (1.03² − 1) = 322.77 ha (lon/lat scaling is not exactly areal scaling: 1 %).
        #expect(abs(gained - 322.77) / 322.77 < 0.01, "\(gained) ha")
    }

    @Test func geodesicAreaOfAFile() throws {
        let run = try CLI.run(external: Self.example("geodesic-area"), ["GeoData/zones.geojson", "EPSG:9214"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        // EPSG:9214 is VN-2000 / TM-3 107-00 (projinfo, as CRSTests records).
        #expect(rows.first?.last == "planar ha (VN-2000 / TM-3 107-00)")
        // The SEZ: pyproj gives 53,000,176.07 m² geodesic and 52,998,679.65 m² in EPSG:9214
        // (AnalysisCommandTests.areas).
        let sez = try #require(rows.first { $0.first == "Khu kinh tế chuyên biệt Hải Phòng" }, "\(run.stdout)")
        #expect(sez.count == 5 && sez[1] == "53000176.1" && sez[2] == "5300.02" && sez[4] == "5299.87", "\(sez)")
        // One row per polygon of the file (8 features: ValidateCommandTests), then the total.
        #expect(rows.count == 1 + 8 + 1 && rows.last?.first == "total")
    }

    @Test func planningReview() throws {
        let directory = URL(fileURLWithPath: try CLI.temporaryFile("", name: "x")).deletingLastPathComponent()
            .appendingPathComponent("review").path
        let run = try CLI.run(external: Self.example("planning-review"), ["GeoData", directory])
        #expect(run.status == 0, "\(run.stderr)")
        // GeoData: 8 zones (ReviewTests), no conflict (the five parks lie inside their economic
        // zones: shapely, AnalysisTests), no input error (ValidateCommandTests).
        #expect(run.stdout == "8 zones, 0 conflicts, 0 input errors\nreport: \(directory)/index.html\n")
        #expect(FileManager.default.fileExists(atPath: "\(directory)/index.html"))
    }

    @Test func reviewWithDeadline() throws {
        let directory = URL(fileURLWithPath: try CLI.temporaryFile("", name: "x")).deletingLastPathComponent()
            .appendingPathComponent("review").path
        let run = try CLI.run(external: Self.example("review-with-deadline"), ["GeoData", directory, "120"])
        #expect(run.status == 0, "\(run.stderr)")
        // The figures of planningReview(), and each phase of the review as it began (GeoData has
        // communes and corridors, so every phase but the comparison with an earlier state runs).
        #expect(run.stdout == "8 zones, 0 conflicts, 0 input errors\n")
        #expect(run.stderr == ["reading the input", "measuring areas", "finding overlaps", "dividing zones among communes",
                               "checking the communes' coverage", "finding zones on corridors"].map { $0 + "\n" }.joined())
        #expect(FileManager.default.fileExists(atPath: "\(directory)/index.html"))
        // No time at all: the review is cancelled, and writes nothing.
        let late = URL(fileURLWithPath: directory).deletingLastPathComponent().appendingPathComponent("late").path
        let cancelled = try CLI.run(external: Self.example("review-with-deadline"), ["GeoData", late, "0"])
        #expect(cancelled.status == 2 && cancelled.stdout == "no review: it took more than 0.0 s, and nothing was written\n")
        #expect(!FileManager.default.fileExists(atPath: late))
    }

    /// Each ```swift block of the README's "## Library" section, cut at blank lines into
    /// paragraphs: every paragraph must appear, in order and line for line (leading spaces aside,
    /// so a block may sit inside a `do`), in one program of `Examples/`.
    @Test func readmeLibraryBlocksAreInTheExamples() throws {
        let readme = try String(contentsOfFile: "\(CLI.repository)/README.md", encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "\n## Library\n").dropFirst().first)
            .components(separatedBy: "\n## ").first ?? ""
        let blocks = section.components(separatedBy: "```swift\n").dropFirst().map { $0.components(separatedBy: "\n```").first ?? "" }
        #expect(blocks.count == 4)
        let examples = try FileManager.default.subpathsOfDirectory(atPath: "\(CLI.repository)/Examples")
            .filter { $0.hasSuffix(".swift") }
            .map { try String(contentsOfFile: "\(CLI.repository)/Examples/\($0)", encoding: .utf8) }
        #expect(examples.count == 4)
        for block in blocks {
            let paragraphs = block.components(separatedBy: "\n\n").map(Self.lines)
            #expect(examples.contains { Self.contains(Self.lines($0), inOrder: paragraphs) }, "not in Examples/:\n\(block)")
        }
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.drop { $0 == " " }) }
    }

    /// Whether each of `paragraphs` is a run of consecutive lines of `file`, each after the last.
    static func contains(_ file: [String], inOrder paragraphs: [[String]]) -> Bool {
        var start = 0
        for paragraph in paragraphs {
            guard let found = (start..<max(start, file.count - paragraph.count + 1)).first(where: {
                Array(file[$0..<$0 + paragraph.count]) == paragraph
            }) else { return false }
            start = found + paragraph.count
        }
        return true
    }
}
