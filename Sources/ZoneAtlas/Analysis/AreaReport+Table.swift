import ZoneGeoJSON

extension AreaReport {
    /// One row per feature: the `areas` command's table, CSV and JSON, and the review's areas table.
    public var table: AnalysisTable {
        AnalysisTable(
            columns: ["id", "name", "kind", "layer", "geodesic_area_m2", "geodesic_area_ha", "planar_area_m2", "planar_area_ha",
                      "perimeter_m", "crs", "declared_area_ha", "difference_ha", "difference_pct", "flagged"],
            rows: rows.map { row in
                [.string(row.id), .string(row.name), .string(row.kind), .string(row.layer.rawValue),
                 Figure.fixed(row.geodesicAreaSquareMetres, 1), Figure.fixed(row.geodesicAreaHectares, 2),
                 Figure.fixed(row.planarAreaSquareMetres, 1), Figure.fixed(row.planarAreaHectares, 2), Figure.fixed(row.perimeterMetres, 1),
                 .string(crs.definition), Figure.optional(row.declaredAreaHectares, 2), Figure.optional(row.differenceHectares, 2),
                 Figure.optional(row.differencePercent, 2), .bool(row.flagged)]
            })
    }

    /// Totals by kind, keyed by kind.
    public var totalsJSON: JSONValue {
        .object(JSONObject(totals.map { total in
            (key: total.kind, value: JSONValue.object([
                "count": Figure.count(total.count),
                "geodesic_area_m2": Figure.fixed(total.geodesicAreaSquareMetres, 1),
                "geodesic_area_ha": Figure.fixed(total.geodesicAreaSquareMetres / 10_000, 2),
                "planar_area_m2": Figure.fixed(total.planarAreaSquareMetres, 1),
                "declared_area_ha": Figure.fixed(total.declaredAreaHectares, 2), "flagged": Figure.count(total.flagged)]))
        }))
    }

    /// `{"features":[…],"totals":{kind:{…}},"crs","crs_name","tolerance_pct"}`.
    public var json: JSONValue {
        .object(["features": .array(table.objects()), "totals": totalsJSON, "crs": .string(crs.definition),
                 "crs_name": .string(crs.name), "tolerance_pct": Figure.fixed(tolerancePercent, 2)])
    }
}
