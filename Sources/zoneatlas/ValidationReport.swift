import Foundation
import ZoneAtlas
import ZoneGeoJSON

/// Renders validation results as text for people or JSON for machines.
enum ValidationReport {
    /// Grouped by file; colours only on a terminal.
    static func text(_ results: [ReadResult]) -> String {
        var out = ""
        for result in results {
            let errors = result.problems.filter { $0.severity == .error }.count
            let warnings = result.problems.count - errors
            let status = errors > 0 ? Terminal.paint("\(errors) error\(errors == 1 ? "" : "s")", .red)
                                    : Terminal.paint("no errors", .green)
            out += "\(Terminal.paint(result.file, .bold)): \(result.featureCount) feature\(result.featureCount == 1 ? "" : "s"), "
                + "\(status), \(warnings) warning\(warnings == 1 ? "" : "s")"
                + (result.sourceCRS.definition == "EPSG:4326" ? "" : " (read in \(result.sourceCRS.name))") + "\n"
            for problem in result.problems {
                let severity = problem.severity == .error ? Terminal.paint("error  ", .red) : Terminal.paint("warning", .yellow)
                var place = problem.feature.map { "feature \($0)" } ?? "file"
                if case .row = problem.place { place = problem.place.description }
                if let id = problem.featureID { place += " (id \(id))" }
                if let line = problem.line, let column = problem.column { place += " line \(line), column \(column)" }
                let pointer = problem.pointer.description.isEmpty ? "" : " \(Terminal.paint(problem.pointer.description, .dim))"
                out += "  \(severity) \(problem.code.rawValue)  \(place)\(pointer)\n"
                out += "          \(problem.message)\n"
            }
            if result.omittedProblems > 0 {
                out += "  … and \(result.omittedProblems) more problems not listed (limit: --max-problems)\n"
            }
        }
        return out
    }

    /// `{"files":[{"path","features","crs","errors","problems":[{"severity","code","feature","id","pointer","message","location"[,"table","fid"]}],"omitted_problems"}]}`.
    static func json(_ results: [ReadResult]) -> String {
        JSONWriter(indent: 2).string(.object(["files": .array(results.map(\.json))]))
    }
}
