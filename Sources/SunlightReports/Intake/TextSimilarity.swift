/// How alike two report texts are, for offering "this looks like a repeat of report N".
///
/// Jaccard similarity of character bigrams after dropping whitespace and punctuation: robust
/// for Chinese, where words are not separated, and for reports retyped with small changes.
/// It only *offers* a link; an inspector decides (信访工作条例 Art. 19: the same matter is
/// not accepted twice).
public enum TextSimilarity {
    public static func bigrams(_ text: String) -> Set<String> {
        let kept = text.unicodeScalars.filter { scalar in
            !(scalar.properties.isWhitespace || scalar.properties.generalCategory.isPunctuationOrSymbol)
        }
        let characters = Array(String(String.UnicodeScalarView(kept)).lowercased())
        guard characters.count >= 2 else { return Set(characters.map(String.init)) }
        var result = Set<String>()
        for index in 0..<(characters.count - 1) { result.insert(String(characters[index...index + 1])) }
        return result
    }

    /// 0 (nothing shared) … 1 (same bigrams).
    public static func similarity(_ a: String, _ b: String) -> Double {
        let x = bigrams(a), y = bigrams(b)
        guard !x.isEmpty || !y.isEmpty else { return 0 }
        return Double(x.intersection(y).count) / Double(x.union(y).count)
    }
}

private extension Unicode.GeneralCategory {
    var isPunctuationOrSymbol: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }
}
