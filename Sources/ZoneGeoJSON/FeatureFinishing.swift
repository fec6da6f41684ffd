import Foundation
import ZoneGeometry
import ZoneProjection

/// The checks that need the whole file read first (its CRS may be declared last) and that run
/// per feature in parallel: reprojection, coordinate ranges, polygonizing outlines and GEOS
/// validity under the chosen policy.
struct FeatureFinishing: Sendable {
    let options: ReadOptions
    let file: String
    let sourceCRS: CRS
    /// Whether the CRS could be resolved; if not, no geometry can be placed.
    let crsUsable: Bool
    /// Whether the CRS was declared (by option or file) rather than assumed.
    let crsDeclared: Bool

    var needsTransform: Bool {
        sourceCRS.definition != CRS.wgs84.definition && sourceCRS.definition != "OGC:CRS84"
    }

    func finish(_ draft: FeatureDraft) -> (Feature, [Problem]) {
        var feature = draft.feature
        var problems: [Problem] = []
        func report(_ code: ProblemCode, _ pointer: JSONPointer, _ message: String,
                    severity: Severity = .error, location: Coordinate? = nil) {
            problems.append(Problem(severity: severity, code: code, file: file, feature: feature.index,
                                    featureID: feature.id?.description, pointer: pointer, message: message, location: location))
        }
        guard var geometry = feature.geometry else { return (feature, problems) }
        feature.geometry = nil
        guard crsUsable else { return (feature, problems) }

        if needsTransform {
            do {
                geometry = try Transformer(from: sourceCRS, to: .wgs84).transform(geometry)
            } catch {
                report(.transformFailed, draft.geometryPointer,
                       "the coordinates cannot be transformed from \(sourceCRS.name) to WGS 84: \(error)")
                return (feature, problems)
            }
        }
        if let envelope = geometry.envelope,
           envelope.minX < -180 || envelope.maxX > 180 || envelope.minY < -90 || envelope.maxY > 90 {
            let (pointer, position) = firstOutOfRange(geometry, draft.geometryPointer)
            if !crsDeclared, abs(position.x) > 1000 || abs(position.y) > 1000 {
                report(.projectedCoordinates, pointer,
                       "[\(position.x), \(position.y)] looks like metres in a projected CRS, but the file declares none and "
                       + "GeoJSON is lon/lat; name the CRS with --crs (e.g. --crs EPSG:9210 for VN-2000 / TM-3 105-45)")
            } else {
                report(.coordinateOutOfRange, pointer,
                       "[\(position.x), \(position.y)] is outside longitude −180…180 / latitude −90…90")
            }
            return (feature, problems)
        }
        if options.polygonize && geometry.type.isLineal {
            guard let polygonization = try? Geometry.polygonizeFull(geometry), !polygonization.polygons.isEmpty,
                  let polygons = try? polygonization.polygons.unaryUnion() else {
                report(.outlineNotClosed, draft.geometryPointer, outlineMessage(geometry))
                return (feature, problems)
            }
            let leftOver = polygonization.dangles.partCount + polygonization.cuts.partCount
            if leftOver > 0 {
                let length = (try? Geodesic.wgs84.length(of: polygonization.dangles)) ?? 0
                    + ((try? Geodesic.wgs84.length(of: polygonization.cuts)) ?? 0)
                report(.outlineDangles, draft.geometryPointer,
                       String(format: "%d piece%@ of the outline (%.0f m in all) bound no area and %@ left out",
                              leftOver, leftOver == 1 ? "" : "s", length, leftOver == 1 ? "was" : "were"),
                       severity: .warning)
            }
            geometry = polygons
        }
        if options.checkValidity, (try? geometry.isValid) == false, let validity = try? geometry.validity(),
           case let .invalid(reason, location) = validity {
            let code = ProblemCode(geosReason: reason)
            let place = location.map { " at [\($0.x), \($0.y)]" } ?? ""
            switch options.policy {
            case .reject:
                report(code, draft.geometryPointer, "the geometry is invalid: \(reason)\(place)", location: location)
            case .warn:
                report(code, draft.geometryPointer, "the geometry is invalid: \(reason)\(place)", severity: .warning, location: location)
            case .repair:
                if let repaired = try? geometry.makeValid(method: .structure), (try? repaired.isValid) == true {
                    report(.repaired, draft.geometryPointer,
                           "repaired with GEOS make-valid: \(reason)\(place); \(change(from: geometry, to: repaired))",
                           severity: .warning, location: location)
                    geometry = repaired
                } else {
                    report(code, draft.geometryPointer, "the geometry is invalid and could not be repaired: \(reason)\(place)",
                           location: location)
                }
            }
        }
        feature.geometry = geometry
        return (feature, problems)
    }

    /// The pointer and value of the first position outside lon/lat ranges.
    private func firstOutOfRange(_ geometry: Geometry, _ base: JSONPointer) -> (JSONPointer, Coordinate) {
        let fallback = (base, Coordinate(geometry.envelope?.maxX ?? 0, geometry.envelope?.maxY ?? 0))
        guard let value = try? geometry.value() else { return fallback }
        func outside(_ c: Coordinate) -> Bool { abs(c.x) > 180 || abs(c.y) > 90 }
        func search(_ value: GeometryValue, _ pointer: JSONPointer) -> (JSONPointer, Coordinate)? {
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
        return search(value, base) ?? fallback
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
