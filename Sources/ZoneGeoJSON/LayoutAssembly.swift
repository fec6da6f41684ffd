import ZoneGeometry

/// Checks a `coordinates` tree against its geometry type and turns it into a ``PackedLayout``:
/// the nesting depth, position counts, ring closure and ring orientation, each problem located by
/// its JSON Pointer.
struct LayoutAssembly {
    struct Finding {
        var code: ProblemCode
        var severity: Severity
        var pointer: JSONPointer
        var message: String
    }

    let store: PositionStore
    let pointer: JSONPointer
    private(set) var problems: [Finding] = []
    /// Whether the coordinates were an empty array.
    private(set) var isEmpty = false
    private var paths: [Range<Int>] = []
    private var polygons: [Range<Int>] = []
    private var failed = false

    init(store: PositionStore, pointer: JSONPointer) {
        self.store = store
        self.pointer = pointer
    }

    /// The layout, or `nil` when an error was found (see ``problems``).
    mutating func layout(_ type: GeometryType, _ node: CoordinateNode) -> PackedLayout? {
        if case let .list(children) = node, children.isEmpty {
            isEmpty = true
            return nil
        }
        switch type {
        case .point:
            guard case let .position(i) = node else { return wrongDepth(node, [], "a Point's coordinates are one position, [x, y]") }
            paths = [i..<i + 1]
        case .lineString, .linearRing:
            line(node, [])
        case .multiPoint:
            guard case let .run(run) = node else { return wrongDepth(node, [], "a MultiPoint's coordinates are an array of positions") }
            paths = [run]
        case .polygon:
            rings(node, [])
        case .multiLineString:
            guard case let .list(lines) = node else {
                return wrongDepth(node, [], "a MultiLineString's coordinates are an array of lines (arrays of positions)")
            }
            for (k, child) in lines.enumerated() { line(child, [k]) }
        case .multiPolygon:
            guard case let .list(members) = node else {
                return wrongDepth(node, [], "a MultiPolygon's coordinates are an array of polygons (arrays of rings)")
            }
            for (k, member) in members.enumerated() {
                let first = paths.count
                rings(member, [k])
                polygons.append(first..<paths.count)
            }
        case .geometryCollection:
            return nil
        }
        return failed ? nil : PackedLayout(type: type, paths: paths, polygons: polygons)
    }

    private mutating func line(_ node: CoordinateNode, _ at: [Int]) {
        switch node {
        case let .run(run) where run.count >= 2:
            paths.append(run)
            repeatedVertex(run, at)
        case let .run(run):
            error(.tooFewPositions, at, "a line needs at least 2 positions; this one has \(run.count)")
        case let .list(children) where children.isEmpty:
            error(.tooFewPositions, at, "a line needs at least 2 positions; this one has none")
        default:
            _ = wrongDepth(node, at, "a line is an array of positions")
        }
    }

    /// In an array that should hold positions only, the first element that is not one.
    private func misplaced(_ node: CoordinateNode) -> (index: Int, node: CoordinateNode)? {
        guard case let .list(children) = node, children.contains(where: { if case .position = $0 { true } else { false } }) else {
            return nil
        }
        return children.enumerated().first { if case .position = $0.element { false } else { true } }.map { ($0.offset, $0.element) }
    }

    private mutating func rings(_ node: CoordinateNode, _ at: [Int]) {
        guard case let .list(rings) = node, !rings.isEmpty else {
            if case let .list(children) = node, children.isEmpty {
                error(.emptyGeometry, at, "the polygon has no rings")
            } else {
                _ = wrongDepth(node, at, "a polygon is an array of rings (arrays of positions)")
            }
            return
        }
        for (k, ring) in rings.enumerated() {
            let ringAt = at + [k]
            switch ring {
            case let .run(run):
                self.ring(run, ringAt, isShell: k == 0)
            case let .list(children) where children.isEmpty:
                error(.tooFewPositions, ringAt, "a ring needs at least 4 positions; this one has none")
            default:
                _ = wrongDepth(ring, ringAt, "a ring is an array of positions")
            }
        }
    }

    private mutating func ring(_ run: Range<Int>, _ at: [Int], isShell: Bool) {
        guard run.count >= 4 else {
            error(.tooFewPositions, at, "a ring needs at least 4 positions (the first repeated last); this one has \(run.count)")
            return
        }
        let first = run.lowerBound, last = run.upperBound - 1
        guard store.x[first] == store.x[last], store.y[first] == store.y[last] else {
            error(.unclosedRing, at, "the ring is not closed: its last position must repeat its first, [\(store.x[first]), \(store.y[first])]")
            return
        }
        paths.append(run)
        repeatedVertex(run, at)
        // RFC 7946 §3.1.6: shells counter-clockwise, holes clockwise (a "should", so a warning).
        var twiceArea = 0.0
        for i in first..<last {
            twiceArea += (store.x[i] - store.x[first]) * (store.y[i + 1] - store.y[first])
                - (store.x[i + 1] - store.x[first]) * (store.y[i] - store.y[first])
        }
        if twiceArea != 0 && (twiceArea > 0) != isShell {
            problems.append(Finding(code: .ringOrientation, severity: .warning, pointer: pointer.appending(at),
                                    message: isShell ? "the exterior ring runs clockwise; RFC 7946 asks for counter-clockwise"
                                                     : "the hole runs counter-clockwise; RFC 7946 asks for clockwise"))
        }
    }

    /// Warns of the first position that repeats the one before it (a zero-length segment).
    private mutating func repeatedVertex(_ run: Range<Int>, _ at: [Int]) {
        for i in run.dropFirst() where store.x[i] == store.x[i - 1] && store.y[i] == store.y[i - 1] {
            problems.append(Finding(code: .repeatedVertex, severity: .warning, pointer: pointer.appending(at + [i - run.lowerBound]),
                                    message: "the position repeats the one before it, [\(store.x[i]), \(store.y[i])]: a zero-length segment"))
            return
        }
    }

    private mutating func wrongDepth(_ node: CoordinateNode, _ at: [Int], _ expected: String) -> PackedLayout? {
        // A part already reported (a bad number, say) says nothing about the nesting.
        if node.containsBroken { failed = true; return nil }
        // Positions with one odd element: point at that element.
        if let (index, odd) = misplaced(node) {
            if case let .list(children) = odd, children.isEmpty {
                error(.invalidPosition, at + [index], "a position needs at least two numbers, longitude and latitude; this one is empty")
            } else {
                error(.invalidPosition, at + [index], "coordinates are nested at the wrong depth: expected a position [x, y] here")
            }
            return nil
        }
        error(.invalidPosition, at, "coordinates are nested at the wrong depth: \(expected)")
        return nil
    }

    private mutating func error(_ code: ProblemCode, _ at: [Int], _ message: String) {
        failed = true
        problems.append(Finding(code: code, severity: .error, pointer: pointer.appending(at), message: message))
    }
}

extension CoordinateNode {
    /// Whether this node or any below it was already reported as broken.
    var containsBroken: Bool {
        switch self {
        case .broken: true
        case let .list(children): children.contains { $0.containsBroken }
        case .position, .run: false
        }
    }
}
