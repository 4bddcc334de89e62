import Foundation
import Testing
import SunlightDomain

@Suite struct LocalDateTests {
    @Test func rejectsImpossibleComponents() {
        #expect(LocalDate(year: 2025, month: 2, day: 30) == nil)
        #expect(LocalDate(year: 2025, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2024, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 1900, month: 2, day: 29) == nil)   // not a leap year
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)   // divisible by 400
        #expect(LocalDate(year: 2025, month: 13, day: 1) == nil)
        #expect(LocalDate(year: 2025, month: 4, day: 31) == nil)
        #expect(LocalDate(year: 2025, month: 1, day: 0) == nil)
    }

    @Test func isoIsStrict() {
        #expect(LocalDate(iso: "2025-03-07") == LocalDate(year: 2025, month: 3, day: 7))
        #expect(LocalDate(iso: "2025-3-7") == nil)
        #expect(LocalDate(iso: "2025/03/07") == nil)
        #expect(LocalDate(iso: "2025-02-30") == nil)
        #expect(LocalDate(iso: " 2025-03-07") == nil)
        #expect(LocalDate(iso: "+2025-03-07") == nil)
        #expect(day("2025-03-07").iso == "2025-03-07")
        #expect(day("0099-01-05").iso == "0099-01-05")
        #expect("\(day("2025-03-07"))" == "2025-03-07")
        // Years beyond four digits round-trip through the expanded form.
        let far = LocalDate(year: 12345, month: 6, day: 1)!
        #expect(far.iso == "+12345-06-01")
        #expect(LocalDate(iso: far.iso) == far)
    }

    @Test func dayNumbersMatchKnownValues() {
        #expect(day("1970-01-01").dayNumber == 0)
        #expect(day("1969-12-31").dayNumber == -1)
        #expect(day("2025-03-07").dayNumber == 20154)
        #expect(day("1900-01-01").dayNumber == -25567)
        #expect(day("0001-01-01").dayNumber == -719162)
        #expect(day("9999-12-31").dayNumber == 2932896)
        #expect(LocalDate(dayNumber: 20154) == day("2025-03-07"))
        #expect(LocalDate(dayNumber: -719162) == day("0001-01-01"))
    }

    @Test func dayNumbersRoundTripAndAdvanceOneDayAtATime() {
        var previous = LocalDate(dayNumber: -800_000)
        for n in -799_999...800_000 {
            let date = LocalDate(dayNumber: n)
            let advancedCorrectly = (date.day == previous.day + 1 && date.month == previous.month && date.year == previous.year)
                || (date.day == 1 && previous.day == LocalDate.daysInMonth(year: previous.year, month: previous.month)
                    && ((date.month == previous.month + 1 && date.year == previous.year)
                        || (date.month == 1 && previous.month == 12 && date.year == previous.year + 1)))
            if !advancedCorrectly || date.dayNumber != n {
                Issue.record("\(previous) → \(date)")
                return
            }
            previous = date
        }
    }

    @Test func arithmetic() {
        #expect(day("2025-02-28").adding(days: 1) == day("2025-03-01"))
        #expect(day("2024-02-28").adding(days: 1) == day("2024-02-29"))
        #expect(day("2025-01-01").adding(days: -1) == day("2024-12-31"))
        #expect(day("2025-01-01").days(until: day("2025-03-01")) == 59)
        #expect(day("2025-03-01").days(until: day("2025-01-01")) == -59)
    }

    @Test func monthArithmeticClampsToMonthEnd() {
        #expect(day("2025-01-31").adding(months: 1) == day("2025-02-28"))
        #expect(day("2024-01-31").adding(months: 1) == day("2024-02-29"))
        #expect(day("2025-03-31").adding(months: -1) == day("2025-02-28"))
        #expect(day("2025-11-15").adding(months: 3) == day("2026-02-15"))
        #expect(day("2025-03-07").adding(months: -15) == day("2023-12-07"))
        #expect(day("2025-05-31").adding(months: 1) == day("2025-06-30"))
    }

    @Test func weekdays() {
        #expect(day("1970-01-01").weekday == 4)   // Thursday
        #expect(day("2025-03-07").weekday == 5)   // Friday
        #expect(day("2025-01-26").weekday == 7)   // Sunday
        #expect(day("2025-03-10").weekday == 1)   // Monday
        #expect(day("1969-12-28").weekday == 7)   // Sunday, before the epoch
        #expect(day("2026-02-14").isWeekend)
    }

    @Test func ordering() {
        #expect(day("2024-12-31") < day("2025-01-01"))
        #expect(day("2025-02-01") > day("2025-01-31"))
        #expect([day("2025-03-01"), day("2024-03-01"), day("2025-01-01")].sorted()
                == [day("2024-03-01"), day("2025-01-01"), day("2025-03-01")])
    }

    @Test func chinaDateOfAnInstant() {
        // 2025-03-06T16:00:00Z is midnight starting 2025-03-07 in China.
        let midnight = Date(timeIntervalSince1970: 1_741_276_800)
        #expect(LocalDate(instant: midnight) == day("2025-03-07"))
        #expect(LocalDate(instant: midnight.addingTimeInterval(-1)) == day("2025-03-06"))
        #expect(LocalDate(instant: midnight, in: TimeZone(secondsFromGMT: 0)!) == day("2025-03-06"))
        #expect(day("2025-03-07").startInstant() == midnight)
        #expect(LocalDate.chinaTimeZone.secondsFromGMT() == 8 * 3600)
        let today = LocalDate.today()
        #expect(today.year >= 2025)
    }

    @Test func codableAsISOString() throws {
        let data = try JSONEncoder().encode([day("2025-03-07")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2025-03-07"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: data) == [day("2025-03-07")])
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode([LocalDate].self, from: Data(#"["2025-02-30"]"#.utf8))
        }
    }
}

@Suite struct YearMonthTests {
    @Test func basics() throws {
        let march = try #require(YearMonth(text: "2025-03"))
        #expect(march.year == 2025 && march.month == 3)
        #expect(march.text == "2025-03")
        #expect(march.description == "2025-03")
        #expect(march.firstDay == day("2025-03-01"))
        #expect(march.lastDay == day("2025-03-31"))
        #expect(YearMonth(year: 2024, month: 2)!.lastDay == day("2024-02-29"))
        #expect(YearMonth(year: 2025, month: 13) == nil)
        #expect(YearMonth(text: "2025-3") == nil)
        #expect(YearMonth(text: "2025-13") == nil)
        #expect(day("2025-03-07").yearMonth == march)
        #expect(march.contains(day("2025-03-31")))
        #expect(!march.contains(day("2025-04-01")))
    }

    @Test func arithmetic() {
        let march = YearMonth(year: 2025, month: 3)!
        #expect(march.adding(months: 10) == YearMonth(year: 2026, month: 1))
        #expect(march.adding(months: -3) == YearMonth(year: 2024, month: 12))
        #expect(march.months(until: YearMonth(year: 2026, month: 1)!) == 10)
        #expect(march.months(until: YearMonth(year: 2024, month: 12)!) == -3)
        #expect(YearMonth(year: 2024, month: 12)! < march)
    }

    @Test func codable() throws {
        let data = try JSONEncoder().encode(YearMonth(year: 2025, month: 3)!)
        #expect(String(decoding: data, as: UTF8.self) == #""2025-03""#)
        #expect(try JSONDecoder().decode(YearMonth.self, from: data) == YearMonth(year: 2025, month: 3))
    }
}
