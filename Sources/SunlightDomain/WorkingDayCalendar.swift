/// The State Council working-day calendar and the deadline arithmetic built on it.
///
/// Working days are Monday to Friday, except the holidays of the year's notice, plus its
/// make-up workdays on weekends. Deadlines in the regulations ("within 15 working days",
/// "within 60 days", "within 3 months") are computed here.
///
/// Provisional years (opt-in, `withProvisionalYears()`): a year whose notice is not in the
/// calendar (shipped or entered) can be judged *provisionally* from the statutory holidays of
/// the law (`ProvisionalYear`), for the years of `provisionalRange` (2025…2100 at most), so that
/// a deadline crossing 31 December does not stop being computable just because next year's
/// notice comes in November. The deadline engine turns them on; supervision rules, which judge
/// past conduct and must not accuse anyone on a guess, keep the notices alone (`shipped`).
/// Such a day `isProvisional`, and callers say so next to the date (`touchesProvisional`). A
/// notice entered for the year replaces the provisional year at once: every answer is computed
/// from the tables in force, nothing provisional is kept. Days that no table lists and that no
/// provisional year covers are not covered: the answer is then `nil`, which callers report as
/// "not computable" rather than guessing from weekdays alone.
///
/// A value type built once from its tables: rebuilding with `adding(_:)` is cheap, and a
/// calendar can be shared freely between concurrent requests.
public struct WorkingDayCalendar: Sendable {
    private let tables: [Int: CalendarYear]
    private let coveredYears: Set<Int>
    /// Explicitly listed days, by day number: `true` = make-up workday, `false` = holiday.
    private let listed: [Int: Bool]

    /// The years shipped with Sunlight (see `ShippedCalendars`), without provisional years.
    public static let shipped = WorkingDayCalendar(years: ShippedCalendars.years)

    /// Years without a table that are judged provisionally (see `ProvisionalYear`).
    public let provisionalRange: ClosedRange<Int>?

    /// If two tables have the same year, the later one in the array wins. `provisionalYears`:
    /// the years without a table to judge from the statutory holidays (clamped to
    /// `ProvisionalYear.supportedYears`); `nil` (the default) for a calendar of the tables alone.
    public init(years: [CalendarYear], provisionalYears: ClosedRange<Int>? = nil) {
        var tables: [Int: CalendarYear] = [:]
        for table in years { tables[table.year] = table }
        self.tables = tables
        self.provisionalRange = provisionalYears.flatMap { range in
            range.overlaps(ProvisionalYear.supportedYears) ? range.clamped(to: ProvisionalYear.supportedYears) : nil
        }
        self.coveredYears = Set(tables.keys)
        // A day listed by its own year's table takes precedence over a neighbouring year's
        // listing of it; within a table a day listed both ways counts as a holiday.
        var listed: [Int: Bool] = [:]
        let ordered = tables.values.sorted { $0.year < $1.year }
        for ownYear in [false, true] {
            for table in ordered {
                for day in table.makeUpWorkdays where (day.year == table.year) == ownYear {
                    listed[day.dayNumber] = true
                }
                for day in table.holidays where (day.year == table.year) == ownYear {
                    listed[day.dayNumber] = false
                }
            }
        }
        self.listed = listed
    }

    /// A calendar with `year` added, replacing any table for the same year.
    public func adding(_ year: CalendarYear) -> WorkingDayCalendar {
        var all = tables
        all[year.year] = year
        return WorkingDayCalendar(years: Array(all.values), provisionalYears: provisionalRange)
    }

    /// This calendar, judging the years without a notice in `range` provisionally (see
    /// `ProvisionalYear`); the tables still win wherever they exist.
    public func withProvisionalYears(_ range: ClosedRange<Int> = ProvisionalYear.supportedYears) -> WorkingDayCalendar {
        WorkingDayCalendar(years: Array(tables.values), provisionalYears: range)
    }

    /// The tables (shipped and entered notices), in year order. Provisional years are not
    /// tables: see `provisionalYear(_:)`.
    public var years: [CalendarYear] {
        tables.values.sorted { $0.year < $1.year }
    }

    /// Whether the State Council notice for `year` is in the calendar (shipped or entered).
    public func hasNotice(for year: Int) -> Bool {
        coveredYears.contains(year)
    }

