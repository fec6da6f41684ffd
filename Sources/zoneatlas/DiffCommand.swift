import ArgumentParser
import Foundation
import ZoneAtlas
import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// `zoneatlas diff A B`: what changed between two revisions, days or boundary files.
struct DiffCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two states of the plan: revisions, days or boundary files.",
        discussion: """
            A and B are each a revision number of the registry, a day (YYYY-MM-DD, UTC: the last revision of that day), \
            or a boundary file or folder (GeoJSON or GeoPackage; no registry needed, files in other CRSs are \
            reprojected). Features are matched by layer and id. For each added, removed or changed feature: the \
            hectares gained and lost (geodesic on WGS 84), the farthest the boundary moved (Hausdorff distance, metres, \
            in a fitting VN-2000 TM-3 or UTM zone), the declared area before and after, and every other field changed \
            (old → new), and for zones the hectares gained and lost in each commune. Where ids do not match, removed and added polygons sharing ground are reported as merged \
            (one line per new feature, with each old one's share of it), split (one line per old feature, with each \
            new part's share of it), renumbered or reorganised. --format geojson writes the gained and lost polygons, \
            for QGIS.
            """)

    @Argument(help: "The earlier state: a revision number, a day (YYYY-MM-DD) or a boundary file.",
              completion: .file(extensions: ["geojson", "json", "gpkg"]))
    var from: String

    @Argument(help: "The later state: a revision number, a day (YYYY-MM-DD) or a boundary file.",
              completion: .file(extensions: ["geojson", "json", "gpkg"]))
    var to: String

    @Option(help: "Only this layer: zones, communes or corridors.")
    var layer: Layer?

    @Option(help: "Boundaries that move by no more than this many metres anywhere count as unchanged.")
    var toleranceM = 0.01

    @Option(help: "Output format: table, json, csv, or geojson (the gained and lost polygons).")
    var format: DiffFormat = .table

    @Option(help: "Write to this file ('-' for stdout, the default).", completion: .file(extensions: ["json", "csv", "geojson", "txt"]))
    var output = "-"

    @OptionGroup var input: InputOptions

    @OptionGroup var messages: MessageOptions

    /// How much of a changed field's old and new values a table shows (JSON and CSV give them whole).
    static let valueLimit = 40

    enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv, geojson
    }

    func run() throws {
        guard from != "-" || to != "-" else {
            throw CommandFailure.usageOrIO("standard input ('-') can be only one of the two states")
        }
        // The two states are read at once: a read's parser and its finishing each take a core part of the time.
        let (before, after) = try concurrently({ try state(from) }, { try state(to) })
        let layers = layer.map { [$0] } ?? Layer.allCases
        let (diff, communes) = try ProgressBar.run("comparing") { () throws -> (PlanDiff, AnalysisTable) in
            // The parts gained and lost are kept for the map's polygons, and the zones' for their communes.
            let diff = try PlanDiff.between(before.filter { layers.contains($0.layer) }, after.filter { layers.contains($0.layer) },
                                            toleranceMetres: toleranceM, keepingParts: format == .geojson ? Set(Layer.allCases) : [.zones])
            // The zones' changes over the communes of the later state (of the earlier, if it has none).
            let later = after.filter { $0.layer == .communes }
            return (diff, try diff.byCommune(later.isEmpty ? before.filter { $0.layer == .communes } : later))
        }
        let text: String
        switch format {
        case .table:
            let shown = ["layer", "id", "name", "change", "gained_ha", "lost_ha", "hausdorff_m", "declared_change_ha", "parts", "fields"]
            text = diff.items.isEmpty ? "no differences between \(from) and \(to)\n"
                : Tabular(diff.table(valueLimit: Self.valueLimit), shown: shown).render(.table) + "\n" + Tabular(diff.summary).render(.table)
                  + (communes.rows.isEmpty ? "" : "\n" + Tabular(communes).render(.table))
                  + "geodesic areas on WGS 84; boundary shifts in \(diff.crs.name) (\(diff.crs.definition))\n"
        case .csv:
            text = diff.table.csv()
        case .json:
            text = JSONWriter(indent: 2).string(.object([
                "from": .string(from), "to": .string(to), "shift_crs": .string(diff.crs.definition),
                "changes": .array(diff.table.objects()), "summary": .array(diff.summary.objects()),
                "by_commune": .array(communes.objects()),
            ])) + "\n"
        case .geojson:
            var collection = FeatureCollection(features: diff.features)
            collection.foreignMembers["name"] = .string("changes \(from) → \(to)")
            text = try GeoJSONWriter().string(collection) + "\n"
        }
        try OutputFile(path: output).write(text, what: "\(diff.items.count) changes")
    }

    /// A boundary file's entries as an import would map them (ids required: features are matched by
    /// them), reprojected to WGS 84. Errors in the file: exit 1; a file that cannot be read: exit 2.
    private func read(_ path: String) throws -> [RegistryEntry] {
        var options = ReadOptions(polygonize: input.polygonize)
        if let crs = input.inputCRS { options.crs = try Terminal.crs(crs) }
        let importer = RegistryImporter(readOptions: options, mapper: FeatureMapper(mapping: try input.registry.mapping()))
        switch Result(catching: { () throws(RegistryError) in try importer.read([path]) }) {
        case let .success(batch):
            return batch.entries
        case let .failure(.invalidInput(results)):
            Terminal.error(ValidationReport.text(results.filter(\.hasErrors)))
            throw CommandFailure.inputHasErrors("\(path) has errors; nothing compared")
        case let .failure(error):
            if case .unreadable = error { throw CommandFailure.usageOrIO("\(error)") }
            throw CommandFailure.inputHasErrors("\(error)")
        }
    }

    /// The entries of a state: a file or folder's (if one is there by that name), else the registry's at a revision.
    private func state(_ text: String) throws -> [RegistryEntry] {
        if text == "-" {
            // Standard input, read whole before its copy is let go.
            let input = try InputPaths([text], limit: input.stream)
            defer { input.release() }
            return try read(input.readable[0])
        }
        if FileManager.default.fileExists(atPath: text) {
            return try read(text)
        }
        guard RevisionPoint(text) != nil else {
            throw CommandFailure.usageOrIO("'\(Terminal.visible(text))' is no file, revision number or day (YYYY-MM-DD)")
        }
        let store = try input.registry.existingStore()
        let revision = try input.registry.revision(text, in: store)
        return try input.registry.run { try store.entries(at: revision) }
    }
}
