import ArgumentParser
import Foundation
import ZoneAtlas

/// `zoneatlas review`: one command from boundary files to a report with a map.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review boundary files: areas against decisions, overlaps, communes, corridors, problems — as HTML with a map.",
        discussion: """
            Writes index.html (an interactive map and the tables; self-contained, works offline), map.svg (for print), \
            review.json, overlaps.geojson, commune-overlaps.geojson, gaps.geojson and the tables in full as CSV to --out. \
            Overlaps and gaps below --min-area or thinner than --sliver-width are slivers: counted and summarised, not listed or drawn. \
            The interactive map inlines Leaflet from Debian's libjs-leaflet (/usr/share/javascript/leaflet). \
            Exit status: 0, or 1 when --fail-on finds what it names, 2 for usage or I/O errors.
            """)

    @Argument(help: "GeoJSON or GeoPackage files, or directories of them.")
    var paths: [String] = []

    @Option(help: "Also review the entries of this registry GeoPackage.")
    var registry: String?

    @Option(help: "The directory to write the review to.")
    var out = "review"

    @Option(help: "Exit 1 on input errors (errors), on any conflicting overlap or input error (conflicts), or never.")
    var failOn: FailOn = .errors

    @Option(help: "How far from a corridor (metres) a zone counts as lying on it.")
    var distance = 500.0

    @Option(help: "Flag measured areas further than this many percent from the declared area.")
    var tolerance = 5.0

    @Option(help: "Overlaps and gaps smaller than this (m²) are slivers.")
    var minArea = 0.0

    @Option(help: "Overlaps and gaps thinner than this (m, as 2·area/perimeter) are slivers.")
    var sliverWidth = 20.0

    @Option(name: .customLong("map"), help: "Take a field from another property, as field=property (e.g. declared_area_km2=area); repeatable.")
    var mappings: [String] = []

    /// Names each phase on stderr as it begins.
    static func announce(_ phase: ReviewPhase) {
        Terminal.error("zoneatlas review: \(phase.rawValue)…")
    }

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case errors, conflicts, never
    }

    func validate() throws {
        if paths.isEmpty && registry == nil { throw ValidationError("give boundary files or directories, or --registry") }
        if !(minArea >= 0) || !(sliverWidth >= 0) { throw ValidationError("--min-area and --sliver-width must be 0 or more") }
    }

    func run() throws {
        let stored = try registry.map { path -> GeoPackageStore in
            let store = GeoPackageStore(path: path)
            guard store.exists else {
                Terminal.error("zoneatlas review: no registry at \(path)")
                throw ZoneAtlasCommand.usageOrIO
            }
            return store
        }
        var mapping = FieldMapping()
        let review: PlanningReview
        do {
            for assignment in mappings { try mapping.set(assignment) }
            review = try PlanningReview.make(paths: paths, registry: stored, mapping: mapping, corridorDistanceMetres: distance,
                                             tolerancePercent: tolerance,
                                             slivers: SliverTolerance(minimumAreaSquareMetres: minArea, widthMetres: sliverWidth),
                                             progress: Self.announce)
        } catch let error as RegistryError {
            Terminal.error("zoneatlas review: \(error)")
            throw ZoneAtlasCommand.usageOrIO
        }
        let index: String
        do {
            index = try review.write(to: out, progress: Self.announce)
        } catch let error as ReviewError {
            Terminal.error("zoneatlas review: \(error)")
            throw ZoneAtlasCommand.usageOrIO
        } catch {
            Terminal.error("zoneatlas review: cannot write \(out): \(error.localizedDescription)")
            throw ZoneAtlasCommand.usageOrIO
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
        case .errors: if !review.inputErrors.isEmpty { throw ZoneAtlasCommand.inputHasErrors }
        case .conflicts: if !review.inputErrors.isEmpty || !review.conflicts.isEmpty { throw ZoneAtlasCommand.inputHasErrors }
        }
    }
}
