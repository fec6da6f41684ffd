/// HTML or SVG text escaped by construction: the literal parts of a `Markup` string are markup
/// written in this source, and every `String` interpolated into it is escaped for element content
/// and quoted attributes alike (`&`, `<`, `>`, `"`, `'`), with the characters XML 1.0 forbids
/// (controls such as U+000B, U+FFFE, U+FFFF) dropped, so no name in the data can break the page or
/// make `map.svg` invalid XML. Markup interpolated into markup is kept as it is.
struct Markup: ExpressibleByStringInterpolation, Sendable, CustomStringConvertible {
    private(set) var text: String

    init(stringLiteral value: String) { text = value }
    init(stringInterpolation: Interpolation) { text = stringInterpolation.text }
    init() { text = "" }

    var description: String { text }

    struct Interpolation: StringInterpolationProtocol {
        var text = ""
        init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity + 16 * interpolationCount) }
        mutating func appendLiteral(_ literal: String) { text += literal }
        /// Text from data: escaped.
        mutating func appendInterpolation(_ value: String) { Markup.escape(value, into: &text) }
        /// Markup already escaped.
        mutating func appendInterpolation(_ value: Markup) { text += value.text }
        mutating func appendInterpolation(_ value: Int) { text += String(value) }
        /// A number with `places` decimals (pixels, hectares).
        mutating func appendInterpolation(_ value: Double, places: Int) { text += Markup.fixed(value, places: places) }
    }

    static func += (lhs: inout Markup, rhs: Markup) { lhs.text += rhs.text }
    static func + (lhs: Markup, rhs: Markup) -> Markup { var sum = lhs; sum += rhs; return sum }

    /// Markup joined with a separator.
    static func joined(_ parts: [Markup], separator: Markup = "") -> Markup {
        Markup(raw: parts.map(\.text).joined(separator: separator.text))
    }

    /// Text produced by code that escapes it itself (path data, numbers, JSON made safe for a script element).
    init(raw: String) { text = raw }

    /// Whether XML 1.0 allows the scalar in a document (its production `Char`).
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    static func escape(_ value: String, into out: inout String) {
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: if isXMLCharacter(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
    }

    static func escaped(_ value: String) -> String {
        var out = ""
        escape(value, into: &out)
        return out
    }

    /// `value` with `places` decimals, "-0" written "0" (``Figure/decimals(_:_:)``).
    static func fixed(_ value: Double, places: Int) -> String { Figure.decimals(value, places) }

    /// JSON placed inside a `<script type="application/json">` element: `<` is written `\u003c`
    /// (valid in a JSON string, the only place it can occur), so no `</script>` or `<!--` can close
    /// the element early; forbidden XML characters are dropped as elsewhere.
    static func scriptJSON(_ json: String) -> Markup {
        var out = ""
        out.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            if scalar == "<" { out += "\\u003c" } else if isXMLCharacter(scalar) { out.unicodeScalars.append(scalar) }
        }
        return Markup(raw: out)
    }
}
