import Foundation

/// One year's State Council holiday notice (国务院办公厅关于部分节假日安排的通知), as data.
///
/// Holidays and make-up workdays (调休上班) change every year and are announced each November,
/// so they are data an administrator adds, never code. A year's table may list days of the
/// neighbouring years: the 2023 New Year holiday starts on 2022-12-31.
public struct CalendarYear: Sendable, Codable, Equatable {
    public let year: Int
    /// Days off, including the weekend days inside a holiday run. Sorted, without duplicates.
    public let holidays: [LocalDate]
    /// Weekend days that are working days (调休上班). Sorted, without duplicates.
    public let makeUpWorkdays: [LocalDate]

    public init(year: Int, holidays: [LocalDate], makeUpWorkdays: [LocalDate]) {
        self.year = year
        self.holidays = Array(Set(holidays)).sorted()
        self.makeUpWorkdays = Array(Set(makeUpWorkdays)).sorted()
    }

    /// Reads a year written the way the notice and `regime.md` write it:
    /// holidays `"2022-12-31…01-02, 01-21…01-27, 04-05"`, make-up workdays `"01-28, 01-29"`.
    /// Items are separated by commas (or `、`); a range is `A…B` (also `...`, `~`, `至`);
    /// a day is `YYYY-MM-DD` or `MM-DD`, the latter in `year`. The result is validated.
    /// Errors: `"calendar.invalid"` plus those of `validate()`.
    public static func parse(year: Int, holidays: String, makeUpWorkdays: String) throws(ValueError) -> CalendarYear {
        let table = CalendarYear(year: year,
                                 holidays: try days(in: holidays, year: year),
                                 makeUpWorkdays: try days(in: makeUpWorkdays, year: year))
        try table.validate()
        return table
    }

    private static func days(in text: String, year: Int) throws(ValueError) -> [LocalDate] {
        var result: [LocalDate] = []
        let normalised = TextFolding.fold(text)
            .replacingOccurrences(of: "、", with: ",")
            .replacingOccurrences(of: "...", with: "…")
            .replacingOccurrences(of: "~", with: "…")
            .replacingOccurrences(of: "至", with: "…")
        for item in normalised.split(separator: ",") {
            let ends = item.split(separator: "…", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard (1...2).contains(ends.count) else { throw invalid(String(item)) }
            let start = try day(ends[0], year: year)
            let end = ends.count == 2 ? try day(ends[1], year: year) : start
            let length = start.days(until: end)
            guard (0...62).contains(length) else { throw invalid(String(item)) }
            for offset in 0...length { result.append(start.adding(days: offset)) }
        }
        return result
    }

    private static func day(_ text: String, year: Int) throws(ValueError) -> LocalDate {
        if let full = LocalDate(iso: text) { return full }
        if let short = LocalDate(iso: String(format4(year)) + "-" + text) { return short }
        throw invalid(text)
    }

    private static func format4(_ year: Int) -> String {
        let y = String(year)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y
    }

    private static func invalid(_ item: String) -> ValueError {
        ValueError(code: "calendar.invalid",
                   messageZh: "无法识别的日期或日期范围“\(item)”：应为 MM-DD、YYYY-MM-DD 或 起…止",
                   messageEn: "unrecognised day or range \"\(item)\": expected MM-DD, YYYY-MM-DD or start…end")
    }

    /// Checks the table for the mistakes an administrator can make when typing a notice in:
    /// a day both off and on (`"calendar.overlap"`), a make-up workday that is not a Saturday or
    /// Sunday (`"calendar.makeup_weekday"`), a day far from the year (`"calendar.out_of_year"`:
    /// only December of the year before and January of the year after may appear).
    public func validate() throws(ValueError) {
        let off = Set(holidays)
        if let both = makeUpWorkdays.first(where: { off.contains($0) }) {
            throw ValueError(code: "calendar.overlap",
                             messageZh: "\(year) 年日历中 \(both.iso) 既是假日又是调休上班日",
                             messageEn: "in the \(year) calendar \(both.iso) is both a holiday and a make-up workday")
        }
        if let weekday = makeUpWorkdays.first(where: { !$0.isWeekend }) {
            throw ValueError(code: "calendar.makeup_weekday",
                             messageZh: "\(year) 年日历中的调休上班日 \(weekday.iso) 不是周末",
                             messageEn: "make-up workday \(weekday.iso) in the \(year) calendar is not a Saturday or Sunday")
        }
        let earliest = LocalDate(uncheckedYear: year - 1, month: 12, day: 1)
        let latest = LocalDate(uncheckedYear: year + 1, month: 1, day: 31)
        if let far = (holidays + makeUpWorkdays).first(where: { $0 < earliest || $0 > latest }) {
            throw ValueError(code: "calendar.out_of_year",
                             messageZh: "\(year) 年日历中的日期 \(far.iso) 不在该年度内",
                             messageEn: "day \(far.iso) in the \(year) calendar is outside that year")
        }
    }
}
