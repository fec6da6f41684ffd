import Foundation
import Synchronization
import TestSupport
import Testing
import ZoneAtlas
import ZoneGeoJSON
import ZoneGeometry

/// The awaitable review and import, cancelled as a server would cancel them (its client gone): a
/// review of 100,000 zones cancelled after 0.5 s throws `CancellationError` within 1 s, leaves no
/// thread of its own running, reports nothing more and writes nothing; an import cancelled half-way
/// leaves the registry as it was, on every store. Oracles: the clock, the kernel's list of this
/// process's threads (`/proc/self/task/*/comm`), the file system, and the stores' own SQL clients.
@Suite(.serialized)
struct CancellationTests {
    /// 100,000 zones, as `gen_zones.py --zones 100000` makes them in kind and number. Written once per test run.
    static let manyZones = Result { try zones(100_000) }

    /// A file of `count` zones: 12-gons on a grid 0.002° apart around Hai Phong, every 50th grown
    /// into its neighbours (so that there are overlaps to find).
    static func zones(_ count: Int) throws -> String {
        let path = try Paths.temporaryDirectory().appendingPathComponent("zones-\(count).geojson").path
        var text = "{\"type\":\"FeatureCollection\",\"features\":[\n"
        text.reserveCapacity(40_000_000)
        /// A positive coordinate with 7 decimals (1 cm), written without Foundation's formatting.
        func degrees(_ value: Double) -> String {
            let scaled = Int((value * 1e7).rounded()), fraction = String(scaled % 10_000_000)
            return "\(scaled / 10_000_000)." + String(repeating: "0", count: 7 - fraction.count) + fraction
        }
        for n in 0..<count {
            let x = 106.2 + Double(n % 400) * 0.002, y = 20.6 + Double(n / 400) * 0.002
            let radius = n % 50 == 0 ? 0.0015 : 0.0008
            let ring = (0...12).map { k in
                let angle = Double(k % 12) * Double.pi / 6
                return "[\(degrees(x + radius * cos(angle))),\(degrees(y + radius * sin(angle)))]"
            }
            text += (n == 0 ? "" : ",\n") + "{\"type\":\"Feature\",\"id\":\"Z\(n)\",\"properties\":{\"id\":\"Z\(n)\",\"name\":\"Zone \(n)\","
                + "\"kind\":\"industrial_park\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[\(ring.joined(separator: ","))]]}}"
        }
        text += "\n]}\n"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// The time a cancelled call may take to stop: 1 s, as a server needs it; 5 s in a build
    /// under a sanitizer (found by its runtime's symbol), which slows the work 5–15 times.
    static let returnTime: Duration = {
        let loaded = dlopen(nil, RTLD_NOW)
        defer { if let loaded { dlclose(loaded) } }
        return dlsym(loaded, "__tsan_init") != nil || dlsym(loaded, "__asan_init") != nil ? .seconds(5) : .seconds(1)
    }()

    /// Waits up to `seconds` for `condition`; whether it came true.
    static func eventually(within seconds: Double, _ condition: () -> Bool) async throws -> Bool {
        let end = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while !condition() {
            guard ContinuousClock.now < end else { return false }
            try await Task.sleep(for: .milliseconds(2))
        }
        return true
    }

    /// What a review reported, from its threads.
    final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var phases: [ReviewPhase] = []
        private var reported = 0
        private var reporters: Set<String> = []

        /// A phase begun; `thread`, the thread that says so.
        func add(_ phase: ReviewPhase, thread: String = "") { lock.withLock { phases.append(phase); reporters.insert(thread) } }
        /// A report of progress; `thread`, the thread that makes it.
        func count(thread: String = "") { lock.withLock { reported += 1; reporters.insert(thread) } }

        var all: (phases: [ReviewPhase], reports: Int) { lock.withLock { (phases, reported) } }
        /// The threads that said a phase began or reported a read (the review's and its reader's own).
        var threads: Set<String> { lock.withLock { reporters.subtracting([""]) } }
    }

