import Foundation
import Testing
import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// The corpus in `Fixtures/`: broken files whose expected problems were worked out by hand and
/// checked independently (Python's json for positions, shapely/pyproj and GEOS's C API for
/// geometry; see `Fixtures/README.md`), and good files that must read without any problem.
struct CorpusTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    struct Expected: Decodable {
        struct Options: Decodable {
            var crs: String?
            var polygonize: Bool?
        }

        struct ExpectedProblem: Decodable {
            var severity: String
            var code: String
            var feature: Int?
            var pointer: String?
            var line: Int?
            var column: Int?
            var location: [Double]?
        }

        var description: String
        var options: Options?
        var exact: Bool?
        var problems: [ExpectedProblem]
    }

    static let manifest: [String: Expected] = {
        let url = fixtures.appendingPathComponent("broken/expected.json")
        guard let data = try? Data(contentsOf: url), let manifest = try? JSONDecoder().decode([String: Expected].self, from: data) else {
            return [:]
        }
        return manifest
    }()

    static let geosCodes: Set<String> = ["self-intersection", "ring-self-intersection", "hole-outside-shell", "nested-holes",
                                         "nested-shells", "disconnected-interior"]
    static let positionalCodes: Set<String> = ["invalid-json", "invalid-utf8", "too-deep"]

    @Test func manifestCoversEveryBrokenFile() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.appendingPathComponent("broken").path)
            .filter { $0 != "expected.json" }
        #expect(files.count >= 30)
        #expect(Set(files) == Set(Self.manifest.keys))
        // Every problem code the reader knows is exercised here, but for those tested on real data
        // (SharedDataTests) or through the CLI (repair, unknown values) or not reachable from a file on its own, and
        // those only a GeoPackage can hold (GeoPackageInputTests).
        let exercised = Set(Self.manifest.values.flatMap { $0.problems.map(\.code) })
        let unreachable: Set<ProblemCode> = [.transformFailed, .duplicateRings, .invalidGeometry, .repaired,
                                             .repeatedVertex, .duplicateGeometry, .outlineDangles, .crsAfterFeatures,
                                             .nonFiniteCoordinate, .unreadableGeometry, .unknownValue]
        for code in ProblemCode.allCases where !unreachable.contains(code) {
            #expect(exercised.contains(code.rawValue), "no fixture for \(code.rawValue)")
        }
    }

    @Test(arguments: manifest.keys.sorted())
    func brokenFile(_ name: String) throws {
        let expected = try #require(Self.manifest[name])
        var options = ReadOptions(polygonize: expected.options?.polygonize ?? false)
        if let crs = expected.options?.crs { options.crs = try CRS(crs) }
        let path = Self.fixtures.appendingPathComponent("broken").appendingPathComponent(name).path
        let result = try GeoJSONReader(options: options).read(contentsOf: path)
        let reported = result.problems
        for want in expected.problems {
            let found = reported.first { got in
                guard got.code.rawValue == want.code, got.severity.rawValue == want.severity, got.feature == want.feature else {
                    return false
                }
                if !Self.positionalCodes.contains(want.code), !Self.geosCodes.contains(want.code), let pointer = want.pointer,
                   got.pointer.description != pointer {
                    return false
                }
                if let line = want.line, got.line != line { return false }
                if let column = want.column, got.column != column { return false }
                if let location = want.location {
                    guard let at = got.location, abs(at.x - location[0]) < 1e-9, abs(at.y - location[1]) < 1e-9 else { return false }
                }
                return true
            }
            #expect(found != nil, "\(name): missing \(want.severity) \(want.code) feature \(want.feature.map(String.init) ?? "-") \(want.pointer ?? "") line \(want.line.map(String.init) ?? "-") column \(want.column.map(String.init) ?? "-"); reported: \(Self.describe(reported))")
        }
        if expected.exact == true {
            let errors = reported.filter { $0.severity == .error }
            let expectedErrors = expected.problems.filter { $0.severity == "error" }.count
            #expect(errors.count == expectedErrors, "\(name): reported \(Self.describe(errors))")
        }
    }

    @Test(arguments: ["all-geometry-types.geojson", "single-feature.geojson", "bare-multipolygon.geojson",
                      "empty-feature-collection.geojson"])
    func goodFile(_ name: String) throws {
        let result = try GeoJSONReader().read(contentsOf: Self.fixtures.appendingPathComponent("good").appendingPathComponent(name).path)
        #expect(result.problems.isEmpty, "\(Self.describe(result.problems))")
    }

    @Test func goodNumbersAreKeptExactly() throws {
        let path = Self.fixtures.appendingPathComponent("good/all-geometry-types.geojson").path
        let result = try GeoJSONReader().read(contentsOf: path)
        let written = try GeoJSONWriter().string(result.collection)
        for literal in ["1.50", "1e3", "-0", "0.0", "14.0", "-1.25e-3", "1.0E+2", "12345678901234567890"] {
            #expect(written.contains(":\(literal)") || written.contains(",\(literal)") || written.contains("[\(literal)"), "\(literal)")
        }
        #expect(written.contains("🏭"))
    }

    /// Coordinates are read to the same double as the C library's `strtod` (the oracle): short
    /// numbers (the exact fast path), numbers of exactly 19 and of more than 19 significant digits,
    /// leading zeros after the point, exponents, and negative zero.
    @Test func coordinatesAreReadAsStrtodReadsThem() throws {
        // Longitude, latitude pairs.
        let literals = ["106.4146088", "20.4817308", "0.1", "-0.0", "105.1234567890123456", "20.12345678901234567",
                        "106.12345678901234567890123", "-20.000000000000000000000001", "0.00000000000000000000012345", "1.25e1",
                        "106", "-1.5E-3", "179.9999999999999999999", "89.99999999999999999999", "9007199254740993e-14", "0"]
        let pairs = stride(from: 0, to: literals.count, by: 2).map { "[\(literals[$0]),\(literals[$0 + 1])]" }
        let text = #"{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[\#(pairs.joined(separator: ","))]}}"#
        let result = Array(text.utf8).withUnsafeBytes { GeoJSONReader().read(bytes: $0, file: "numbers.geojson") }
        #expect(result.problems.isEmpty, "\(Self.describe(result.problems))")
        guard case let .lineString(points)? = try result.collection.features.first?.geometry?.value() else {
            Issue.record("expected a line string")
            return
        }
        let read = points.flatMap { [$0.x, $0.y] }
        #expect(read.count == literals.count)
        for (value, literal) in zip(read, literals) {
            let oracle = strtod(literal, nil)
            #expect(value.bitPattern == oracle.bitPattern, "\(literal): read \(value), strtod \(oracle)")
        }
    }

    static func describe(_ problems: [Problem]) -> String {
        problems.map { "\($0.severity.rawValue) \($0.code.rawValue) f\($0.feature.map(String.init) ?? "-") \($0.pointer) \($0.line.map { "L\($0)" } ?? "")\($0.column.map { "C\($0)" } ?? "")" }
            .joined(separator: "; ")
    }
}
