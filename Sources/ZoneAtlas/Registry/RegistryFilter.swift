import ZoneGeometry

/// Which entries to list. Every condition given must hold; `nil` means any.
public struct RegistryFilter: Sendable {
    /// The layers to look in (all by default).
    public var layers: [Layer] = Layer.allCases
    /// The kind (zones, corridors) or type (communes), e.g. `industrial_park`, `ward`, `expressway`.
    public var kind: String?
    /// Zones of this status.
    public var status: ZoneStatus?
    /// Zones whose parent is this id.
    public var parent: String?
    /// Text found in the name, diacritics and case folded (`thuong hong` finds Thượng Hồng).
    public var name: String?
    /// Entries meeting this lon/lat box.
    public var bbox: Envelope?
    /// Entries meeting this WGS84 geometry.
    public var intersecting: Geometry?

    /// A filter; every condition left `nil` matches anything (`bbox` in lon/lat degrees).
    public init(layers: [Layer] = Layer.allCases, kind: String? = nil, status: ZoneStatus? = nil, parent: String? = nil,
                name: String? = nil, bbox: Envelope? = nil, intersecting: Geometry? = nil) {
        self.layers = layers
        self.kind = kind
        self.status = status
        self.parent = parent
        self.name = name
        self.bbox = bbox
        self.intersecting = intersecting
    }

    /// The area the spatial conditions describe, if any: the box and the geometry together.
    func area() throws(GeometryError) -> Geometry? {
        var area = intersecting
        if let bbox {
            let box = try Geometry(.polygon([[Coordinate(bbox.minX, bbox.minY), Coordinate(bbox.maxX, bbox.minY),
                                              Coordinate(bbox.maxX, bbox.maxY), Coordinate(bbox.minX, bbox.maxY),
                                              Coordinate(bbox.minX, bbox.minY)]]))
            area = try area.map { (geometry) throws(GeometryError) in try geometry.intersection(box) } ?? box
        }
        return area
    }

    func accepts(_ feature: some RegistryFeature) -> Bool {
        if let kind, feature.kindName.lowercased() != kind.lowercased() { return false }
        if let name, !NameFolding.matches(feature.name, name) { return false }
        if status != nil || parent != nil {
            guard let zone = feature as? Zone else { return false }
            if let status, zone.status != status { return false }
            if let parent, zone.parentID != parent { return false }
        }
        return true
    }
}
