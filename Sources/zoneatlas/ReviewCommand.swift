import ArgumentParser
import Foundation
import ZoneAtlas

/// `zoneatlas review`: one command from boundary files to a report with a map.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review boundary files: areas against decisions, overlaps, communes, corridors, problems — as HTML with a map.",
        discussion: """
            Writes index.html (self-contained), map.svg, review.json, overlaps.geojson and gaps.geojson to --out. \
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

    @Option(name: .customLong("map"), help: "Take a field from another property, as field=property (e.g. declared_area_km2=area); repeatable.")
    var mappings: [String] = []

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case errors, conflicts, never
    }

    func validate() throws {
        if paths.isEmpty && registry == nil { throw ValidationError("give boundary files or directories, or --registry") }
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
            review = try ProgressBar.run("reviewing") {
                try PlanningReview.make(paths: paths, registry: stored, mapping: mapping, corridorDistanceMetres: distance,
                                        tolerancePercent: tolerance)
            }
        } catch let error as RegistryError {
            Terminal.error("zoneatlas review: \(error)")
            throw ZoneAtlasCommand.usageOrIO
        }
        let index: String
        do {
            index = try review.write(to: out)
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
            summary += "communes: \(coverage.overlaps.count) overlapping pairs, \(coverage.gaps.count) gaps\n"
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
