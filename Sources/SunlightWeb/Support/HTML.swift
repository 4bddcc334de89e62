import Mustache

/// HTML escaping, by Unicode scalar: for the fragments built in Swift (the unit tree) and, as the
/// templates' content type (`ScalarHTMLContentType`), for every `{{value}}` of every page.
///
/// Why scalars: a Swift `Character` is a grapheme cluster, so `"` followed by a combining mark
/// (U+0301) is one `Character` that is not equal to `"`. The template engine's own escaping and
/// an earlier version of this one compared Characters, walked past such a quote and let a unit
/// name or a `?q=` close an attribute. The browser parses scalars, so escaping must too.
enum HTML {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// The content type every page template is rendered with (see `PageRenderer.load`).
struct ScalarHTMLContentType: MustacheContentType {
    static let name = "SCALARHTML"
    func escapeText(_ text: String) -> String { HTML.escape(text) }
}
