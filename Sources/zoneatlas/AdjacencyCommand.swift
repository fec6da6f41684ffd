import ArgumentParser
import Foundation
import ZoneAtlas
import ZoneGeoJSON
import ZoneProjection

/// `zoneatlas adjacency`: which zones lie on which corridor, and which zones share a boundary.
struct AdjacencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adjacency",
        abstract: "Zones touching or within a distance of each corridor; with --graph, zones sharing a boundary.")

    @Option(parsing: .upToNextOption, help: "Zone files; without any, the registry's zones.")
    var zones: [String] = []

    @Option(parsing: .upToNextOption, help: "Corridor files; without any, the registry's corridors.")
    var corridors: [String] = []

    @Option(help: "Report zones within this many metres of a corridor.")
    var distance = 0.0

    @Option(help: "Measure in this projected CRS (e.g. EPSG:9210); by default the VN-2000 TM-3 or UTM zone that fits.")
    var crs: String?

    @Flag(help: "Print the zone adjacency graph instead: pairs sharing a boundary, with its length.")
    var graph = false

    @Option(help: "Graph format: json, graphml or dot.")
    var graphFormat: GraphFormat = .json

    @Option(help: "Output format for corridor pairs: table, json or csv.")
    var format: Tabular.Format = .table

    @OptionGroup var input: InputOptions

    enum GraphFormat: String, ExpressibleByArgument, CaseIterable {
        case json, graphml, dot
    }

    func validate() throws {
        if distance < 0 { throw ValidationError("--distance must be 0 or more metres") }
    }

    func run() throws {
        let zoneFeatures = try input.entries(zones, layer: .zones, from: .zones)
        if graph {
            let graph = try ProgressBar.run("finding shared boundaries") { try AdjacencyGraph.build(zoneFeatures) }
            Terminal.output(AdjacencyGraphFormat.render(graph, as: graphFormat))
            return
        }
        let measureIn = try crs.map { try Terminal.crs($0, for: "adjacency", planarMetres: true) }
        let corridorFeatures = try input.entries(corridors, layer: .corridors, from: .corridors)
        let result = try ProgressBar.run("measuring distances") {
            try CorridorAdjacency.find(corridors: corridorFeatures, zones: zoneFeatures, distanceMetres: distance, crs: measureIn)
        }
        let table = Tabular(result.table)
        switch format {
        case .json:
            Terminal.output(JSONWriter(indent: 2).string(result.json) + "\n")
        case .csv:
            Terminal.output(table.render(.csv))
        case .table:
            Terminal.output(table.render(.table)
                + "\ndistances in \(result.crs.name) (\(result.crs.definition))\n")
        }
    }
}

/// The zone adjacency graph as JSON edges, GraphML or Graphviz DOT.
enum AdjacencyGraphFormat {
    static func render(_ graph: AdjacencyGraph, as format: AdjacencyCommand.GraphFormat) -> String {
        switch format {
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
