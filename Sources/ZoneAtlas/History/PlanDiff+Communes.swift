import ZoneGeoJSON
import ZoneGeometry
import ZoneProjection

extension PlanDiff {
    /// Where the zones' changes lie: for each zone that gained or lost ground (a whole added or
    /// removed zone included) and each commune that ground falls in, the hectares gained and lost
    /// inside that commune (geodesic on WGS 84) — which communes an adjustment takes land from or
    /// gives it back to. Ground outside every commune is not listed.
    /// - Parameter communes: the communes to apportion over (the later state's, usually).
    /// - Throws: an ``AnalysisError`` naming the zone GEOS failed on.
    public func byCommune(_ communes: [RegistryEntry]) throws(AnalysisError) -> AnalysisTable {
        let units = communes.filter { $0.layer == .communes && $0.feature.geometry.type.isPolygonal }
        var rows: [[JSONValue]] = []
        guard !units.isEmpty else { return Self.communeTable(rows) }
        let tree = try analysing { () throws(GeometryError) in try STRtree(units.map(\.feature.geometry)) }
        let geodesic = Geodesic.wgs84
        for item in items where item.layer == .zones {
            let (gained, lost) = Self.parts(item)
            var hectares: [Int: (gained: Double, lost: Double)] = [:]
            for (geometry, isGain) in [(gained, true), (lost, false)] {
                guard let geometry else { continue }
                let found = try analysing(about: FeatureReference(layer: item.layer, id: item.id)) { () throws(GeometryError) in
                    try tree.query(geometry, predicate: .intersects).map { index throws(GeometryError) in
                        (index, try geodesic.area(of: try geometry.intersection(units[index].feature.geometry).polygonalParts()) / 10_000)
                    }
                }
                for (index, shared) in found {
                    guard shared > 0 else { continue }
                    if isGain { hectares[index, default: (0, 0)].gained += shared } else { hectares[index, default: (0, 0)].lost += shared }
                }
            }
            for (index, value) in hectares.sorted(by: { $0.key < $1.key }) {
                rows.append([.string(item.id), .string(item.name), .string(units[index].id), .string(units[index].feature.name),
                             Figure.fixed(value.gained, 4), Figure.fixed(value.lost, 4)])
            }
        }
        return Self.communeTable(rows)
    }

    /// The ground an item gained and lost: its geometry's gained and lost parts, or the whole of an
    /// added or removed feature.
    private static func parts(_ item: Item) -> (gained: Geometry?, lost: Geometry?) {
        switch item.change {
        case .added: (item.new?.feature.geometry, nil)
        case .removed: (nil, item.old?.feature.geometry)
        default: (item.geometry?.gained, item.geometry?.lost)
        }
    }

    private static func communeTable(_ rows: [[JSONValue]]) -> AnalysisTable {
        AnalysisTable(columns: ["zone", "zone_name", "commune", "commune_name", "gained_ha", "lost_ha"], rows: rows)
    }
}
