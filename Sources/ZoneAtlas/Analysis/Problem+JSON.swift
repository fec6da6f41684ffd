import ZoneGeoJSON

extension Problem {
    /// `{"severity","code","feature","id","pointer","message","location"[,"line","column"][,"table","fid"]}`:
    /// the one JSON form of an input problem, for `validate --format json` and the review. A problem
    /// in a GeoPackage has its `table` and `fid`, and an empty `pointer`.
    public var json: JSONValue {
        func number(_ value: Double) -> JSONValue { value.isFinite ? .number("\(value)") : .null }
        var object: JSONObject = [
            "severity": .string(severity.rawValue),
            "code": .string(code.rawValue),
            "feature": feature.map { .number(String($0)) } ?? .null,
            "id": featureID.map(JSONValue.string) ?? .null,
            "pointer": .string(pointer.description),
            "message": .string(message),
            "location": location.map { .array([number($0.x), number($0.y)]) } ?? .null,
        ]
        if case let .row(table, fid) = place {
            object["table"] = .string(table)
            object["fid"] = .number(String(fid))
        }
        if let line, let column {
            object["line"] = .number(String(line))
            object["column"] = .number(String(column))
        }
        return .object(object)
    }
}

extension ReadResult {
    /// `{"path","features","crs","errors","problems":[…],"omitted_problems"}`.
    public var json: JSONValue {
        .object([
            "path": .string(file),
            "features": .number(String(featureCount)),
            "crs": .string(sourceCRS.definition),
            "errors": .number(String(problems.filter { $0.severity == .error }.count)),
            "problems": .array(problems.map(\.json)),
            "omitted_problems": .number(String(omittedProblems)),
        ])
    }
}
