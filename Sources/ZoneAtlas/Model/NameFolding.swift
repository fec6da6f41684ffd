import Foundation

/// Folds names for search: Vietnamese diacritics removed (đ → d), lower case, spaces collapsed, so
/// `thuong hong` matches "Thượng Hồng" and `dinh vu` matches "Đình Vũ".
public enum NameFolding {
    /// `text` without diacritics (đ → d), in lower case, runs of spaces collapsed to one.
    public static func fold(_ text: String) -> String {
        var folded = String.UnicodeScalarView()
        var pendingSpace = false
        func append(_ piece: Unicode.Scalar) {
            let isSpace = piece.isASCII ? piece == " " || (9...13).contains(piece.value) : piece.properties.isWhitespace
            if isSpace || piece == "-" || piece == "–" {
                pendingSpace = !folded.isEmpty
                return
            }
            if pendingSpace { folded.append(" ") }
            pendingSpace = false
            folded.append(piece)
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                // A–Z to a–z by arithmetic: most names and every kind are ASCII.
                append(("A"..."Z").contains(scalar) ? Unicode.Scalar(UInt8(scalar.value + 32)) : scalar)
            } else {
                for piece in (latin[scalar.value] ?? slowFold(String(scalar))).unicodeScalars { append(piece) }
            }
        }
        return String(folded)
    }

    /// Whether `name` contains `query`, both folded.
    public static func matches(_ name: String, _ query: String) -> Bool {
        contains(name, folded: fold(query))
    }

    /// Whether `name`, folded, contains `foldedQuery` (folded once by the caller).
    public static func contains(_ name: String, folded foldedQuery: String) -> Bool {
        foldedQuery.isEmpty || fold(name).contains(foldedQuery)
    }

    /// The folding of each Latin letter with diacritics (Latin-1 to Latin Extended-B, Latin
    /// Extended Additional, where Vietnamese lives) and of the combining marks, made once through
    /// Foundation so that folding a name is a table look-up per letter.
    private static let latin: [UInt32: String] = {
        var table: [UInt32: String] = [:]
        for value in Array(0x80...0x24F) + Array(0x1E00...0x1EFF) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            table[UInt32(value)] = slowFold(String(scalar))
        }
        // Combining diacritical marks (decomposed text) fold to nothing.
        for value in 0x300...0x36F { table[UInt32(value)] = "" }
        return table
    }()

    private static func slowFold(_ text: String) -> String {
        text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
    }
}
