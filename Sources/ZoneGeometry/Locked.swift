import Foundation

/// A value read and written from several threads behind a lock that ThreadSanitizer sees (an
/// `NSLock`, a pthread mutex; it does not see `Synchronization.Mutex`).
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    public init(_ value: Value) {
        stored = value
    }

    /// The value, read or replaced under the lock.
    public var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
