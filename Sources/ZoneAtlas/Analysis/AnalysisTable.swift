import ZoneGeoJSON

/// One analysis's rows under named columns: the one row model that the CLI prints as a table, CSV
/// or JSON and the review shows on its page and writes beside it. Cells are JSON values, so JSON
/// keeps numbers as numbers and nulls as nulls.
public struct AnalysisTable: Sendable {
    /// The column names, as CSV headers and JSON keys.
    public var columns: [String]
    /// The rows, one value per column.
    public var rows: [[JSONValue]]

    /// A table of `rows` under `columns`.
    public init(columns: [String], rows: [[JSONValue]]) {
        self.columns = columns
        self.rows = rows
    }

    /// Each row as a JSON object keyed by column, the columns in `keys` (all by default).
    public func objects(_ keys: [String]? = nil) -> [JSONValue] {
        let picked = (keys ?? columns).compactMap { key in columns.firstIndex(of: key).map { (key, $0) } }
        return rows.map { row in .object(JSONObject(picked.map { (key: $0.0, value: row[$0.1]) })) }
    }

    /// The cell of `column` in `row`.
    public func cell(_ row: Int, _ column: String) -> JSONValue {
        columns.firstIndex(of: column).map { rows[row][$0] } ?? .null
    }

    /// A cell as plain text: nulls empty, arrays joined with ", ".
    public static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case let .array(values): values.map(text).joined(separator: ", ")
        case .object: JSONWriter().string(value)
        default: value.stringValue ?? ""
        }
    }

    /// RFC 4180 CSV with a header line and CRLF line ends.
    public func csv() -> String {
        var output = ""
        func append(_ fields: [String]) {
            for (index, text) in fields.enumerated() {
                if index > 0 { output += "," }
                // Quoted when it holds a comma, a quote or a line break (bytes: a CR LF pair is one Character).
                if text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
                    output += "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                } else {
                    output += text
                }
            }
            output += "\r\n"
        }
        append(columns)
        for row in rows { append(row.map(Self.text)) }
        return output
    }
}

/// Numbers for the analyses' JSON: fixed decimals, null when absent or not finite.
enum Figure {
    static func fixed(_ value: Double, _ places: Int) -> JSONValue { value.isFinite ? .number(decimals(value, places)) : .null }
    static func optional(_ value: Double?, _ places: Int) -> JSONValue { value.map { fixed($0, places) } ?? .null }
    static func count(_ value: Int) -> JSONValue { .number(String(value)) }
}

extension Figure {
    /// `value` with `places` decimals (0…6, rounded half away from zero), "-0" written "0"; as
    /// `String(format: "%.Nf")` gives it, but in integers, since a review of 100,000 zones writes
    /// millions of them.
    static func decimals(_ value: Double, _ places: Int) -> String {
        let scale = [1.0, 10, 100, 1_000, 10_000, 100_000, 1_000_000][min(max(places, 0), 6)]
        guard value.isFinite, abs(value) * scale < 9e15, (0...6).contains(places) else { return String(format: "%.\(places)f", value) }
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale), fraction = scaled % Int(scale)
        var text = scaled == 0 || value >= 0 ? "" : "-"
        text += String(whole)
        if places > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: places - digits.count) + digits
        }
        return text
    }
}
