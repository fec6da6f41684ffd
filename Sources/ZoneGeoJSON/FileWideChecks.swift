import ZoneGeometry

/// The checks that compare each feature with every earlier one — duplicate ids and duplicate
/// geometries — run feature by feature in file order, keeping only small keys, so that they work
/// the same whether the file is read whole or in batches.
struct FileWideChecks {
    let file: String
    /// Each id, as text, with the first feature that used it.
    private var firstUseOfID: [String: Int] = [:]
    /// Each geometry's key with the first feature that had it.
    private var firstWithGeometry: [GeometryKey: Int] = [:]

    init(file: String) {
        self.file = file
    }

    /// The problems of `feature` (finished from `draft`, its geometry's key computed) against the
    /// features checked before it.
    mutating func check(_ feature: Feature, key: GeometryKey?, draft: FeatureDraft) -> [Problem] {
        var problems: [Problem] = []
        if let id = draft.feature.id?.description {
            if let first = firstUseOfID[id] {
                problems.append(Problem(severity: .error, code: .duplicateID, file: file, feature: draft.feature.index, featureID: id,
                                        pointer: draft.pointer.appending("id"),
                                        message: "id \"\(id)\" is already used by feature \(first)"))
            } else {
                firstUseOfID[id] = draft.feature.index
            }
        }
        // Usually a feature exported twice.
        if let key {
            if let first = firstWithGeometry[key] {
                problems.append(Problem(severity: .warning, code: .duplicateGeometry, file: file, feature: feature.index,
                                        featureID: feature.id?.description, pointer: draft.geometryPointer,
                                        message: "the geometry repeats feature \(first)'s exactly"))
            } else {
                firstWithGeometry[key] = feature.index
            }
        }
        return problems
    }
}

/// What identifies a geometry exactly, small enough to keep for every feature of a large file: its
/// type, envelope, number of positions and a 64-bit hash of its structure and x/y positions.
///
/// Geometries GEOS finds exactly equal (`Geometry.equalsExactly(_:)`: same structure, same x and
/// y in the same order, z ignored, −0 equal to 0) have equal keys; geometries that differ have
/// different keys unless their hashes collide while their types, envelopes and sizes are equal.
public struct GeometryKey: Hashable, Sendable {
    var type: GeometryType
    var envelope: Envelope
    var coordinateCount: Int
    var digest: Int

    /// The key of a non-empty geometry; `nil` for an empty one (never a duplicate).
    public init?(_ geometry: Geometry) {
        guard let envelope = geometry.envelope else { return nil }
        var hasher = Hasher()
        switch geometry.type {
        case .point, .multiPoint, .geometryCollection:
            guard let value = try? geometry.value() else { return nil }
            Self.combine(value, into: &hasher)
        default:
            do {
                try geometry.forEachPath { path in
                    hasher.combine(path.role == .hole)
                    hasher.combine(path.x.count)
                    // Double hashes −0 as 0, as GEOS compares it.
                    for i in path.x.indices {
                        hasher.combine(path.x[i])
                        hasher.combine(path.y[i])
                    }
                }
            } catch {
                return nil
            }
        }
        type = geometry.type
        self.envelope = envelope
        coordinateCount = geometry.coordinateCount
        digest = hasher.finalize()
    }

    private static func combine(_ value: GeometryValue, into hasher: inout Hasher) {
        func positions(_ coordinates: [Coordinate]) {
            hasher.combine(coordinates.count)
            for c in coordinates {
                hasher.combine(c.x)
                hasher.combine(c.y)
            }
        }
        hasher.combine(value.type)
        switch value {
        case let .point(c): positions([c])
        case let .lineString(cs), let .multiPoint(cs): positions(cs)
        case let .polygon(rings), let .multiLineString(rings):
            hasher.combine(rings.count)
            rings.forEach(positions)
        case let .multiPolygon(polygons):
            for rings in polygons {
                hasher.combine(rings.count)
                rings.forEach(positions)
            }
        case let .geometryCollection(members):
            hasher.combine(members.count)
            for member in members { combine(member, into: &hasher) }
        }
    }
}
