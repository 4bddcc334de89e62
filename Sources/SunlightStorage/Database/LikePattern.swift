import SQLKit

/// A `LIKE` pattern that matches its text literally (`%`, `_` and the escape character in it
/// match only themselves). Compare through `matches`, which names `\` as the `ESCAPE` character
/// (SQLite has no default one; PostgreSQL's is the same).
enum LikePattern {
    static func literal(_ text: String) -> String {
        // By scalar: a `%` with a combining mark after it is one Character but still a wildcard.
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "%" || scalar == "_" || scalar == "\\" { escaped.append("\\") }
            escaped.append(scalar)
        }
        return String(escaped)
    }

    static func prefix(_ text: String) -> String { literal(text) + "%" }
    static func contains(_ text: String) -> String { "%" + literal(text) + "%" }

    /// `column LIKE pattern ESCAPE '\'`; `column` is a name written in the code, never input.
    static func matches(_ column: String, _ pattern: String) -> SQLQueryString {
        "\(unsafeRaw: column) LIKE \(bind: pattern) ESCAPE '\\'"
    }

    /// The same for a column named by an identifier (quoted).
    static func matches(ident column: String, _ pattern: String) -> SQLQueryString {
        "\(ident: column) LIKE \(bind: pattern) ESCAPE '\\'"
    }
}
