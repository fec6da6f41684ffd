import ZoneGeometry

/// Where the data is: the main body a map should open on, and the outlying parts (an island
/// 110 km offshore) that would otherwise shrink it into a corner.
///
/// The envelopes of the features are marked on a 64 × 64 grid over their whole extent, and marked
/// cells that touch (with one empty cell of slack) form clusters. The cluster holding the most
/// feature area is the main body, with every cluster holding at least a tenth of the total area;
/// the rest are outlying parts.
struct MainBody {
    /// The envelope of the main body, in the envelopes' coordinates.
    var main: Envelope
    /// The envelope of each outlying cluster, largest area first.
    var outlying: [Envelope]
    /// The envelope of everything.
    var whole: Envelope

    /// - Parameters:
    ///   - envelopes: one per feature.
    ///   - weights: each feature's area (any unit), to weigh the clusters.
    init?(envelopes: [Envelope], weights: [Double]) {
        guard let whole = envelopes.reduce(nil, { (sum: Envelope?, next) in sum?.union(next) ?? next }) else { return nil }
        self.whole = whole
        let cells = 64
        let cellWidth = max(whole.width, 1e-12) / Double(cells), cellHeight = max(whole.height, 1e-12) / Double(cells)
        func column(_ x: Double) -> Int { min(cells - 1, max(0, Int((x - whole.minX) / cellWidth))) }
        func row(_ y: Double) -> Int { min(cells - 1, max(0, Int((y - whole.minY) / cellHeight))) }
        var marked = [Bool](repeating: false, count: cells * cells)
        for envelope in envelopes {
            for r in row(envelope.minY)...row(envelope.maxY) {
                for c in column(envelope.minX)...column(envelope.maxX) { marked[r * cells + c] = true }
            }
        }
        // Clusters by flood fill, neighbours up to two cells away.
        var cluster = [Int](repeating: -1, count: cells * cells)
        var count = 0
        for start in marked.indices where marked[start] && cluster[start] < 0 {
            var stack = [start]
            cluster[start] = count
            while let cell = stack.popLast() {
                let (r, c) = (cell / cells, cell % cells)
                for dr in -2...2 {
                    for dc in -2...2 {
                        let (nr, nc) = (r + dr, c + dc)
                        guard nr >= 0, nr < cells, nc >= 0, nc < cells else { continue }
                        let next = nr * cells + nc
                        if marked[next] && cluster[next] < 0 {
                            cluster[next] = count
                            stack.append(next)
                        }
                    }
                }
            }
            count += 1
        }
        var weight = [Double](repeating: 0, count: count)
        var extent = [Envelope?](repeating: nil, count: count)
        for (envelope, area) in zip(envelopes, weights) {
            let k = cluster[row((envelope.minY + envelope.maxY) / 2) * cells + column((envelope.minX + envelope.maxX) / 2)]
            guard k >= 0 else { continue }
            weight[k] += area
            extent[k] = extent[k]?.union(envelope) ?? envelope
        }
        let total = weight.reduce(0, +)
        let order = (0..<count).filter { extent[$0] != nil }.sorted { weight[$0] > weight[$1] }
        guard let first = order.first, let firstExtent = extent[first] else { return nil }
        var main = firstExtent
        var outlying: [Envelope] = []
        for k in order.dropFirst() {
            guard let envelope = extent[k] else { continue }
            if weight[k] >= 0.1 * total { main = main.union(envelope) } else { outlying.append(envelope) }
        }
        // Outlying parts inside the main body's box are simply part of it.
        self.outlying = outlying.filter { !(main.minX <= $0.minX && $0.maxX <= main.maxX && main.minY <= $0.minY && $0.maxY <= main.maxY) }
        self.main = main
    }
}
