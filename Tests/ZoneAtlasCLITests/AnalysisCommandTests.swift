import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The analysis commands on GeoData/ and ../shared/data/, in every output format. Expected numbers
/// are the library's oracles (pyproj/shapely, recorded in ZoneAtlasTests/AnalysisTests.swift).
struct AnalysisCommandTests {
    func json(_ run: CLI.Run) throws -> [String: Any] {
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test func areas() throws {
        let report = try json(try CLI.run(["areas", "GeoData/zones.geojson", "--measure-crs", "EPSG:9214", "--format", "json"]))
        let features = try #require(report["features"] as? [[String: Any]])
        let sez = try #require(features.first { $0["id"] as? String == "sez-hai-phong" })
        // pyproj: 53,000,176.07 m² geodesic, 52,998,679.65 m² in EPSG:9214.
        #expect(abs((sez["geodesic_area_m2"] as? Double ?? 0) - 53000176.1) < 0.1)
        #expect(abs((sez["planar_area_m2"] as? Double ?? 0) - 52998679.7) < 0.1)
        #expect(sez["declared_area_ha"] as? Double == 5300 && sez["flagged"] as? Bool == false)
        #expect(sez["crs"] as? String == "EPSG:9214")
        let totals = try #require(report["totals"] as? [String: [String: Any]])
        #expect(Set(totals.keys) == ["economic_zone", "specialized_economic_zone", "industrial_park"])
        #expect(totals["industrial_park"]?["count"] as? Int == 5)
        let csv = try CLI.run(["areas", "GeoData/zones.geojson", "--format", "csv", "--tolerance", "0.001"])
        #expect(csv.stdout.hasPrefix("id,name,kind,geodesic_area_m2"))
        #expect(csv.stdout.components(separatedBy: "true").count - 1 >= 5)  // a tight tolerance flags the sketches
        let table = try CLI.run(["areas", "GeoData/zones.geojson"])
        #expect(table.stdout.contains("FLAG") && table.stdout.contains("VN-2000 / TM-3"))
    }

    @Test func apportion() throws {
        let report = try json(try CLI.run(["apportion", "--zones", "GeoData/zones.geojson", "--communes", "GeoData/communes.geojson", "--format", "json"]))
        let zones = try #require(report["zones"] as? [[String: Any]])
        let sez = try #require(zones.first { $0["id"] as? String == "sez-hai-phong" })
        let parts = try #require(sez["communes"] as? [[String: Any]])
        #expect(parts.count == 6)
        // shapely + pyproj: 17,975,275.33 m² of the zone lies in Nguyễn Lương Bằng, 33.9 % of it.
        let nlb = try #require(parts.first { $0["commune"] as? String == "11242" })
        #expect(abs((nlb["area_m2"] as? Double ?? 0) - 17975275.3) < 0.1)
        #expect(abs((nlb["share_of_zone"] as? Double ?? 0) - 0.3392) < 1e-4)
        let csv = try CLI.run(["apportion", "--zones", "GeoData/zones.geojson", "--communes", "GeoData/communes.geojson", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("zone,zone_name,commune,commune_name,area_m2,area_ha,share_of_zone,share_of_commune"))
    }

    @Test func overlapsWithOutputLayer() throws {
        let output = URL(fileURLWithPath: try CLI.temporaryFile("", name: "x")).deletingLastPathComponent().appendingPathComponent("overlaps.geojson").path
        let report = try json(try CLI.run(["overlaps", "GeoData/zones.geojson", "--format", "json", "--output", output]))
        let pairs = try #require(report["pairs"] as? [[String: Any]])
        // Five parks, each inside its declared economic zone: containment, no conflict.
        #expect(pairs.count == 5 && report["conflicts"] as? Int == 0)
        #expect(pairs.allSatisfy { $0["relation"] as? String == "containment" && abs(($0["share_b"] as? Double ?? 0) - 1) < 1e-6 })
        #expect(try CLI.run(["validate", output]).status == 0)
        #expect(try CLI.run(["overlaps", "GeoData/zones.geojson", "--fail-on", "conflicts"]).status == 0)
    }

    @Test func coverageOfTheRealCommunes() throws {
        let output = URL(fileURLWithPath: try CLI.temporaryFile("", name: "x")).deletingLastPathComponent().appendingPathComponent("coverage.geojson").path
        let report = try json(try CLI.run(["coverage", "--communes", "\(CLI.sharedData)/hai_phong_communes_2025.geojson", "--format", "json", "--output", output]))
        // shapely + pyproj: 249 overlapping pairs, 4,310,427.84 m²; 840 holes in the union, 4,309,128.50 m².
        #expect(abs(Double((report["overlaps"] as? [Any])?.count ?? 0) - 249) <= 2.5)
        #expect(abs((report["overlap_area_m2"] as? Double ?? 0) - 4310427.8) / 4310427.8 < 1e-3)
        #expect(abs(Double((report["gaps"] as? [Any])?.count ?? 0) - 840) <= 8.4)
        #expect(abs((report["gap_area_m2"] as? Double ?? 0) - 4309128.5) / 4309128.5 < 1e-3)
        let layer = try String(contentsOfFile: output, encoding: .utf8)
        #expect(layer.contains("\"kind\":\"gap\"") && layer.contains("\"kind\":\"overlap\""))
        let minimum = try json(try CLI.run(["coverage", "--communes", "\(CLI.sharedData)/hai_phong_communes_2025.geojson", "--format", "json", "--min-area", "10000"]))
        #expect(((minimum["gaps"] as? [[String: Any]]) ?? []).allSatisfy { ($0["area_m2"] as? Double ?? 0) > 10000 })
    }

    @Test func adjacencyPairsAndGraph() throws {
        let report = try json(try CLI.run(["adjacency", "--zones", "GeoData/zones.geojson", "--corridors", "GeoData/corridors.geojson",
                                           "--distance", "500", "--measure-crs", "EPSG:9210", "--format", "json"]))
        let pairs = try #require(report["pairs"] as? [[String: Any]])
        #expect(report["crs"] as? String == "EPSG:9210")
        #expect(pairs.contains { $0["corridor"] as? String == "cor-tan-vu-lach-huyen-bridge" && $0["zone"] as? String == "ez-dinh-vu-cat-hai" && $0["touches"] as? Bool == true })
        #expect(pairs.allSatisfy { ($0["distance_m"] as? Double ?? 1e9) <= 500 && (($0["distance_m"] as? Double == 0) == ($0["touches"] as? Bool)) })
        // Shared boundaries: the six SEZ host communes tile, so their graph has edges.
        let graph = try json(try CLI.run(["adjacency", "--zones", "\(CLI.sharedData)/hai_phong_sez_host_communes_2025.geojson", "--graph"]))
        #expect((graph["nodes"] as? [Any])?.count == 6)
        #expect(((graph["edges"] as? [[String: Any]]) ?? []).allSatisfy { ($0["shared_length_m"] as? Double ?? 0) > 0 })
        let graphml = try CLI.run(["adjacency", "--zones", "GeoData/zones.geojson", "--graph", "--graph-format", "graphml"])
        #expect(graphml.stdout.hasPrefix("<?xml") && graphml.stdout.contains("<graphml"))
        #expect(try XMLDocument(xmlString: graphml.stdout).rootElement()?.name == "graphml")
        let dot = try CLI.run(["adjacency", "--zones", "GeoData/zones.geojson", "--graph", "--graph-format", "dot"])
        #expect(dot.stdout.hasPrefix("graph zones {"))
        #expect(try CLI.run(["adjacency", "--distance", "-1", "--zones", "GeoData/zones.geojson"]).status == 2)
    }

    @Test func registryAsInput() throws {
        let registry = URL(fileURLWithPath: try CLI.temporaryFile("", name: "x")).deletingLastPathComponent().appendingPathComponent("r.gpkg").path
        #expect(try CLI.run(["import", "GeoData", "--registry", registry]).status == 0)
        let report = try json(try CLI.run(["overlaps", "--registry", registry, "--format", "json"]))
        #expect(report["count"] as? Int == 5)
        let adjacency = try json(try CLI.run(["adjacency", "--distance", "100", "--registry", registry, "--format", "json"]))
        #expect(((adjacency["pairs"] as? [Any]) ?? []).count > 0)
    }

    @Test func helpOnAnalysisCommands() throws {
        for command in ["areas", "apportion", "overlaps", "coverage", "adjacency"] {
            let run = try CLI.run([command, "--help"])
            #expect(run.status == 0 && run.stdout.contains("USAGE"), "\(command)")
        }
    }
}

/// Every analysis command in every output format: the table has its header, the CSV its columns
/// with CRLF lines, the JSON parses.
struct AnalysisFormatTests {
    static let commands: [(name: String, arguments: [String], header: String)] = [
        ("areas", ["areas", "GeoData/zones.geojson"], "id"),
        ("apportion", ["apportion", "--zones", "GeoData/zones.geojson", "--communes", "GeoData/communes.geojson"], "zone"),
        ("overlaps", ["overlaps", "GeoData/zones.geojson"], "a"),
        ("adjacency", ["adjacency", "--zones", "GeoData/zones.geojson", "--corridors", "GeoData/corridors.geojson", "--distance", "300"], "corridor"),
    ]

    @Test(arguments: ["areas", "apportion", "overlaps", "adjacency"])
    func everyFormat(_ name: String) throws {
        let command = try #require(Self.commands.first { $0.name == name })
        let json = try CLI.run(command.arguments + ["--format", "json"])
        #expect(json.status == 0 && (try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil, "\(name) json")
        let csv = try CLI.run(command.arguments + ["--format", "csv"])
        #expect(csv.status == 0 && csv.stdout.hasPrefix(command.header + ",") && csv.stdout.hasSuffix("\r\n"), "\(name) csv")
        let table = try CLI.run(command.arguments + ["--format", "table"])
        #expect(table.status == 0 && !table.stdout.isEmpty, "\(name) table")
    }

    @Test func coverageInTableAndJSON() throws {
        let arguments = ["coverage", "--communes", "\(CLI.sharedData)/hai_phong_sez_host_communes_2025.geojson"]
        let table = try CLI.run(arguments)
        #expect(table.status == 0 && table.stdout.contains("units cover") && table.stdout.contains("gaps"))
        let json = try CLI.run(arguments + ["--format", "json"])
        #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil)
    }
}
