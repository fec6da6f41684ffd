import Foundation
import ZoneGeometry
import ZoneProjection

/// The checks every input geometry goes through, whatever format it came in: non-empty, finite
/// coordinates, reprojection to WGS84, coordinate ranges, polygonizing outlines and GEOS validity
/// under the chosen policy. A GeoJSON read runs them once the whole file is read (its CRS may be
/// declared last), per feature in parallel; a GeoPackage read runs them on each row.
public struct FeatureFinishing: Sendable {
    /// The feature a geometry belongs to, to locate its problems.
    public struct Subject: Sendable {
        /// The feature's index in a GeoJSON file's `features`.
        var feature: Int?
        var featureID: String?
        /// Where the geometry is: a JSON Pointer, or a GeoPackage table and row.
        var place: ProblemPlace

        /// The geometry of the row `fid` of a GeoPackage feature table, whose `id` is `featureID`.
        public static func row(table: String, fid: Int64, featureID: String?) -> Subject {
            Subject(feature: nil, featureID: featureID, place: .row(table: table, fid: fid))
        }

        /// The geometry of feature `index` of a GeoJSON file, at `pointer`.
        static func geoJSON(_ feature: Feature, geometry pointer: JSONPointer) -> Subject {
            Subject(feature: feature.index, featureID: feature.id?.description, place: .pointer(pointer))
        }
    }

    let options: ReadOptions
    let file: String
    let sourceCRS: CRS
    /// Whether the CRS could be resolved; if not, no geometry can be placed.
    let crsUsable: Bool
    /// Whether the CRS was declared (by option or file) rather than assumed.
    let crsDeclared: Bool

    /// Finishing for the geometries of one file.
    /// - Parameters:
    ///   - options: the read's options (policy, polygonization, validity checks).
    ///   - file: the file's path as given, to locate problems.
    ///   - sourceCRS: the CRS the geometries are in; they are reprojected from it to WGS84.
    ///   - crsUsable: whether `sourceCRS` could be resolved; if not, no geometry can be placed.
    ///   - crsDeclared: whether the CRS was declared (by option or file) rather than assumed.
    public init(options: ReadOptions, file: String, sourceCRS: CRS, crsUsable: Bool = true, crsDeclared: Bool) {
        self.options = options
        self.file = file
        self.sourceCRS = sourceCRS
        self.crsUsable = crsUsable
        self.crsDeclared = crsDeclared
    }

    var needsTransform: Bool {
        sourceCRS.definition != CRS.wgs84.definition && sourceCRS.definition != "OGC:CRS84"
    }

    func finish(_ draft: FeatureDraft) -> (Feature, [Problem]) {
        var feature = draft.feature
        guard let geometry = feature.geometry else { return (feature, []) }
        feature.geometry = nil
        guard crsUsable else { return (feature, []) }
        let (finished, problems) = finish(geometry, of: .geoJSON(feature, geometry: draft.geometryPointer))
        feature.geometry = finished
        return (feature, problems)
    }

    /// Checks a geometry given in the source CRS and returns it in WGS84 — repaired under the repair
    /// policy — with its problems; the geometry is `nil` when it cannot be used at all (empty, not
    /// finite, out of range, not transformable, an outline that bounds nothing).
    public func finish(_ geometry: Geometry, of subject: Subject) -> (geometry: Geometry?, problems: [Problem]) {
        var geometry = geometry
        var problems: [Problem] = []
        /// `pointer` narrows a GeoJSON geometry's place to a part of it.
        func report(_ code: ProblemCode, _ message: String, severity: Severity = .error, location: Coordinate? = nil,
                    at pointer: JSONPointer? = nil) {
            var problem = Problem(severity: severity, code: code, file: file, feature: subject.feature, featureID: subject.featureID,
                                  pointer: JSONPointer(), message: message, location: location)
            problem.place = pointer.map(ProblemPlace.pointer) ?? subject.place
            problems.append(problem)
        }
        let base: JSONPointer? = if case let .pointer(pointer) = subject.place { pointer } else { nil }

        if geometry.isEmpty {
            report(.emptyGeometry, "the \(geometry.type.rawValue) is empty: it has no location or area")
            return (nil, problems)
        }
        if let position = firstNonFinite(geometry) {
            report(.nonFiniteCoordinate, "[\(position.x), \(position.y)] is not a position: a coordinate is not a finite number")
            return (nil, problems)
        }
        if needsTransform {
            do {
                geometry = try Transformer(from: sourceCRS, to: .wgs84).transform(geometry)
            } catch {
                report(.transformFailed, "the coordinates cannot be transformed from \(sourceCRS.name) to WGS 84: \(error)")
                return (nil, problems)
            }
        }
        if let envelope = geometry.envelope,
           envelope.minX < -180 || envelope.maxX > 180 || envelope.minY < -90 || envelope.maxY > 90 {
            let (pointer, position) = firstOutOfRange(geometry, base)
            if !crsDeclared, abs(position.x) > 1000 || abs(position.y) > 1000 {
                report(.projectedCoordinates,
                       "[\(position.x), \(position.y)] looks like metres in a projected CRS, but the file declares none and "
                       + "GeoJSON is lon/lat; name the CRS with --input-crs (e.g. --input-crs EPSG:9210 for VN-2000 / TM-3 105-45)", at: pointer)
            } else {
                report(.coordinateOutOfRange, "[\(position.x), \(position.y)] is outside longitude −180…180 / latitude −90…90", at: pointer)
            }
            return (nil, problems)
        }
        if options.polygonize && geometry.type.isLineal {
            guard let polygonization = try? Geometry.polygonizeFull(geometry), !polygonization.polygons.isEmpty,
                  let polygons = try? polygonization.polygons.unaryUnion() else {
                report(.outlineNotClosed, outlineMessage(geometry))
                return (nil, problems)
            }
            let leftOver = polygonization.dangles.partCount + polygonization.cuts.partCount
            if leftOver > 0 {
                let length = (try? Geodesic.wgs84.length(of: polygonization.dangles)) ?? 0
                    + ((try? Geodesic.wgs84.length(of: polygonization.cuts)) ?? 0)
                report(.outlineDangles,
                       String(format: "%d piece%@ of the outline (%.0f m in all) bound no area and %@ left out",
                              leftOver, leftOver == 1 ? "" : "s", length, leftOver == 1 ? "was" : "were"),
                       severity: .warning)
            }
            geometry = polygons
        }
        if options.checkValidity, (try? geometry.isValid) == false, let validity = try? geometry.validity(),
           case let .invalid(reason, location) = validity {
            let code = ProblemCode(reason)
            let place = location.map { " at [\($0.x), \($0.y)]" } ?? ""
            switch options.policy {
            case .reject:
                report(code, "the geometry is invalid: \(reason)\(place)", location: location)
            case .warn:
                report(code, "the geometry is invalid: \(reason)\(place)", severity: .warning, location: location)
            case .repair:
                if let repaired = try? geometry.makeValid(method: .structure), (try? repaired.isValid) == true {
                    report(.repaired, "repaired with GEOS make-valid: \(reason)\(place); \(change(from: geometry, to: repaired))",
                           severity: .warning, location: location)
                    geometry = repaired
                } else {
                    report(code, "the geometry is invalid and could not be repaired: \(reason)\(place)", location: location)
                }
            }
        }
        return (geometry, problems)
    }

