import CPROJ

/// What a CRS definition is, read from its text alone, so that only unambiguous definitions reach
/// PROJ: PROJ's own parser falls back to a fuzzy name search (`foo` is Amersfoort, `wgs` WGS 72),
/// which would move every coordinate without a word.
enum CRSDefinition {
    /// `EPSG:9210`, `ESRI:102100`, `EPSG:9210+5726`, an OGC URN or an OGC URL: a code PROJ looks up.
    case reference
    /// `+proj=utm +zone=48 +datum=WGS84 +type=crs` (the leading `+` may be left off `proj=`).
    case projString
    /// WKT 1 or WKT 2, as PROJ recognises it.
    case wkt
    /// PROJJSON.
    case projJSON
    /// Anything else: taken only as a CRS name in PROJ's database matched exactly (letter case aside,
    /// aliases included), e.g. "VN-2000 / TM-3 105-45" or "WGS 84".
    case name

    init(_ text: String, context: OpaquePointer) {
        if text.hasPrefix("+") || text.hasPrefix("proj=") {
            self = .projString
        } else if text.hasPrefix("{") {
            self = .projJSON
        } else if Self.isReference(text) {
            self = .reference
        } else if proj_context_guess_wkt_dialect(context, text) != PJ_GUESSED_NOT_WKT {
            self = .wkt
        } else {
            self = .name
        }
    }

    /// `AUTH:CODE`, optionally `+AUTH:CODE` or `+CODE` for a vertical part; `urn:ogc:def:…`;
    /// `http(s)://www.opengis.net/def/…`.
    private static func isReference(_ text: String) -> Bool {
        let lower = text.lowercased()
        if lower.hasPrefix("urn:ogc:def:") || lower.hasPrefix("http://www.opengis.net/def/")
            || lower.hasPrefix("https://www.opengis.net/def/") {
            return !text.contains(where: \.isWhitespace)
        }
        return text.split(separator: "+", omittingEmptySubsequences: false).enumerated().allSatisfy { index, part in
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            let code = pieces.last ?? ""
            guard !code.isEmpty, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }) else { return false }
            switch pieces.count {
            case 2:
                let authority = pieces[0]
                return authority.first?.isLetter == true
                    && authority.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
            case 1: return index > 0
            default: return false
            }
        }
    }

    /// Whether a CRS in PROJ's database has `name` as its name or an alias, exactly (letter case aside).
    static func isExactName(_ name: String, context: OpaquePointer) -> Bool {
        !matches(name, approximate: false, limit: 1, context: context).isEmpty
    }

    /// What PROJ's fuzzy name search finds for `name`, best first, as "AUTH:CODE (name)".
    static func candidates(_ name: String, context: OpaquePointer, limit: Int = 5) -> [String] {
        matches(name, approximate: true, limit: limit, context: context)
    }

    private static func matches(_ name: String, approximate: Bool, limit: Int, context: OpaquePointer) -> [String] {
        var types = [PJ_TYPE_CRS]
        guard let list = proj_create_from_name(context, nil, name, &types, types.count, approximate ? 1 : 0, limit, nil) else { return [] }
        defer { proj_list_destroy(list) }
        return (0..<proj_list_get_count(list)).compactMap { index in
            guard let object = proj_list_get(context, list, index) else { return nil }
            defer { proj_destroy(object) }
            let objectName = proj_get_name(object).map { String(cString: $0) } ?? "?"
            guard let authority = proj_get_id_auth_name(object, 0), let code = proj_get_id_code(object, 0) else { return objectName }
            return "\(String(cString: authority)):\(String(cString: code)) (\(objectName))"
        }
    }
}
