import ZoneGeometry

/// The review's shapes simplified once for display, in lon/lat, for both maps, to about a screen
/// pixel at four times the interactive map's opening zoom (twice for very large reviews).
/// Polygons stay valid: plain Douglas–Peucker where its result is valid and keeps every part
/// (checked), at a quarter of the tolerance where the full one collapses a small zone, and GEOS's
/// topology-preserving simplification where neither does; lines by Douglas–Peucker.
struct DisplayShapes {
    /// In the order of the review's lists.
    var zones: [Geometry]
    var communes: [Geometry]
    var corridors: [Geometry]
    /// The conflicting zone overlaps, then the commune overlaps (``overlapPairs``' order).
    var overlaps: [Geometry]
    var gaps: [Geometry]
    /// The gained and lost parts of a review against an earlier state (``PlanDiff/features``' order).
    var changes: [Geometry]
    /// Where the data is, in lon/lat (nil when nothing has a geometry).
    var body: MainBody?
    /// The tolerance used, degrees.
    var toleranceDegrees: Double

    /// The tolerance, as a fraction of the main body's larger side: a pixel at four times the
    /// opening zoom of a 1,000-pixel map, or at twice it beyond ``detailedFeatureLimit`` features,
    /// so that a review of 100,000 zones fits a page of 10 MB.
    static func toleranceFraction(features: Int) -> Double { features > detailedFeatureLimit ? 1.0 / 2000 : 1.0 / 4000 }
    static let detailedFeatureLimit = 20_000

    /// - Throws: an ``AnalysisError`` naming the feature GEOS failed to simplify.
    init(_ review: PlanningReview) throws(AnalysisError) {
        let areal = review.zones.map(\.geometry) + review.communes.map(\.geometry)
        let placed = (areal.isEmpty ? review.corridors.map(\.geometry) : areal).compactMap(\.envelope)
        body = MainBody(envelopes: placed, weights: placed.map { $0.width * $0.height })
        let count = review.zones.count + review.communes.count + review.corridors.count
        let tolerance = body.map { max($0.main.width, $0.main.height) * Self.toleranceFraction(features: count) } ?? 0
        toleranceDegrees = tolerance
        func simplify(_ geometries: [Geometry], _ features: [any RegistryFeature] = []) throws(AnalysisError) -> [Geometry] {
            try analysingInParallel(count: geometries.count, chunkSize: 32, feature: { $0 < features.count ? features[$0] : nil }) {
                k throws(GeometryError) in
                let geometry = geometries[k]
                if geometry.type.isLineal { return try geometry.simplified(tolerance: tolerance) }
                // A zone a few pixels wide collapses under the full tolerance: a quarter of it keeps its shape.
                for fraction in [1.0, 0.25] {
                    let quick = try geometry.simplified(tolerance: tolerance * fraction)
                    if !quick.isEmpty, quick.partCount == geometry.partCount, try quick.isValid { return quick }
                }
                return try geometry.simplifiedPreservingTopology(tolerance: tolerance)
            }
        }
        zones = try simplify(review.zones.map(\.geometry), review.zones)
        communes = try simplify(review.communes.map(\.geometry), review.communes)
        corridors = try simplify(review.corridors.map(\.geometry), review.corridors)
        overlaps = try simplify(review.overlapPairs.map(\.geometry), review.overlapPairs.map(\.a))
        gaps = try simplify((review.coverage?.gaps ?? []).map(\.geometry))
        changes = try simplify((review.changes?.diff.features ?? []).compactMap(\.geometry))
    }
}

extension PlanningReview {
    /// The overlaps the maps draw: conflicting zone overlaps, then overlapping communes.
    var overlapPairs: [OverlapReport.Pair] { conflicts + (coverage?.overlaps ?? []) }
}
