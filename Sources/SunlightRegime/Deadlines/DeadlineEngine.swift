import Foundation
import SunlightDomain

/// Computes due dates from a rule, a start date and the State Council working-day calendar.
///
/// A year without its notice is counted on the provisional calendar of the statutory holidays
/// (see `WorkingDayCalendar`); the result then says `provisional` and names the years, and is
/// recomputed — exact — once the notice is entered. "Not computable" is left for days no
/// calendar can judge: before the first shipped notice (2023) and after 2100.
///
/// Counting, as `regime.md` states it and the regulations use it:
/// - The day of the start event is not counted: the deadline is the N-th (working) day after it.
/// - Calendar days: start + N; a deadline falling on a non-working day moves to the next
///   working day.
/// - Working days: the N-th working day after the start (make-up weekend workdays count,
///   holidays do not).
/// - Months: the same day of the month N months later, or that month's last day when it has no
///   such day (01-31 + 1 month = 02-28/29); then moved to the next working day.
/// - Extensions lengthen the same clock: the amounts are added to the rule's amount and the
///   total is counted once from the start (3 + 3 months from 01-31 is 07-31, not 07-30).
/// - Pauses stop the clock. Calendar-day rule: the due date is the N-th *unpaused* day after
///   the start. Working-day rule: the N-th working day after the start that is not paused —
///   i.e. the due date moves by the working days inside the pause. Month rule: the month date
///   moves by the paused calendar days. Only paused days after the start and on or before the
///   (moved) due date count: a pause after the clock ran out does not revive it, and a pause
///   that the moved date runs into counts too. Overlapping pauses count once.
public struct DeadlineEngine: Sendable {
    public let calendar: WorkingDayCalendar

    /// `provisionalYears`: count years without a notice on their provisional calendar (the
    /// default — `regime.md`: "every deadline computed on a provisional year says so") rather
    /// than answer "not computable". A calendar that already has provisional years keeps them.
    public init(calendar: WorkingDayCalendar = .shipped, provisionalYears: Bool = true) {
        self.calendar = provisionalYears && calendar.provisionalRange == nil ? calendar.withProvisionalYears() : calendar
    }

    /// The due date of `rule` for an event on `start`.
    ///
    /// Throws (a request the rule does not allow, never a calendar gap):
    /// `deadline.amount_not_positive`, `deadline.no_extension`, `deadline.extension_amount`,
    /// `deadline.extension_unapproved`, `deadline.extension_reason_missing`,
    /// `deadline.extension_over_limit`, `deadline.pause_not_allowed`, `deadline.pause_invalid`.
    public func due(_ rule: DeadlineRule, from start: LocalDate, extensions: [DeadlineExtension] = [],
                    pauses: [ClockPause] = []) throws(ValueError) -> DeadlineResult {
        guard rule.amount > 0 else {
            throw RegimeErrors.make("deadline.amount_not_positive",
                                    "期限“\(rule.code)”的时长必须为正数", "deadline \"\(rule.code)\" must have a positive amount")
        }
        let extensionAmount = try Self.extensionTotal(rule, extensions)
        try Self.check(pauses, for: rule)
        let total = rule.amount + extensionAmount
        let paused = PausedDays(pauses)

        let end: LocalDate
        let pausedCount: Int
        switch rule.unit {
        case .calendarDays:
            (end, pausedCount) = Self.movedByPauses(start.adding(days: total), start: start, paused: paused)
        case .months:
            (end, pausedCount) = Self.movedByPauses(start.adding(months: total), start: start, paused: paused)
        case .workingDays:
            switch nthWorkingDay(total, after: start, paused: paused) {
            case .success(let found): (end, pausedCount) = found
            case .failure(let gap): return .notComputable(year: gap.year)
            }
        }
        switch nextWorkingDay(onOrAfter: end) {
        case .failure(let gap):
            return .notComputable(year: gap.year)
        case .success(let date):
            // The days whose working-day status decided the date: every day counted for a
            // working-day rule; for calendar-day and month rules only the move off a day off.
            let judgedFrom = rule.unit == .workingDays ? start.adding(days: 1) : end
            return .due(DueDate(date: date, ruleCode: rule.code, start: start, unit: rule.unit,
                                baseAmount: rule.amount, extensionAmount: extensionAmount,
                                pausedDays: pausedCount, unadjusted: end,
                                provisionalYears: calendar.provisionalYears(from: judgedFrom, through: date)))
        }
    }

    /// Whether a stored deadline (start, due date) runs over a provisional year of the current
    /// calendar, for lists that read due dates back from storage: on read, so the mark goes
    /// away by itself when the notice is entered. Conservative — it looks at every day in
    /// (start, due], as a working-day rule would count them — and `DueDate.provisional` is the
    /// exact answer when the rule is at hand.
    public func isProvisional(start: LocalDate, due: LocalDate) -> Bool {
        calendar.touchesProvisional(from: start.adding(days: 1), through: max(due, start.adding(days: 1)))
    }

