import Testing
import SunlightDomain

/// The provisional calendar for years without a State Council notice (全国年节及纪念日放假办法,
/// as amended 2024): statutory holidays, weekends, 补假, no 调休.
@Suite struct ProvisionalCalendarTests {
    /// The shipped notices, with provisional years where they end (as the deadline engine uses them).
    let calendar = WorkingDayCalendar.shipped.withProvisionalYears()

    private func days(_ list: String) -> [LocalDate] {
        list.split(separator: " ").map { day(String($0)) }
    }

    @Test func qingmingIsTheSolarTermsDay() {
        // Published dates of 清明 (and the shipped notices: 2023-04-05, 2024-04-04, 2025-04-04, 2026-04-05).
        let known = ["2000-04-04", "2008-04-04", "2015-04-05", "2019-04-05", "2020-04-04", "2021-04-04", "2022-04-05",
                     "2023-04-05", "2024-04-04", "2025-04-04", "2026-04-05", "2027-04-05", "2028-04-04"]
        for iso in known {
            let date = day(iso)
            #expect(QingmingDay.of(date.year) == date, "清明 \(date.year)")
        }
        for table in calendar.years {
            let qingming = try! #require(QingmingDay.of(table.year))
            #expect(table.holidays.contains(qingming), "the \(table.year) notice has 清明 \(qingming) off")
        }
        // Always 4, 5 or 6 April where the formula is exact; nothing outside 1900…2100.
        for year in QingmingDay.supportedYears {
            let date = QingmingDay.of(year)
            #expect(date?.month == 4 && (4...6).contains(date?.day ?? 0), "\(year)")
        }
        #expect(QingmingDay.of(1899) == nil)
        #expect(QingmingDay.of(2101) == nil)
    }

    @Test func lunarFeastsMatchTheNotices() {
        // 2026 as the notice has them; 2027 as published (春节 02-06, 端午 06-09, 中秋 09-15).
        #expect(LunarDates.newYearsEve(2026) == day("2026-02-16"))
        #expect(LunarDates.springFestival(2026) == day("2026-02-17"))
        #expect(LunarDates.dragonBoat(2026) == day("2026-06-19"))
        #expect(LunarDates.midAutumn(2026) == day("2026-09-25"))
        #expect(LunarDates.springFestival(2027) == day("2027-02-06"))
        #expect(LunarDates.newYearsEve(2027) == day("2027-02-05"))
        #expect(LunarDates.dragonBoat(2027) == day("2027-06-09"))
        #expect(LunarDates.midAutumn(2027) == day("2027-09-15"))
        // 除夕 is the last day of the 12th month: the 29th in 2027, the 30th in 2030.
        #expect(LunarDates.lunar(day("2027-02-05"))?.day == 29)
        #expect(LunarDates.newYearsEve(2030) == day("2030-02-02"))
        #expect(LunarDates.lunar(day("2030-02-02"))?.day == 30)
        #expect(LunarDates.lunar(day("2030-02-02"))?.month == 12)
    }

    @Test func leapMonthsAreNotTheFeasts() {
        // 2028 has a leap 5th month: 闰五月初五 is 06-27, Dragon Boat is the real 五月初五, 05-28.
        let leap5 = LunarDates.lunar(day("2028-06-27"))
        #expect(leap5?.month == 5 && leap5?.day == 5 && leap5?.isLeapMonth == true)
        #expect(LunarDates.dragonBoat(2028) == day("2028-05-28"))
        // 2052 has a leap 8th month: 闰八月十五 is 10-07, Mid-Autumn is 09-07.
        let leap8 = LunarDates.lunar(day("2052-10-07"))
        #expect(leap8?.month == 8 && leap8?.day == 15 && leap8?.isLeapMonth == true)
        #expect(LunarDates.midAutumn(2052) == day("2052-09-07"))
        // Every supported year has all its holidays.
        for year in ProvisionalYear.supportedYears {
            #expect(ProvisionalYear(year) != nil, "\(year)")
        }
    }

