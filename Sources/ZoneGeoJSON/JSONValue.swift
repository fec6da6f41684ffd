import Foundation

/// A JSON value kept exactly as written: numbers keep their original text (so `1.50`, `-0` and
/// `12345678901234567890` survive a round trip), objects keep their member order.
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// The number's literal text, e.g. `"1.50"` or `"1e3"`.
    case number(String)
    /// A string, unescaped.
    case string(String)
    /// An array, in order.
    case array([JSONValue])
    /// An object, its members in their original order.
    case object(JSONObject)

    /// A number written with a fixed count of decimals; `null` for NaN and infinities, which JSON lacks.
    public static func fixed(_ value: Double, places: Int) -> JSONValue {
        value.isFinite ? .number(String(format: "%.\(places)f", value)) : .null
    }

    /// The value as a Double, for numbers (and numeric strings such as `"5300"`).
    public var doubleValue: Double? {
        switch self {
        case let .number(text), let .string(text): Double(text)
        default: nil
        }
    }

    /// The value as text: strings as they are, numbers and booleans in their JSON form.
    public var stringValue: String? {
        switch self {
        case let .string(text), let .number(text): text
        case let .bool(flag): flag ? "true" : "false"
        default: nil
        }
    }
}

/// A JSON object's members in their original order.
public struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// The members, in their original order (a repeated key is kept).
    public private(set) var members: [(key: String, value: JSONValue)]

    /// An object of these members, in this order.
    public init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = members
    }

    /// An object from a literal, members in the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        members = elements.map { (key: $0.0, value: $0.1) }
    }

    /// The value of the first member named `key`.
    public subscript(key: String) -> JSONValue? {
        get { members.first { $0.key == key }?.value }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append((key: key, value: newValue))
            }
        }
    }

    /// Whether it has no member.
    public var isEmpty: Bool { members.isEmpty }
    /// The number of members.
    public var count: Int { members.count }

    /// The members, in order.
    public func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> {
        members.makeIterator()
    }

    /// Whether both have the same members in the same order.
    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        a.members.count == b.members.count && zip(a.members, b.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    /// Hashes the members in order, as ``==(_:_:)`` compares them.
    public func hash(into hasher: inout Hasher) {
        for member in members {
            hasher.combine(member.key)
            hasher.combine(member.value)
        }
    }
}

extension JSONValue {
    /// Parses JSON text (RFC 8259), keeping numbers' text and members' order.
    /// - Throws: ``JSONParseError`` with the line and column of the first problem.
    public init(parsing text: String) throws(JSONParseError) {
        var bytes = Array(text.utf8)
        let parsed: Result<JSONValue, JSONFailure> = bytes.withUnsafeMutableBytes { raw in
            var scanner = JSONScanner(UnsafeRawBufferPointer(raw))
            do throws(JSONFailure) {
                let value = try scanner.readValue(depth: 0)
                if scanner.peek() != nil { throw scanner.unexpected(expecting: "the end of the text") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        switch parsed {
        case let .success(value):
            self = value
        case let .failure(failure):
            let (line, column) = bytes.withUnsafeBytes { JSONScanner($0).lineAndColumn(of: failure.offset) }
            throw JSONParseError(message: failure.message, line: line, column: column)
        }
    }
}

/// Text that is not valid JSON, with where it breaks.
public struct JSONParseError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, e.g. "expected ',' or '}'".
    public var message: String
    /// 1-based line of the offending character.
    public var line: Int
    /// 1-based column (in characters) of the offending character.
    public var column: Int

    /// `line L, column C: message`.
    public var description: String { "line \(line), column \(column): \(message)" }
}