    /// Looks the rule up by code in `table`; `deadline.unknown_rule` if absent.
    public func due(_ code: String, in table: DeadlineTable, from start: LocalDate,
                    extensions: [DeadlineExtension] = [], pauses: [ClockPause] = []) throws(ValueError) -> DeadlineResult {
        guard let rule = table.rule(code) else {
            throw RegimeErrors.make("deadline.unknown_rule", "没有代码为“\(code)”的期限规则",
                                    "no deadline rule with code \"\(code)\"")
        }
        return try due(rule, from: start, extensions: extensions, pauses: pauses)
    }

    // MARK: - Counting

    /// A raw date pushed later by the paused calendar days in (start, date]; repeated until the
    /// moved date takes in no further paused day (a fixed point: pauses are finite).
    static func movedByPauses(_ raw: LocalDate, start: LocalDate, paused: PausedDays) -> (LocalDate, Int) {
        guard !paused.isEmpty else { return (raw, 0) }
        var count = 0
        while true {
            let next = paused.count(after: start, through: raw.adding(days: count))
            if next == count { return (raw.adding(days: count), count) }
            count = next
        }
    }

    /// The n-th working, unpaused day after `start`; also the number of paused working days
    /// passed on the way. Fails with the first day the calendar cannot judge.
    func nthWorkingDay(_ n: Int, after start: LocalDate, paused: PausedDays)
        -> Result<(LocalDate, Int), CalendarGap> {
        var remaining = n
        var skipped = 0
        var day = start
        while remaining > 0 {
            day = day.adding(days: 1)
            if paused.contains(day) {
                if calendar.isWorkingDay(day) == true { skipped += 1 }
                continue
            }
            guard let working = calendar.isWorkingDay(day) else { return .failure(CalendarGap(day)) }
            if working { remaining -= 1 }
        }
        return .success((day, skipped))
    }

    func nextWorkingDay(onOrAfter date: LocalDate) -> Result<LocalDate, CalendarGap> {
        var day = date
        while true {
            guard let working = calendar.isWorkingDay(day) else { return .failure(CalendarGap(day)) }
            if working { return .success(day) }
            day = day.adding(days: 1)
        }
    }

    /// The first day in (after, through] the calendar cannot judge, if any.
    func firstGap(after from: LocalDate, through to: LocalDate) -> CalendarGap? {
        var day = from.adding(days: 1)
        while day <= to {
            if calendar.isWorkingDay(day) == nil { return CalendarGap(day) }
            day = day.adding(days: 1)
        }
        return nil
    }

    // MARK: - Checks

    static func extensionTotal(_ rule: DeadlineRule, _ extensions: [DeadlineExtension]) throws(ValueError) -> Int {
        guard !extensions.isEmpty else { return 0 }
        guard let provision = rule.extensionRule else {
            throw RegimeErrors.make("deadline.no_extension", "期限“\(rule.title.zh)”不允许延长",
                                    "deadline \"\(rule.title.en)\" cannot be extended")
        }
        var total = 0
        for grant in extensions {
            let amount = grant.amount ?? provision.amount
            guard amount > 0 else {
                throw RegimeErrors.make("deadline.extension_amount", "延长时长必须为正数",
                                        "an extension must be a positive amount")
            }
            if provision.requiresApproval && grant.approver.trimmingCharacters(in: .whitespaces).isEmpty {
                throw RegimeErrors.make("deadline.extension_unapproved",
                                        "延长须经\(provision.approver.zh)批准，未填写批准人",
                                        "an extension needs the approval of \(provision.approver.en); no approver given")
            }
            if grant.reason.trimmingCharacters(in: .whitespaces).isEmpty {
                throw RegimeErrors.make("deadline.extension_reason_missing", "延长须说明理由",
                                        "an extension needs a reason")
            }
            total += amount
        }
        if provision.isLimit && total > provision.amount {
            throw RegimeErrors.make("deadline.extension_over_limit",
                                    "延长合计 \(total)\(provision.unit.label.zh)，超过上限 \(provision.amount)\(provision.unit.label.zh)",
                                    "extensions total \(total) \(provision.unit.label.en), above the limit of \(provision.amount)")
        }
        return total
    }

    static func check(_ pauses: [ClockPause], for rule: DeadlineRule) throws(ValueError) {
        guard !pauses.isEmpty else { return }
        guard rule.allowsPause else {
            throw RegimeErrors.make("deadline.pause_not_allowed", "期限“\(rule.title.zh)”不允许扣除时间",
                                    "deadline \"\(rule.title.en)\" does not allow time to be excluded")
        }
        if let bad = pauses.first(where: { $0.from > $0.through }) {
            throw RegimeErrors.make("deadline.pause_invalid",
                                    "暂停期间起始日 \(bad.from.iso) 晚于结束日 \(bad.through.iso)",
                                    "pause starts \(bad.from.iso), after its end \(bad.through.iso)")
        }
    }
}

/// A day the working-day calendar cannot judge: its year has no table.
struct CalendarGap: Error {
    let day: LocalDate
    init(_ day: LocalDate) { self.day = day }
    var year: Int { day.year }
}
