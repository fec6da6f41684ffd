import ArgumentParser
import ZoneGeoJSON

/// Rows of named columns, printed as an aligned table, CSV (RFC 4180) or JSON.
struct Tabular {
    enum Format: String, CaseIterable {
        case table, json, csv
    }

    var columns: [String]
    /// Cells as JSON values, so JSON keeps numbers as numbers and nulls as nulls.
    var rows: [[JSONValue]]

    func render(_ format: Format) -> String {
        switch format {
        case .table: table()
        case .csv: csv()
        case .json: json()
        }
    }

    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case let .array(values): values.map(text).joined(separator: ", ")
        case .object: JSONWriter().string(value)
        default: value.stringValue ?? ""
        }
    }

    /// For people: every cell with its control characters made visible (a name cannot break the
    /// layout or reach the terminal as an escape sequence, even through a pager).
    private func table() -> String {
        let cells = rows.map { $0.map { Terminal.visible(Self.text($0)) } }
        let widths = columns.indices.map { c in max(columns[c].count, cells.map { $0[c].count }.max() ?? 0) }
        func line(_ values: [String]) -> String {
            values.enumerated().map { c, value in
                c == values.count - 1 ? value : value + String(repeating: " ", count: widths[c] - value.count)
            }.joined(separator: "  ")
        }
        return ([Terminal.paint(line(columns), .bold)] + cells.map(line)).joined(separator: "\n") + "\n"
    }

    private func csv() -> String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        return ([columns] + rows.map { $0.map(Self.text) }).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    private func json() -> String {
        let objects = rows.map { row in JSONValue.object(JSONObject(zip(columns, row).map { (key: $0, value: $1) })) }
        return JSONWriter(indent: 2).string(.array(objects)) + "\n"
    }
}

extension Tabular.Format: ExpressibleByArgument {}
