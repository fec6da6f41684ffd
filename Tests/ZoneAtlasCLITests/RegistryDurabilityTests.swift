import Foundation
import TestSupport
import Testing

/// What a registry must survive: a process killed in the middle of an import, eight importers and
/// readers at once, another client holding the lock, a symlinked or private file. The oracles are
/// SQLite's own `PRAGMA integrity_check`, GDAL's ogrinfo, and the content of a registry written by
/// an import that was left to finish.
@Suite(.serialized)
struct RegistryDurabilityTests {
    /// A GeoJSON file of `count` zones, each a 96-gon of about 40 ha on a grid near Hai Phong, ids `PREFIX-n`.
    static func zones(_ count: Int, prefix: String) throws -> String {
        var features: [String] = []
        for n in 0..<count {
            let cx = 106.0 + Double(n % 100) * 0.01, cy = 20.5 + Double(n / 100) * 0.01
            let ring = (0...96).map { k -> String in
                let angle = Double(k % 96) / 96 * 2 * Double.pi
                return String(format: "[%.7f,%.7f]", cx + 0.0035 * cos(angle), cy + 0.0035 * sin(angle))
            }
            features.append(#"{"type":"Feature","id":"\#(prefix)-\#(n)","properties":{"name":"Khu \#(prefix) \#(n)","kind":"industrial_park"},"#
                            + #""geometry":{"type":"Polygon","coordinates":[[\#(ring.joined(separator: ","))]]}}"#)
        }
        return try CLI.temporaryFile(#"{"type":"FeatureCollection","features":["# + features.joined(separator: ",\n") + "]}")
    }

    /// A new registry holding GeoData, and its directory.
    static func base() throws -> String {
        let path = URL(fileURLWithPath: try CLI.temporaryFile("", name: "x")).deletingLastPathComponent().appendingPathComponent("base.gpkg").path
        let run = try CLI.run(["import", "GeoData", "--registry", path])
        #expect(run.status == 0, "\(run.stderr)")
        return path
    }

    static func sqlite(_ path: String, _ sql: String) throws -> String {
        try CLI.run(external: "/usr/bin/sqlite3", [path, sql]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What a registry holds, as one line: per layer, the rows and the bytes of their ids, names, properties and geometries.
    static func content(_ path: String) throws -> String {
        try ["zones", "communes", "corridors"].map { table in
            try sqlite(path, "SELECT '\(table)', count(*), sum(length(id)), sum(length(name)), sum(length(properties)), sum(length(geom)) FROM \(table)")
        }.joined(separator: " ")
    }

    static func copy(_ source: String, to target: String) throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target + suffix) }
        try FileManager.default.copyItem(atPath: source, toPath: target)
    }

    /// Starts `zoneatlas` with stderr to a file.
    static func start(_ arguments: [String], stderr: String) throws -> Subprocess {
        try Subprocess(CLI.binary, arguments, directory: CLI.repository, standardError: stderr)
    }

    @Test func killedImportsLeaveTheOldOrTheNewRegistry() throws {
        let base = try Self.base()
        let directory = URL(fileURLWithPath: base).deletingLastPathComponent()
        let file = try Self.zones(3000, prefix: "kill")
        let log = directory.appendingPathComponent("stderr").path

        // The new state: the same import, left to finish; and how long its write takes.
        let finished = directory.appendingPathComponent("finished.gpkg").path
        try Self.copy(base, to: finished)
        let reference = try Self.start(["import", file, "--registry", finished], stderr: log)
        while reference.isRunning, !(try String(contentsOfFile: log, encoding: .utf8)).contains("importing into") { usleep(2_000) }
        let writeStart = Date()
        let referenceEnd = try reference.wait()
        let writeSeconds = Date().timeIntervalSince(writeStart)
        #expect(referenceEnd == .exited(0))
        let old = try Self.content(base), new = try Self.content(finished)
        #expect(old != new)

        var killedInsideTheWrite = 0, attempts = 0
        while killedInsideTheWrite < 10 && attempts < 40 {
            attempts += 1
            let target = directory.appendingPathComponent("killed-\(attempts).gpkg").path
            try Self.copy(base, to: target)
            // Every other run, the registry keeps a rollback journal (as GDAL leaves a file) instead of WAL.
            if attempts % 2 == 0 { _ = try Self.sqlite(target, "PRAGMA journal_mode = DELETE") }
            let process = try Self.start(["import", file, "--registry", target], stderr: log)
            while process.isRunning, !(try String(contentsOfFile: log, encoding: .utf8)).contains("importing into") { usleep(1_000) }
            usleep(UInt32(Double.random(in: 0..<max(writeSeconds, 0.05)) * 1_000_000))
            guard process.isRunning else { continue }
            kill(process.pid, SIGKILL)
            guard try process.wait() == .signalled(SIGKILL) else { continue }
            killedInsideTheWrite += 1
            #expect(try Self.sqlite(target, "PRAGMA integrity_check") == "ok", "run \(attempts)")
            let state = try Self.content(target)
            #expect(state == old || state == new, "run \(attempts): \(state)")
            let info = try CLI.run(external: "/usr/bin/ogrinfo", ["-so", "-al", target])
            #expect(info.status == 0, "run \(attempts): ogrinfo \(info.stderr)")
        }
        #expect(killedInsideTheWrite >= 10, "only \(killedInsideTheWrite) kills landed inside the write in \(attempts) runs")
    }

    @Test func aBreakLateInALargeImportLeavesTheRegistryByteForByte() throws {
        // 6,000 zones (about 10 MB of rows, more than SQLite's page cache, so the transaction spills
        // into the file) whose JSON breaks at the very end, after whole batches were written.
        let good = try String(contentsOfFile: try Self.zones(6000, prefix: "late"), encoding: .utf8)
        let broken = try CLI.temporaryFile(String(good.dropLast(2)) + #",{"type":"Feature","id":"cut","geometry":{"#)
        for mode in ["WAL", "DELETE"] {
            let base = try Self.base()
            _ = try Self.sqlite(base, "PRAGMA journal_mode = \(mode)")
            let before = try Data(contentsOf: URL(fileURLWithPath: base))
            let run = try CLI.run(["import", broken, "--registry", base])
            #expect(run.status == 1, "\(mode): \(run.stderr)")
            #expect(run.stderr.contains("invalid-json") && run.stderr.contains("nothing imported"), "\(mode): \(run.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: base)) == before, "\(mode)")
            #expect(try Self.sqlite(base, "SELECT count(*) FROM zones") == "8", "\(mode)")
            #expect(try Self.sqlite(base, "PRAGMA integrity_check") == "ok", "\(mode)")
        }
    }

    @Test func eightImportersAtOnceAllLandAndReadersNeverSeeAMix() throws {
        let base = try Self.base()
        let directory = URL(fileURLWithPath: base).deletingLastPathComponent()
        let files = try (0..<8).map { try Self.zones(150, prefix: "p\($0)") }
        let importers = try files.enumerated().map { index, file in
            try Self.start(["import", file, "--registry", base], stderr: directory.appendingPathComponent("import-\(index)").path)
        }
        var reads = 0
        while importers.contains(where: \.isRunning) || reads < 3 {
            let list = try CLI.run(["list", "--layer", "zones", "--format", "csv", "--registry", base])
            #expect(list.status == 0, "\(list.stderr)")
            // GeoData's 8 zones plus whole imports of 150: a reader sees no half of one.
            let rows = list.stdout.split(separator: "\r\n").count - 1
            #expect(rows >= 8 && (rows - 8) % 150 == 0, "a reader saw \(rows) zones")
            let show = try CLI.run(["show", "sez-hai-phong", "--registry", base])
            #expect(show.status == 0, "\(show.stderr)")
            reads += 1
        }
        for (index, importer) in importers.enumerated() {
            let end = try importer.wait()
            let log = try String(contentsOfFile: directory.appendingPathComponent("import-\(index)").path, encoding: .utf8)
            #expect(end == .exited(0), "importer \(index): \(log)")
        }
        #expect(try Self.sqlite(base, "SELECT count(*) FROM zones") == "\(8 + 8 * 150)")
        for prefix in (0..<8).map({ "p\($0)" }) {
            #expect(try Self.sqlite(base, "SELECT count(*) FROM zones WHERE id LIKE '\(prefix)-%'") == "150")
        }
        #expect(try Self.sqlite(base, "PRAGMA integrity_check") == "ok")
    }

    /// Holds the registry's write lock from another process (as QGIS does while it saves).
    static func holdLock(_ path: String, seconds: Double) throws -> Subprocess {
        try Subprocess.holdingLock(on: path, seconds: seconds, script: "\(CLI.repository)/Tests/Support/hold_lock.py")
    }

    @Test func importWaitsForAnotherWriterAndGivesUpWithExitTwo() throws {
        let base = try Self.base()
        let holder = try Self.holdLock(base, seconds: 2)
        let start = Date()
        let waited = try CLI.run(["import", "GeoData/zones.geojson", "--registry", base])
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(Date().timeIntervalSince(start) > 1.5)
        try holder.wait()

        let before = try Data(contentsOf: URL(fileURLWithPath: base))
        let longer = try Self.holdLock(base, seconds: 4)
        let refused = try CLI.run(["import", "GeoData/zones.geojson", "--registry", base, "--lock-timeout", "1"])
        try longer.wait()
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("zoneatlas import: registry \(base): another writer") && refused.stderr.contains("held it for more than 1 s"), "\(refused.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: base)) == before)
    }

    @Test func aSymlinkedPrivateRegistryStaysWhatItIs() throws {
        let base = try Self.base()
        let directory = URL(fileURLWithPath: base).deletingLastPathComponent()
        let link = directory.appendingPathComponent("link.gpkg").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: base)
        #expect(chmod(base, 0o600) == 0)
        #expect(chown(base, 65534, 65534) == 0)
        let run = try CLI.run(["import", try Self.zones(3, prefix: "linked"), "--registry", link])
        #expect(run.status == 0, "\(run.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: link)
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
        let target = try FileManager.default.attributesOfItem(atPath: base)
        #expect((target[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect((target[.ownerAccountID] as? NSNumber)?.intValue == 65534 && (target[.groupOwnerAccountID] as? NSNumber)?.intValue == 65534)
        #expect(try Self.sqlite(base, "SELECT count(*) FROM zones WHERE id LIKE 'linked-%'") == "3")
        // A registry nobody may write is refused, not replaced, and exit 2 says so.
        #expect(chmod(base, 0o444) == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: base))
        let refused = try CLI.run(["import", try Self.zones(3, prefix: "refused"), "--registry", link])
        #expect(refused.status == 2 && refused.stderr.contains("read-only"), "\(refused.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: base)) == before)
        // Nothing is left beside it but SQLite's own journal files.
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("base.gpkg") }
        #expect(Set(left).isSubset(of: ["base.gpkg", "base.gpkg-wal", "base.gpkg-shm"]), "\(left)")
    }
}
