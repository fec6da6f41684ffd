import Foundation
import Testing

/// One name per idea on every command: `--input-crs`, `--measure-crs`, `--as-layer` (input features
/// taken as a layer) beside `--layer` (a layer of the registry), `--output` (a file), `--out-dir`
/// (a folder), `--fail-on`, `--format`. The old spellings still work, hidden from help; both at once is
/// a usage error.
struct OptionNamesTests {
    /// (command line with the new name, the same with the old name).
    static let renamed: [([String], [String])] = [
        (["validate", "GeoData/zones.geojson", "--input-crs", "EPSG:4326"], ["validate", "GeoData/zones.geojson", "--crs", "EPSG:4326"]),
        (["areas", "GeoData/zones.geojson", "--measure-crs", "EPSG:9210", "--format", "csv"],
         ["areas", "GeoData/zones.geojson", "--crs", "EPSG:9210", "--format", "csv"]),
        (["areas", "GeoData/communes.geojson", "--as-layer", "communes", "--format", "csv"],
         ["areas", "GeoData/communes.geojson", "--layer", "communes", "--format", "csv"]),
        (["adjacency", "--zones", "GeoData/zones.geojson", "--corridors", "GeoData/corridors.geojson", "--measure-crs", "EPSG:9210"],
         ["adjacency", "--zones", "GeoData/zones.geojson", "--corridors", "GeoData/corridors.geojson", "--crs", "EPSG:9210"]),
        (["adjacency", "--zones", "GeoData/communes.geojson", "--graph", "--format", "dot"],
         ["adjacency", "--zones", "GeoData/communes.geojson", "--graph", "--graph-format", "dot"]),
    ]

    @Test(arguments: renamed)
    func theOldSpellingStillWorks(new: [String], old: [String]) throws {
        let now = try CLI.run(new), before = try CLI.run(old)
        #expect(now.status == 0, "\(now.stderr)")
        #expect(before.status == now.status && before.stdout == now.stdout && !now.stdout.isEmpty, "\(before.stderr)")
    }

