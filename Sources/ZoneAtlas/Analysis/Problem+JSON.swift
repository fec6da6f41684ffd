import ZoneGeoJSON

extension Problem {
    /// `{"severity","code","feature","id","pointer","message","location"[,"line","column"]}`: the
    /// one JSON form of an input problem, for `validate --format json` and the review.
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
