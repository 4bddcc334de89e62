/// The three kinds of petition (信访工作条例 2022, Art. 29–31 ✅).
///
/// The kind decides the path: suggestions are studied and answered, accusations go to
/// discipline inspection by cadre-management authority, claims get a written handling opinion
/// within 60 days (Art. 34). Fixed vocabulary: the application branches on it.
public enum ReportType: String, Sendable, Codable, CaseIterable {
    /// 建议意见类 (Art. 29).
    case suggestion
    /// 检举控告类 (Art. 30).
    case accusation
    /// 申诉求决类 (Art. 31).
    case claim

    public var label: BilingualText {
        switch self {
        case .suggestion: BilingualText(zh: "建议意见类", en: "suggestion")
        case .accusation: BilingualText(zh: "检举控告类", en: "accusation")
        case .claim: BilingualText(zh: "申诉求决类", en: "claim")
        }
    }

    /// The article of 信访工作条例 that says how this kind is handled.
    public var article: Int {
        switch self {
        case .suggestion: 29
        case .accusation: 30
        case .claim: 31
        }
    }
}
