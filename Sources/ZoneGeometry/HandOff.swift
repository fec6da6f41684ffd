import Foundation

/// A bounded queue between a thread that produces batches and one that consumes them in order,
/// ending with one final value: the producer waits while `capacity` batches are waiting, so that
/// memory holds a few batches, never the whole input, and both threads work at once.
///
/// The consumer may cancel: the producer's next ``put(_:)`` returns `false`, and it should stop.
public final class HandOff<Batch: Sendable, End: Sendable>: @unchecked Sendable {
    public enum Item: Sendable {
        case batch(Batch)
        case end(End)
    }

    private let condition = NSCondition()
    private var items: [Item] = []
    private var cancelled = false
    private let capacity: Int

    /// A queue holding at most `capacity` (at least 1) batches.
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Queues a batch, waiting for room; `false` once the consumer has cancelled.
    public func put(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(.batch(batch))
        condition.broadcast()
        return true
    }

    /// Queues the end (never waits).
    public func end(_ value: End) {
        condition.lock()
        defer { condition.unlock() }
        if !cancelled { items.append(.end(value)) }
        condition.broadcast()
    }

    /// The next item, waiting for one.
    public func take() -> Item {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty { condition.wait() }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// Whether the consumer has cancelled: a producer may stop before its next batch is full.
    public var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Stops the producer at its next batch and drops what is queued.
    public func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        items.removeAll()
        condition.broadcast()
    }
}
