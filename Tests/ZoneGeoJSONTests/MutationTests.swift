import Foundation
import Testing
@testable import ZoneGeoJSON

/// A small, deterministic fuzzer run with the suite: the good fixtures and a real file are
/// mutated byte by byte (flips, deletions, insertions of structural characters, truncations) and
/// read. The reader must return — never crash, hang or throw — and a result that is either clean
/// or names a problem; reading on two threads must agree with one.
struct MutationTests {
    static let seeds: [String] = {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/good")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        // (The empty collection is left out: a mutant of it may rightly hold nothing.)
        return names.sorted().filter { !$0.hasPrefix("empty") }.map { fixtures.appendingPathComponent($0).path }
            + [SharedDataTests.directory.appendingPathComponent("hai_phong_sez_host_communes_2025.geojson").path]
    }()

    @Test func mutantsNeverCrash() throws {
        var state: UInt64 = 0x5EED
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(1, n)))
        }
        let structural = Array("{}[],:\"\\-.e0123456789 \ntnf".utf8) + [0x00, 0x80, 0xC3, 0xFF]
        var split = GeoJSONReader()
        split.parallelThreshold = 0
        var mutants = 0
        for path in Self.seeds {
            let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(!original.isEmpty)
            for _ in 0..<150 {
                var bytes = original
                for _ in 0..<(1 + next(4)) {
                    let at = next(bytes.count)
                    switch next(4) {
                    case 0: bytes[at] = structural[next(structural.count)]
                    case 1: bytes.remove(at: at)
                    case 2: bytes.insert(structural[next(structural.count)], at: at)
                    default: bytes.removeSubrange(at...)
                    }
                    if bytes.isEmpty { break }
                }
                let one = bytes.withUnsafeBytes { GeoJSONReader().read(bytes: $0, file: "mutant") }
                let two = bytes.withUnsafeBytes { split.read(bytes: $0, file: "mutant") }
                #expect(one.problems == two.problems && one.featureCount == two.featureCount)
                // A result with no feature and no problem would be a silent loss.
                #expect(one.featureCount > 0 || !one.problems.isEmpty)
                mutants += 1
            }
        }
        #expect(mutants >= 600)
    }
}
