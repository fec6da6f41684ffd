/// Anchors shared by the map and the page, so a problem or a map feature can link to its row.
enum ReviewAnchors {
    static func slug(_ id: String) -> String {
        String(id.unicodeScalars.map { scalar -> Character in
            let c = Character(scalar)
            return (c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_")) ? c : "_"
        })
    }
}
