import CGEOS

/// A packed R-tree (Sort-Tile-Recursive) over a fixed list of geometries, answering
/// "which geometries could meet this one?" by index into ``geometries``.
///
/// The tree is built once in `init`; afterwards it is only read, so one tree may be queried
/// from many threads at once.
public final class STRtree: @unchecked Sendable {
    /// The indexed geometries; query results are indices into this array.
    public let geometries: [Geometry]
    private let tree: OpaquePointer

    /// Indexes `geometries` (empty ones are skipped: they meet nothing).
    /// - Parameters:
    ///   - geometries: what to index, in the order query results refer to.
    ///   - nodeCapacity: children per node; GEOS's default of 10 suits most data.
    public init(_ geometries: [Geometry], nodeCapacity: Int = 10) throws(GeometryError) {
        let context = GEOSContext.current
        context.clearError()
        guard let tree = GEOSSTRtree_create_r(context.handle, max(2, nodeCapacity)) else {
            throw context.error("STRtree_create")
        }
        self.tree = tree
        self.geometries = geometries
        for (index, geometry) in geometries.enumerated() where !geometry.isEmpty {
            GEOSSTRtree_insert_r(context.handle, tree, geometry.handle, Self.item(index))
        }
        // GEOS builds the tree on the first query: do it now, before any concurrent reader.
        _ = try candidates(in: Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0))
    }

    deinit {
        GEOSSTRtree_destroy_r(GEOSContext.current.handle, tree)
    }

    /// Indices, ascending, of the geometries whose envelopes intersect `envelope`.
    public func query(_ envelope: Envelope) throws(GeometryError) -> [Int] {
        try candidates(in: envelope).sorted()
    }

    /// Indices, ascending, of the geometries `g` for which `predicate(geometry, g)` holds; with no
    /// predicate, those whose envelopes intersect the geometry's envelope.
    ///
    /// The query geometry is prepared once and tested only against envelope candidates.
    public func query(_ geometry: Geometry, predicate: SpatialPredicate? = nil) throws(GeometryError) -> [Int] {
        guard var envelope = geometry.envelope else { return [] }
        if case let .withinDistance(distance)? = predicate { envelope = envelope.expanded(by: distance) }
        var found = try candidates(in: envelope)
        if let predicate {
            let prepared = try PreparedGeometry(geometry)
            var kept: [Int] = []
            for index in found where try prepared.test(predicate, geometries[index]) { kept.append(index) }
            found = kept
        }
        return found.sorted()
    }

    /// The index of the geometry nearest to `geometry` (planar distance), or `nil` for an empty
    /// tree or query. Ties go to whichever GEOS meets first.
    public func nearest(to geometry: Geometry) throws(GeometryError) -> Int? {
        guard !geometry.isEmpty, geometries.contains(where: { !$0.isEmpty }) else { return nil }
        let context = GEOSContext.current
        context.clearError()
        var search = NearestSearch(context: context.handle, handles: geometries.map(\.handle), query: geometry.handle)
        let found = withUnsafeMutablePointer(to: &search) { searchPointer in
            GEOSSTRtree_nearest_generic_r(context.handle, tree, NearestSearch.queryItem, geometry.handle, { a, b, distance, userdata in
                let search = userdata!.assumingMemoryBound(to: NearestSearch.self)
                return search.pointee.distance(a, b, distance)
            }, searchPointer)
        }
        if search.failed { throw context.error("STRtree_nearest") }
        guard let found else { return nil }
        return Int(bitPattern: found) - 1
    }

    /// Envelope candidates in tree order.
    private func candidates(in envelope: Envelope) throws(GeometryError) -> [Int] {
        let context = GEOSContext.current
        context.clearError()
        guard let box = GEOSGeom_createRectangle_r(context.handle, envelope.minX, envelope.minY, envelope.maxX, envelope.maxY) else {
            throw context.error("createRectangle")
        }
        defer { GEOSGeom_destroy_r(context.handle, box) }
        var found: [Int] = []
        withUnsafeMutablePointer(to: &found) { foundPointer in
            GEOSSTRtree_query_r(context.handle, tree, box, { item, userdata in
                userdata!.assumingMemoryBound(to: [Int].self).pointee.append(Int(bitPattern: item) - 1)
            }, foundPointer)
        }
        return found
    }

    /// Items are stored as index + 1, so none is NULL.
    private static func item(_ index: Int) -> UnsafeMutableRawPointer? {
        UnsafeMutableRawPointer(bitPattern: index + 1)
    }
}

/// State for GEOS's nearest-neighbour callback: which item is the query, and how to measure.
private struct NearestSearch {
    /// Marks the query item; never equal to a stored index + 1.
    static var queryItem: UnsafeRawPointer? { UnsafeRawPointer(bitPattern: UInt.max) }
    let context: GEOSContextHandle_t
    let handles: [OpaquePointer]
    let query: OpaquePointer
    var failed = false

    mutating func distance(_ a: UnsafeRawPointer?, _ b: UnsafeRawPointer?, _ result: UnsafeMutablePointer<Double>?) -> Int32 {
        func geometry(_ item: UnsafeRawPointer?) -> OpaquePointer {
            item == Self.queryItem ? query : handles[Int(bitPattern: item) - 1]
        }
        guard GEOSDistance_r(context, geometry(a), geometry(b), result) == 1 else {
            failed = true
            return 0
        }
        return 1
    }
}
