import ZoneGeoJSON
import ZoneGeometry

extension PlanDiff {
    /// One row per differing feature: the `diff` command's table, CSV and JSON.
    public var table: AnalysisTable { table() }

    /// The rows, with each field's old and new values cut to `valueLimit` characters when given.
    public func table(valueLimit: Int? = nil) -> AnalysisTable {
        AnalysisTable(
            columns: ["layer", "id", "name", "change", "gained_ha", "lost_ha", "net_ha", "hausdorff_m", "declared_old_ha",
                      "declared_new_ha", "declared_change_ha", "parts", "fields"],
            rows: items.map { item in
                let declaredChange = item.oldDeclaredHectares.flatMap { old in item.newDeclaredHectares.map { $0 - old } }
                let polygonal = item.oldAreaHectares != nil || item.newAreaHectares != nil
                return [.string(item.layer.rawValue), .string(item.id), .string(item.name), .string(item.change.rawValue),
                        polygonal ? Figure.fixed(item.gainedHectares, 4) : .null, polygonal ? Figure.fixed(item.lostHectares, 4) : .null,
                        polygonal ? Figure.fixed(item.gainedHectares - item.lostHectares, 4) : .null,
                        Figure.optional(item.geometry?.hausdorffMetres, 2),
                        Figure.optional(item.oldDeclaredHectares, 2), Figure.optional(item.newDeclaredHectares, 2),
                        Figure.optional(item.oldDeclaredHectares != item.newDeclaredHectares ? declaredChange : nil, 2),
                        .array(item.parts.map { .string("\($0.id) (\(Figure.decimals($0.share * 100, 1)) %, \(Figure.decimals($0.sharedHectares, 2)) ha)") }),
                        .array(item.fields.map { .string($0.summary(limit: valueLimit)) })]
            })
    }

    /// Totals per layer and change: how many features, hectares gained and lost.
    public var summary: AnalysisTable {
        var rows: [[JSONValue]] = []
        for layer in Layer.allCases {
            for change in Change.allCases {
                let matching = items.filter { $0.layer == layer && $0.change == change }
                guard !matching.isEmpty else { continue }
                rows.append([.string(layer.rawValue), .string(change.rawValue), Figure.count(matching.count),
                             Figure.fixed(matching.reduce(0) { $0 + $1.gainedHectares }, 4),
                             Figure.fixed(matching.reduce(0) { $0 + $1.lostHectares }, 4)])
            }
        }
        return AnalysisTable(columns: ["layer", "change", "features", "gained_ha", "lost_ha"], rows: rows)
    }

    /// The polygons gained and lost, for QGIS: per changed feature its gained and lost parts, and
    /// the whole of an added (gained) or removed (lost) polygonal feature; properties `layer`, `id`,
    /// `name`, `part` (`gained` or `lost`), `change` and `area_ha` (geodesic).
    public var features: [Feature] {
        var features: [Feature] = []
        func add(_ item: Item, _ part: String, _ geometry: Geometry?, _ hectares: Double) {
            guard let geometry, geometry.type.isPolygonal, !geometry.isEmpty else { return }
            features.append(Feature(index: features.count, id: .string("\(item.layer.rawValue)/\(item.id)/\(part)"), geometry: geometry,
                                    properties: ["layer": .string(item.layer.rawValue), "id": .string(item.id), "name": .string(item.name),
                                                 "part": .string(part), "change": .string(item.change.rawValue),
                                                 "area_ha": Figure.fixed(hectares, 4)]))
        }
        for item in items {
            switch item.change {
            case .added: add(item, "gained", item.new?.feature.geometry, item.gainedHectares)
            case .removed: add(item, "lost", item.old?.feature.geometry, item.lostHectares)
            default:
                add(item, "gained", item.geometry?.gained, item.gainedHectares)
                add(item, "lost", item.geometry?.lost, item.lostHectares)
            }
        }
        return features
    }
}
