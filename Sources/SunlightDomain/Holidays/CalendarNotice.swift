/// The reminder to enter next year's State Council holiday notice.
///
/// The notice is published in late October or November; until an administrator enters it
/// (`sunlight calendar add`), deadlines reaching into that year are only provisional (see
/// `ProvisionalYear`). From 1 November the administrators are told so on every calendar page
/// and command, until the notice is in — also during the year itself, if it never was.
public enum CalendarNotice {
    /// The first year whose notice is due but missing on `today`: the current year when its
    /// notice was never entered, else next year from 1 November on; `nil` when nothing is due.
    /// Years before the calendar's first table (nobody enters 2020 now) are not asked for.
    public static func missingNextYear(today: LocalDate, calendar: WorkingDayCalendar) -> Int? {
        var due = [today.year]
        if today.month >= 11 { due.append(today.year + 1) }
        let first = calendar.years.first?.year ?? today.year
        return due.first { $0 >= first && !calendar.hasNotice(for: $0) }
    }

    /// `missingNextYear` as a message for administrators, `nil` when nothing is due.
    public static func warning(today: LocalDate, calendar: WorkingDayCalendar) -> Warning? {
        missingNextYear(today: today, calendar: calendar).map(Warning.init(year:))
    }

    /// "The State Council notice for YEAR is not entered", in both languages.
    public struct Warning: Sendable, Equatable {
        public let year: Int

        public init(year: Int) { self.year = year }

        public var messageZh: String {
            "尚未录入国务院办公厅关于 \(year) 年部分节假日安排的通知：\(year) 年的期限按法定节假日暂行计算（未含调休），"
                + "请在通知发布后用 `sunlight calendar add \(year)` 录入"
        }

        public var messageEn: String {
            "the State Council holiday notice for \(year) is not entered: deadlines in \(year) are provisional "
                + "(statutory holidays only, no 调休); enter it with `sunlight calendar add \(year)` once published"
        }
    }
}
