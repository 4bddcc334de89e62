import Foundation

/// Normalisation applied to every imported text before it is validated or compared.
///
/// Chinese office software mixes full-width and half-width forms freely (`１２３`, `ＡＢＣ`,
/// `（元）`, the ideographic space U+3000). Folding with NFKC first means that every parser and
/// every comparison sees one spelling, so `１１０１０５…` and `110105…` are the same ID.
public enum TextFolding {
    /// Characters trimmed from both ends besides Unicode whitespace: the byte-order mark and
    /// zero-width characters that spreadsheet exports leave behind and that nobody can see.
    private static let invisible: Set<Unicode.Scalar> = ["\u{FEFF}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}"]

    /// NFKC fold (full-width digits/letters/space → ASCII), then trim whitespace (incl. U+3000,
    /// which NFKC turns into an ordinary space) and invisible BOM / zero-width characters.
    /// Scalars NFKC maps to themselves and that never combine with a neighbour.
    static func isNormalizationStable(_ scalar: Unicode.Scalar) -> Bool {
        (0x20...0x7E).contains(scalar.value) || (0x4E00...0x9FFF).contains(scalar.value)
    }

    public static func fold(_ s: String) -> String {
        // NFKC leaves ASCII and the CJK Unified Ideographs unchanged; most cells are only those,
        // and skipping the (ICU-backed) normalisation for them keeps million-row imports fast.
        let folded = s.unicodeScalars.allSatisfy(isNormalizationStable) ? s : s.precomposedStringWithCompatibilityMapping
        let scalars = folded.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isTrimmable(scalars[start]) { start = scalars.index(after: start) }
        while start < end {
            let before = scalars.index(before: end)
            guard isTrimmable(scalars[before]) else { break }
            end = before
        }
        return String(scalars[start..<end])
    }

    /// Header matching key: fold, lower-case, remove all whitespace, then strip one trailing unit
    /// in parentheses — `金额（元）`, `金额 (元)`, `比例(%)` all become `金额` / `比例`.
    ///
    /// The data contract lets a header be written with a unit, in either parenthesis width and
    /// with stray spaces, so headers are compared by this key rather than by their raw text.
    /// Full-width parentheses are already ASCII after NFKC. A header that is *only* a
    /// parenthesised text keeps it, so that it does not collapse to the empty key.
    public static func headerKey(_ s: String) -> String {
        let compact = String(fold(s).lowercased().unicodeScalars.filter { !isWhitespace($0) })
        guard compact.hasSuffix(")"), let open = compact.lastIndex(of: "(") else { return compact }
        let inside = compact[compact.index(after: open)..<compact.index(before: compact.endIndex)]
        guard !inside.contains("("), !inside.contains(")") else { return compact }
        let head = String(compact[..<open])
        return head.isEmpty ? compact : head
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace
    }

    private static func isTrimmable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || invisible.contains(scalar)
    }
}
