import Foundation

/// An RFC 6901 JSON Pointer, e.g. `/features/12/geometry/coordinates/0/3`.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The reference tokens, unescaped.
    public private(set) var tokens: [String]

    /// A pointer from unescaped reference tokens (none: the whole document).
    public init(_ tokens: [String] = []) {
        self.tokens = tokens
    }

    /// Parses the textual form (`""` is the whole document).
    public init(stringLiteral text: String) {
        tokens = text.isEmpty ? [] : text.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    /// The pointer to a member of the value this points to.
    public func appending(_ key: String) -> JSONPointer {
        JSONPointer(tokens + [key])
    }

    /// The pointer to an element of the array this points to.
    public func appending(_ index: Int) -> JSONPointer {
        JSONPointer(tokens + [String(index)])
    }

    /// The pointer to a nested element, following `indices` one level each.
    public func appending(_ indices: [Int]) -> JSONPointer {
        JSONPointer(tokens + indices.map(String.init))
    }

    /// The textual form, `~` and `/` escaped as `~0` and `~1`.
    public var description: String {
        tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }.joined()
    }
}