    /// The provisional year used for `year`: `nil` when the year has a notice or lies outside
    /// `provisionalRange`.
    public func provisionalYear(_ year: Int) -> ProvisionalYear? {
        guard !coveredYears.contains(year), let range = provisionalRange, range.contains(year) else { return nil }
        return ProvisionalYear.cached(year)
    }

    /// Whether the calendar can judge `date`: its year has a table or is provisional, or some
    /// table lists it.
    public func covers(_ date: LocalDate) -> Bool {
        isWorkingDay(date) != nil
    }

    /// `nil` when the date is not covered (callers report "not computable"). 2022-12-31 is
    /// covered because 2023's table lists it, although 2022 has no table. A day of a year
    /// without a notice is judged provisionally (see `isProvisional`).
    public func isWorkingDay(_ date: LocalDate) -> Bool? {
        if let explicit = listed[date.dayNumber] { return explicit }
        if coveredYears.contains(date.year) { return !date.isWeekend }
        return provisionalYear(date.year)?.isWorkingDay(date)
    }

    /// Whether `date` is judged from a provisional year: no notice lists it or has its year,
    /// and the statutory holidays decide. (A day of a provisional year that a neighbouring
    /// year's notice lists — the way 2023's lists 2022-12-31 — is judged by that notice.)
    public func isProvisional(_ date: LocalDate) -> Bool {
        listed[date.dayNumber] == nil && provisionalYear(date.year) != nil
    }

    /// The provisional years whose days in [from, through] a count would judge — empty when
    /// every day comes from a notice. The years, not the days: a range crosses at most a few.
    public func provisionalYears(from: LocalDate, through: LocalDate) -> [Int] {
        guard from <= through else { return [] }
        var result: [Int] = []
        for year in from.year...through.year where provisionalYear(year) != nil {
            // Some day of the range in that year is not listed by a neighbouring notice.
            let first = max(from, LocalDate(uncheckedYear: year, month: 1, day: 1))
            let last = min(through, LocalDate(uncheckedYear: year, month: 12, day: 31))
            var day = first
            while day <= last {
                if listed[day.dayNumber] == nil { result.append(year); break }
                day = day.adding(days: 1)
            }
        }
        return result
    }

    /// Whether any day in [from, through] is judged provisionally: a deadline counted over
    /// these days, or falling on `through`, is provisional until the notice is entered.
    public func touchesProvisional(from: LocalDate, through: LocalDate) -> Bool {
        !provisionalYears(from: from, through: through).isEmpty
    }

    /// "Within N working days from X": the day of X is not counted; the result is the N-th
    /// working day after X (X itself for N = 0; for negative N, the |N|-th working day before X).
    /// `nil` if the count runs into a day that is not covered.
    public func addingWorkingDays(_ n: Int, to date: LocalDate) -> LocalDate? {
        let step = n >= 0 ? 1 : -1
        var remaining = n.magnitude
        var day = date
        while remaining > 0 {
            day = day.adding(days: step)
            guard let working = isWorkingDay(day) else { return nil }
            if working { remaining -= 1 }
        }
        return day
    }

    /// Calendar-day rule: X + N days; if that is not a working day, the next working day.
    public func addingDays(_ n: Int, to date: LocalDate) -> LocalDate? {
        nextWorkingDay(onOrAfter: date.adding(days: n))
    }

    /// Month rule: the same day of the month N months later (or that month's last day), then
    /// moved to the next working day if it is not one.
    public func addingMonths(_ n: Int, to date: LocalDate) -> LocalDate? {
        nextWorkingDay(onOrAfter: date.adding(months: n))
    }

    /// `date` if it is a working day, else the first working day after it; `nil` if uncovered.
    public func nextWorkingDay(onOrAfter date: LocalDate) -> LocalDate? {
        var day = date
        while true {
            guard let working = isWorkingDay(day) else { return nil }
            if working { return day }
            day = day.adding(days: 1)
        }
    }

    /// Working days in (from, to]: `from` excluded, `to` included — a case received on day X and
    /// completed on the next working day took 1 working day. 0 if `to <= from`; `nil` if any day
    /// in the range is not covered.
    public func workingDays(after from: LocalDate, through to: LocalDate) -> Int? {
        guard from < to else { return 0 }
        var count = 0
        let last = to.dayNumber
        var dayNumber = from.dayNumber + 1
        while dayNumber <= last {
            guard let working = isWorkingDay(LocalDate(dayNumber: dayNumber)) else { return nil }
            if working { count += 1 }
            dayNumber += 1
        }
        return count
    }
}
