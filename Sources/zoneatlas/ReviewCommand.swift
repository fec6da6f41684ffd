import ArgumentParser
import Foundation
import ZoneAtlas

/// `zoneatlas review`: one command from boundary files to a report with a map.
struct ReviewCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review boundary files: areas against decisions, overlaps, communes, corridors, problems — as HTML with a map.",
        discussion: """
            Writes index.html (an interactive map and the tables; self-contained, works offline), map.svg (for print), \
            review.json, overlaps.geojson, commune-overlaps.geojson, gaps.geojson and the tables in full as CSV to --out-dir. \
            Overlaps and gaps below --min-area or thinner than --sliver-width are slivers: counted and summarised, not listed or drawn. \
            The interactive map inlines Leaflet from Debian's libjs-leaflet (/usr/share/javascript/leaflet). \
            Exit status: 0, or 1 when --fail-on finds what it names, 2 for usage or I/O errors.
            """)

    @Argument(help: "GeoJSON or GeoPackage files, or directories of them; - reads standard input.",
              completion: .file(extensions: ["geojson", "json", "gpkg"]))
    var paths: [String] = []

    @Option(help: "Also review the entries of this registry GeoPackage.", completion: .file(extensions: ["gpkg"]))
    var registry: String?

    @Option(help: "Review the registry as it was at this revision number, or at the end of this day (YYYY-MM-DD, UTC).")
    var at: String?

    @Option(help: "Add a \"What changed\" section against this earlier state: a revision number or day (YYYY-MM-DD) of --registry, or a boundary file.")
    var against: String?

    @Option(help: "The directory to write the review to (default: review).", completion: .directory)
    var outDir: String?

    @Option(name: .customLong("out"), help: RenamedOption.help("--out-dir"))
    var oldOutDir: String?

    @Option(help: "Exit 1 on input errors (errors), on any conflicting overlap or input error (conflicts), or never.")
    var failOn: FailOn = .errors

    @Option(help: "How far from a corridor (metres) a zone counts as lying on it; as adjacency's --distance.")
    var distance = AdjacencyCommand.defaultDistanceMetres

    @Option(help: "Flag measured areas further than this many percent from the declared area.")
    var tolerance = 5.0

    @Option(help: "Overlaps and gaps smaller than this (m²) are slivers.")
    var minArea = 0.0

    @Option(help: "Overlaps and gaps thinner than this (m, as 2·area/perimeter) are slivers.")
    var sliverWidth = 20.0

    @Option(name: .customLong("map"), help: "Take a field from another property, as field=property (e.g. declared_area_km2=area); repeatable.")
    var mappings: [String] = []

    @OptionGroup var stream: StreamLimit

    @OptionGroup var messages: MessageOptions

    /// Names each phase on stderr as it begins.
    static func announce(_ phase: ReviewPhase) {
        Terminal.info("zoneatlas review: \(phase.rawValue)…")
    }

    /// The earlier state `--against` names: a boundary file (if one is there by that name), else a
    /// revision or day of the registry, with the revisions after it up to the one reviewed.
    private func baseline(_ text: String, registry: (any RegistryStore)?, until revision: Int?, mapping: FieldMapping) throws
        -> ReviewChanges.Baseline {
        if FileManager.default.fileExists(atPath: text) {
            let entries = try RegistryImporter(mapper: FeatureMapper(mapping: mapping)).read([text]).entries
            return ReviewChanges.Baseline(label: text, entries: entries, layers: Set(entries.map(\.layer)))
        }
        guard let point = RevisionPoint(text), let registry else {
            throw ValidationError("--against is a boundary file, or a revision number or day (YYYY-MM-DD) of --registry, not '\(text)'")
        }
        let number = try registry.revision(point)
        let later = try registry.revisions().filter { $0.number > number && $0.number <= (revision ?? Int.max) }
        return ReviewChanges.Baseline(label: "revision \(number)", entries: try registry.entries(at: number), revisions: later)
    }

    func validate() throws {
        try RenamedOption.check("--out-dir", given: outDir != nil, old: "--out", given: oldOutDir != nil)
        if outDir == "-" || oldOutDir == "-" { throw ValidationError("--out-dir is a directory; a review is several files, not one stream") }
        if paths.isEmpty && registry == nil { throw ValidationError("give boundary files or directories, or --registry") }
        if at != nil && registry == nil { throw ValidationError("--at reads the registry at a revision: give --registry") }
        if let at, RevisionPoint(at) == nil { throw ValidationError("--at is a revision number or a day written YYYY-MM-DD, not '\(at)'") }
        if !(minArea >= 0) || !(sliverWidth >= 0) { throw ValidationError("--min-area and --sliver-width must be 0 or more") }
    }

    func run() throws {
        let out = outDir ?? oldOutDir ?? "review"
        let stored = try registry.map { path -> any RegistryStore in
            let store: any RegistryStore
            do {
                store = try registryStore(at: path)
            } catch {
                throw CommandFailure.usageOrIO("\(error)")
            }
            guard store.exists else { throw CommandFailure.usageOrIO("no registry at \(store.location)") }
            return store
        }
        let input = try InputPaths(paths, limit: stream)
        defer { input.release() }
        var mapping = FieldMapping()
        var review: PlanningReview
        do {
            for assignment in mappings { try mapping.set(assignment) }
            let revision = try at.flatMap(RevisionPoint.init).map { point in try stored?.revision(point) }.flatMap { $0 }
            let baseline = try against.map { try self.baseline($0, registry: stored, until: revision, mapping: mapping) }
            review = try PlanningReview.make(paths: input.readable, registry: stored, at: revision, against: baseline, mapping: mapping,
                                             corridorDistanceMetres: distance,
                                             tolerancePercent: tolerance,
                                             slivers: SliverTolerance(minimumAreaSquareMetres: minArea, widthMetres: sliverWidth),
                                             progress: Self.announce)
        } catch let error as RegistryError {
            throw CommandFailure.usageOrIO(input.shown("\(error)"))
        } catch let error as ReviewError {
            switch error {
            case .reading, .registry: throw CommandFailure.usageOrIO(input.shown("\(error)"))
            case .analysis, .writing, .leafletMissing, .cancelled: throw error
            }
        }
        // The page and review.json name standard input as typed.
        review.inputs = review.inputs.map(input.shown)
        let index: String
        do {
            index = try review.write(to: out, progress: Self.announce)
        } catch {
            throw CommandFailure.usageOrIO("\(error)")
        }
        let flagged = review.areas.rows.filter(\.flagged)
        var summary = "\(review.zones.count) zones, \(review.communes.count) communes, \(review.corridors.count) corridors "
            + "(areas and distances in \(review.crs.name))\n"
        summary += "\(review.conflicts.count) conflicting overlap\(review.conflicts.count == 1 ? "" : "s"), "
            + "\(review.overlaps.pairs.count - review.conflicts.count) zone\(review.overlaps.pairs.count - review.conflicts.count == 1 ? "" : "s") inside declared parents\n"
        summary += "\(flagged.count) area\(flagged.count == 1 ? "" : "s") off the declared figure by more than \(tolerance) %"
            + (flagged.isEmpty ? "" : ": " + flagged.map { "\($0.name) (\(String(format: "%+.1f", $0.differencePercent ?? 0)) %)" }.joined(separator: ", ")) + "\n"
        if let coverage = review.coverage {
            summary += "communes: \(coverage.overlaps.count) overlapping pairs, \(coverage.gaps.count) gaps"
            let slivers = coverage.overlapSlivers.count + coverage.gapSlivers.count
            if slivers > 0 {
                summary += String(format: " (and %d sliver overlaps, %d sliver gaps, %.2f ha in all, set aside)", coverage.overlapSlivers.count,
                                  coverage.gapSlivers.count, (coverage.overlapSlivers.totalSquareMetres + coverage.gapSlivers.totalSquareMetres) / 10_000)
            }
            summary += "\n"
        }
        summary += "\(review.inputErrors.count) error\(review.inputErrors.count == 1 ? "" : "s") in the input files\n"
        Terminal.output(summary + "report: \(index)\n")
        switch failOn {
        case .never: break
        case .errors:
            if !review.inputErrors.isEmpty { throw CommandFailure.inputHasErrors("\(Self.count(review.inputErrors.count, "error")) in the input files (--fail-on errors)") }
        case .conflicts:
            if !review.inputErrors.isEmpty || !review.conflicts.isEmpty {
                throw CommandFailure.inputHasErrors("\(Self.count(review.inputErrors.count, "error")) in the input files and "
                                                    + "\(Self.count(review.conflicts.count, "conflicting overlap")) (--fail-on conflicts)")
            }
        }
    }

    /// "1 error", "2 errors".
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
