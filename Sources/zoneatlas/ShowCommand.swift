import ArgumentParser
import Foundation
import ZoneAtlas
import ZoneGeoJSON
import ZoneProjection

/// `zoneatlas show ID`: one entry, whole.
struct ShowCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one zone, commune or corridor: its facts, properties and geometry.")

    @Argument(help: "The id of the zone, commune or corridor.")
    var id: String

    @Option(help: "Output format: text, json or geojson.")
    var format: ShowFormat = .text

    @Option(help: "Read the registry as it was at this revision number, or at the end of this day (YYYY-MM-DD, UTC).")
    var at: String?

    @OptionGroup var registry: RegistryOptions

    @OptionGroup var messages: MessageOptions

    enum ShowFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, geojson
    }

    func run() throws {
        let store = try registry.existingStore()
        let revision = try registry.revision(at, in: store)
        guard let entry = try registry.run({ try store.entry(id: id, at: revision) }) else {
            throw CommandFailure.inputHasErrors("\(RegistryError.notFound(id))" + (revision.map { " at revision \($0)" } ?? ""))
        }
        let feature = entry.feature
        let row = Dictionary(uniqueKeysWithValues: zip(EntryRows.columns, EntryRows.row(entry)))
        switch format {
        case .geojson:
            let json = try GeoJSONWriter().json(ExportCommand.feature(entry))
            Terminal.output(JSONWriter(indent: 2).string(json) + "\n")
        case .json:
            var object = JSONObject(EntryRows.columns.map { (key: $0, value: row[$0] ?? .null) })
            object["geometry_type"] = .string(feature.geometry.type.rawValue)
            object["vertices"] = .number(String(feature.geometry.coordinateCount))
            if case let .zone(zone) = entry {
                object["decision"] = zone.legalBasis.map { .string($0.decision) } ?? .null
                object["decision_date"] = zone.legalBasis?.date.map(JSONValue.string) ?? .null
            }
            object["properties"] = .object(feature.properties)
            Terminal.output(JSONWriter(indent: 2).string(.object(object)) + "\n")
        case .text:
            var lines: [(String, String)] = EntryRows.columns.compactMap { column in
                guard let value = row[column], value != .null else { return nil }
                return (column, value.stringValue ?? "")
            }
            if case let .zone(zone) = entry, let basis = zone.legalBasis {
                lines.append(("decision", basis.decision + (basis.date.map { " of \($0)" } ?? "")))
            }
            lines.append(("geometry", "\(feature.geometry.type.rawValue), \(feature.geometry.partCount) part(s), \(feature.geometry.coordinateCount) vertices"))
            if let envelope = feature.geometry.envelope {
                lines.append(("bbox", String(format: "%.6f, %.6f, %.6f, %.6f", envelope.minX, envelope.minY, envelope.maxX, envelope.maxY)))
            }
            for member in feature.properties {
                lines.append(("  " + member.key, member.value.stringValue ?? JSONWriter().string(member.value)))
            }
            let width = lines.map(\.0.count).max() ?? 0
            Terminal.output(lines.map { $0.0 + String(repeating: " ", count: width - $0.0.count) + "  " + $0.1 }.joined(separator: "\n") + "\n")
        }
    }
}
