import Foundation
import Testing
@testable import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// The streaming read (`read(contentsOf:batchSize:_:)`) against the whole-file read: the same
/// problems and the same features on every file of the corpus and the real data, in batches of
/// every size; and what only streaming meets — a CRS or a break found after batches were handed
/// out, a consumer that stops.
struct StreamingReadTests {
    /// What a streaming read handed out, and its result.
    struct Streamed {
        var batches: [FeatureBatch] = []
        var result: ReadResult
        var features: [Feature] { batches.flatMap(\.features) }
        var problems: [Problem] { batches.flatMap(\.problems) }
    }

    func stream(_ path: String, batchSize: Int, options: ReadOptions = ReadOptions()) throws -> Streamed {
        var batches: [FeatureBatch] = []
        let result = try GeoJSONReader(options: options).read(contentsOf: path, batchSize: batchSize) { batches.append($0) }
        return Streamed(batches: batches, result: result)
    }

    func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).geojson").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func same(_ a: Feature, _ b: Feature) throws -> Bool {
        guard a.index == b.index, a.id == b.id, a.properties == b.properties, a.foreignMembers == b.foreignMembers,
              a.bbox == b.bbox, a.geometryMembers == b.geometryMembers else { return false }
        switch (a.geometry, b.geometry) {
        case (nil, nil): return true
        case let (g?, h?): return try g.equalsExactly(h) && g.wkb() == h.wkb()
        default: return false
        }
    }

    static var corpus: [(path: String, options: ReadOptions)] {
        var files: [(String, ReadOptions)] = []
        for folder in ["broken", "good"] {
            let directory = CorpusTests.fixtures.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".geojson") {
                var options = ReadOptions(polygonize: CorpusTests.manifest[name]?.options?.polygonize ?? false)
                options.crs = CorpusTests.manifest[name]?.options?.crs.flatMap { try? CRS($0) }
                files.append((directory.appendingPathComponent(name).path, options))
            }
        }
        let shared = (try? FileManager.default.contentsOfDirectory(atPath: SharedDataTests.directory.path)) ?? []
        for name in shared.sorted() where name.hasSuffix(".geojson") {
            files.append((SharedDataTests.directory.appendingPathComponent(name).path, ReadOptions()))
            files.append((SharedDataTests.directory.appendingPathComponent(name).path, ReadOptions(polygonize: true)))
        }
        return files
    }

    @Test(arguments: [1, 3, 4096])
    func corpusAndRealDataStreamAsTheyRead(batchSize: Int) throws {
        let files = Self.corpus
        #expect(files.count > 90)
        for (path, options) in files {
            let whole = try GeoJSONReader(options: options).read(contentsOf: path)
            let streamed = try stream(path, batchSize: batchSize, options: options)
            let name = URL(fileURLWithPath: path).lastPathComponent
            // The result: today's problems, in today's order, with today's limit.
            #expect(streamed.result.problems == whole.problems, "\(name): \(CorpusTests.describe(streamed.result.problems))")
            #expect(streamed.result.omittedProblems == whole.omittedProblems && streamed.result.hasErrors == whole.hasErrors, "\(name)")
            #expect(streamed.result.collection.features.isEmpty && streamed.result.collection.foreignMembers == whole.collection.foreignMembers)
            #expect(streamed.result.collection.bbox == whole.collection.bbox, "\(name)")
            for batch in streamed.batches { #expect(batch.features.count <= batchSize, "\(name)") }
            // A break in the JSON, or a document that turns out not to be a FeatureCollection, voids
            // the batches already handed out: the result says so with an error.
            let void: Set<ProblemCode> = [.invalidJSON, .invalidUTF8, .tooDeep, .notGeoJSON]
            if whole.problems.contains(where: { void.contains($0.code) }) {
                #expect(streamed.result.hasErrors, "\(name)")
                continue
            }
            // The batches: today's features, and every problem of a feature, in the same order.
            #expect(streamed.result.featureCount == whole.featureCount, "\(name)")
            #expect(streamed.features.count == whole.collection.features.count, "\(name)")
            for (a, b) in zip(streamed.features, whole.collection.features) {
                #expect(try same(a, b), "\(name) feature \(b.index)")
            }
            #expect(streamed.problems == whole.problems.filter { $0.feature != nil }, "\(name)")
        }
    }

    @Test func duplicatesAreFoundAcrossBatches() throws {
        func polygon(_ x: Double, _ y: Double) -> String {
            "{\"type\":\"Polygon\",\"coordinates\":[[[\(x),\(y)],[\(x + 0.01),\(y)],[\(x + 0.01),\(y + 0.01)],[\(x),\(y)]]]}"
        }
        func feature(_ id: String, _ geometry: String) -> String {
            "{\"type\":\"Feature\",\"id\":\"\(id)\",\"properties\":{},\"geometry\":\(geometry)}"
        }
        let ring = "[[106.5,20.5],[106.51,20.5],[106.51,20.51],[106.5,20.5]]"
        var features = (0..<12).map { feature("z\($0)", polygon(106 + Double($0) / 10, 20)) }
        features[9] = feature("z2", polygon(106 + Double(2) / 10, 20))  // feature 2's id and geometry (batch 0), in batch 2
        features[10] = feature("z10", "{\"type\":\"MultiPolygon\",\"coordinates\":[[\(ring)]]}")
        features[11] = feature("z11", "{\"type\":\"Polygon\",\"coordinates\":[\(ring)]}")         // same positions, not the same structure
        let path = try temporaryFile("{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let streamed = try stream(path, batchSize: 4)
        #expect(streamed.batches.count == 3)
        // Written by hand from the features above.
        #expect(CorpusTests.describe(streamed.problems) == "error duplicate-id f9 /features/9/id ; warning duplicate-geometry f9 /features/9/geometry ")
        #expect(streamed.result.problems == streamed.problems)
        #expect(streamed.problems.first?.message == "id \"z2\" is already used by feature 2")
        #expect(streamed.problems.last?.message == "the geometry repeats feature 2's exactly")
    }

    /// The key that replaces keeping geometries agrees with GEOS's own exact equality on every pair.
    @Test func geometryKeysAgreeWithGEOSExactEquality() throws {
        let texts = [
            "POLYGON ((0 0, 1 0, 1 1, 0 0))", "POLYGON ((0 0, 1 0, 1 1, 0 0))", "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))",
            "POLYGON ((1 0, 1 1, 0 0, 1 0))", "POLYGON Z ((0 0 5, 1 0 5, 1 1 5, 0 0 5))", "POLYGON ((0 0, 1 0, 1 1, -0 0))",
            "POLYGON ((0 0, 4 0, 4 4, 0 0), (1 0.5, 3 0.5, 3 2.5, 1 0.5))", "MULTIPOLYGON (((0 0, 4 0, 4 4, 0 0)), ((1 0.5, 3 0.5, 3 2.5, 1 0.5)))",
            "LINESTRING (0 0, 1 1)", "MULTILINESTRING ((0 0, 1 1))", "LINESTRING (1 1, 0 0)", "POINT (1 2)", "MULTIPOINT ((1 2))",
            "POINT Z (1 2 3)", "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))", "GEOMETRYCOLLECTION (LINESTRING (0 0, 1 1), POINT (1 2))",
            "MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))", "MULTILINESTRING ((0 0, 1 1, 2 2), (3 3, 4 4))",
        ]
        let geometries = try texts.map { try Geometry(wkt: $0) }
        for (i, a) in geometries.enumerated() {
            for (j, b) in geometries.enumerated() {
                #expect((GeometryKey(a) == GeometryKey(b)) == (try a.equalsExactly(b)), "\(texts[i]) vs \(texts[j])")
            }
        }
    }

    @Test func aCRSAfterTheFeaturesIsAnErrorOnceBatchesWereHandedOut() throws {
        // VN-2000 / TM-3 105-45 (EPSG:9210) metres around Hai Phong, the crs member last.
        let features = (0..<6).map { k in
            "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(600000 + k * 100),2300000]}}"
        }
        let text = "{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))],"
            + "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::9210\"}}}"
        let path = try temporaryFile(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let whole = try GeoJSONReader().read(contentsOf: path)
        let tm3 = try CRS.epsg(9210)
        #expect(!whole.hasErrors && whole.sourceCRS == tm3)
        // Everything in the last batch: the CRS still applies, as in the whole-file read.
        let oneBatch = try stream(path, batchSize: 100)
        #expect(oneBatch.result.problems == whole.problems && !oneBatch.result.hasErrors)
        for (a, b) in zip(oneBatch.features, whole.collection.features) { #expect(try same(a, b)) }
        // Batches handed out as lon/lat: a located error, never a silent mix.
        let late = try stream(path, batchSize: 4)
        #expect(late.batches.count == 2 && late.result.hasErrors)
        let problem = try #require(late.result.problems.first { $0.code == .crsAfterFeatures })
        #expect(problem.pointer == "/crs/properties/name" && problem.severity == .error && problem.feature == nil)
        #expect(problem.message.contains("1 batch of which"))
        // Given on the command line, the file's crs is not used: nothing is late.
        let given = try stream(path, batchSize: 4, options: ReadOptions(crs: try CRS("EPSG:9210")))
        #expect(!given.result.hasErrors && given.features.count == 6)
    }

    @Test func aLateCRSThatIsLonLatChangesNothing() throws {
        let features = (0..<5).map { "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[106.\($0),20.8]}}" }
        let path = try temporaryFile("{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))],"
            + "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:OGC:1.3:CRS84\"}}}")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let streamed = try stream(path, batchSize: 2)
        #expect(streamed.result.problems.isEmpty && streamed.features.count == 5)
    }

    @Test func typeAfterTheFeaturesAsSortedKeysWriteIt() throws {
        // json.dumps(sort_keys=True) and jq -S put "features" before "type".
        let features = (0..<5).map { "{\"geometry\":{\"coordinates\":[106.\($0),20.8],\"type\":\"Point\"},\"properties\":{},\"type\":\"Feature\"}" }
        let collection = try temporaryFile("{\"features\":[\(features.joined(separator: ","))],\"type\":\"FeatureCollection\"}")
        let lone = try temporaryFile("{\"features\":[\(features.joined(separator: ","))],\"geometry\":null,\"properties\":{},\"type\":\"Feature\"}")
        defer {
            try? FileManager.default.removeItem(atPath: collection)
            try? FileManager.default.removeItem(atPath: lone)
        }
        let streamed = try stream(collection, batchSize: 2)
        #expect(streamed.result.problems.isEmpty && streamed.features.map(\.index) == [0, 1, 2, 3, 4])
        // A Feature whose type comes after a features array already handed out: an error at /type.
        let wrong = try stream(lone, batchSize: 2)
        #expect(wrong.result.problems.contains { $0.code == .wrongType && $0.pointer == "/type" && $0.severity == .error })
    }

    @Test func aBreakAfterBatchesLeavesTheBreakAlone() throws {
        let features = (0..<10).map { "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[106.\($0),20.8]}}" }
        let path = try temporaryFile("{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ",\n"))")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let whole = try GeoJSONReader().read(contentsOf: path)
        let streamed = try stream(path, batchSize: 3)
        #expect(streamed.batches.count == 3)
        #expect(streamed.result.problems == whole.problems && streamed.result.hasErrors)
        let problem = try #require(streamed.result.problems.first)
        // The file ends after line 10's closing brace: line 10, one past its last character.
        #expect(problem.code == .invalidJSON && problem.line == 10 && problem.column == features[9].count + 1)
    }

    @Test func aConsumerThatThrowsStopsTheRead() throws {
        struct Full: Error, Equatable {}
        let features = (0..<20_000).map { "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[106,\($0 % 80)]}}" }
        let path = try temporaryFile("{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var calls = 0
        #expect(throws: BatchedReadError.consumer(Full())) {
            _ = try GeoJSONReader().read(contentsOf: path, batchSize: 100) { _ throws(Full) in
                calls += 1
                if calls == 2 { throw Full() }
            }
        }
        #expect(calls == 2)
        // The parser stopped and the file is free: a new read goes through.
        var total = 0
        _ = try GeoJSONReader().read(contentsOf: path, batchSize: 100) { total += $0.features.count }
        #expect(total == 20_000)
    }

    @Test func theProblemLimitIsTheWholeFileRead() throws {
        // Three null geometries (warnings) then a duplicate id (an error), with room for two problems.
        let features = (0..<3).map { "{\"type\":\"Feature\",\"id\":\($0),\"properties\":{},\"geometry\":null}" } + [
            "{\"type\":\"Feature\",\"id\":0,\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[106,20]}}",
        ]
        let path = try temporaryFile("{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let options = ReadOptions(problemLimit: 2)
        let whole = try GeoJSONReader(options: options).read(contentsOf: path)
        let streamed = try stream(path, batchSize: 1, options: options)
        #expect(whole.problems.map(\.code) == [.nullGeometry, .nullGeometry] && whole.omittedProblems == 2)
        #expect(streamed.result.problems == whole.problems && streamed.result.omittedProblems == 2)
        // The error is beyond the limit, yet counted.
        #expect(whole.omittedErrors == 1 && whole.hasErrors && streamed.result.hasErrors)
        #expect(streamed.problems.map(\.code) == [.nullGeometry, .nullGeometry, .nullGeometry, .duplicateID])
    }

    @Test func unreadableFiles() throws {
        #expect(throws: BatchedReadError<Never>.reading(.unreadable(path: "/nonexistent/z.geojson", reason: "no such file"))) {
            _ = try GeoJSONReader().read(contentsOf: "/nonexistent/z.geojson") { _ in }
        }
        let directory = FileManager.default.temporaryDirectory.path
        #expect(throws: BatchedReadError<Never>.reading(.unreadable(path: directory, reason: "it is a directory"))) {
            _ = try GeoJSONReader().read(contentsOf: directory) { _ in }
        }
    }

    /// A read whose flag is raised stops before its first batch, naming the file; nothing is handed out.
    @Test func aCancelledReadNamesItsFile() throws {
        let path = try temporaryFile(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let flag = WorkCancellation()
        flag.cancel()
        var batches = 0
        #expect(throws: BatchedReadError<Never>.cancelled(path: path)) {
            try WorkCancellation.checking(flag) { () throws(BatchedReadError<Never>) in
                _ = try GeoJSONReader().read(contentsOf: path, batchSize: 1) { _ in batches += 1 }
            }
        }
        #expect(batches == 0)
    }
}