    @Test func aReviewOf100kZonesCancelledAfterHalfASecondStopsWithinOneSecond() async throws {
        let file = try Self.manyZones.get()
        let out = try Paths.temporaryDirectory().appendingPathComponent("review").path
        let reports = Reports()
        let review = Task {
            try await ParallelProgress.observing({ _, _ in reports.count() }) {
                try await ReadProgress.observing({ _, _, _ in reports.count(thread: KernelThreads.current()) }) {
                    let review = try await PlanningReview.make(paths: [file], progress: { reports.add($0, thread: KernelThreads.current()) })
                    try await review.write(to: out, progress: { reports.add($0) })
                }
            }
        }
        try await Task.sleep(for: .milliseconds(500))
        // The review's own thread says when a phase begins, its reader's reports how far it has read
        // (by 0.5 s, but under a sanitizer, whose slowdown may delay the first batch: then wait for it).
        _ = try await Self.eventually(within: 60) { reports.threads.count == 2 }
        let threads = reports.threads
        #expect(Set(threads.map(KernelThreads.name)) == ["zoneatlas-work", "zoneatlas-parse"], "the review runs on threads of its own")
        let cancelled = ContinuousClock.now
        review.cancel()
        // The review's threads end within a second (the call returns just before they do), and no
        // worker is left running: nothing reports any more.
        let ended = await KernelThreads.ended(threads, within: 60)
        #expect(ended.map { $0 - cancelled < Self.returnTime } == true,
                "the review ran on for \(ended.map { String(describing: $0 - cancelled) } ?? "a minute")")
        await #expect(throws: CancellationError.self) { try await review.value }
        let seen = reports.all
        try await Task.sleep(for: .milliseconds(300))
        #expect(reports.all == seen, "the review went on after it returned")
        #expect(seen.reports > 0 && seen.phases.first == .reading && !seen.phases.contains(.page))
        // Nothing written.
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aReviewCancelledInAPhaseBeginsNoOther() async throws {
        let file = try Self.zones(20_000)
        let reports = Reports()
        // The review's own task, cancelled from its progress callback as the overlaps phase begins
        // (on the review's thread: the test's task may wait long for a turn on a busy pool).
        let handle = Mutex<Task<PlanningReview, any Error>?>(nil)
        let review = Task {
            try await PlanningReview.make(paths: [file]) { phase in
                reports.add(phase)
                guard phase == .overlaps else { return }
                while handle.withLock({ $0 }) == nil { usleep(1000) }
                handle.withLock { $0?.cancel() }
            }
        }
        handle.withLock { $0 = review }
        await #expect(throws: CancellationError.self) { try await review.value }
        #expect(reports.all.phases == [.reading, .areas, .overlaps])
    }

    @Test(arguments: StoreKind.underTest)
    func anImportCancelledHalfWayLeavesTheRegistryAsItWas(_ kind: StoreKind) async throws {
        // (At 0.5 s, as the review above, it would stop as soon, but perhaps before its first write.)
        let file = try Self.manyZones.get()
        let under = try StoreUnderTest.geoData(kind)
        let query = "SELECT count(*), max(fid) FROM zones; SELECT count(*) FROM zoneatlas_revisions"
        let before = try under.sql(query)
        let store = under.store, batches = Atomic<Int>(0), importer = Mutex<String?>(nil)
        let importing = Task {
            try await ReadProgress.observing({ _, _, _ in batches.add(1, ordering: .relaxed) }) {
                try await RegistryImporter().importFiles([file], into: store, started: { importer.withLock { $0 = KernelThreads.current() } })
            }
        }
        // Once the parser has passed 6 batches (of 4,096 features), at least 2 were written: the
        // importer holds at most 2 waiting, and the reader 2 more.
        while batches.load(ordering: .relaxed) < 6 { try await Task.sleep(for: .milliseconds(2)) }
        let thread = try #require(importer.withLock { $0 })
        let cancelled = ContinuousClock.now
        importing.cancel()
        // The import's thread (the last of its threads to end) ends within a second, and the call throws.
        let ended = await KernelThreads.ended([thread], within: 60)
        #expect(ended.map { $0 - cancelled < Self.returnTime } == true,
                "the import ran on for \(ended.map { String(describing: $0 - cancelled) } ?? "a minute")")
        await #expect(throws: CancellationError.self) { try await importing.value }
        #expect(try under.sql(query) == before)
        #expect(try under.store.entries().count == (try RegistryImporter().read([Paths.geoData]).entries.count))
    }

    @Test func twoReviewsAtOnceReportEachToItsOwnObserver() async throws {
        // Files of more than one batch (1,024 features), so that their reads report progress.
        let files = [try Self.zones(3_000), try Self.zones(5_000)]
        let sizes = try files.map { try #require(FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) }
        final class Heard: @unchecked Sendable {
            private let lock = NSLock()
            private var reads: [(file: String, total: Int)] = []
            func add(_ file: String, _ total: Int) { lock.withLock { reads.append((file, total)) } }
            var all: [(file: String, total: Int)] { lock.withLock { reads } }
        }
        func review(_ file: String, _ heard: Heard) async throws -> Int {
            try await ReadProgress.observing({ name, _, total in heard.add(name, total) }) {
                try await PlanningReview.make(paths: [file]).areas.rows.count
            }
        }
        let first = Heard(), second = Heard()
        async let a = review(files[0], first)
        async let b = review(files[1], second)
        let counts = try await [a, b]
        for (index, heard) in [first, second].enumerated() {
            #expect(counts[index] == [3_000, 5_000][index])
            #expect(!heard.all.isEmpty, "no progress reported for \(files[index])")
            #expect(heard.all.allSatisfy { $0.file == files[index] && $0.total == sizes[index] }, "\(files[index]) heard of another review")
        }
    }
}
