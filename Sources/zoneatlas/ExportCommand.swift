import ArgumentParser
import Foundation
import ZoneAtlas
import ZoneGeoJSON
import ZoneGeometry

/// `zoneatlas export`: a layer as GeoJSON or CSV.
struct ExportCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a layer of the registry as GeoJSON (RFC 7946) or CSV (with a WKT geometry column).")

    @Option(help: "The layer of the registry: zones, communes or corridors.")
    var layer: Layer

    @Option(help: "Output format: geojson or csv.")
    var format: ExportFormat = .geojson

    @Option(help: "Write to this file instead of standard output (- is standard output).", completion: .file(extensions: ["geojson", "csv"]))
    var output: String?

    @Option(help: "Read the registry as it was at this revision number, or at the end of this day (YYYY-MM-DD, UTC).")
    var at: String?

    @OptionGroup var registry: RegistryOptions

    @OptionGroup var messages: MessageOptions

    enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
        case geojson, csv
    }

    /// The entry as a GeoJSON feature: registry fields first, then the source properties.
    static func feature(_ entry: RegistryEntry) -> Feature {
        let row = Dictionary(uniqueKeysWithValues: zip(EntryRows.columns, EntryRows.row(entry)))
        var properties = JSONObject()
        for column in ["name", "kind", "status", "parent", "declared_ha"] where row[column] != nil && row[column] != .null {
            properties[column] = row[column]
        }
        if case let .zone(zone) = entry, let basis = zone.legalBasis {
            properties["decision"] = .string(basis.decision)
            if let date = basis.date { properties["decision_date"] = .string(date) }
        }
        for member in entry.feature.properties where properties[member.key] == nil && member.key != "id" {
            properties[member.key] = member.value
        }
        return Feature(index: 0, id: .string(entry.id), geometry: entry.feature.geometry, properties: properties)
    }

    func run() throws {
        let store = try registry.existingStore()
        let revision = try registry.revision(at, in: store)
        let entries = try registry.run { try store.entries(RegistryFilter(layers: [layer]), at: revision) }
        let text: String
        switch format {
        case .geojson:
            var collection = FeatureCollection(features: entries.map(Self.feature))
            collection.foreignMembers["name"] = .string(layer.rawValue)
            text = try GeoJSONWriter().string(collection) + "\n"
        case .csv:
            let rows = try entries.map { entry -> [JSONValue] in
                EntryRows.row(entry) + [.string(try entry.feature.geometry.wkt())]
            }
            text = Tabular(columns: EntryRows.columns + ["wkt"], rows: rows).render(.csv)
        }
        try OutputFile(path: output ?? "-").write(text, what: "\(entries.count) \(layer.rawValue)")
    }
}
