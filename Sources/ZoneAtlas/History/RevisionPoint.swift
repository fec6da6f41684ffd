/// A point in a registry's history as a user names it: a revision number (`3`) or a calendar day
/// (`2026-02-12`, UTC), meaning the state at the end of that day.
public enum RevisionPoint: Sendable, Equatable, CustomStringConvertible {
    case number(Int)
    case day(String)

    /// Reads `3`, `r3` or a `YYYY-MM-DD` day; `nil` for anything else.
    public init?(_ text: String) {
        let digits = text.hasPrefix("r") ? String(text.dropFirst()) : text
        if let number = Int(digits), number >= 0, digits.allSatisfy(\.isASCII) {
            self = .number(number)
        } else if FeatureMapper.isISODate(text) {
            self = .day(text)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case let .number(number): "revision \(number)"
        case let .day(day): day
        }
    }

    /// The revision this point names among `revisions` (in number order).
    /// - Throws: ``RegistryError/unknownRevision(_:reason:)`` for a number no revision has, or a day
    ///   before the first revision.
    public func resolve(in revisions: [Revision], registry: String) throws(RegistryError) -> Int {
        guard let last = revisions.last else {
            throw .unknownRevision(description, reason: "\(registry) has no revisions yet")
        }
        switch self {
        case let .number(number):
            guard revisions.contains(where: { $0.number == number }) else {
                throw .unknownRevision(description, reason: "\(registry) has revisions 1 to \(last.number)")
            }
            return number
        case let .day(day):
            guard let revision = revisions.last(where: { $0.day <= day }) else {
                throw .unknownRevision(description, reason: "it is before the first revision of \(registry), made \(revisions[0].day)")
            }
            return revision.number
        }
    }
}
