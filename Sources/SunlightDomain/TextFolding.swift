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
        if isFolded(s) { return s }
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

    /// Whether `fold(s)` is `s` itself: every scalar normalisation-stable (printable ASCII or a
    /// CJK unified ideograph) and neither end trimmable (of those scalars only the space is).
    /// The common case of an import cell, decided in one pass over the UTF-8 bytes without
    /// building a new string; also tells callers that `s` has no surrounding white space.
    public static func isFolded(_ s: String) -> Bool {
        let answer = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let first = bytes.first, let last = bytes.last else { return true }
            if first == 0x20 || last == 0x20 { return false }
            var i = 0
            let n = bytes.count
            while i < n {
                let byte = bytes[i]
                if byte < 0x80 {
                    guard byte >= 0x20 && byte <= 0x7E else { return false }
                    i += 1
                    continue
                }
                // U+4E00…U+9FFF are the three-byte sequences led by E4…E9 (the string is valid UTF-8).
                guard byte >= 0xE4 && byte <= 0xE9, i + 2 < n else { return false }
                let scalar = UInt32(byte & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                guard scalar >= 0x4E00 && scalar <= 0x9FFF else { return false }
                i += 3
            }
            return true
        }
        return answer ?? false
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
