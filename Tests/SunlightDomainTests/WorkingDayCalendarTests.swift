import Foundation
import Testing
import SunlightDomain

@Suite struct WorkingDayCalendarTests {
    let calendar = WorkingDayCalendar.shipped

    @Test func shipsTheFourNotices() throws {
        #expect(calendar.years.map(\.year) == [2023, 2024, 2025, 2026])
        let y2025 = try #require(calendar.years.first { $0.year == 2025 })
        // 1 + 8 + 3 + 5 + 3 + 8 days off; 5 make-up workdays.
        #expect(y2025.holidays.count == 28)
        #expect(y2025.makeUpWorkdays == ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"].map(day))
        let y2023 = try #require(calendar.years.first { $0.year == 2023 })
        #expect(y2023.holidays.first == day("2022-12-31"))
        for table in calendar.years { #expect(throws: Never.self) { try table.validate() } }
    }

    @Test func workingDaysFollowTheNotices() {
        #expect(calendar.isWorkingDay(day("2025-01-26")) == true)    // Sunday, make-up workday
        #expect(calendar.isWorkingDay(day("2025-10-08")) == false)   // Wednesday, National Day holiday
        #expect(calendar.isWorkingDay(day("2026-02-14")) == true)    // Saturday, make-up workday
        #expect(calendar.isWorkingDay(day("2025-03-07")) == true)    // ordinary Friday
        #expect(calendar.isWorkingDay(day("2025-03-08")) == false)   // ordinary Saturday
        #expect(calendar.isWorkingDay(day("2025-10-11")) == true)    // Saturday, make-up workday
        #expect(calendar.isWorkingDay(day("2025-10-12")) == false)   // ordinary Sunday
        #expect(calendar.isWorkingDay(day("2024-06-10")) == false)   // Dragon Boat 2024, a Monday
        #expect(calendar.isWorkingDay(day("2023-10-07")) == true)    // Saturday, make-up workday
    }

    @Test func coverage() {
        // 2022-12-31 is listed in 2023's table, so it is covered although 2022 is not.
        #expect(calendar.isWorkingDay(day("2022-12-31")) == false)
        #expect(calendar.isWorkingDay(day("2022-12-30")) == nil)
        #expect(calendar.isWorkingDay(day("2023-01-02")) == false)
        #expect(calendar.isWorkingDay(day("2023-01-03")) == true)
        #expect(calendar.isWorkingDay(day("2026-12-31")) == true)
        #expect(calendar.isWorkingDay(day("2027-01-04")) == nil)
        #expect(calendar.isWorkingDay(day("2019-05-06")) == nil)
        #expect(calendar.covers(day("2022-12-31")))
        #expect(!calendar.covers(day("2022-12-30")))
    }

    @Test func workingDayDeadlineAcrossNationalDay2025() {
        // From Friday 2025-09-26, X itself not counted:
        //  1 Sun 09-28 (make-up)  2 Mon 09-29  3 Tue 09-30   — 10-01…10-08 off —
        //  4 Thu 10-09  5 Fri 10-10  6 Sat 10-11 (make-up)   — Sun 10-12 off —
        //  7 Mon 10-13  8 Tue 10-14  9 Wed 10-15  10 Thu 10-16  11 Fri 10-17
        // 12 Mon 10-20 13 Tue 10-21 14 Wed 10-22  15 Thu 10-23
        #expect(calendar.addingWorkingDays(15, to: day("2025-09-26")) == day("2025-10-23"))
        #expect(calendar.addingWorkingDays(1, to: day("2025-09-26")) == day("2025-09-28"))
        #expect(calendar.addingWorkingDays(4, to: day("2025-09-26")) == day("2025-10-09"))
        #expect(calendar.addingWorkingDays(0, to: day("2025-10-01")) == day("2025-10-01"))
        #expect(calendar.addingWorkingDays(-1, to: day("2025-10-09")) == day("2025-09-30"))
    }

    @Test func springFestival2026() {
        // Fri 02-13 → Sat 02-14 is a make-up workday; 02-15…02-23 off; Tue 02-24 is next.
        #expect(calendar.addingWorkingDays(1, to: day("2026-02-13")) == day("2026-02-14"))
        #expect(calendar.addingWorkingDays(2, to: day("2026-02-13")) == day("2026-02-24"))
        #expect(calendar.isWorkingDay(day("2026-02-23")) == false)   // a Monday inside the holiday
        #expect(calendar.isWorkingDay(day("2026-02-28")) == true)    // Saturday, make-up workday
        // (02-13, 02-28]: 02-14, 02-24…02-27 (4), 02-28 = 6 working days.
        #expect(calendar.workingDays(after: day("2026-02-13"), through: day("2026-02-28")) == 6)
        // A calendar-day deadline landing in the holiday moves to its end.
        #expect(calendar.addingDays(5, to: day("2026-02-13")) == day("2026-02-24"))
    }

    @Test func calendarDayDeadlinesMoveToTheNextWorkingDay() {
        // 2025-09-26 + 5 days = 10-01, a holiday → 10-09, the first working day after the break.
        #expect(calendar.addingDays(5, to: day("2025-09-26")) == day("2025-10-09"))
        // Ordinary weekend: Fri + 1 = Sat → Monday.
        #expect(calendar.addingDays(1, to: day("2025-03-07")) == day("2025-03-10"))
        // A make-up Sunday is a working day and stays.
        #expect(calendar.addingDays(1, to: day("2025-09-27")) == day("2025-09-28"))
        // 60 days from 2025-08-10 = 2025-10-09, a working day already.
        #expect(calendar.addingDays(60, to: day("2025-08-10")) == day("2025-10-09"))
    }

    @Test func monthDeadlines() {
        #expect(calendar.addingMonths(1, to: day("2025-01-31")) == day("2025-02-28"))   // Friday
        #expect(calendar.addingMonths(1, to: day("2025-09-01")) == day("2025-10-09"))   // 10-01 is a holiday
        // 2025-11-30 + 3 months → 2026-02-28 (no 30th), a make-up Saturday: a working day.
        #expect(calendar.addingMonths(3, to: day("2025-11-30")) == day("2026-02-28"))
        // 2025-12-21 + 2 months = 2026-02-21, inside Spring Festival → Tuesday 02-24.
        #expect(calendar.addingMonths(2, to: day("2025-12-21")) == day("2026-02-24"))
        #expect(calendar.addingMonths(1, to: day("2026-12-15")) == nil)                 // 2027 not covered
    }

    @Test func countingWorkingDays() {
        // (Mon 03-03, Mon 03-10]: Tue–Fri and the next Monday.
        #expect(calendar.workingDays(after: day("2025-03-03"), through: day("2025-03-10")) == 5)
        #expect(calendar.workingDays(after: day("2025-03-07"), through: day("2025-03-07")) == 0)
        #expect(calendar.workingDays(after: day("2025-03-10"), through: day("2025-03-07")) == 0)
        #expect(calendar.workingDays(after: day("2025-09-30"), through: day("2025-10-09")) == 1)
        #expect(calendar.workingDays(after: day("2025-09-26"), through: day("2025-10-23")) == 15)
        // Weekdays of 2025 (261) minus holidays on weekdays (18) plus make-up workdays (5).
        #expect(calendar.workingDays(after: day("2024-12-31"), through: day("2025-12-31")) == 248)
        #expect(calendar.workingDays(after: day("2026-12-30"), through: day("2027-01-05")) == nil)
        #expect(calendar.workingDays(after: day("2022-12-30"), through: day("2023-01-05")) == 3)
        #expect(calendar.workingDays(after: day("2022-12-29"), through: day("2023-01-05")) == nil)
    }

    @Test func uncoveredYearsAreNotComputable() {
        #expect(calendar.addingWorkingDays(5, to: day("2026-12-29")) == nil)
        #expect(calendar.addingWorkingDays(1, to: day("2019-01-02")) == nil)
        #expect(calendar.addingDays(3, to: day("2026-12-30")) == nil)   // 2027-01-02 uncovered
        #expect(calendar.addingDays(1, to: day("2030-06-03")) == nil)
    }

    @Test func administratorsAddAndReplaceYears() throws {
        // A made-up table for a future year (not the real notice): New Year off 01-01…01-03,
        // make-up on Sunday 01-06.
        let future = try CalendarYear.parse(year: 2030, holidays: "01-01…01-03", makeUpWorkdays: "01-06")
        let extended = calendar.adding(future)
        #expect(extended.years.map(\.year) == [2023, 2024, 2025, 2026, 2030])
        #expect(extended.isWorkingDay(day("2030-01-02")) == false)
        #expect(extended.isWorkingDay(day("2030-01-06")) == true)     // Sunday, make-up
        #expect(extended.isWorkingDay(day("2030-01-07")) == true)
        #expect(extended.isWorkingDay(day("2029-12-31")) == nil)
        #expect(calendar.isWorkingDay(day("2030-01-07")) == nil)      // the original is unchanged

        // Replacing 2025 with an empty table makes National Day's Wednesday an ordinary workday.
        let replaced = calendar.adding(CalendarYear(year: 2025, holidays: [], makeUpWorkdays: []))
        #expect(replaced.years.count == 4)
        #expect(replaced.isWorkingDay(day("2025-10-08")) == true)
        #expect(replaced.isWorkingDay(day("2025-01-26")) == false)
    }

    @Test func ownYearTableWinsOverANeighboursListing() {
        let y2022 = CalendarYear(year: 2022, holidays: [], makeUpWorkdays: [day("2022-12-31")])
        let y2023 = CalendarYear(year: 2023, holidays: [day("2022-12-31")], makeUpWorkdays: [])
        #expect(WorkingDayCalendar(years: [y2022, y2023]).isWorkingDay(day("2022-12-31")) == true)
        #expect(WorkingDayCalendar(years: [y2023, y2022]).isWorkingDay(day("2022-12-31")) == true)
    }

    @Test func parsingAndValidatingNotices() throws {
        let table = try CalendarYear.parse(year: 2025, holidays: "01-01, 01-28…02-04、2025-05-01~05-05",
                                           makeUpWorkdays: "01-26")
        #expect(table.holidays.count == 1 + 8 + 5)
        #expect(table.holidays.last == day("2025-05-05"))
        #expect(code { try CalendarYear.parse(year: 2025, holidays: "01-26", makeUpWorkdays: "01-26") } == "calendar.overlap")
        #expect(code { try CalendarYear.parse(year: 2025, holidays: "", makeUpWorkdays: "01-27") } == "calendar.makeup_weekday")
        #expect(code { try CalendarYear.parse(year: 2025, holidays: "2023-05-01", makeUpWorkdays: "") } == "calendar.out_of_year")
        #expect(code { try CalendarYear.parse(year: 2025, holidays: "02-30", makeUpWorkdays: "") } == "calendar.invalid")
        #expect(code { try CalendarYear.parse(year: 2025, holidays: "05-05…05-01", makeUpWorkdays: "") } == "calendar.invalid")
    }

    @Test func calendarYearsAreCodable() throws {
        let table = try #require(calendar.years.first { $0.year == 2026 })
        let data = try JSONEncoder().encode(table)
        #expect(String(decoding: data, as: UTF8.self).contains(#""2026-02-14""#))
        #expect(try JSONDecoder().decode(CalendarYear.self, from: data) == table)
    }
}
