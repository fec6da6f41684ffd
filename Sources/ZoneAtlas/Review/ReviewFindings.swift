import Foundation
import ZoneGeoJSON
import ZoneGeometry

/// The review's findings as JSON for machines, and its overlaps and gaps as GeoJSON layers.
extension PlanningReview {
    /// Everything the review found, as one JSON object (`review.json`).
    public var findings: JSONValue {
        func number(_ value: Double, _ places: Int = 1) -> JSONValue { .fixed(value, places: places) }
        func optional(_ value: Double?, _ places: Int = 2) -> JSONValue { value.map { number($0, places) } ?? .null }
        let areaRows = areas.rows.map { row -> JSONValue in
            .object(["id": .string(row.id), "name": .string(row.name), "kind": .string(row.kind), "layer": .string(row.layer.rawValue),
                     "geodesic_area_m2": number(row.geodesicAreaSquareMetres), "planar_area_m2": number(row.planarAreaSquareMetres),
                     "perimeter_m": number(row.perimeterMetres), "declared_area_ha": optional(row.declaredAreaHectares),
                     "difference_ha": optional(row.differenceHectares), "difference_pct": optional(row.differencePercent),
                     "flagged": .bool(row.flagged)])
        }
        let overlapRows = overlaps.pairs.map { pair -> JSONValue in
            .object(["a": .string(pair.a.id), "b": .string(pair.b.id), "area_m2": number(pair.areaSquareMetres),
                     "share_a": number(pair.shareOfA, 6), "share_b": number(pair.shareOfB, 6), "relation": .string(pair.relation.rawValue)])
        }
        let apportionRows = apportionment.zones.map { summary -> JSONValue in
            let parts = apportionment.parts.filter { $0.zone.id == summary.zone.id }.map { part -> JSONValue in
                .object(["commune": .string(part.commune.id), "name": .string(part.commune.name), "area_m2": number(part.areaSquareMetres),
                         "share_of_zone": number(part.shareOfZone, 6), "share_of_commune": number(part.shareOfCommune, 6)])
            }
            return .object(["zone": .string(summary.zone.id), "area_m2": number(summary.areaSquareMetres),
                            "outside_communes_m2": number(summary.outsideSquareMetres), "communes": .array(parts)])
        }
        var coverageObject: JSONValue = .null
        if let coverage {
            coverageObject = .object([
                "overlaps": .array(coverage.overlaps.map { .object(["a": .string($0.a.id), "b": .string($0.b.id), "area_m2": number($0.areaSquareMetres)]) }),
                "gaps": .array(coverage.gaps.map { gap in .object(["area_m2": number(gap.areaSquareMetres),
                    "location": .array([number(gap.location.x, 7), number(gap.location.y, 7)]),
                    "neighbours": .array(gap.neighbours.map(JSONValue.string))]) }),
                "covered_area_m2": number(coverage.coveredSquareMetres),
            ])
        }
        let corridorRows = adjacency.pairs.map { pair -> JSONValue in
            .object(["corridor": .string(pair.corridor.id), "zone": .string(pair.zone.id), "distance_m": number(pair.distanceMetres),
                     "touches": .bool(pair.touches)])
        }
        let problemRows = inputs.flatMap(\.problems).map { problem -> JSONValue in
            .object(["file": .string(problem.file), "severity": .string(problem.severity.rawValue), "code": .string(problem.code.rawValue),
                     "feature": problem.feature.map { .number(String($0)) } ?? .null, "id": problem.featureID.map(JSONValue.string) ?? .null,
                     "pointer": .string(problem.pointer.description), "message": .string(problem.message),
                     "location": problem.location.map { .array([number($0.x, 7), number($0.y, 7)]) } ?? .null])
        }
        return .object([
            "title": .string(title), "crs": .string(crs.definition), "crs_name": .string(crs.name),
            "summary": .object(["zones": .number(String(zones.count)), "communes": .number(String(communes.count)),
                                "corridors": .number(String(corridors.count)), "conflicts": .number(String(conflicts.count)),
                                "flagged": .number(String(areas.rows.filter(\.flagged).count)),
                                "input_errors": .number(String(inputErrors.count))]),
            "files": .array(inputs.map { .object(["path": .string($0.file), "features": .number(String($0.featureCount)),
                                                  "crs": .string($0.sourceCRS.definition)]) }),
            "areas": .array(areaRows), "overlaps": .array(overlapRows), "apportionment": .array(apportionRows),
            "coverage": coverageObject, "corridor_adjacency": .object(["distance_m": number(adjacency.distanceMetres), "pairs": .array(corridorRows)]),
            "problems": .array(problemRows),
        ])
    }

    /// The overlaps (conflicts and containments) as a GeoJSON layer.
    public var overlapLayer: FeatureCollection {
        FeatureCollection(features: overlaps.pairs.enumerated().map { k, pair in
            Feature(index: k, id: .string("\(pair.a.id)|\(pair.b.id)"), geometry: pair.geometry,
                    properties: ["a": .string(pair.a.id), "b": .string(pair.b.id), "a_name": .string(pair.a.name), "b_name": .string(pair.b.name),
                                 "area_m2": .fixed(pair.areaSquareMetres, places: 1), "relation": .string(pair.relation.rawValue)])
        }, foreignMembers: ["name": .string("overlaps")])
    }

    /// The gaps among communes as a GeoJSON layer.
    public var gapLayer: FeatureCollection {
        FeatureCollection(features: (coverage?.gaps ?? []).enumerated().map { k, gap in
            Feature(index: k, id: .string("gap-\(k + 1)"), geometry: gap.geometry,
                    properties: ["area_m2": .fixed(gap.areaSquareMetres, places: 1),
                                 "neighbours": .array(gap.neighbours.map(JSONValue.string))])
        }, foreignMembers: ["name": .string("gaps")])
    }

    /// Writes `index.html`, `map.svg`, `review.json`, `overlaps.geojson` and `gaps.geojson` into `directory`.
    /// - Returns: the path of `index.html`.
    @discardableResult
    public func write(to directory: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let map = try ReviewMap().svg(self)
        let files: [(String, String)] = [
            ("map.svg", map),
            ("index.html", try ReviewPage().html(self, map: map)),
            ("review.json", JSONWriter(indent: 1).string(findings) + "\n"),
            ("overlaps.geojson", try GeoJSONWriter().string(overlapLayer) + "\n"),
            ("gaps.geojson", try GeoJSONWriter().string(gapLayer) + "\n"),
        ]
        for (name, text) in files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent(name), options: .atomic)
        }
        return URL(fileURLWithPath: directory).appendingPathComponent("index.html").path
    }
}
