// `zoneatlas-bench review FILE... [--out DIR] [--sliver-width 20] [--min-area 0]` times the
// planning review phase by phase (reading, the analyses, map.svg, the interactive map, the page)
// and prints JSON: each phase's seconds, the analyses' own time beside the whole review's, the
// sizes of index.html and map.svg, and the issue-12 targets (10k zones ≤ 3 s; 100k zones ≤ 20 s
// with index.html ≤ 10 MB).
import Foundation
import ZoneAtlas

func reviewBenchmark(_ arguments: [String]) -> Never {
    let files = arguments.prefix { !$0.hasPrefix("--") }
    guard !files.isEmpty else { fail("usage: zoneatlas-bench review FILE... [--out DIR] [--sliver-width M] [--min-area M2]") }
    let out = option("--out", in: arguments) ?? NSTemporaryDirectory() + "zoneatlas-bench-review"
    let slivers = SliverTolerance(minimumAreaSquareMetres: option("--min-area", in: arguments).flatMap(Double.init) ?? 0,
                                  widthMetres: option("--sliver-width", in: arguments).flatMap(Double.init) ?? 20)
    var phases: [(ReviewPhase, Double)] = []
    var current: (ReviewPhase, Double)?
    func mark(_ phase: ReviewPhase?) {
        let t = now()
        if let (last, start) = current { phases.append((last, t - start)) }
        current = phase.map { ($0, t) }
    }
    let start = now()
    do {
        let review = try PlanningReview.make(paths: Array(files), slivers: slivers, progress: mark)
        try review.write(to: out, progress: mark)
        mark(nil)
        let total = now() - start
        let analyses: Set<ReviewPhase> = [.areas, .overlaps, .apportionment, .coverage, .corridors]
        let analysisSeconds = phases.filter { analyses.contains($0.0) }.reduce(0) { $0 + $1.1 }
        func size(_ name: String) -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: (out as NSString).appendingPathComponent(name)))?[.size] as? Int) ?? -1
        }
        let index = size("index.html")
        var report: [String: Any] = [
            "files": Array(files), "zones": review.zones.count, "communes": review.communes.count, "corridors": review.corridors.count,
            "phases_s": Dictionary(uniqueKeysWithValues: phases.map { ($0.0.rawValue, ($0.1 * 1000).rounded() / 1000) }),
            "analyses_s": (analysisSeconds * 1000).rounded() / 1000, "review_total_s": (total * 1000).rounded() / 1000,
            "index_html_bytes": index, "map_svg_bytes": size("map.svg"), "ru_maxrss_kb": peakMemoryKB(),
        ]
        // gen_zones.py's "10k-zone file" holds 10,000 features: zones and communes.
        let features = review.zones.count + review.communes.count + review.corridors.count
        if features >= 9_000 && features <= 11_000 { report["target"] = "10k zones: review ≤ 3 s — \(total <= 3 ? "met" : "MISSED")" }
        if features >= 90_000 {
            report["target"] = "100k zones: review ≤ 20 s and index.html ≤ 10 MB — \(total <= 20 && index <= 10_000_000 ? "met" : "MISSED")"
        }
        printJSON(report)
        exit(0)
    } catch {
        fail("\(error)")
    }
}
