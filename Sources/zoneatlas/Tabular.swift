import ArgumentParser
import ZoneAtlas
import ZoneGeoJSON

/// Rows of named columns, printed as an aligned table, CSV (RFC 4180) or JSON.
struct Tabular {
    enum Format: String, CaseIterable {
        case table, json, csv
    }

    var columns: [String]
    /// Cells as JSON values, so JSON keeps numbers as numbers and nulls as nulls.
    var rows: [[JSONValue]]

    init(columns: [String], rows: [[JSONValue]]) {
        self.columns = columns
        self.rows = rows
    }

    /// The columns of `table` named in `shown` (all by default).
    init(_ table: AnalysisTable, shown: [String]? = nil) {
        let picked = (shown ?? table.columns).compactMap { table.columns.firstIndex(of: $0) }
        columns = picked.map { table.columns[$0] }
        rows = table.rows.map { row in picked.map { row[$0] } }
    }

    func render(_ format: Format) -> String {
        switch format {
        case .table: table()
        case .csv: csv()
        case .json: json()
        }
    }

    /// For people: every cell with its control characters made visible (a name cannot break the
    /// layout or reach the terminal as an escape sequence, even through a pager).
    private func table() -> String {
        let cells = rows.map { $0.map { Terminal.visible(AnalysisTable.text($0)) } }
        let widths = columns.indices.map { c in max(columns[c].count, cells.map { $0[c].count }.max() ?? 0) }
        func line(_ values: [String]) -> String {
            values.enumerated().map { c, value in
                c == values.count - 1 ? value : value + String(repeating: " ", count: widths[c] - value.count)
            }.joined(separator: "  ")
        }
        return ([Terminal.paint(line(columns), .bold)] + cells.map(line)).joined(separator: "\n") + "\n"
    }

    private func csv() -> String {
        AnalysisTable(columns: columns, rows: rows).csv()
    }

    private func json() -> String {
        JSONWriter(indent: 2).string(.array(AnalysisTable(columns: columns, rows: rows).objects())) + "\n"
    }
}

extension Tabular.Format: ExpressibleByArgument {}
