import ArgumentParser
import Foundation
import ZoneAtlas
import ZoneGeoJSON
import ZoneProjection

/// `zoneatlas adjacency`: which zones lie on which corridor, and which zones share a boundary.
struct AdjacencyCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "adjacency",
        abstract: "Zones touching or within a distance of each corridor; with --graph, zones sharing a boundary.")

    @Option(parsing: .upToNextOption, help: "Zone files (- reads standard input); without any, the registry's zones.",
            completion: .file(extensions: ["geojson", "json", "gpkg"]))
    var zones: [String] = []

    @Option(parsing: .upToNextOption, help: "Corridor files; without any, the registry's corridors.",
            completion: .file(extensions: ["geojson", "json", "gpkg"]))
    var corridors: [String] = []

    @Option(help: "Report zones within this many metres of a corridor (0: touching only); as review's --distance.")
    var distance = AdjacencyCommand.defaultDistanceMetres

    /// How near a corridor (m) a zone counts as lying on it, on `adjacency` and `review` alike.
    static let defaultDistanceMetres = 500.0

    @Option(help: "Measure in this projected CRS (e.g. EPSG:9210); by default the VN-2000 TM-3 or UTM zone that fits.")
    var measureCRS: String?

    @Option(name: .customLong("crs"), help: RenamedOption.help("--measure-crs"))
    var oldMeasureCRS: String?

    @Flag(help: "Print the zone adjacency graph instead: pairs sharing a boundary, with its length.")
    var graph = false

    @Option(help: "Output format: table, json or csv; with --graph also graphml or dot (default json).")
    var format: Format?

    @Option(name: .customLong("graph-format"), help: RenamedOption.help("--format"))
    var oldGraphFormat: Format?

    @OptionGroup var input: InputOptions

    @OptionGroup var messages: MessageOptions

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv, graphml, dot
    }

    func validate() throws {
        try RenamedOption.check("--format", given: format != nil, old: "--graph-format", given: oldGraphFormat != nil)
        if !(distance >= 0) { throw ValidationError("--distance must be 0 or more metres") }
        if !graph, let format = format ?? oldGraphFormat, format == .graphml || format == .dot {
            throw ValidationError("--format \(format.rawValue) is for --graph; corridor pairs are table, json or csv")
        }
        if zones.contains("-") && corridors.contains("-") { throw ValidationError("standard input ('-') can be read once only") }
    }

    func run() throws {
        let zoneFeatures = try input.entries(zones, layer: .zones, from: .zones)
        if graph {
            let graph = try ProgressBar.run("finding shared boundaries") { try AdjacencyGraph.build(zoneFeatures) }
            Terminal.output(AdjacencyGraphFormat.render(graph, as: format ?? oldGraphFormat ?? .json))
            return
        }
        let measureIn = try (measureCRS ?? oldMeasureCRS).map { try Terminal.crs($0, planarMetres: true) }
        let corridorFeatures = try input.entries(corridors, layer: .corridors, from: .corridors)
        let result = try ProgressBar.run("measuring distances") {
            try CorridorAdjacency.find(corridors: corridorFeatures, zones: zoneFeatures, distanceMetres: distance, crs: measureIn)
        }
        let table = Tabular(result.table)
        switch format ?? .table {
        case .json:
            Terminal.output(JSONWriter(indent: 2).string(result.json) + "\n")
        case .csv:
            Terminal.output(table.render(.csv))
        case .table, .graphml, .dot:
            Terminal.output(table.render(.table)
                + "\ndistances in \(result.crs.name) (\(result.crs.definition))\n")
        }
    }
}

/// The zone adjacency graph as JSON edges, GraphML or Graphviz DOT.
enum AdjacencyGraphFormat {
    static func render(_ graph: AdjacencyGraph, as format: AdjacencyCommand.Format) -> String {
        switch format {
        case .table, .csv:
            let rows = graph.edges.map { edge -> [JSONValue] in
                [.string(edge.a.id), .string(edge.a.name), .string(edge.b.id), .string(edge.b.name), Number.fixed(edge.sharedLengthMetres, 1)]
            }
            return Tabular(columns: ["a", "a_name", "b", "b_name", "shared_length_m"], rows: rows).render(format == .csv ? .csv : .table)
        case .json:
            let nodes = graph.nodes.map { JSONValue.object(["id": .string($0.id), "name": .string($0.name), "kind": .string($0.kindName)]) }
            let edges = graph.edges.map { JSONValue.object(["a": .string($0.a.id), "b": .string($0.b.id),
                                                             "shared_length_m": Number.fixed($0.sharedLengthMetres, 1)]) }
            return JSONWriter(indent: 2).string(.object(["nodes": .array(nodes), "edges": .array(edges)])) + "\n"
        case .graphml:
            var text = """
                <?xml version="1.0" encoding="UTF-8"?>
                <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
                  <key id="name" for="node" attr.name="name" attr.type="string"/>
                  <key id="kind" for="node" attr.name="kind" attr.type="string"/>
                  <key id="length" for="edge" attr.name="shared_length_m" attr.type="double"/>
                  <graph id="zones" edgedefault="undirected">

                """
            for node in graph.nodes {
                text += "    <node id=\"\(xml(node.id))\"><data key=\"name\">\(xml(node.name))</data><data key=\"kind\">\(xml(node.kindName))</data></node>\n"
            }
            for edge in graph.edges {
                text += "    <edge source=\"\(xml(edge.a.id))\" target=\"\(xml(edge.b.id))\"><data key=\"length\">\(String(format: "%.1f", edge.sharedLengthMetres))</data></edge>\n"
            }
            return text + "  </graph>\n</graphml>\n"
        case .dot:
            var text = "graph zones {\n"
            for node in graph.nodes { text += "  \(quote(node.id)) [label=\(quote(node.name))];\n" }
            for edge in graph.edges {
                text += "  \(quote(edge.a.id)) -- \(quote(edge.b.id)) [label=\"\(String(format: "%.0f m", edge.sharedLengthMetres))\"];\n"
            }
            return text + "}\n"
        }
    }

    private static func xml(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
