import Foundation

/// A year's days off computed from the law alone, for a year whose State Council notice is not
/// (yet) in the calendar — so that a deadline running past 31 December can still be computed,
/// and says that it is provisional.
///
/// The notice (国务院办公厅关于部分节假日安排的通知) arrives each November and rearranges the
/// statutory holidays into longer breaks with weekend make-up workdays (调休上班). Until it is
/// entered, the best honest approximation is what 全国年节及纪念日放假办法 (as amended 2024, in
/// force 2025-01-01) fixes by itself:
/// - the holidays of all citizens (`StatutoryHoliday`): 13 days a year;
/// - weekends off;
/// - 补假 (Art. 6): a holiday of all citizens that falls on a Saturday or Sunday "is made up on a
///   working day". Reading: each such day gives one weekday off, the first weekday after it that
///   is neither a holiday nor already a make-up day — the "following working day(s)" of the
///   spec. Days are taken in date order, so Labour Day 2027 (Sat 05-01, Sun 05-02) is made up
///   on Mon 05-03 and Tue 05-04, and National Day 2027 (Fri 10-01 … Sun 10-03) on Mon 10-04
///   (for Sat 10-02) and Tue 10-05 (for Sun 10-03);
/// - no make-up workdays: only a notice can turn a weekend into a working day.
///
/// A day two holidays share (中秋 on 2028-10-03 falls inside 国庆) is one day off, and on a
/// weekend is made up once: the 办法 grants days, and anything more is a 调休 for the notice.
///
/// Only for `supportedYears`: before 2025 the 办法 had fewer days (3 for Spring Festival, 1 for
/// Labour Day), so a provisional 2024 would be wrong — and every year from 2023 on is shipped
/// anyway; after 2100 the Qingming formula is not known to be exact. Outside that range the
/// calendar keeps answering "not computable".
public struct ProvisionalYear: Sendable, Equatable {
    /// One statutory holiday day.
    public struct HolidayDay: Sendable, Equatable {
        public let date: LocalDate
        public let holiday: StatutoryHoliday
    }

    /// One 补假: `date` (a weekday) is off because the statutory `madeUpFor` fell on a weekend.
    public struct MakeUpDayOff: Sendable, Equatable {
        public let date: LocalDate
        public let madeUpFor: LocalDate
    }

    /// Years in which the amended 办法 is in force and every date of it can be determined.
    public static let supportedYears = 2025...2100

    public let year: Int
    /// The statutory holiday days, in date order (a day shared by two holidays appears twice).
    public let holidayDays: [HolidayDay]
    /// The 补假 days, in date order.
    public let makeUpDaysOff: [MakeUpDayOff]
    /// Day numbers of all days off other than ordinary weekends.
    private let off: Set<Int>

    /// Computes `year`; `nil` outside `supportedYears` or if a lunar date cannot be found.
    public init?(_ year: Int) {
        guard Self.supportedYears.contains(year) else { return nil }
        var holidayDays: [HolidayDay] = []
        for holiday in StatutoryHoliday.allCases {
            guard let days = holiday.days(in: year) else { return nil }
            holidayDays += days.map { HolidayDay(date: $0, holiday: holiday) }
        }
        holidayDays.sort { ($0.date, $0.holiday.rawValue) < ($1.date, $1.holiday.rawValue) }
        let statutory = Array(Set(holidayDays.map(\.date))).sorted()
        var off = Set(statutory.map(\.dayNumber))
        var makeUps: [MakeUpDayOff] = []
        for day in statutory where day.isWeekend {
            var candidate = day.adding(days: 1)
            while candidate.isWeekend || off.contains(candidate.dayNumber) { candidate = candidate.adding(days: 1) }
            off.insert(candidate.dayNumber)
            makeUps.append(MakeUpDayOff(date: candidate, madeUpFor: day))
        }
        self.year = year
        self.holidayDays = holidayDays
        self.makeUpDaysOff = makeUps
        self.off = off
    }

    /// Every day off that is not an ordinary weekend day: statutory days (also those on a
    /// weekend) and 补假 days, sorted — the way a notice's table lists its holidays.
    public var daysOff: [LocalDate] {
        off.sorted().map(LocalDate.init(dayNumber:))
    }

    /// The year as a table: `daysOff` as holidays, no make-up workdays.
    public var table: CalendarYear {
        CalendarYear(year: year, holidays: daysOff, makeUpWorkdays: [])
    }

    /// Monday to Friday and not a holiday or 补假 day. Only meaningful for days of `year`.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        !date.isWeekend && !off.contains(date.dayNumber)
    }

    /// The provisional years computed so far, shared by every calendar in the process: the
    /// lunar dates cost a few milliseconds per year, and a calendar is rebuilt per request.
    public static func cached(_ year: Int) -> ProvisionalYear? {
        guard supportedYears.contains(year) else { return nil }
        return cache.value(year)
    }

    private static let cache = Cache()

    /// A lock-protected memo. `@unchecked Sendable`: every access to `years` holds `lock`.
    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var years: [Int: ProvisionalYear?] = [:]

        func value(_ year: Int) -> ProvisionalYear? {
            lock.lock()
            if let known = years[year] { lock.unlock(); return known }
            lock.unlock()
            let computed = ProvisionalYear(year)
            lock.lock()
            years[year] = computed
            lock.unlock()
            return computed
        }
    }
}
