import ZoneGeometry
import ZoneProjection

/// Areas already measured, by geometry: a reader that measures features as it reads them (on the
/// cores the parser leaves idle) hands them to
/// ``AreaReport/measure(_:crs:tolerancePercent:measured:)-5bl00``, which then measures only the rest.
///
/// Geodesic measures hold whatever the CRS; planar areas were taken in one CRS, chosen before
/// the whole extent was known, and are used only if the report's CRS is that one.
///
/// A measure is found by the identity of the geometry object it was taken of, so it is found
/// only while that object lives (the features that hold it are being analysed).
public struct AreaMeasures: Sendable {
    /// The CRS of the planar areas held; `nil` when none are.
    public let planarCRS: CRS?
    private var geodesic: [ObjectIdentifier: GeodesicMeasure] = [:]
    /// Planar areas in ``planarCRS``, m².
    private var planar: [ObjectIdentifier: Double] = [:]

    /// No measures yet; planar areas, if any are recorded, in `planarCRS`.
    public init(planarCRS: CRS? = nil) {
        self.planarCRS = planarCRS
    }

    /// The geodesic measure taken of this geometry object, if any.
    public func geodesic(of geometry: Geometry) -> GeodesicMeasure? {
        geodesic[ObjectIdentifier(geometry)]
    }

    /// The planar area in m² taken of this geometry object in `crs`; `nil` when none was, or it was
    /// taken in another CRS.
    public func planarSquareMetres(of geometry: Geometry, in crs: CRS) -> Double? {
        guard crs == planarCRS else { return nil }
        return planar[ObjectIdentifier(geometry)]
    }

    /// Records what was measured of a geometry object (planar areas in ``planarCRS``).
    public mutating func record(geodesic measure: GeodesicMeasure?, planarSquareMetres: Double?, of geometry: Geometry) {
        if let measure { geodesic[ObjectIdentifier(geometry)] = measure }
        if let planarSquareMetres, planarCRS != nil { planar[ObjectIdentifier(geometry)] = planarSquareMetres }
    }

    /// Adds the measures taken of other geometry objects; their planar areas only if taken in the same CRS.
    public mutating func merge(_ other: AreaMeasures) {
        geodesic.merge(other.geodesic) { _, new in new }
        if other.planarCRS == planarCRS { planar.merge(other.planar) { _, new in new } }
    }
}
