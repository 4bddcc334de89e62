/// The body of rules a deadline belongs to, for grouping in the UI and in reports.
public enum DeadlineArea: String, Sendable, Codable, CaseIterable {
    /// 信访工作条例 (2022).
    case petition
    /// 纪检监察机关处理检举控告工作规则 (2020).
    case report
    /// 问题线索处置.
    case clue
    /// 复审、复核 (监察法 2024 Art. 56).
    case appeal

    public var label: BilingualText {
        switch self {
        case .petition: BilingualText(zh: "信访事项办理", en: "petition handling")
        case .report: BilingualText(zh: "检举控告处理", en: "report handling")
        case .clue: BilingualText(zh: "问题线索处置", en: "clue disposition")
        case .appeal: BilingualText(zh: "复审复核", en: "appeals")
        }
    }
}
