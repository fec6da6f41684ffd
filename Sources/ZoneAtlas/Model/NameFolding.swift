import Foundation

/// Folds names for search: Vietnamese diacritics removed (đ → d), lower case, spaces collapsed, so
/// `thuong hong` matches "Thượng Hồng" and `dinh vu` matches "Đình Vũ".
public enum NameFolding {
    public static func fold(_ text: String) -> String {
        let plain = text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        return plain.split(whereSeparator: { $0.isWhitespace || $0 == "-" || $0 == "–" }).joined(separator: " ")
    }

    /// Whether `name` contains `query`, both folded.
    public static func matches(_ name: String, _ query: String) -> Bool {
        let folded = fold(query)
        return folded.isEmpty || fold(name).contains(folded)
    }
}
