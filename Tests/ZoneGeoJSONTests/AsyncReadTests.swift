import Foundation
import Testing
import ZoneGeoJSON
import ZoneGeometry

/// The awaitable whole-file read (`read(contentsOf:) async`) against the synchronous one, its
/// oracle: the same problems and the same features on every file of the corpus and the real data,
/// and on files whose streamed batches turn out void (a break, or the CRS, after 4,096 features);
/// and a cancelled read throws `CancellationError` without waiting for the end of the file.
struct AsyncReadTests {
    let streaming = StreamingReadTests()

    func expectSame(_ awaited: ReadResult, _ whole: ReadResult, _ name: String) throws {
        #expect(awaited.problems == whole.problems, "\(name): \(CorpusTests.describe(awaited.problems))")
        #expect(awaited.omittedProblems == whole.omittedProblems && awaited.featureCount == whole.featureCount, "\(name)")
        #expect(awaited.sourceCRS == whole.sourceCRS && awaited.collection.bbox == whole.collection.bbox, "\(name)")
        #expect(awaited.collection.foreignMembers == whole.collection.foreignMembers, "\(name)")
        #expect(awaited.collection.features.count == whole.collection.features.count, "\(name)")
        for (a, b) in zip(awaited.collection.features, whole.collection.features) {
            #expect(try streaming.same(a, b), "\(name) feature \(b.index)")
        }
    }

    /// The synchronous read (what an async context would not call by that name).
    func whole(_ path: String, _ reader: GeoJSONReader = GeoJSONReader()) throws -> ReadResult {
        try reader.read(contentsOf: path)
    }

    @Test func corpusAndRealDataReadAsTheSynchronousRead() async throws {
        let files = StreamingReadTests.corpus
        #expect(files.count > 90)
        for (path, options) in files {
            let reader = GeoJSONReader(options: options)
            try expectSame(try await reader.read(contentsOf: path), try whole(path, reader), URL(fileURLWithPath: path).lastPathComponent)
        }
    }

    /// 5,000 points, so that the first 4,096 are handed out before the end is read.
    static func points(_ count: Int) -> String {
        (0..<count).map { "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(600000 + $0),2300000]}}" }
            .joined(separator: ",\n")
    }

    @Test func batchesThatTurnOutVoidAreReadAgainWhole() async throws {
        let late = try streaming.temporaryFile("{\"type\":\"FeatureCollection\",\"features\":[\(Self.points(5000))],"
            + "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::9210\"}}}")
        let broken = try streaming.temporaryFile("{\"type\":\"FeatureCollection\",\"features\":[\(Self.points(5000))")
        defer {
            try? FileManager.default.removeItem(atPath: late)
            try? FileManager.default.removeItem(atPath: broken)
        }
        for path in [late, broken] {
            try expectSame(try await GeoJSONReader().read(contentsOf: path), try whole(path), path)
        }
        // The late CRS applies to all 5,000 points, as in the synchronous read: no error.
        let awaited = try await GeoJSONReader().read(contentsOf: late)
        #expect(!awaited.hasErrors && awaited.collection.features.count == 5000 && awaited.sourceCRS.definition.contains("9210"))
        // The break is the broken file's one error, located at its end (line 5,000).
        let cut = try await GeoJSONReader().read(contentsOf: broken)
        #expect(cut.problems.map(\.code) == [.invalidJSON] && cut.problems.first?.line == 5000)
    }

    @Test func aCancelledReadStopsBetweenBatches() async throws {
        let path = try streaming.temporaryFile("{\"type\":\"FeatureCollection\",\"features\":[\(Self.points(400_000))]}")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let furthest = Furthest()
        let read = Task {
            try await ReadProgress.observing({ _, done, _ in furthest.note(done) }) {
                try await GeoJSONReader().read(contentsOf: path)
            }
        }
        // Cancelled once the parser has passed its first batches.
        while furthest.value == 0 { try await Task.sleep(for: .milliseconds(5)) }
        read.cancel()
        await #expect(throws: CancellationError.self) { try await read.value }
        #expect(furthest.value < size, "the read went to the end of the file before it stopped")
    }
}

/// The furthest offset a read reported, from its parsing thread.
final class Furthest: @unchecked Sendable {
    private let lock = NSLock()
    private var furthest = 0

    func note(_ offset: Int) { lock.withLock { furthest = max(furthest, offset) } }

    var value: Int { lock.withLock { furthest } }
}
