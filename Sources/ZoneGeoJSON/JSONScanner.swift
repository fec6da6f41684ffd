import Foundation

/// Malformed JSON: where reading had to stop, and why. Nothing after it can be trusted.
struct JSONFailure: Error {
    var code: ProblemCode
    /// Byte offset of the offending character (the end of input for a truncated file).
    var offset: Int
    var message: String
}

/// A byte-level JSON tokenizer over a buffer, strict to RFC 8259: it checks UTF-8 inside strings,
/// the number grammar and nesting depth, and parses coordinates straight into doubles without
/// building intermediate values.
struct JSONScanner {
    let bytes: UnsafeRawBufferPointer
    let base: UnsafePointer<UInt8>
    let end: Int
    var position: Int
    /// Deepest nesting of arrays and objects accepted.
    static let maximumDepth = 512

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        self.base = bytes.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) } ?? UnsafePointer(bitPattern: 1)!
        self.end = bytes.count
        // A UTF-8 byte order mark is allowed and ignored (RFC 8259 §8.1).
        self.position = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    // MARK: Characters

    @inline(__always)
    mutating func skipWhitespace() {
        while position < end {
            let byte = base[position]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            position += 1
        }
    }

    /// The next non-whitespace byte, not consumed; `nil` at the end of input.
    @inline(__always)
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < end ? base[position] : nil
    }

    /// Consumes `byte` after optional whitespace, or fails saying what was expected.
    @inline(__always)
    mutating func expect(_ byte: UInt8, _ what: String) throws(JSONFailure) {
        skipWhitespace()
        guard position < end, base[position] == byte else { throw unexpected(expecting: what) }
        position += 1
    }

    /// Consumes `byte` if it comes next.
    @inline(__always)
    mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        if position < end && base[position] == byte {
            position += 1
            return true
        }
        return false
    }

    /// After an element of an array or object: `true` when another follows, `false` at the closer.
    @inline(__always)
    mutating func nextElement(closer: UInt8, _ what: String) throws(JSONFailure) -> Bool {
        skipWhitespace()
        guard position < end else { throw unexpected(expecting: "',' or '\(Character(UnicodeScalar(closer)))'") }
        let byte = base[position]
        position += 1
        if byte == UInt8(ascii: ",") { return true }
        if byte == closer { return false }
        position -= 1
        throw unexpected(expecting: "',' or '\(Character(UnicodeScalar(closer)))' \(what)")
    }

    func unexpected(expecting what: String) -> JSONFailure {
        guard position < end else {
            return JSONFailure(code: .invalidJSON, offset: end, message: "the file ends too early, expecting \(what)")
        }
        let byte = base[position]
        let shown = (0x20..<0x7F).contains(byte) ? "'\(Character(UnicodeScalar(byte)))'" : String(format: "byte 0x%02X", byte)
        return JSONFailure(code: .invalidJSON, offset: position, message: "unexpected \(shown), expecting \(what)")
    }

    // MARK: Strings

    /// Reads a string (the opening quote next) and returns its bytes' range and whether it had
    /// escapes; validates UTF-8 and escape syntax.
    mutating func scanString() throws(JSONFailure) -> (range: Range<Int>, escaped: Bool) {
        try expect(UInt8(ascii: "\""), "a string")
        let start = position
        var escaped = false
        while true {
            guard position < end else {
                throw JSONFailure(code: .invalidJSON, offset: end, message: "the file ends inside a string")
            }
            let byte = base[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return (start..<(position - 1), escaped)
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
                try scanEscape()
            } else if byte < 0x20 {
                throw JSONFailure(code: .invalidJSON, offset: position,
                                  message: "a control character (0x\(String(byte, radix: 16))) must be escaped inside a string")
            } else if byte < 0x80 {
                position += 1
            } else {
                try scanUTF8Sequence()
            }
        }
    }

    private mutating func scanEscape() throws(JSONFailure) {
        position += 1
        guard position < end else { throw JSONFailure(code: .invalidJSON, offset: end, message: "the file ends inside a string") }
        switch base[position] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 1
        case UInt8(ascii: "u"):
            position += 1
            for _ in 0..<4 {
                guard position < end else { throw JSONFailure(code: .invalidJSON, offset: end, message: "the file ends inside a string") }
                guard Self.hexValue(base[position]) != nil else {
                    throw JSONFailure(code: .invalidJSON, offset: position, message: "\\u must be followed by four hexadecimal digits")
                }
                position += 1
            }
        default:
            throw JSONFailure(code: .invalidJSON, offset: position,
                              message: "invalid escape sequence in a string (a backslash must be written \\\\)")
        }
    }

    /// Validates one multi-byte UTF-8 sequence (RFC 3629: no overlongs, surrogates or > U+10FFFF).
    private mutating func scanUTF8Sequence() throws(JSONFailure) {
        let lead = base[position]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw invalidUTF8(at: position)
        }
        for k in 1..<length {
            let at = position + k
            guard at < end else { throw invalidUTF8(at: position) }
            let byte = base[at]
            let (lo, hi) = k == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
            guard byte >= lo && byte <= hi else { throw invalidUTF8(at: position) }
        }
        position += length
    }

    private func invalidUTF8(at offset: Int) -> JSONFailure {
        JSONFailure(code: .invalidUTF8, offset: offset,
                    message: String(format: "byte 0x%02X is not valid UTF-8 text; the file must be saved as UTF-8", base[offset]))
    }

    /// Reads a string and decodes it.
    mutating func readString() throws(JSONFailure) -> String {
        let (range, escaped) = try scanString()
        return try decodeString(range, escaped: escaped)
    }

    /// Whether the string bytes in `range` (unescaped) are exactly `literal`.
    @inline(__always)
    func bytes(_ range: Range<Int>, equal literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        return memcmp(base + range.lowerBound, literal.utf8Start, range.count) == 0
    }

    /// Decodes the content of a validated string.
    func decodeString(_ range: Range<Int>, escaped: Bool) throws(JSONFailure) -> String {
        let raw = UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
        guard escaped else { return String(decoding: raw, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        var i = range.lowerBound
        func flush() {
            if !utf8.isEmpty {
                scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars)
                utf8.removeAll(keepingCapacity: true)
            }
        }
        while i < range.upperBound {
            let byte = base[i]
            guard byte == UInt8(ascii: "\\") else {
                utf8.append(byte)
                i += 1
                continue
            }
            flush()
            let kind = base[i + 1]
            i += 2
            switch kind {
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var code = hex4(at: i)
                i += 4
                if (0xD800...0xDBFF).contains(code), i + 6 <= range.upperBound,
                   base[i] == UInt8(ascii: "\\"), base[i + 1] == UInt8(ascii: "u") {
                    let low = hex4(at: i + 2)
                    if (0xDC00...0xDFFF).contains(low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                guard let scalar = Unicode.Scalar(code) else {
                    throw JSONFailure(code: .invalidJSON, offset: i - 6,
                                      message: "\\u\(String(code, radix: 16)) is an unpaired surrogate, not a character")
                }
                scalars.append(scalar)
            default: scalars.append(Unicode.Scalar(kind))
            }
        }
        flush()
        return String(scalars)
    }

    private func hex4(at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 << 4 | UInt32(Self.hexValue(base[offset + $1]) ?? 0) }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    // MARK: Numbers

    /// Reads a number per the JSON grammar and returns its value (±infinity when it overflows a
    /// double) and its text's byte range.
    @inline(__always)
    mutating func readNumber() throws(JSONFailure) -> (value: Double, range: Range<Int>) {
        skipWhitespace()
        let start = position
        var negative = false
        if position < end && base[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        guard position < end, isDigit(base[position]) else { throw numberFailure("a digit") }
        // The digits before and after the point, found first, then read in one pass.
        let integerStart = position
        if base[position] == UInt8(ascii: "0") {
            position += 1
            if position < end && isDigit(base[position]) {
                throw JSONFailure(code: .invalidJSON, offset: position, message: "numbers may not have leading zeros")
            }
        } else {
            while position < end, isDigit(base[position]) { position += 1 }
        }
        let integerEnd = position
        var fractionStart = position, fractionEnd = position
        if position < end && base[position] == UInt8(ascii: ".") {
            position += 1
            guard position < end, isDigit(base[position]) else { throw numberFailure("a digit after '.'") }
            fractionStart = position
            while position < end, isDigit(base[position]) { position += 1 }
            fractionEnd = position
        }
        var mantissa: UInt64 = 0
        var exponent = 0
        if (integerEnd - integerStart) + (fractionEnd - fractionStart) <= 19 {
            // At most 19 digits: their value fits in 64 bits (10^19 - 1 < 2^64).
            for i in integerStart..<integerEnd { mantissa = mantissa &* 10 &+ UInt64(base[i] &- 48) }
            for i in fractionStart..<fractionEnd { mantissa = mantissa &* 10 &+ UInt64(base[i] &- 48) }
            exponent = -(fractionEnd - fractionStart)
        } else {
            // The first 19 significant digits, the rest only moving the point.
            var digits = 0
            for i in integerStart..<integerEnd {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(base[i] &- 48)
                    if mantissa != 0 { digits += 1 }
                } else {
                    exponent += 1
                }
            }
            for i in fractionStart..<fractionEnd where digits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(base[i] &- 48)
                if mantissa != 0 { digits += 1 }
                exponent -= 1
            }
        }
        if position < end && (base[position] | 0x20) == UInt8(ascii: "e") {
            position += 1
            var exponentNegative = false
            if position < end && (base[position] == UInt8(ascii: "+") || base[position] == UInt8(ascii: "-")) {
                exponentNegative = base[position] == UInt8(ascii: "-")
                position += 1
            }
            guard position < end, isDigit(base[position]) else { throw numberFailure("a digit in the exponent") }
            var written = 0
            while position < end, isDigit(base[position]) {
                if written < 100_000 { written = written * 10 + Int(base[position] - 48) }
                position += 1
            }
            exponent += exponentNegative ? -written : written
        }
        let range = start..<position
        // Exact fast path: the mantissa and the power of ten are both exact doubles, so one
        // IEEE multiplication or division rounds correctly (Clinger's algorithm).
        if mantissa < (1 << 53), exponent >= -22, exponent <= 22 {
            var value = Double(mantissa)
            value = exponent < 0 ? value / Self.powersOfTen[-exponent] : value * Self.powersOfTen[exponent]
            return (negative ? -value : value, range)
        }
        return (slowNumber(range), range)
    }

    /// 10^0 … 10^22, every one an exact double; written out so that the table is static data.
    private static let powersOfTen: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                                1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

    /// strtod on a NUL-terminated copy: correctly rounded, ±HUGE_VAL on overflow.
    private func slowNumber(_ range: Range<Int>) -> Double {
        var text = [CChar](repeating: 0, count: range.count + 1)
        for (k, i) in range.enumerated() { text[k] = CChar(bitPattern: base[i]) }
        return strtod(text, nil)
    }

    private func numberFailure(_ what: String) -> JSONFailure {
        guard position < end else {
            return JSONFailure(code: .invalidJSON, offset: end, message: "the file ends inside a number, expecting \(what)")
        }
        return unexpected(expecting: what)
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte &- 48 < 10 }

    // MARK: Values

    /// Reads any JSON value, keeping numbers' text and members' order.
    mutating func readValue(depth: Int) throws(JSONFailure) -> JSONValue {
        guard let byte = peek() else { throw unexpected(expecting: "a value") }
        switch byte {
        case UInt8(ascii: "{"):
            try enter(depth)
            position += 1
            var members: [(key: String, value: JSONValue)] = []
            if consume(UInt8(ascii: "}")) { return .object(JSONObject(members)) }
            repeat {
                let key = try readString()
                try expect(UInt8(ascii: ":"), "':' after a member name")
                members.append((key: key, value: try readValue(depth: depth + 1)))
            } while try nextElement(closer: UInt8(ascii: "}"), "in an object")
            return .object(JSONObject(members))
        case UInt8(ascii: "["):
            try enter(depth)
            position += 1
            var elements: [JSONValue] = []
            if consume(UInt8(ascii: "]")) { return .array(elements) }
            repeat {
                elements.append(try readValue(depth: depth + 1))
            } while try nextElement(closer: UInt8(ascii: "]"), "in an array")
            return .array(elements)
        case UInt8(ascii: "\""):
            return .string(try readString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let (_, range) = try readNumber()
            return .number(String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self))
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            throw unexpected(expecting: "a value")
        }
    }

    /// Fails when opening one more array or object would nest deeper than allowed.
    @inline(__always)
    func enter(_ depth: Int) throws(JSONFailure) {
        if depth >= Self.maximumDepth {
            throw JSONFailure(code: .tooDeep, offset: position,
                              message: "arrays and objects are nested more than \(Self.maximumDepth) levels deep")
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONFailure) {
        let count = word.utf8CodeUnitCount
        for k in 0..<count {
            guard position + k < end else {
                position += k
                throw unexpected(expecting: "'\(word)'")
            }
            guard base[position + k] == word.utf8Start[k] else {
                position += k
                throw unexpected(expecting: "'\(word)'")
            }
        }
        position += count
    }

    /// 1-based line and column (in characters) of a byte offset. `passed`, when given, is told
    /// every 64 MiB how far the count has gone (a streaming read gives those pages back).
    func lineAndColumn(of offset: Int, passed: ((Int) -> Void)? = nil) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var i = end >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0
        let stop = min(offset, end)
        while i < stop {
            let stretchEnd = passed == nil ? stop : min(stop, i + (64 << 20))
            while i < stretchEnd {
                let byte = base[i]
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                i += 1
            }
            passed?(i)
        }
        return (line, column)
    }
}
