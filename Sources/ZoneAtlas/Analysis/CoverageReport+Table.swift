import ZoneGeoJSON

extension CoverageReport {
    /// One row per overlapping pair of units.
    public var overlapTable: AnalysisTable {
        AnalysisTable(columns: ["a", "a_name", "b", "b_name", "area_m2"], rows: overlaps.map { pair in
            [.string(pair.a.id), .string(pair.a.name), .string(pair.b.id), .string(pair.b.name), Figure.fixed(pair.areaSquareMetres, 1)]
        })
    }

    /// One row per gap, largest first: its area, a point inside it (lon, lat) and its neighbours.
    public var gapTable: AnalysisTable {
        AnalysisTable(columns: ["id", "area_m2", "location", "neighbours"], rows: gaps.enumerated().map { k, gap in
            [.string("gap-\(k + 1)"), Figure.fixed(gap.areaSquareMetres, 1),
             .array([Figure.fixed(gap.location.x, 6), Figure.fixed(gap.location.y, 6)]), .array(gap.neighbours.map(JSONValue.string))]
        })
    }

    /// The listed overlaps' geodesic areas summed, m².
    public var overlapAreaSquareMetres: Double { overlaps.reduce(0) { $0 + $1.areaSquareMetres } }
    /// The listed gaps' geodesic areas summed, m².
    public var gapAreaSquareMetres: Double { gaps.reduce(0) { $0 + $1.areaSquareMetres } }

    /// `{"overlaps":[{"a","b","area_m2"}],"gaps":[{"id","area_m2","location","neighbours"}],…,"slivers":{…}}`.
    public var json: JSONValue {
        .object([
            "overlaps": .array(overlapTable.objects(["a", "b", "area_m2"])), "gaps": .array(gapTable.objects()),
            "overlap_area_m2": Figure.fixed(overlapAreaSquareMetres, 1), "gap_area_m2": Figure.fixed(gapAreaSquareMetres, 1),
            "covered_area_m2": Figure.fixed(coveredSquareMetres, 1), "boundary_area_m2": Figure.optional(boundarySquareMetres, 1),
            "slivers": .object(["overlaps": overlapSlivers.json, "gaps": gapSlivers.json]),
        ])
    }

    /// The overlaps between units as GeoJSON features (ids `overlap-N`, `kind` "overlap").
    public var overlapFeatures: [Feature] {
        let table = overlapTable
        return overlaps.enumerated().map { k, pair in
            var properties = JSONObject(table.columns.indices.map { (key: table.columns[$0], value: table.rows[k][$0]) })
            properties["kind"] = .string("overlap")
            return Feature(index: k, id: .string("overlap-\(k + 1)"), geometry: pair.geometry, properties: properties)
        }
    }

    /// The gaps as GeoJSON features (ids `gap-N`, largest first, `kind` "gap").
    public var gapFeatures: [Feature] {
        let table = gapTable
        return gaps.enumerated().map { k, gap in
            Feature(index: k, id: .string("gap-\(k + 1)"), geometry: gap.geometry,
                    properties: ["kind": .string("gap"), "area_m2": table.rows[k][1], "neighbours": table.rows[k][3]])
        }
    }
}
