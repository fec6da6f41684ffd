import Foundation
import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

/// The review a planning office makes of a set of boundary files: what is there, how big it is
/// against what the decisions declare, what overlaps, how zones divide among communes, whether
/// the communes tile, what lies on which corridor — and every problem in the input.
public struct PlanningReview: Sendable {
    /// The validation result of each input file (problems, with repaired geometries used for the analyses).
    public var inputs: [ReadResult]
    /// The zones reviewed, one per id.
    public var zones: [Zone]
    /// The communes reviewed, one per code.
    public var communes: [Commune]
    /// The corridors reviewed, one per id.
    public var corridors: [Corridor]
    /// Declared and measured areas of the zones and communes (m², ha).
    public var areas: AreaReport
    /// Overlapping zones, with the geodesic area (m²) and share of each.
    public var overlaps: OverlapReport
    /// How each zone divides among the communes (m², shares).
    public var apportionment: Apportionment
    /// The communes' coverage, when there are at least two.
    public var coverage: CoverageReport?
    /// The zones on each corridor (within the corridor distance, m).
    public var adjacency: CorridorAdjacency
    /// What changed since an earlier state, when the review was made against one.
    public var changes: ReviewChanges?
    /// The projected CRS of planar measures and of the map.
    public var crs: CRS
    /// Which overlaps and gaps were counted as slivers rather than listed.
    public var slivers: SliverTolerance
    /// How fields were read from properties (labels use only real names, never an id made from a file name).
    public var mapping: FieldMapping
    /// When the review was made.
    public var date: Date

    /// Reviews boundary files and directories of them (GeoJSON or GeoPackage) plus, optionally, a
    /// registry. Files with errors are still reviewed as far as they can be: invalid geometries are
    /// repaired for the analyses and every problem is listed.
    /// - Parameters:
    ///   - paths: GeoJSON and GeoPackage files, and folders of them.
    ///   - registry: a registry whose entries are reviewed with the files (a file's entry wins over
    ///     the registry's of the same layer and id).
    ///   - revision: read the registry as it was at this revision (`nil`: as it is now).
    ///   - baseline: an earlier state to report the changes from (the "What changed" section).
    ///   - mapping: how the registry fields are read from the features' properties.
    ///   - corridorDistanceMetres: how far from a corridor a zone counts as lying on it.
    ///   - tolerancePercent: flag zones whose measured area differs from the declared one by more
    ///     than this, in per cent.
    ///   - slivers: overlaps and gaps below this are counted and summarised, not listed or drawn.
    ///   - progress: called as each phase begins.
    /// - Throws: a ``ReviewError``: ``ReviewError/reading(_:)`` for a file that cannot be read at
    ///   all, ``ReviewError/registry(_:)`` for the registry or a GeoPackage input,
    ///   ``ReviewError/analysis(_:phase:)`` naming the phase and the feature GEOS or PROJ failed
    ///   on, or ``ReviewError/cancelled(phase:)`` once the call's `WorkCancellation` is raised
    ///   (checked as each phase begins, before each batch read and each chunk of the parallel work).
    public static func make(paths: [String], registry: (any RegistryStore)? = nil, at revision: Int? = nil,
                            against baseline: ReviewChanges.Baseline? = nil, mapping: FieldMapping = FieldMapping(),
                            corridorDistanceMetres: Double = 500, tolerancePercent: Double = 5, slivers: SliverTolerance = .none,
                            progress: (ReviewPhase) -> Void = { _ in }) throws(ReviewError) -> PlanningReview {
        // Each phase begins only while the review is wanted (its `WorkCancellation` not raised),
        // and its failure names it.
        func phase<T>(_ phase: ReviewPhase, _ body: () throws(AnalysisError) -> T) throws(ReviewError) -> T {
            guard !WorkCancellation.isCancelled else { throw .cancelled(phase: phase) }
            progress(phase)
            return try ReviewError.during(phase, body)
        }
        guard !WorkCancellation.isCancelled else { throw .cancelled(phase: .reading) }
        progress(.reading)
        var reading = ReviewReading(mapper: FeatureMapper(mapping: mapping, forAnalysis: true))
        let files: [String]
        do throws(RegistryError) {
            reading.entries = try registry?.entries(at: revision) ?? []
            files = try RegistryImporter.files(in: paths)
        } catch let .unreadable(path, reason) {
            throw .reading(.unreadable(path: path, reason: reason))
        } catch .cancelled {
            throw .cancelled(phase: .reading)
        } catch {
            throw .registry(error)
        }
        for file in files {
            if RegistryImporter.isGeoPackage(file) {
                try reading.readGeoPackage(file)
            } else {
                try reading.readGeoJSON(file)
            }
        }
        let inputs = reading.inputs, entries = reading.entries
        // One entry per layer and id, the last read winning (a file given twice, or a registry and a file).
        let merged = LayeredEntries(entries)
        let zones = merged.zones, communes = merged.communes, corridors = merged.corridors
        let (crs, areas) = try phase(.areas) { () throws(AnalysisError) in
            let crs = try analysing { () throws(ProjectionError) in
                if let fitting = try Self.fittingCRS(communes + zones + corridors) { return fitting }
                return try ProjectedCRSChoice.fitting([])
            }
            return (crs, try AreaReport.measure(zones + communes, crs: crs, tolerancePercent: tolerancePercent,
                                                measured: reading.measured ?? AreaMeasures()))
        }
        // Zones are polygonal, so the first rows are theirs, in order: measured once, used again for shares.
        let zoneAreas = areas.rows.prefix(zones.count).map(\.geodesicAreaSquareMetres)
        let overlaps = try phase(.overlaps) { () throws(AnalysisError) in
            try OverlapReport.find(zones, slivers: slivers, areasSquareMetres: zoneAreas.count == zones.count ? zoneAreas : nil)
        }
        let measured = Dictionary(areas.rows.map { ("\($0.layer.rawValue)/\($0.id)", $0.geodesicAreaSquareMetres) }, uniquingKeysWith: { a, _ in a })
        let apportionment = try phase(.apportionment) { () throws(AnalysisError) in
            communes.isEmpty ? Apportionment(parts: [], zones: [])
                : try Apportionment.compute(zones: zones, communes: communes, areasSquareMetres: measured)
        }
        let communeAreas = communes.compactMap { measured["communes/\($0.id)"] }
        let coverage = try phase(.coverage) { () throws(AnalysisError) in
            communes.count >= 2
                ? try CoverageReport.check(communes, slivers: slivers, areasSquareMetres: communeAreas.count == communes.count ? communeAreas : nil)
                : nil
        }
        let adjacency = try phase(.corridors) { () throws(AnalysisError) in
            corridors.isEmpty ? CorridorAdjacency(pairs: [], crs: crs, distanceMetres: corridorDistanceMetres)
                : try CorridorAdjacency.find(corridors: corridors, zones: zones, distanceMetres: corridorDistanceMetres, crs: crs)
        }
        let changes = try baseline.map { baseline throws(ReviewError) in
            try phase(.changes) { () throws(AnalysisError) in
                try ReviewChanges.compute(from: baseline, to: zones.map(RegistryEntry.zone) + communes.map(RegistryEntry.commune)
                                          + corridors.map(RegistryEntry.corridor))
            }
        }
        return PlanningReview(
            inputs: inputs, zones: zones, communes: communes, corridors: corridors, areas: areas, overlaps: overlaps,
            apportionment: apportionment, coverage: coverage, adjacency: adjacency, changes: changes, crs: crs, slivers: slivers,
            mapping: mapping, date: Date())
    }

