import Foundation

/// What the parsing thread of a streaming read has left when the document ends.
struct ParsedRest: Sendable {
    /// The features read after the last full batch (or all of them, for a document that is no
    /// FeatureCollection), and the parser's problems not handed out yet.
    var drafts: [FeatureDraft]
    var problems: [Problem]
    var declaredCRS: (name: String, pointer: JSONPointer)?
    var foreignMembers: JSONObject
    var bbox: [Double]?
    var documentType: String?
    var isBroken: Bool
    var batchesHandedOut: Int

    init(_ parser: GeoJSONParser) {
        drafts = parser.drafts
        problems = parser.problems
        declaredCRS = parser.declaredCRS
        foreignMembers = parser.foreignMembers
        bbox = parser.bbox
        documentType = parser.documentType
        isBroken = parser.isBroken
        batchesHandedOut = parser.batchesHandedOut
    }
}

/// The bounded queue between the parsing thread of a streaming read and the thread that finishes
/// and hands out its batches: the parser waits while `capacity` batches are waiting, so that
/// memory holds a few batches, never the file.
final class BatchHandOff: @unchecked Sendable {
    enum Item: Sendable {
        case batch(DraftBatch)
        case end(ParsedRest)
    }

    private let condition = NSCondition()
    private var items: [Item] = []
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Queues a batch, waiting for room; `false` once the reader has cancelled.
    func put(_ batch: DraftBatch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(.batch(batch))
        condition.broadcast()
        return true
    }

    /// Queues the end of the document (never waits).
    func end(_ rest: ParsedRest) {
        condition.lock()
        defer { condition.unlock() }
        if !cancelled { items.append(.end(rest)) }
        condition.broadcast()
    }

    /// The next item, waiting for one.
    func take() -> Item {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty { condition.wait() }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// Stops the parser at its next batch and drops what is queued.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        items.removeAll()
        condition.broadcast()
    }
}
