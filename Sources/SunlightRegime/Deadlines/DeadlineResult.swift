import SunlightDomain

/// A computed deadline, with what went into it so the UI can explain the date.
public struct DueDate: Sendable, Equatable, Codable {
    /// The last day on which the step is on time.
    public var date: LocalDate
    public var ruleCode: String
    public var start: LocalDate
    public var unit: DeadlineUnit
    /// The rule's own amount.
    public var baseAmount: Int
    /// Sum of the granted extensions, in `unit`.
    public var extensionAmount: Int
    /// Days the clock stood still: calendar days for calendar-day and month rules, working days
    /// for working-day rules (the days that actually moved the date).
    public var pausedDays: Int
    /// The date before being moved off a non-working day (equal to `date` when not moved).
    public var unadjusted: LocalDate

    public var movedToNextWorkingDay: Bool { unadjusted != date }
}

/// A due date, or the honest answer that it cannot be computed: the working-day calendar has
/// no table for a year the count runs into. Guessing from weekdays would give a wrong date
/// around Spring Festival and National Day, so the engine never does.
public enum DeadlineResult: Sendable, Equatable {
    case due(DueDate)
    case notComputable(year: Int)

    public var date: LocalDate? {
        if case .due(let due) = self { return due.date }
        return nil
    }

    /// The explanation of `notComputable`, nil for a due date.
    public var problem: BilingualText? {
        guard case .notComputable(let year) = self else { return nil }
        return BilingualText(zh: "无法计算：工作日历缺少 \(year) 年的节假日安排",
                             en: "not computable: the calendar has no table for \(year)")
    }
}