    @Test func oldAndNewTogetherIsAUsageError() throws {
        let run = try CLI.run(["areas", "GeoData/zones.geojson", "--crs", "EPSG:9210", "--measure-crs", "EPSG:9210"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("zoneatlas areas: --crs is the old name of --measure-crs; give --measure-crs alone"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let review = try CLI.run(["review", "GeoData", "--out", "a", "--out-dir", "b"])
        #expect(review.status == 2 && review.stderr.hasPrefix("zoneatlas review: --out is the old name of --out-dir"), "\(review.stderr)")
    }

    @Test func oldSpellingsAreHiddenFromHelp() throws {
        for (command, new, old) in [("validate", "--input-crs", "--crs <"), ("import", "--as-layer", "--layer <"),
                                    ("areas", "--measure-crs", "--crs <"), ("overlaps", "--fail-on", "--fail-on-conflict"),
                                    ("review", "--out-dir", "--out <"), ("adjacency", "--format", "--graph-format")] {
            let help = try CLI.run([command, "--help"])
            #expect(help.stdout.contains(new) && !help.stdout.contains(old), "\(command): \(help.stdout)")
        }
    }

    @Test func importAndReviewKeepTheirOldSpellings() throws {
        let folder = URL(fileURLWithPath: try CLI.temporaryFile("")).deletingLastPathComponent()
        let registry = folder.appendingPathComponent("r.gpkg").path
        let imported = try CLI.run(["import", "GeoData/communes.geojson", "--layer", "communes", "--crs", "EPSG:4326", "--registry", registry])
        #expect(imported.status == 0, "\(imported.stderr)")
        // Oracle: the file's own feature count, read by Foundation's JSON parser.
        let file = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(CLI.repository)/GeoData/communes.geojson")))
        let count = try #require((file as? [String: Any])?["features"] as? [Any]).count
        let listed = try CLI.run(["list", "--layer", "communes", "--format", "csv", "--registry", registry])
        #expect(listed.stdout.split(separator: "\r\n").count == count + 1)

        let out = folder.appendingPathComponent("old").path
        let review = try CLI.run(["review", "GeoData", "--out", out])
        #expect(review.status == 0 && FileManager.default.fileExists(atPath: out + "/index.html"), "\(review.stderr)")
    }

    /// GeoData/zones.geojson holds containments only; a second copy of a zone under another id is a conflict.
    @Test func failOnHasOneSpelling() throws {
        #expect(try CLI.run(["overlaps", "GeoData/zones.geojson", "--fail-on", "conflicts"]).status == 0)
        let conflict = try CLI.temporaryFile("""
            {"type":"FeatureCollection","features":[
            {"type":"Feature","id":"a","properties":{"name":"A"},"geometry":{"type":"Polygon","coordinates":[[[106.70,20.80],[106.72,20.80],[106.72,20.82],[106.70,20.82],[106.70,20.80]]]}},
            {"type":"Feature","id":"b","properties":{"name":"B"},"geometry":{"type":"Polygon","coordinates":[[[106.71,20.81],[106.73,20.81],[106.73,20.83],[106.71,20.83],[106.71,20.81]]]}}]}
            """)
        let now = try CLI.run(["overlaps", conflict, "--fail-on", "conflicts"])
        #expect(now.status == 1 && now.stderr.hasPrefix("zoneatlas overlaps: 1 conflicting overlap"), "\(now.stderr)")
        #expect(try CLI.run(["overlaps", conflict, "--fail-on-conflict"]).status == 1)
        #expect(try CLI.run(["overlaps", conflict]).status == 0)
        #expect(try CLI.run(["overlaps", conflict, "--fail-on", "never"]).status == 2)
    }

    /// adjacency and review both count a zone within 500 m of a corridor as lying on it.
    @Test func distanceHasOneDefault() throws {
        let arguments = ["adjacency", "--zones", "GeoData/zones.geojson", "--corridors", "GeoData/corridors.geojson", "--format", "json"]
        let byDefault = try CLI.run(arguments), explicit = try CLI.run(arguments + ["--distance", "500"])
        #expect(byDefault.status == 0 && byDefault.stdout == explicit.stdout)
        #expect(byDefault.stdout != (try CLI.run(arguments + ["--distance", "0"])).stdout)
        for command in ["adjacency", "review"] {
            let help = try CLI.run([command, "--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(help.contains("--distance <distance>") && help.contains("(default: 500.0)"), "\(command)")
        }
    }

    /// `coverage --format csv` writes CSV: one row per overlap and per gap of the real communes, as
    /// many as its JSON lists, read back by Python's csv module.
    @Test func coverageWritesCSV() throws {
        let arguments = ["coverage", "--communes", "\(CLI.sharedData)/hai_phong_communes_2025.geojson"]
        let json = try JSONSerialization.jsonObject(with: Data(try CLI.run(arguments + ["--format", "json"]).stdout.utf8)) as? [String: Any]
        let overlaps = try #require(json?["overlaps"] as? [Any]).count, gaps = try #require(json?["gaps"] as? [Any]).count
        try #require(overlaps + gaps > 0)
        let csv = try CLI.run(arguments + ["--format", "csv"])
        #expect(csv.status == 0)
        let file = try CLI.temporaryFile(csv.stdout, name: "coverage.csv")
        let read = try CLI.run(external: "/usr/bin/python3", ["-c", """
            import csv, collections, sys
            rows = list(csv.reader(open(sys.argv[1], newline="")))
            assert all(len(row) == len(rows[0]) for row in rows), "ragged"
            kinds = collections.Counter(row[0] for row in rows[1:])
            print(",".join(rows[0]), kinds["overlap"], kinds["gap"])
            """, file])
        #expect(read.stdout == "kind,id,area_m2,a,a_name,b,b_name,lon,lat,neighbours \(overlaps) \(gaps)\n", "\(read.stderr)")
    }

    /// Every `--format` value a command takes gives that format: JSON parses, CSV has a header and
    /// rows of its width, a table is neither.
    @Test(arguments: [(["list", "--registry"], ["table", "json", "csv"]),
                      (["areas", "GeoData/zones.geojson"], ["table", "json", "csv"]),
                      (["apportion", "--zones", "GeoData/zones.geojson", "--communes", "GeoData/communes.geojson"], ["table", "json", "csv"]),
                      (["overlaps", "GeoData/zones.geojson"], ["table", "json", "csv"]),
                      (["coverage", "--communes", "GeoData/communes.geojson"], ["table", "json", "csv"]),
                      (["adjacency", "--zones", "GeoData/zones.geojson", "--corridors", "GeoData/corridors.geojson"], ["table", "json", "csv"]),
                      (["adjacency", "--zones", "GeoData/communes.geojson", "--graph"], ["table", "json", "csv", "graphml", "dot"]),
                      (["validate", "GeoData/zones.geojson"], ["text", "json"]),
                      (["show", "ip-dinh-vu", "--registry"], ["text", "json", "geojson"]),
                      (["export", "--layer", "zones", "--registry"], ["geojson", "csv"])])
    func everyFormatIsReal(arguments: [String], formats: [String]) throws {
        var arguments = arguments
        if arguments.last == "--registry" {
            let registry = URL(fileURLWithPath: try CLI.temporaryFile("")).deletingLastPathComponent().appendingPathComponent("r.gpkg").path
            #expect(try CLI.run(["import", "GeoData/zones.geojson", "--registry", registry]).status == 0)
            arguments.append(registry)
        }
        var outputs: Set<String> = []
        for format in formats {
            let run = try CLI.run(arguments + ["--format", format])
            #expect(run.status == 0, "\(format): \(run.stderr)")
            outputs.insert(run.stdout)
            let file = try CLI.temporaryFile(run.stdout, name: "out")
            let check = try CLI.run(external: "/usr/bin/python3", ["-c", """
                import csv, json, sys, xml.dom.minidom
                text = open(sys.argv[2], newline="").read()
                kind = sys.argv[1]
                if kind in ("json", "geojson"): json.loads(text)
                elif kind == "csv":
                    rows = list(csv.reader(text.splitlines()))
                    assert rows and all(len(row) == len(rows[0]) for row in rows), "not CSV"
                elif kind == "graphml": xml.dom.minidom.parseString(text)
                elif kind == "dot": assert text.startswith("graph zones {"), "not DOT"
                else:
                    try: json.loads(text); raise SystemExit("a table that is JSON")
                    except ValueError: pass
                """, format, file])
            #expect(check.status == 0, "\(arguments) --format \(format): \(check.stderr)")
        }
        #expect(outputs.count == formats.count, "two formats print the same")
    }
}