    /// The first position with a coordinate that is NaN or infinite.
    private func firstNonFinite(_ geometry: Geometry) -> Coordinate? {
        func bad(_ c: Coordinate) -> Bool { !c.x.isFinite || !c.y.isFinite }
        switch geometry.type {
        case .point, .multiPoint, .geometryCollection:
            func first(_ value: GeometryValue) -> Coordinate? {
                switch value {
                case let .point(c): bad(c) ? c : nil
                case let .lineString(cs), let .multiPoint(cs): cs.first(where: bad)
                case let .polygon(rings), let .multiLineString(rings): rings.lazy.compactMap { $0.first(where: bad) }.first
                case let .multiPolygon(polygons): polygons.joined().lazy.compactMap { $0.first(where: bad) }.first
                case let .geometryCollection(members): members.lazy.compactMap(first).first
                }
            }
            return (try? geometry.value()).flatMap(first)
        default:
            var found: Coordinate?
            try? geometry.forEachPath { path in
                guard found == nil else { return }
                if let i = path.x.indices.first(where: { !path.x[$0].isFinite || !path.y[$0].isFinite }) {
                    found = Coordinate(path.x[i], path.y[i])
                }
            }
            return found
        }
    }

    /// The value of the first position outside lon/lat ranges and, in a GeoJSON geometry at `base`,
    /// its pointer.
    private func firstOutOfRange(_ geometry: Geometry, _ base: JSONPointer?) -> (JSONPointer?, Coordinate) {
        let fallback = (base, Coordinate(geometry.envelope?.maxX ?? 0, geometry.envelope?.maxY ?? 0))
        guard let value = try? geometry.value() else { return fallback }
        func outside(_ c: Coordinate) -> Bool { abs(c.x) > 180 || abs(c.y) > 90 }
        func search(_ value: GeometryValue, _ pointer: JSONPointer) -> (JSONPointer?, Coordinate)? {
            let coordinates = pointer.appending("coordinates")
            switch value {
            case let .point(c):
                return outside(c) ? (coordinates, c) : nil
            case let .lineString(cs), let .multiPoint(cs):
                return cs.firstIndex(where: outside).map { (coordinates.appending($0), cs[$0]) }
            case let .polygon(rings), let .multiLineString(rings):
                for (r, ring) in rings.enumerated() {
                    if let i = ring.firstIndex(where: outside) { return (coordinates.appending([r, i]), ring[i]) }
                }
                return nil
            case let .multiPolygon(polygons):
                for (p, rings) in polygons.enumerated() {
                    for (r, ring) in rings.enumerated() {
                        if let i = ring.firstIndex(where: outside) { return (coordinates.appending([p, r, i]), ring[i]) }
                    }
                }
                return nil
            case let .geometryCollection(members):
                for (k, member) in members.enumerated() {
                    if let found = search(member, pointer.appending("geometries").appending(k)) { return found }
                }
                return nil
            }
        }
        // Positions are reported as the file wrote them when no reprojection happened.
        guard let found = search(value, base ?? JSONPointer()) else { return fallback }
        return (base == nil ? nil : found.0, found.1)
    }

    private func outlineMessage(_ outline: Geometry) -> String {
        if outline.type == .lineString, case let .lineString(points)? = try? outline.value(),
           let first = points.first, let last = points.last {
            let gap = Geodesic.wgs84.distance(from: first, to: last)
            return String(format: "the outline does not close: its ends are %.1f m apart", gap)
        }
        return "the outline's lines do not close into any polygon"
    }

    private func change(from before: Geometry, to after: Geometry) -> String {
        let areaBefore = (try? Geodesic.wgs84.area(of: before)) ?? .nan
        let areaAfter = (try? Geodesic.wgs84.area(of: after)) ?? .nan
        let type = before.type == after.type ? "" : "\(before.type.rawValue) became \(after.type.rawValue), "
        return type + String(format: "area %.2f ha → %.2f ha", areaBefore / 10_000, areaAfter / 10_000)
    }
}
