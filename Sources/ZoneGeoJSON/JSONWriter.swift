/// Writes JSON text: strings escaped per RFC 8259 (UTF-8 kept as is), numbers as their kept text.
public struct JSONWriter {
    /// Indentation per level; `nil` for compact output on one line.
    public var indent: Int?

    /// A writer indenting by `indent` spaces per level, or compact on one line.
    public init(indent: Int? = nil) {
        self.indent = indent
    }

    /// The value as JSON text.
    public func string(_ value: JSONValue) -> String {
        var output = ""
        write(value, into: &output, level: 0)
        return output
    }

    /// Appends `value` to `output` at nesting `level`.
    public func write(_ value: JSONValue, into output: inout String, level: Int) {
        switch value {
        case .null: output += "null"
        case let .bool(flag): output += flag ? "true" : "false"
        case let .number(text): output += text
        case let .string(text): Self.writeString(text, into: &output)
        case let .array(elements):
            writeContainer("[", "]", elements.count, into: &output, level: level) { i, output in
                write(elements[i], into: &output, level: level + 1)
            }
        case let .object(object):
            let members = object.members
            writeContainer("{", "}", members.count, into: &output, level: level) { i, output in
                Self.writeString(members[i].key, into: &output)
                output += indent == nil ? ":" : ": "
                write(members[i].value, into: &output, level: level + 1)
            }
        }
    }

    /// Writes a container's elements with separators and indentation.
    public func writeContainer(_ open: String, _ close: String, _ count: Int, into output: inout String, level: Int,
                               _ element: (Int, inout String) -> Void) {
        output += open
        guard count > 0 else { return output += close }
        for i in 0..<count {
            if i > 0 { output += "," }
            newline(&output, level: level + 1)
            element(i, &output)
        }
        newline(&output, level: level)
        output += close
    }

    private func newline(_ output: inout String, level: Int) {
        guard let indent else { return }
        output += "\n"
        output += String(repeating: " ", count: indent * level)
    }

    /// Appends `text` as a JSON string literal.
    public static func writeString(_ text: String, into output: inout String) {
        output += "\""
        // Most text needs no escape: append it whole.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