    @Test func provisional2027Exactly() throws {
        let y2027 = try #require(ProvisionalYear(2027))
        // 元旦 Fri 01-01; 除夕 Fri 02-05, 春节 Sat 02-06 … Mon 02-08 (Sat, Sun made up Tue 02-09,
        // Wed 02-10); 清明 Mon 04-05; 劳动节 Sat 05-01, Sun 05-02 (made up Mon 05-03, Tue 05-04);
        // 端午 Wed 06-09; 中秋 Wed 09-15; 国庆 Fri 10-01 … Sun 10-03 (made up Mon 10-04, Tue 10-05).
        #expect(y2027.holidayDays.map(\.date) == days(
            "2027-01-01 2027-02-05 2027-02-06 2027-02-07 2027-02-08 2027-04-05 2027-05-01 2027-05-02 "
                + "2027-06-09 2027-09-15 2027-10-01 2027-10-02 2027-10-03"))
        #expect(y2027.holidayDays.filter { $0.holiday == .springFestival }.map(\.date) == days("2027-02-05 2027-02-06 2027-02-07 2027-02-08"))
        #expect(y2027.makeUpDaysOff.map(\.date) == days("2027-02-09 2027-02-10 2027-05-03 2027-05-04 2027-10-04 2027-10-05"))
        #expect(y2027.makeUpDaysOff.map(\.madeUpFor) == days("2027-02-06 2027-02-07 2027-05-01 2027-05-02 2027-10-02 2027-10-03"))
        #expect(y2027.table.makeUpWorkdays.isEmpty)   // no 调休上班 without a notice
        #expect(y2027.table.holidays.count == 13 + 6)
        #expect(throws: Never.self) { try y2027.table.validate() }

        #expect(calendar.isWorkingDay(day("2027-02-10")) == false)   // Wednesday, 补假
        #expect(calendar.isWorkingDay(day("2027-02-11")) == true)
        #expect(calendar.isWorkingDay(day("2027-10-05")) == false)
        #expect(calendar.isWorkingDay(day("2027-10-06")) == true)
        #expect(calendar.isWorkingDay(day("2027-02-20")) == false)   // an ordinary Saturday: no 调休
        #expect(calendar.isProvisional(day("2027-03-01")))
        #expect(!calendar.isProvisional(day("2026-12-31")))
    }

    @Test func makeUpDaysFollowTheWeekendHoliday() throws {
        // 2028: 元旦 on a Saturday → Monday 01-03; 端午 Sunday 05-28 → Monday 05-29; 国庆 Sunday
        // 10-01 → the first weekday after the run, Wednesday 10-04 (10-02, 10-03 are 国庆 itself;
        // 10-03 is also 中秋, one day off).
        let y2028 = try #require(ProvisionalYear(2028))
        #expect(y2028.makeUpDaysOff.map(\.date) == days("2028-01-03 2028-05-29 2028-10-04"))
        #expect(y2028.holidayDays.filter { $0.date == day("2028-10-03") }.map(\.holiday) == [.midAutumn, .nationalDay])
        // 2034: 元旦 on a Sunday → Monday 01-02.
        #expect(try #require(ProvisionalYear(2034)).makeUpDaysOff.first?.date == day("2034-01-02"))
    }

    @Test func provisional2026AgainstTheShippedNotice() throws {
        // The notice only ever adds to the law: every provisional day off of 2026 (statutory days
        // and 补假) is off in the real notice, and what the notice adds is its 调休 — weekend days
        // inside the runs and weekdays swapped for make-up workdays.
        let shipped = try #require(calendar.years.first { $0.year == 2026 })
        let provisional = try #require(ProvisionalYear(2026))
        let noticeOff = Set(shipped.holidays)
        #expect(provisional.holidayDays.allSatisfy { noticeOff.contains($0.date) })
        #expect(provisional.makeUpDaysOff.map(\.date) == days("2026-04-06 2026-05-04 2026-10-05"))
        #expect(Set(provisional.daysOff).isSubset(of: noticeOff))
        let onlyInNotice = noticeOff.subtracting(provisional.daysOff).sorted()
        #expect(onlyInNotice == days("2026-01-02 2026-01-03 2026-02-15 2026-02-20 2026-02-21 2026-02-22 2026-02-23 "
            + "2026-04-04 2026-05-03 2026-05-05 2026-06-20 2026-06-21 2026-09-26 2026-09-27 2026-10-04 2026-10-06 2026-10-07"))
        // Each of those is a weekend day or a weekday the notice paid for with a make-up workday.
        let weekdaysAdded = onlyInNotice.filter { !$0.isWeekend }.count
        #expect(weekdaysAdded == shipped.makeUpWorkdays.count)
        // The same holds for 2025, the first year of the amended 办法.
        let shipped2025 = try #require(calendar.years.first { $0.year == 2025 })
        #expect(Set(try #require(ProvisionalYear(2025)).daysOff).isSubset(of: Set(shipped2025.holidays)))
        // The shipped tables themselves are untouched.
        #expect(calendar.years.map(\.year) == [2023, 2024, 2025, 2026])
        #expect(calendar.provisionalYear(2026) == nil)
    }

    @Test func deadlinesCrossIntoAProvisionalYear() {
        // 15 working days from Sunday 2026-12-20: 12-21…12-31 (9), then 2027 — 01-01 off,
        // 01-04…01-08 (14), 01-11 (15).
        #expect(calendar.addingWorkingDays(15, to: day("2026-12-20")) == day("2027-01-11"))
        #expect(calendar.touchesProvisional(from: day("2026-12-21"), through: day("2027-01-11")))
        #expect(calendar.provisionalYears(from: day("2026-12-21"), through: day("2027-01-11")) == [2027])
        #expect(!calendar.touchesProvisional(from: day("2026-12-01"), through: day("2026-12-31")))
        // Spring Festival 2027 with its 补假: from Thursday 02-04 (02-05…02-10 off), the next working day is 02-11.
        #expect(calendar.addingWorkingDays(1, to: day("2027-02-04")) == day("2027-02-11"))
        #expect(calendar.addingDays(3, to: day("2026-12-30")) == day("2027-01-04"))
    }

    @Test func stillNotComputableOutsideTheProvisionalRange() {
        // Before the first notice (and before the amended 办法) and after 2100.
        #expect(calendar.isWorkingDay(day("2022-12-30")) == nil)
        #expect(calendar.addingWorkingDays(1, to: day("2019-01-02")) == nil)
        #expect(calendar.addingDays(1, to: day("2100-12-31")) == nil)
        #expect(calendar.isWorkingDay(day("2100-12-31")) == true)
        #expect(!calendar.isProvisional(day("2022-12-30")))
        // The notices alone (what supervision rules judge by) stay as they were.
        let noticesOnly = WorkingDayCalendar.shipped
        #expect(noticesOnly.provisionalRange == nil)
        #expect(noticesOnly.isWorkingDay(day("2027-01-04")) == nil)
        #expect(!noticesOnly.isProvisional(day("2027-01-04")))
        #expect(noticesOnly.adding(CalendarYear(year: 2030, holidays: [], makeUpWorkdays: [])).isWorkingDay(day("2029-06-01")) == nil)
        // Adding a notice keeps a calendar's provisional years.
        #expect(calendar.adding(CalendarYear(year: 2030, holidays: [], makeUpWorkdays: [])).isProvisional(day("2029-06-01")))
    }

    @Test func enteringTheNoticeReplacesTheProvisionalYear() throws {
        // A notice for 2027 as the State Council might publish it (made up for the test): 春节
        // 02-05…02-13 with make-up workdays Sun 01-31 and Sat 02-20.
        let notice = try CalendarYear.parse(year: 2027, holidays: "01-01…01-03, 02-05…02-13", makeUpWorkdays: "01-31, 02-20")
        let entered = calendar.adding(notice)
        #expect(entered.hasNotice(for: 2027))
        #expect(entered.provisionalYear(2027) == nil)
        #expect(!entered.isProvisional(day("2027-02-11")))
        #expect(!entered.touchesProvisional(from: day("2026-12-21"), through: day("2027-12-31")))
        #expect(calendar.isWorkingDay(day("2027-02-11")) == true)      // provisional: after the 补假
        #expect(entered.isWorkingDay(day("2027-02-11")) == false)      // the notice: inside the break
        #expect(entered.isWorkingDay(day("2027-02-20")) == true)       // the notice's make-up Saturday
        #expect(entered.isWorkingDay(day("2027-05-03")) == true)       // the notice has no Labour Day: its table rules
        // 2028 is still provisional.
        #expect(entered.isProvisional(day("2028-03-01")))
    }

    @Test func adminWarningFromFirstNovember() {
        #expect(CalendarNotice.missingNextYear(today: day("2026-10-31"), calendar: calendar) == nil)
        #expect(CalendarNotice.missingNextYear(today: day("2026-11-01"), calendar: calendar) == 2027)
        #expect(CalendarNotice.missingNextYear(today: day("2026-12-07"), calendar: calendar) == 2027)
        // Still due in 2027 itself, until it is entered.
        #expect(CalendarNotice.missingNextYear(today: day("2027-03-01"), calendar: calendar) == 2027)
        let entered = calendar.adding(CalendarYear(year: 2027, holidays: [day("2027-01-01")], makeUpWorkdays: []))
        #expect(CalendarNotice.missingNextYear(today: day("2026-12-07"), calendar: entered) == nil)
        #expect(CalendarNotice.missingNextYear(today: day("2027-10-31"), calendar: entered) == nil)
        #expect(CalendarNotice.missingNextYear(today: day("2027-11-01"), calendar: entered) == 2028)
        let warning = CalendarNotice.warning(today: day("2026-12-07"), calendar: calendar)
        #expect(warning?.year == 2027)
        #expect(warning?.messageZh.contains("2027 年部分节假日安排的通知") == true)
        #expect(warning?.messageEn.contains("notice for 2027 is not entered") == true)
    }
}
