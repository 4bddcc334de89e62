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

    /// The years without a State Council notice whose provisional holidays (statutory days and
    /// 补假, no 调休) decided this date; empty when only notices did. See `provisional`.
    public var provisionalYears: [Int]

    public init(date: LocalDate, ruleCode: String, start: LocalDate, unit: DeadlineUnit, baseAmount: Int,
                extensionAmount: Int, pausedDays: Int, unadjusted: LocalDate, provisionalYears: [Int] = []) {
        self.date = date
        self.ruleCode = ruleCode
        self.start = start
        self.unit = unit
        self.baseAmount = baseAmount
        self.extensionAmount = extensionAmount
        self.pausedDays = pausedDays
        self.unadjusted = unadjusted
        self.provisionalYears = provisionalYears
    }

    public var movedToNextWorkingDay: Bool { unadjusted != date }

    /// The date relies on a year whose notice is not entered: any day counted (working-day
    /// rules) or the due date itself, with the day-off move, lies in a provisional year. Show it
    /// with the date ("暂定"); it may move when the notice is entered, around its 调休.
    public var provisional: Bool { !provisionalYears.isEmpty }

    /// The explanation of `provisional`, nil when the date is final.
    public var provisionalNote: BilingualText? {
        guard provisional else { return nil }
        let years = provisionalYears.map(String.init).joined(separator: "、")
        let yearsEn = provisionalYears.map(String.init).joined(separator: ", ")
        return BilingualText(zh: "暂定：尚未录入 \(years) 年国务院节假日安排，按法定节假日计算",
                             en: "provisional: the State Council holiday notice for \(yearsEn) is not entered; counted on the statutory holidays")
    }

    enum CodingKeys: String, CodingKey {
        case date, ruleCode, start, unit, baseAmount, extensionAmount, pausedDays, unadjusted, provisionalYears
    }

    /// Decodes values written before `provisionalYears` existed as not provisional.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(date: try c.decode(LocalDate.self, forKey: .date), ruleCode: try c.decode(String.self, forKey: .ruleCode),
                  start: try c.decode(LocalDate.self, forKey: .start), unit: try c.decode(DeadlineUnit.self, forKey: .unit),
                  baseAmount: try c.decode(Int.self, forKey: .baseAmount),
                  extensionAmount: try c.decode(Int.self, forKey: .extensionAmount),
                  pausedDays: try c.decode(Int.self, forKey: .pausedDays),
                  unadjusted: try c.decode(LocalDate.self, forKey: .unadjusted),
                  provisionalYears: try c.decodeIfPresent([Int].self, forKey: .provisionalYears) ?? [])
    }
}

/// A due date, or the honest answer that it cannot be computed: the count runs into a day the
/// working-day calendar cannot judge — before the first shipped notice (2023) or past the
/// provisional years (after 2100). Guessing from weekdays would give a wrong date around Spring
/// Festival and National Day, so the engine never does. A year merely without its notice is
/// counted provisionally instead, and the `DueDate` says so (`provisional`).
public enum DeadlineResult: Sendable, Equatable {
    case due(DueDate)
    case notComputable(year: Int)

    public var date: LocalDate? {
        if case .due(let due) = self { return due.date }
        return nil
    }

    /// Whether the due date is provisional (see `DueDate.provisional`); false when not computable.
    public var provisional: Bool {
        if case .due(let due) = self { return due.provisional }
        return false
    }

    /// The explanation of `notComputable`, nil for a due date.
    public var problem: BilingualText? {
        guard case .notComputable(let year) = self else { return nil }
        return BilingualText(zh: "无法计算：工作日历缺少 \(year) 年的节假日安排",
                             en: "not computable: the calendar has no table for \(year)")
    }
}
