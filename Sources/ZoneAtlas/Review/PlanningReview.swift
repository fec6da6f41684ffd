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
    public var zones: [Zone]
    public var communes: [Commune]
    public var corridors: [Corridor]
    public var areas: AreaReport
    public var overlaps: OverlapReport
    public var apportionment: Apportionment
    /// The communes' coverage, when there are at least two.
    public var coverage: CoverageReport?
    public var adjacency: CorridorAdjacency
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
    ///   - corridorDistanceMetres: how far from a corridor a zone counts as lying on it.
    ///   - slivers: overlaps and gaps below this are counted and summarised, not listed or drawn.
    ///   - progress: called as each phase begins.
    public static func make(paths: [String], registry: (any RegistryStore)? = nil, mapping: FieldMapping = FieldMapping(),
                            corridorDistanceMetres: Double = 500, tolerancePercent: Double = 5, slivers: SliverTolerance = .none,
                            progress: (ReviewPhase) -> Void = { _ in }) throws -> PlanningReview {
        progress(.reading)
        var inputs: [ReadResult] = []
        var entries = try registry?.entries() ?? []
        let reader = GeoJSONReader(options: ReadOptions(policy: .repair))
        let mapper = FeatureMapper(mapping: mapping, forAnalysis: true)
        for file in try RegistryImporter.files(in: paths) {
            if RegistryImporter.isGeoPackage(file) {
                entries += try RegistryImporter(mapper: mapper).read([file]).entries
                continue
            }
            let result = try reader.read(contentsOf: file)
            inputs.append(result)
            for feature in result.collection.features {
                guard let geometry = feature.geometry else { continue }
                // A feature that cannot be mapped (a point, say) is left out of the analyses.
                if let entry = try? mapper.entry(id: feature.id?.description, properties: feature.properties ?? JSONObject(),
                                                 geometry: geometry, source: file, index: feature.index) {
                    entries.append(entry)
                }
            }
        }
        // One entry per layer and id, the last read winning (a file given twice, or a registry and a file).
        let merged = LayeredEntries(entries)
        let zones = merged.zones, communes = merged.communes, corridors = merged.corridors
        let everything: [any RegistryFeature] = zones + communes + corridors
        // The CRS fits the whole extent; the place the data names is read from its first features.
        let extent = everything.compactMap(\.geometry.envelope).reduce(nil, { (sum: Envelope?, next) in sum?.union(next) ?? next })
        let crs = try extent.map { try ProjectedCRSChoice.fitting($0, places: Self.placeNames(communes + zones + corridors, limit: 2_000)) }
            ?? ProjectedCRSChoice.fitting([])
        progress(.areas)
        let areas = try AreaReport.measure(zones + communes, crs: crs, tolerancePercent: tolerancePercent)
        // Zones are polygonal, so the first rows are theirs, in order: measured once, used again for shares.
        let zoneAreas = areas.rows.prefix(zones.count).map(\.geodesicAreaSquareMetres)
        progress(.overlaps)
        let overlaps = try OverlapReport.find(zones, slivers: slivers, areasSquareMetres: zoneAreas.count == zones.count ? zoneAreas : nil)
        progress(.apportionment)
        let measured = Dictionary(areas.rows.map { ("\($0.layer.rawValue)/\($0.id)", $0.geodesicAreaSquareMetres) }, uniquingKeysWith: { a, _ in a })
        let apportionment = communes.isEmpty ? Apportionment(parts: [], zones: [])
            : try Apportionment.compute(zones: zones, communes: communes, areasSquareMetres: measured)
        progress(.coverage)
        let communeAreas = communes.compactMap { measured["communes/\($0.id)"] }
        let coverage = communes.count >= 2
            ? try CoverageReport.check(communes, slivers: slivers, areasSquareMetres: communeAreas.count == communes.count ? communeAreas : nil) : nil
        progress(.corridors)
        let adjacency = corridors.isEmpty ? CorridorAdjacency(pairs: [], crs: crs, distanceMetres: corridorDistanceMetres)
            : try CorridorAdjacency.find(corridors: corridors, zones: zones, distanceMetres: corridorDistanceMetres, crs: crs)
        return PlanningReview(
            inputs: inputs, zones: zones, communes: communes, corridors: corridors, areas: areas, overlaps: overlaps,
            apportionment: apportionment, coverage: coverage, adjacency: adjacency, crs: crs, slivers: slivers, mapping: mapping,
            date: Date())
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
