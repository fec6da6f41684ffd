import Foundation
import Testing
import ZoneGeometry
import ZoneProjection

/// GEOS and PROJ normally print some failures to stderr (PROJ: "proj_create: crs not found";
/// GEOS: "ParseException: ..."). Here every such failure must come back as a typed error only.
struct QuietLibrariesTests {
    @Test func failuresDoNotReachStderr() throws {
        let captured = try captureStderr {
            #expect(throws: ProjectionError.self) { try CRS.epsg(99999) }
            #expect(throws: ProjectionError.self) { try CRS("+proj=nonsense +type=crs") }
            #expect(throws: ProjectionError.self) {
                try Transformer(from: .wgs84, to: .epsg(9210)).transform(Coordinate(106.7, 95))
            }
            #expect(throws: GeometryError.self) { try Geometry(wkt: "POLYGON ((0 0, 1 0") }
            #expect(throws: GeometryError.self) { try Geometry(wkt: "POLYGON ((0 0, 1 0, 1 1, 0 1))") }
            #expect(throws: GeometryError.self) { try Geometry(wkb: [0, 0, 0, 0, 7]) }
            #expect(throws: GeometryError.self) { try Geometry(geoJSON: "{]") }
            _ = try Geometry(wkt: "POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))").validity()
        }
        // Meanwhile the test runner reports other tests on stderr (their names may mention PROJ or
        // GEOS): its event lines, and their indented continuations, are not the libraries' output.
        let libraryOutput = captured.split(separator: "\n").filter { line in
            guard let first = line.first else { return false }
            return !first.isWhitespace && !"◇✔✘↳⚠︎􀟈􁁛􀢄􀄣".contains(first)
        }.joined(separator: "\n")
        for marker in ["proj_create", "crs not found", "nonsense", "Exception", "GEOS", "PROJ"] {
            #expect(!libraryOutput.contains(marker), "stderr got: \(captured)")
        }
    }

    /// Runs `body` with file descriptor 2 pointed at a temporary file, and returns what was written.
    private func captureStderr(_ body: () throws -> Void) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("zoneatlas-stderr-\(getpid()).txt").path
        let file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(file >= 0)
        let saved = dup(2)
        fflush(nil)
        dup2(file, 2)
        defer {
            fflush(nil)
            dup2(saved, 2)
            close(saved)
            close(file)
        }
        try body()
        fflush(nil)
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}
