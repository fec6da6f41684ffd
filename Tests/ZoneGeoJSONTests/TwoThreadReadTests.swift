import Foundation
import Testing
@testable import ZoneGeoJSON
import ZoneGeometry

/// Large `features` arrays are read on two threads; forcing that on every file of the corpus and on
/// the real data must give exactly what the one-pass reader gives.
struct TwoThreadReadTests {
    func readBoth(_ path: String, options: ReadOptions = ReadOptions()) throws -> (ReadResult, ReadResult) {
        var split = GeoJSONReader(options: options)
        split.parallelThreshold = 0
        return (try GeoJSONReader(options: options).read(contentsOf: path), try split.read(contentsOf: path))
    }

    func same(_ a: ReadResult, _ b: ReadResult) throws -> Bool {
        guard a.problems == b.problems, a.featureCount == b.featureCount, a.omittedProblems == b.omittedProblems else { return false }
        for (x, y) in zip(a.collection.features, b.collection.features) {
            guard x.index == y.index, x.id == y.id, x.properties == y.properties, x.foreignMembers == y.foreignMembers else { return false }
            switch (x.geometry, y.geometry) {
            case (nil, nil): continue
            case let (g?, h?): if try g.wkb() != h.wkb() { return false }
            default: return false
            }
        }
        return true
    }

    @Test func corpusAndRealDataReadTheSame() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        var files: [String] = []
        for folder in ["broken", "good"] {
            let directory = fixtures.appendingPathComponent(folder)
            files += try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0 != "expected.json" }
                .map { directory.appendingPathComponent($0).path }
        }
        files += try FileManager.default.contentsOfDirectory(atPath: SharedDataTests.directory.path)
            .filter { $0.hasSuffix(".geojson") }.map { SharedDataTests.directory.appendingPathComponent($0).path }
        #expect(files.count > 80)
        for file in files {
            let (one, two) = try readBoth(file)
            #expect(try same(one, two), "\(file)")
        }
    }

    @Test func aSplitInsideAStringFallsBack() throws {
        // The middle of this array is inside a string that looks like the start of a feature.
        let trap = String(repeating: #",{\"x\":1}"#, count: 40)
        let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"note":"a\#(trap)b"},"geometry":null},{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}]}"#
        var split = GeoJSONReader()
        split.parallelThreshold = 0
        let one = Array(text.utf8).withUnsafeBytes { GeoJSONReader().read(bytes: $0, file: "t") }
        let two = Array(text.utf8).withUnsafeBytes { split.read(bytes: $0, file: "t") }
        #expect(try same(one, two))
        #expect(!one.hasErrors && two.featureCount == 2)
    }
}
