import Foundation
import Testing
import SunlightDomain

@Suite struct DateParsingTests {
    @Test(arguments: ["2025-03-07", "2025/3/7", "2025/03/07", "2025年3月7日", "2025年03月07日", "2025年3月7",
                      "20250307", "2025-3-7", "2025.3.7", "２０２５－０３－０７", " 2025-03-07 ", "2025 年 3 月 7 日"])
    func acceptsEveryListedForm(_ text: String) throws {
        #expect(try DateParsing.date(text) == day("2025-03-07"))
    }

    @Test(arguments: ["2025-02-30", "2025/2/29", "2025年2月30日", "20250230", "2025-13-01", "2025-04-31", "2025-00-10", "20250100"])
    func rejectsImpossibleDates(_ text: String) {
        #expect(code { try DateParsing.date(text) } == "date.invalid")
    }

    @Test(arguments: ["", "2025", "2025-03", "25-03-07", "2025-03-07x", "2025-03/07", "2025-003-07",
                      "2025年3-7", "March 7, 2025", "2025030", "202503070", "2025-03-07 10:00"])
    func rejectsUnrecognisedForms(_ text: String) {
        #expect(code { try DateParsing.date(text) } == "date.invalid")
    }

    @Test func leapDays() throws {
        #expect(try DateParsing.date("2024-02-29") == day("2024-02-29"))
        #expect(try DateParsing.date("2000/2/29") == day("2000-02-29"))
        #expect(code { try DateParsing.date("1900-02-29") } == "date.invalid")
    }

    @Test func messagesExplainTheProblem() {
        do {
            _ = try DateParsing.date("2025-02-30")
            Issue.record("expected an error")
        } catch {
            #expect(error.messageZh.contains("2025-02-30"))
            #expect(error.messageZh.contains("28"))
            #expect(error.messageEn.contains("February 2025"))
            #expect(error.messageEn.contains("1–28"))
        }
        do {
            _ = try DateParsing.date("next Tuesday")
            Issue.record("expected an error")
        } catch {
            #expect(error.messageEn.contains("unrecognised"))
            #expect(error.messageZh.contains("无法识别"))
        }
    }

    @Test func excelSerialDates() {
        #expect(DateParsing.excelSerialDate(45000) == day("2023-03-15"))
        #expect(DateParsing.excelSerialDate(45000.75) == day("2023-03-15"))   // 18:00 the same day
        #expect(DateParsing.excelSerialDate(1) == day("1900-01-01"))
        #expect(DateParsing.excelSerialDate(59) == day("1900-02-28"))
        // Serial 60 is Excel's fictitious 1900-02-29 (the Lotus 1-2-3 leap-year bug): no real day.
        #expect(DateParsing.excelSerialDate(60) == nil)
        #expect(DateParsing.excelSerialDate(61) == day("1900-03-01"))
        #expect(DateParsing.excelSerialDate(25569) == day("1970-01-01"))
        #expect(DateParsing.excelSerialDate(2_958_465) == day("9999-12-31"))
        #expect(DateParsing.excelSerialDate(2_958_466) == nil)
        #expect(DateParsing.excelSerialDate(0) == nil)
        #expect(DateParsing.excelSerialDate(-5) == nil)
        #expect(DateParsing.excelSerialDate(.nan) == nil)
        #expect(DateParsing.excelSerialDate(.infinity) == nil)
    }

    @Test func excelSerialInstants() {
        // 45000.5625 = 2023-03-15 13:30 in China = 05:30 UTC.
        let expected = day("2023-03-15").startInstant().addingTimeInterval(13.5 * 3600)
        #expect(DateParsing.excelSerialInstant(45000.5625) == expected)
        // Binary noise just below midnight rounds to the next day's midnight.
        #expect(DateParsing.excelSerialInstant(45000.9999999999) == day("2023-03-16").startInstant())
        #expect(DateParsing.excelSerialInstant(60.5) == nil)
    }

    @Test func instantsWithoutOffsetAreChinaTime() throws {
        // 2025-03-07 09:30 in Beijing = 2025-03-07T01:30:00Z = 1741311000.
        let expected = Date(timeIntervalSince1970: 1_741_311_000)
        for text in ["2025-03-07 09:30", "2025/3/7 9:30", "2025年3月7日 09:30", "20250307 09:30:00",
                     "2025-03-07T09:30:00", "2025.3.7  09:30:00", "2025-03-07 09:30:00.000"] {
            #expect(try DateParsing.instant(text) == expected, "\(text)")
        }
    }

    @Test func rfc3339Offsets() throws {
        #expect(try DateParsing.instant("2025-03-07T01:30:00Z") == Date(timeIntervalSince1970: 1_741_311_000))
        #expect(try DateParsing.instant("2025-03-07t01:30:00z") == Date(timeIntervalSince1970: 1_741_311_000))
        #expect(try DateParsing.instant("2025-03-07T09:30:00+08:00") == Date(timeIntervalSince1970: 1_741_311_000))
        #expect(try DateParsing.instant("2025-03-06T20:30:00-05:00") == Date(timeIntervalSince1970: 1_741_311_000))
        #expect(try DateParsing.instant("2025-03-07T14:30:15.250Z") == Date(timeIntervalSince1970: 1_741_357_815.25))
        #expect(try DateParsing.instant("2025-03-07 14:30:15+0000") == Date(timeIntervalSince1970: 1_741_357_815))
    }

    @Test func bareDateIsMidnightInChina() throws {
        #expect(try DateParsing.instant("2025-03-07") == Date(timeIntervalSince1970: 1_741_276_800))
    }

    @Test(arguments: ["", "2025-03-07 25:00", "2025-03-07 10:60", "2025-03-07 10:00:61", "2025-03-07 10",
                      "2025-03-07T10:00:00+8", "2025-03-07 10:00 tomorrow", "2025-02-30 10:00",
                      "2025-03-0710:00", "2025-03-07T10:00:00.Z", "2025-03-07T10:00:00+24:00"])
    func rejectsBadDatetimes(_ text: String) {
        #expect(code { try DateParsing.instant(text) } == "datetime.invalid")
    }

    @Test func yearMonths() throws {
        let march = YearMonth(year: 2025, month: 3)!
        for text in ["2025-03", "2025/3", "2025.3", "2025年3月", "202503", "２０２５－０３", "2025-3"] {
            #expect(try DateParsing.yearMonth(text) == march, "\(text)")
        }
        for text in ["", "2025-13", "202513", "2025", "25-03", "2025-03-07", "2025/03/", "0000-01"] {
            #expect(code { try DateParsing.yearMonth(text) } == "year_month.invalid", "\(text)")
        }
    }
}
