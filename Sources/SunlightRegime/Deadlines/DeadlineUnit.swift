/// What a deadline's amount counts.
///
/// The regulations use three: "15日" (calendar days), "5个工作日" (working days) and
/// "一个月/3个月" (months). Each is counted differently; see `DeadlineEngine`.
public enum DeadlineUnit: String, Sendable, Codable, CaseIterable {
    case calendarDays = "calendar_days"
    case workingDays = "working_days"
    case months

    public var label: BilingualText {
        switch self {
        case .calendarDays: BilingualText(zh: "日", en: "days")
        case .workingDays: BilingualText(zh: "个工作日", en: "working days")
        case .months: BilingualText(zh: "个月", en: "months")
        }
    }
}
