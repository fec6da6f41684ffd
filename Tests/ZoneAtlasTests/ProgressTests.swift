import Foundation
import Testing
import ZoneGeoJSON
import ZoneGeometry

/// Progress belongs to the call that asks for it, not to the process: two pieces of work run at once
/// in one process each report to their own observer, and the threads a call starts report to its
/// observer. Oracle: the sizes the test gives (items mapped, files read, their sizes in bytes).
struct ProgressTests {
    /// What an observer was told, kept behind a lock (the reports come from worker threads).
    final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [(name: String, done: Int, total: Int)] = []

        func add(_ name: String, _ done: Int, _ total: Int) {
            lock.withLock { stored.append((name, done, total)) }
        }

        var all: [(name: String, done: Int, total: Int)] { lock.withLock { stored } }
    }

    /// Maps `count` items one at a time, each taking a little while, reporting to `reports`.
    static func map(_ count: Int, into reports: Reports) throws -> [Int] {
        try ParallelProgress.observing({ done, total in reports.add("map", done, total) }) {
            try parallelMap(count: count, chunkSize: 1) { index in
                usleep(200)
                return index
            }
        }
    }

    @Test func twoParallelMapsAtOnceReportEachToItsOwnObserver() throws {
        let first = Reports(), second = Reports()
        let (a, b) = try concurrently({ try Self.map(300, into: first) }, { try Self.map(700, into: second) })
        #expect(a.count == 300 && b.count == 700)
        #expect(Set(first.all.map(\.total)) == [300], "the first map's observer heard of another map")
        #expect(Set(second.all.map(\.total)) == [700], "the second map's observer heard of another map")
        #expect(first.all.map(\.done).max() == 300 && second.all.map(\.done).max() == 700)
    }

    @Test func aThreadTheCallStartsReportsToItsObserver() throws {
        let reports = Reports()
        let count = try ParallelProgress.observing({ done, total in reports.add("map", done, total) }) {
            try Background { try parallelMap(count: 50, chunkSize: 1) { $0 } }.value().count
        }
        #expect(count == 50)
        #expect(reports.all.map(\.done).max() == 50 && Set(reports.all.map(\.total)) == [50])
        // Outside the call, nothing is observed.
        #expect(ParallelProgress.current == nil && ReadProgress.current == nil)
    }

    @Test func twoReadsAtOnceReportEachToItsOwnObserver() throws {
        let files = ["\(Paths.sharedData)/hai_phong_port_channels.geojson", "\(Paths.sharedData)/hai_phong_anchorage_pilot_areas.geojson"]
        let sizes = try files.map { try #require(FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) }
        func read(_ file: String, into reports: Reports) throws -> Int {
            try ReadProgress.observing({ name, done, total in reports.add(name, done, total) }) {
                var features = 0
                _ = try GeoJSONReader().read(contentsOf: file, batchSize: 1) { batch in features += batch.features.count }
                return features
            }
        }
        let first = Reports(), second = Reports()
        let (a, b) = try concurrently({ try read(files[0], into: first) }, { try read(files[1], into: second) })
        #expect(a > 0 && b > 0)
        for (index, reports) in [first, second].enumerated() {
            #expect(!reports.all.isEmpty, "no progress reported for \(files[index])")
            #expect(reports.all.allSatisfy { $0.name == files[index] && $0.total == sizes[index] }, "\(files[index]) heard of another read")
        }
    }
}
