import ZoneGeoJSON

extension Apportionment {
    /// One row per part of a zone in a commune: the `apportion` command's table and CSV, and the review's.
    public var table: AnalysisTable {
        AnalysisTable(columns: ["zone", "zone_name", "commune", "commune_name", "area_m2", "area_ha", "share_of_zone", "share_of_commune"],
                      rows: parts.map { part in
                          [.string(part.zone.id), .string(part.zone.name), .string(part.commune.id), .string(part.commune.name),
                           Figure.fixed(part.areaSquareMetres, 1), Figure.fixed(part.areaSquareMetres / 10_000, 2),
                           Figure.fixed(part.shareOfZone, 4), Figure.fixed(part.shareOfCommune, 4)]
                      })
    }

    /// `{"zones":[{"id","name","area_m2","outside_communes_m2","communes":[{"commune","commune_name","area_m2",…}]}]}`.
    public var json: JSONValue {
        let table = self.table
        var rowsByZone: [String: [Int]] = [:]
        for (k, part) in parts.enumerated() { rowsByZone[part.zone.id, default: []].append(k) }
        let partColumns = Array(table.columns.dropFirst(2))
        let zones = self.zones.map { summary -> JSONValue in
            let communes = (rowsByZone[summary.zone.id] ?? []).map { k in
                JSONValue.object(JSONObject(partColumns.enumerated().map { (key: $0.element, value: table.rows[k][$0.offset + 2]) }))
            }
            return .object(["id": .string(summary.zone.id), "name": .string(summary.zone.name),
                            "area_m2": Figure.fixed(summary.areaSquareMetres, 1),
                            "outside_communes_m2": Figure.fixed(summary.outsideSquareMetres, 1), "communes": .array(communes)])
        }
        return .object(["zones": .array(zones)])
    }
}

extension CorridorAdjacency {
    /// One row per zone near a corridor: the `adjacency` command's table, CSV and JSON, and the review's.
    public var table: AnalysisTable {
        AnalysisTable(columns: ["corridor", "corridor_name", "zone", "zone_name", "distance_m", "touches"], rows: pairs.map { pair in
            [.string(pair.corridor.id), .string(pair.corridor.name), .string(pair.zone.id), .string(pair.zone.name),
             Figure.fixed(pair.distanceMetres, 1), .bool(pair.touches)]
        })
    }

    /// `{"pairs":[{"corridor","zone","distance_m","touches"}],"distance_m","crs"}`.
    public var json: JSONValue {
        .object(["pairs": .array(table.objects(["corridor", "zone", "distance_m", "touches"])),
                 "distance_m": Figure.fixed(distanceMetres, 1), "crs": .string(crs.definition)])
    }
}
