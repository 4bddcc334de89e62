/// The interface languages: Simplified Chinese by default, English switchable.
public enum Language: String, Sendable, CaseIterable {
    case zh
    case en

    /// Picks a language from an `Accept-Language` header (first supported one wins).
    public static func from(acceptLanguage header: String?) -> Language {
        guard let header else { return .zh }
        let ranked = header.split(separator: ",").map { part -> (String, Double) in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            let tag = pieces.first?.lowercased() ?? ""
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (tag, q)
        }.sorted { $0.1 > $1.1 }
        for (tag, _) in ranked {
            if tag.hasPrefix("zh") { return .zh }
            if tag.hasPrefix("en") { return .en }
        }
        return .zh
    }

    public var htmlLang: String { self == .zh ? "zh-CN" : "en" }
    public var other: Language { self == .zh ? .en : .zh }
}
