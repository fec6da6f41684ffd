/// Features as parsed, handed from the parser to the reader while the file is still being read.
struct DraftBatch: Sendable {
    var drafts: [FeatureDraft]
    /// The parser's problems about these features, in the order found.
    var problems: [Problem]
    /// The legacy `crs` member's name if it came before the `features` array.
    var declaredCRS: (name: String, pointer: JSONPointer)?
}

/// How the parser hands out a `features` array while reading it.
struct DraftBatching {
    /// Features per batch.
    var size: Int
    /// Takes a full batch; returns `false` to stop reading.
    var handOut: (DraftBatch) -> Bool
    /// Whether to stop reading now, asked every few features (the consumer is gone: a batch half
    /// read need not be finished).
    var stopped: () -> Bool
    /// Told each byte offset before which the parser will not read again (but to count lines
    /// for a problem, which tells again as it goes).
    var passed: (Int) -> Void
}

extension JSONFailure {
    /// Not a fault in the file: the reader's consumer asked to stop.
    static let stop = JSONFailure(code: .invalidJSON, offset: -1, message: "reading was stopped")

    var isStop: Bool { offset < 0 }
}
