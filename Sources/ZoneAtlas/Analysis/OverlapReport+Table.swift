import ZoneGeoJSON

extension SliverSummary {
    /// `{"count","total_area_m2","largest_area_m2"}`.
    public var json: JSONValue {
        .object(["count": Figure.count(count), "total_area_m2": Figure.fixed(totalSquareMetres, 1),
                 "largest_area_m2": Figure.fixed(largestSquareMetres, 1)])
    }
}

extension OverlapReport {
    /// One row per overlapping pair: the `overlaps` command's table, CSV and JSON, and the review's overlaps.
    public var table: AnalysisTable {
        AnalysisTable(columns: ["a", "a_name", "b", "b_name", "area_m2", "area_ha", "share_a", "share_b", "relation"],
                      rows: pairs.map { pair in
                          [.string(pair.a.id), .string(pair.a.name), .string(pair.b.id), .string(pair.b.name),
                           Figure.fixed(pair.areaSquareMetres, 1), Figure.fixed(pair.areaSquareMetres / 10_000, 4),
                           Figure.fixed(pair.shareOfA, 6), Figure.fixed(pair.shareOfB, 6), .string(pair.relation.rawValue)]
                      })
    }

    /// `{"pairs":[{"a","b","area_m2","share_a","share_b","relation"}],"count","conflicts","total_area_m2","slivers"}`.
    public var json: JSONValue {
        .object(["pairs": .array(table.objects(["a", "b", "area_m2", "share_a", "share_b", "relation"])),
                 "count": Figure.count(pairs.count), "conflicts": Figure.count(conflicts.count),
                 "total_area_m2": Figure.fixed(totalAreaSquareMetres, 1), "slivers": slivers.json])
    }

    /// The overlap polygons as GeoJSON features, ids `a|b`, with the table's columns as properties.
    public var features: [Feature] {
        let table = self.table
        return pairs.enumerated().map { k, pair in
            Feature(index: k, id: .string("\(pair.a.id)|\(pair.b.id)"), geometry: pair.geometry,
                    properties: JSONObject(table.columns.indices.map { (key: table.columns[$0], value: table.rows[k][$0]) }))
        }
    }
}
