import SunlightDomain

/// Working days in (from, to] in O(1), from prefix sums over the span the calendar covers
/// (its first year − 1 to its last year + 1, so that days a neighbouring year's notice lists are
/// included). Same answers as `WorkingDayCalendar.workingDays(after:through:)`, which is used
/// for ranges outside the span (and returns nil there when a day is not covered).
struct WorkingDayCounter {
    private let calendar: WorkingDayCalendar
    private let start: Int          // day number of the span's first day
    private let working: [Int32]    // working[i] = working days in [start, start + i)
    private let uncovered: [Int32]  // same for days the calendar cannot judge

    init(_ calendar: WorkingDayCalendar) {
        self.calendar = calendar
        let years = calendar.years.map(\.year)
        guard let first = years.min(), let last = years.max(),
              let from = LocalDate(year: first - 1, month: 1, day: 1), let to = LocalDate(year: last + 1, month: 12, day: 31) else {
            start = 0
            working = [0]
            uncovered = [0]
            return
        }
        start = from.dayNumber
        let count = to.dayNumber - start + 1
        var w = [Int32](repeating: 0, count: count + 1)
        var u = [Int32](repeating: 0, count: count + 1)
        for i in 0..<count {
            let judged = calendar.isWorkingDay(LocalDate(dayNumber: start + i))
            w[i + 1] = w[i] + (judged == true ? 1 : 0)
            u[i + 1] = u[i] + (judged == nil ? 1 : 0)
        }
        working = w
        uncovered = u
    }

    /// nil when a day in the range is not covered by the calendar.
    func workingDays(after from: LocalDate, through to: LocalDate) -> Int? {
        guard from < to else { return 0 }
        let a = from.dayNumber + 1 - start, b = to.dayNumber + 1 - start   // [a, b) in span offsets
        guard a >= 0, b < working.count else { return calendar.workingDays(after: from, through: to) }
        guard uncovered[b] - uncovered[a] == 0 else { return nil }
        return Int(working[b] - working[a])
    }
}