    /// The projected CRS for these features: it fits their whole extent, and the place the data
    /// names is read from the first 2,000 of them; `nil` when none has a geometry.
    static func fittingCRS(_ features: [any RegistryFeature]) throws(ProjectionError) -> CRS? {
        guard let extent = features.compactMap(\.geometry.envelope).reduce(nil, { (sum: Envelope?, next) in sum?.union(next) ?? next }) else {
            return nil
        }
        return try ProjectedCRSChoice.fitting(extent, places: placeNames(features, limit: 2_000))
    }

    /// The names and text properties of the first `limit` features: enough to tell which province the data is in.
    static func placeNames(_ features: [any RegistryFeature], limit: Int) -> [String] {
        var seen = Set<String>()
        for feature in features.prefix(limit) {
            seen.insert(feature.name)
            for member in feature.properties { if case let .string(text) = member.value { seen.insert(text) } }
        }
        return seen.sorted()
    }

    /// What a map calls a feature: its name, or its kind when it has no name.
    func title(_ feature: any RegistryFeature) -> String {
        label(feature) ?? ReviewMap.readable(feature.kindName)
    }

    /// Problems in the input that are errors (repairs count: the file was wrong).
    public var inputErrors: [Problem] {
        inputs.flatMap(\.problems).filter { $0.severity == .error || $0.code == .repaired }
    }

    /// Overlaps that are not a zone inside its declared parent.
    public var conflicts: [OverlapReport.Pair] { overlaps.conflicts }

    /// The name to label a feature with on a map: its name property, or nothing when it has none
    /// (its name is then its id, possibly made from the file name, which is no label).
    func label(_ feature: any RegistryFeature) -> String? {
        guard let name = mapping.text(.name, in: feature.properties)?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty else {
            return nil
        }
        return name
    }
}
