import ArgumentParser
import Foundation
import ZoneAtlas
import ZoneGeoJSON
import ZoneGeometry

/// `zoneatlas list`: what the registry holds, filtered.
struct ListCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List zones, communes and corridors in the registry, with declared and measured (geodesic) areas.")

    @Option(help: "Only this layer of the registry: zones, communes or corridors.")
    var layer: Layer?

    @Option(help: "Only this kind (e.g. industrial_park, ward, expressway).")
    var kind: String?

    @Option(help: "Only zones with this status: planned or established.")
    var status: String?

    @Option(help: "Only zones inside this parent zone id.")
    var parent: String?

    @Option(help: "Only names containing this text; diacritics optional (\"thuong hong\" finds Thượng Hồng).")
    var name: String?

    @Option(help: "Only entries meeting this lon/lat box: west,south,east,north.")
    var bbox: String?

    @Option(help: "Output format: table, json or csv.")
    var format: Tabular.Format = .table

    @Option(help: "Read the registry as it was at this revision number, or at the end of this day (YYYY-MM-DD, UTC).")
    var at: String?

    @OptionGroup var registry: RegistryOptions

    @OptionGroup var messages: MessageOptions

    func run() throws {
        var filter = RegistryFilter(kind: kind, parent: parent, name: name)
        if let layer { filter.layers = [layer] }
        if let status {
            guard let value = ZoneStatus(rawValue: status) else { throw ValidationError("--status is planned or established") }
            filter.status = value
        }
        if let bbox {
            let numbers = bbox.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard numbers.count == 4, numbers[0] <= numbers[2], numbers[1] <= numbers[3] else {
                throw ValidationError("--bbox is west,south,east,north in degrees, e.g. 106.6,20.7,106.9,20.9")
            }
            filter.bbox = Envelope(minX: numbers[0], minY: numbers[1], maxX: numbers[2], maxY: numbers[3])
        }
        let store = try registry.existingStore()
        let revision = try registry.revision(at, in: store)
        var rows: [[JSONValue]] = []
        try registry.run { try store.forEachEntry(filter, at: revision) { rows.append(EntryRows.row($0)) } }
        Terminal.output(Tabular(columns: EntryRows.columns, rows: rows).render(format))
    }
}
