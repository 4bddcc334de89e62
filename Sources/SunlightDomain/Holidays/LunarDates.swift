import Foundation

/// Gregorian dates of the lunar feast days (农历节日), read off Foundation's Chinese calendar.
///
/// The Chinese calendar is astronomical (new moons and solar terms in China Standard Time) and
/// its leap months move from year to year, so it is not reimplemented here: Foundation's
/// `Calendar(identifier: .chinese)` (ICU) gives exactly the dates the State Council notices use
/// (2026: 除夕 02-16, 春节 02-17, 端午 06-19, 中秋 09-25; 2027: 春节 02-06, 端午 06-09, 中秋 09-15).
///
/// Each feast is found by scanning the window of Gregorian days it can fall in and taking the
/// one day whose lunar month and day match *in a non-leap month*: in a year with a leap 5th
/// month (闰五月) the 5th day of the leap month is not Dragon Boat Day, and likewise for a leap
/// 8th month. The windows are wider than the feasts' known ranges, and a window with no match
/// or more than one gives `nil` rather than a wrong day.
///
/// The lookups go through the calendar with its time zone fixed to China Standard Time and at
/// noon, so neither the server's zone nor a day boundary can shift the answer.
public enum LunarDates {
    /// 春节: the 1st day of the 1st lunar month (21 Jan … 20 Feb).
    public static func springFestival(_ year: Int) -> LocalDate? {
        find(month: 1, day: 1, year: year, from: (1, 10), through: (3, 5))
    }

    /// 除夕: the last day of the 12th lunar month — the 29th or the 30th, whichever the month
    /// has — which is simply the day before the 1st of the 1st month.
    public static func newYearsEve(_ year: Int) -> LocalDate? {
        springFestival(year)?.adding(days: -1)
    }

    /// 端午节: the 5th day of the 5th lunar month (28 May … 25 June), never of a leap 5th month.
    public static func dragonBoat(_ year: Int) -> LocalDate? {
        find(month: 5, day: 5, year: year, from: (5, 15), through: (7, 10))
    }

    /// 中秋节: the 15th day of the 8th lunar month (7 Sept … 8 Oct), never of a leap 8th month.
    public static func midAutumn(_ year: Int) -> LocalDate? {
        find(month: 8, day: 15, year: year, from: (8, 25), through: (10, 20))
    }

    /// The lunar month, day and leap flag of a Gregorian day.
    public static func lunar(_ date: LocalDate) -> (month: Int, day: Int, isLeapMonth: Bool)? {
        let noon = date.startInstant(in: LocalDate.chinaTimeZone).addingTimeInterval(12 * 3600)
        let parts = chinese.dateComponents([.month, .day, .isLeapMonth], from: noon)
        guard let month = parts.month, let day = parts.day else { return nil }
        return (month, day, parts.isLeapMonth ?? false)
    }

    private static let chinese: Calendar = {
        var calendar = Calendar(identifier: .chinese)
        calendar.timeZone = LocalDate.chinaTimeZone
        return calendar
    }()

    private static func find(month: Int, day: Int, year: Int, from: (Int, Int), through: (Int, Int)) -> LocalDate? {
        guard let first = LocalDate(year: year, month: from.0, day: from.1),
              let last = LocalDate(year: year, month: through.0, day: through.1) else { return nil }
        var found: [LocalDate] = []
        var date = first
        while date <= last {
            if let l = lunar(date), l.month == month, l.day == day, !l.isLeapMonth { found.append(date) }
            date = date.adding(days: 1)
        }
        return found.count == 1 ? found[0] : nil
    }
}
