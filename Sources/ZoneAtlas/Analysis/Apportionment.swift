import ZoneGeometry
import ZoneProjection

/// How each zone's land divides among communes: the hectares of it in each commune it touches,
/// that part's share of the zone and of the commune, and what lies in no commune.
public struct Apportionment: Sendable {
    /// The part of one zone inside one commune.
    public struct Part: Sendable {
        /// The zone.
        public var zone: any RegistryFeature
        /// The commune.
        public var commune: any RegistryFeature
        /// Geodesic area of the zone inside the commune, m².
        public var areaSquareMetres: Double
        /// The part as a share of the zone's area, 0…1.
        public var shareOfZone: Double
        /// The part as a share of the commune's area, 0…1.
        public var shareOfCommune: Double
    }

    /// One zone's area and what of it lies in no commune.
    public struct ZoneSummary: Sendable {
        /// The zone.
        public var zone: any RegistryFeature
        /// Geodesic area of the zone, m².
        public var areaSquareMetres: Double
        /// Its area in no commune, m².
        public var outsideSquareMetres: Double
    }

    /// Every zone–commune part of positive area.
    public var parts: [Part]
    /// One summary per polygonal zone.
    public var zones: [ZoneSummary]

    /// Splits every polygonal zone over the communes.
    /// - Parameters:
    ///   - zones: the zones to split (lon/lat degrees); lines and points are skipped.
    ///   - communes: the communes to split them over (lon/lat degrees).
    ///   - known: (`areasSquareMetres:`) the geodesic area of each zone and commune (by layer and id)
    ///   when already measured, m²; others are measured here.
    public static func compute(zones: [any RegistryFeature], communes: [any RegistryFeature],
                               areasSquareMetres known: [String: Double] = [:]) throws(AnalysisError) -> Apportionment {
        let zoneList = zones.filter { $0.geometry.type.isPolygonal }
        let communeList = communes.filter { $0.geometry.type.isPolygonal }
        @Sendable func area(_ feature: any RegistryFeature) throws(GeometryError) -> Double {
            if let area = known[Self.key(feature)] { return area }
            return try Geodesic.wgs84.area(of: feature.geometry)
        }
        let tree = try analysing { () throws(GeometryError) in try STRtree(communeList.map(\.geometry)) }
        let communeAreas = try analysingInParallel(communeList, chunkSize: 16) { c throws(GeometryError) in try area(communeList[c]) }
        let results = try analysingInParallel(zoneList, chunkSize: 1) { z throws(GeometryError) -> (ZoneSummary, [Part]) in
            let zone = zoneList[z]
            let zoneArea = try area(zone)
            var parts: [Part] = []
            for c in try tree.query(zone.geometry, predicate: .intersects) {
                let piece = try zone.geometry.intersection(communeList[c].geometry).polygonalParts()
                let area = try Geodesic.wgs84.area(of: piece)
                guard area > 0 else { continue }
                parts.append(Part(zone: zone, commune: communeList[c], areaSquareMetres: area,
                                  shareOfZone: zoneArea > 0 ? area / zoneArea : 0,
                                  shareOfCommune: communeAreas[c] > 0 ? area / communeAreas[c] : 0))
            }
            parts.sort { $0.areaSquareMetres > $1.areaSquareMetres }
            // Communes may overlap by slivers, so the parts can sum past the zone: outside is at least 0.
            let covered = try Geodesic.wgs84.area(of: zone.geometry.intersection(Geometry.union(of: parts.map(\.commune.geometry))).polygonalParts())
            return (ZoneSummary(zone: zone, areaSquareMetres: zoneArea, outsideSquareMetres: max(0, zoneArea - (parts.isEmpty ? 0 : covered))), parts)
        }
        return Apportionment(parts: results.flatMap(\.1), zones: results.map(\.0))
    }

    /// The key of a feature's area in ``compute(zones:communes:areasSquareMetres:)-y4bb``: "layer/id".
    public static func key(_ feature: any RegistryFeature) -> String { "\(feature.layer.rawValue)/\(feature.id)" }
}
