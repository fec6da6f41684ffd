import ZoneGeometry

/// The review's shapes simplified once for display, in lon/lat, for both maps, to about a screen
/// pixel at four times the interactive map's opening zoom — a quarter of a pixel on `map.svg`.
/// Polygons stay valid: plain Douglas–Peucker where its result is valid and not empty (checked),
/// GEOS's topology-preserving simplification where it is not; lines by Douglas–Peucker.
struct DisplayShapes {
    /// In the order of the review's lists.
    var zones: [Geometry]
    var communes: [Geometry]
    var corridors: [Geometry]
    /// The conflicting zone overlaps, then the commune overlaps (``overlapPairs``' order).
    var overlaps: [Geometry]
    var gaps: [Geometry]
    /// Where the data is, in lon/lat (nil when nothing has a geometry).
    var body: MainBody?
    /// The tolerance used, degrees.
    var toleranceDegrees: Double

    /// The tolerance, as a fraction of the main body's larger side.
    static let toleranceFraction = 1.0 / 4000

    init(_ review: PlanningReview) throws {
        let areal = review.zones.map(\.geometry) + review.communes.map(\.geometry)
        let placed = (areal.isEmpty ? review.corridors.map(\.geometry) : areal).compactMap(\.envelope)
        body = MainBody(envelopes: placed, weights: placed.map { $0.width * $0.height })
        let tolerance = body.map { max($0.main.width, $0.main.height) * Self.toleranceFraction } ?? 0
        toleranceDegrees = tolerance
        func simplify(_ geometries: [Geometry]) throws -> [Geometry] {
            try parallelMap(count: geometries.count, chunkSize: 32) { k in
                let geometry = geometries[k]
                let quick = try geometry.simplified(tolerance: tolerance)
                if geometry.type.isLineal { return quick }
                if !quick.isEmpty, quick.partCount == geometry.partCount, try quick.isValid { return quick }
                return try geometry.simplifiedPreservingTopology(tolerance: tolerance)
            }
        }
        zones = try simplify(review.zones.map(\.geometry))
        communes = try simplify(review.communes.map(\.geometry))
        corridors = try simplify(review.corridors.map(\.geometry))
        overlaps = try simplify(review.overlapPairs.map(\.geometry))
        gaps = try simplify((review.coverage?.gaps ?? []).map(\.geometry))
    }
}

extension PlanningReview {
    /// The overlaps the maps draw: conflicting zone overlaps, then overlapping communes.
    var overlapPairs: [OverlapReport.Pair] { conflicts + (coverage?.overlaps ?? []) }
}
