import Foundation
import TestSupport
import Testing

/// The defects a fault campaign found, each as a user meets it: a whole layer imported again, an
/// endless input, a registry its reader may not write, a value a closed field does not know, a
/// damaged schema or file, a folder or a FIFO where a file was expected. Oracles: SQLite's CLI
/// (`quick_check`, row counts), the file's bytes, the file system (`df` of a tmpfs, what is left
/// beside a registry), and the GeoJSON files the tests write.
@Suite(.serialized)
struct RegistryFaultTests {
    /// `count` zones on a grid, each a square of about 0.002° moved east by `shift` degrees, ids `z-n`.
    static func squares(_ count: Int, shift: Double, status: String? = nil) throws -> String {
        let features = (0..<count).map { n -> String in
            let x = 106.0 + Double(n % 100) * 0.01 + shift, y = 20.5 + Double(n / 100) * 0.01
            let ring = [(x, y), (x + 0.002, y), (x + 0.002, y + 0.002), (x, y + 0.002), (x, y)]
                .map { "[\($0.0),\($0.1)]" }.joined(separator: ",")
            let properties = #""name":"Khu \#(n)","kind":"industrial_park""# + (status.map { #","status":"\#($0)""# } ?? "")
            return #"{"type":"Feature","id":"z-\#(n)","properties":{\#(properties)},"geometry":{"type":"Polygon","coordinates":[[\#(ring)]]}}"#
        }
        return try CLI.temporaryFile(#"{"type":"FeatureCollection","features":["# + features.joined(separator: ",\n") + "]}")
    }

    static func folder() throws -> URL {
        URL(fileURLWithPath: try CLI.temporaryFile("", name: "x")).deletingLastPathComponent()
    }

    @Test func aLayerImportedAgainWithEveryZoneMovedIsOneVersionEach() throws {
        let registry = try Self.folder().appendingPathComponent("r.gpkg").path
        #expect(try CLI.run(["import", try Self.squares(2_000, shift: 0), "--registry", registry]).status == 0)
        let again = try CLI.run(["import", try Self.squares(2_000, shift: 0.0001), "--registry", registry])
        #expect(again.status == 0, "\(again.stderr)")
        // Oracle: the history's rows as SQLite's CLI counts them.
        #expect(try RegistryDurabilityTests.sqlite(registry, "SELECT count(*) FROM zones_history WHERE valid_to = 2") == "2000")
        #expect(try RegistryDurabilityTests.sqlite(registry, "SELECT count(*) FROM zones_history WHERE valid_from = 2") == "2000")
        #expect(try RegistryDurabilityTests.sqlite(registry, "SELECT count(*) FROM zones_history WHERE valid_to IS NULL") == "2000")
        #expect(try RegistryDurabilityTests.sqlite(registry, "SELECT changed FROM zoneatlas_revisions WHERE fid = 2") == "2000")
    }

    @Test func aBoxAtARevisionFindsPastAndCurrentVersions() throws {
        let registry = try Self.folder().appendingPathComponent("r.gpkg").path
        #expect(try CLI.run(["import", try Self.squares(300, shift: 0), "--registry", registry]).status == 0)
        #expect(try CLI.run(["import", try Self.squares(150, shift: 0.0001), "--registry", registry]).status == 0)
        let box = ["106.105", "20.505", "106.355", "20.515"]
        func ids(_ text: String, prefix: String) -> Set<String> {
            Set(text.split(separator: "\n").compactMap { line in
                line.trimmingCharacters(in: .whitespaces).hasPrefix(prefix) ? String(line.split(separator: "=").last!.trimmingCharacters(in: .whitespaces)) : nil
            })
        }
        func listed(_ revision: String) throws -> Set<String> {
            let run = try CLI.run(["list", "--at", revision, "--bbox", box.joined(separator: ","), "--format", "csv", "--registry", registry])
            #expect(run.status == 0, "\(run.stderr)")
            return Set(run.stdout.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",")[1]) })
        }
        // Oracle: GDAL's ogrinfo through the GeoPackage R-trees: revision 1's versions of the moved
        // squares are in the history table's (they were closed with their geometry), the others
        // and revision 2's are current, with their geometry in the layer's.
        let past = try CLI.run(external: "/usr/bin/ogrinfo", ["-q", "-spat"] + box + ["-where", "valid_from <= 1 AND valid_to = 2", registry, "zones_history"])
        let present = try CLI.run(external: "/usr/bin/ogrinfo", ["-q", "-spat"] + box + [registry, "zones"])
        let kept = try CLI.run(external: "/usr/bin/ogrinfo", ["-q", "-where", "valid_to IS NULL AND valid_from = 1", registry, "zones_history"])
        let unmoved = ids(kept.stdout, prefix: "id (String)").intersection(ids(present.stdout, prefix: "id (String)"))
        let atOne = ids(past.stdout, prefix: "id (String)").union(unmoved)
        #expect(atOne.count > 10 && ids(past.stdout, prefix: "id (String)").count > 5, "\(past.stdout)")
        #expect(try listed("1") == atOne)
        #expect(try listed("2") == ids(present.stdout, prefix: "id (String)"))
    }

    @Test func anEndlessDeviceIsReadNoFurtherThanItsFirstBytes() throws {
        let registry = try Self.folder().appendingPathComponent("r.gpkg").path
        let validated = try CLI.run(["validate", "/dev/zero"])
        #expect(validated.status == 1, "\(validated.stderr)")
        #expect(validated.stdout.contains("invalid-json") && validated.stdout.contains("line 1, column 1"), "\(validated.stdout)")
        let imported = try CLI.run(["import", "/dev/zero", "--registry", registry])
        #expect(imported.status == 1, "\(imported.stderr)")
        #expect(!FileManager.default.fileExists(atPath: registry))
    }

    @Test func anEndlessPipeStopsAtTheStreamLimit() throws {
        let run = try CLI.run(external: "/bin/sh", ["-c", "yes ' ' | \"$0\" validate - --max-stream-size 16M", CLI.binary])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("zoneatlas validate: - holds more than 16M bytes") && run.stderr.contains("--max-stream-size"), "\(run.stderr)")
        let help = try CLI.run(["validate", "--help"])
        #expect(help.stdout.contains("--max-stream-size <size>") && help.stdout.contains("default: 4G"), "\(help.stdout)")
        let bad = try CLI.run(["validate", "-", "--max-stream-size", "lots"])
        #expect(bad.status == 2 && bad.stderr.contains("--max-stream-size"), "\(bad.stderr)")
    }

    @Test func aStreamStopsWhileItsFileSystemStillHasRoom() throws {
        // A 200 MiB tmpfs as the temporary folder: the copy leaves 1 GiB free, so it stops at once,
        // and the file system is as empty afterwards as before (df is the oracle).
        let mount = try Self.folder().appendingPathComponent("tmpfs").path
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        let mounted = try CLI.run(external: "/bin/mount", ["-t", "tmpfs", "-o", "size=200m", "tmpfs", mount])
        try #require(mounted.status == 0, "mounting a tmpfs needs root: \(mounted.stderr)")
        defer { _ = try? CLI.run(external: "/bin/umount", [mount]) }
        let run = try CLI.run(external: "/bin/sh", ["-c", "printf '{' ; yes ' ' | TMPDIR=\"$1\" \"$0\" validate -", CLI.binary, mount])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("copying - to \(mount) stopped") && run.stderr.contains("MiB free"), "\(run.stderr)")
        let used = try CLI.run(external: "/bin/df", ["--output=used", "-B1", mount]).stdout.split(separator: "\n").last.map(String.init)
        #expect(used?.trimmingCharacters(in: .whitespaces) == "0", "\(used ?? "")")
    }

    @Test func aFIFOWithNoWriterIsSaidAndReadOnceWritten() throws {
        let fifo = try Self.folder().appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let stderr = try Self.folder().appendingPathComponent("stderr").path
        let process = try RegistryDurabilityTests.start(["validate", fifo], stderr: stderr)
        let deadline = Date().addingTimeInterval(60)
        while (try? String(contentsOfFile: stderr, encoding: .utf8))?.contains("named pipe") != true, Date() < deadline {
            usleep(50_000)
        }
        #expect(try String(contentsOfFile: stderr, encoding: .utf8).contains("\(fifo) is a named pipe; waiting for a program to write into it"))
        let writer = try CLI.run(external: "/bin/sh", ["-c", "cat GeoData/zones.geojson > \"$0\"", fifo])
        #expect(writer.status == 0)
        let termination = try process.wait(seconds: 60)
        #expect(termination == .exited(0), "\((try? String(contentsOfFile: stderr, encoding: .utf8)) ?? "")")
    }

    @Test func aRegistryItsReaderMayNotWriteIsReadAndLeftAsItWas() throws {
        let folder = try Self.folder().appendingPathComponent("published")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let registry = folder.appendingPathComponent("r.gpkg").path
        #expect(try CLI.run(["import", "GeoData", "--registry", registry]).status == 0)
        // What its owner lists, read from a copy (a read leaves SQLite's -wal and -shm beside the file it reads).
        let copy = try Self.folder().appendingPathComponent("copy.gpkg").path
        try FileManager.default.copyItem(atPath: registry, toPath: copy)
        let listed = try CLI.run(["list", "--format", "csv", "--registry", copy])
        let id = try #require(listed.stdout.split(separator: "\r\n").dropFirst().first?.split(separator: ",").dropFirst().first.map(String.init))
        let before = try Data(contentsOf: URL(fileURLWithPath: registry))
        #expect(chmod(registry, 0o444) == 0)
        for folderMode in [0o555, 0o777] as [mode_t] {
            #expect(chmod(folder.path, folderMode) == 0)
            for arguments in [["list", "--format", "csv"], ["log"], ["show", id]] {
                let run = try CLI.run(external: "/usr/sbin/runuser", ["-u", "nobody", "--", CLI.binary] + arguments + ["--registry", registry])
                #expect(run.status == 0, "folder \(String(folderMode, radix: 8)), \(arguments): \(run.stderr)")
                if arguments[0] == "list" { #expect(run.stdout == listed.stdout) }
            }
            let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(left == ["r.gpkg"], "folder \(String(folderMode, radix: 8)): \(left)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: registry)) == before)
        // The owner makes it writable again and writes.
        #expect(chmod(registry, 0o644) == 0)
        let written = try CLI.run(["import", "GeoData/zones.geojson", "--registry", registry])
        #expect(written.status == 0, "\(written.stderr)")
    }

    @Test func aStatusTheRegistryDoesNotKnowIsAWarningAndKeptInTheProperties() throws {
        let file = try Self.squares(2, shift: 0, status: "approved")
        let validated = try CLI.run(["validate", file, "--format", "json"])
        #expect(validated.status == 0, "\(validated.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(validated.stdout.utf8)) as? [String: Any])
        let problems = try #require(((report["files"] as? [[String: Any]])?.first?["problems"]) as? [[String: Any]])
        let unknown = problems.filter { $0["code"] as? String == "unknown-value" }
        #expect(unknown.count == 2, "\(problems)")
        #expect(unknown.first?["pointer"] as? String == "/features/0/properties/status", "\(unknown)")
        #expect((unknown.first?["message"] as? String)?.contains("status \"approved\" is not a status the registry knows (planned, established)") == true)
        let registry = try Self.folder().appendingPathComponent("r.gpkg").path
        let imported = try CLI.run(["import", file, "--registry", registry])
        #expect(imported.status == 0 && imported.stderr.contains("with 2 warnings"), "\(imported.stderr)")
        #expect(try RegistryDurabilityTests.sqlite(registry, "SELECT count(*) FROM zones WHERE status IS NULL AND json_extract(properties, '$.status') = 'approved'") == "2")
    }

    @Test func aMissingColumnIsNamedByEveryCommand() throws {
        let registry = try Self.folder().appendingPathComponent("r.gpkg").path
        #expect(try CLI.run(["import", "GeoData", "--registry", registry]).status == 0)
        _ = try RegistryDurabilityTests.sqlite(registry, "ALTER TABLE communes RENAME COLUMN declared_area_ha TO declared_area_hx")
        let before = try Data(contentsOf: URL(fileURLWithPath: registry))
        for arguments in [["list", "--layer", "communes"], ["list"], ["log"], ["areas"], ["import", "GeoData/communes.geojson", "--as-layer", "communes"]] {
            let run = try CLI.run(arguments + ["--registry", registry])
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("table communes has no column declared_area_ha"), "\(arguments): \(run.stderr)")
            #expect(run.stdout.isEmpty, "\(arguments): \(run.stdout)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: registry)) == before)
    }

    @Test func aDamagedFileIsNotWritten() throws {
        let registry = try Self.folder().appendingPathComponent("r.gpkg").path
        #expect(try CLI.run(["import", "GeoData", "--registry", registry]).status == 0)
        // One index page's type byte overwritten (SQLite's dbstat names the page).
        let page = try #require(Int(try RegistryDurabilityTests.sqlite(registry, "SELECT pageno FROM dbstat WHERE name = 'zones_history_valid_from' LIMIT 1")))
        let pageSize = try #require(Int(try RegistryDurabilityTests.sqlite(registry, "PRAGMA page_size")))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: registry))
        try handle.seek(toOffset: UInt64((page - 1) * pageSize))
        try handle.write(contentsOf: Data([0x00, 0xFF, 0xFF]))
        try handle.close()
        #expect(try RegistryDurabilityTests.sqlite(registry, "PRAGMA quick_check") != "ok")
        let before = try Data(contentsOf: URL(fileURLWithPath: registry))
        let run = try CLI.run(["import", "GeoData/zones.geojson", "--registry", registry])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("SQLite finds the file damaged") && run.stderr.contains("nothing was written"), "\(run.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: registry)) == before)
    }

    @Test func aFolderIsNotARegistry() throws {
        let folder = try Self.folder().path
        for arguments in [["list"], ["import", "GeoData/zones.geojson"], ["log"]] {
            let run = try CLI.run(arguments + ["--registry", folder])
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("registry \(folder): is a directory, not a registry file"), "\(arguments): \(run.stderr)")
        }
    }
}
