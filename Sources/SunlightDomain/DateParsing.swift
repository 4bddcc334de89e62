import Foundation

/// Lenient parsing of the date, datetime and month forms that the data contract accepts.
///
/// Spreadsheets exported by different county systems spell the same day as `2025-03-07`,
/// `2025/3/7`, `2025年3月7日` or `20250307`; all are accepted after `TextFolding.fold`, and
/// every one is checked against the real calendar, because an impossible date (2025-02-30) is a
/// data error that must be reported, not silently rolled over into March.
public enum DateParsing {
    // MARK: Dates

    /// The date of `text` when it is already in the stored form `YYYY-MM-DD` (year 0001–9999) and
    /// names a real day — what `date(_:)` would return, decided on the bytes without building a
    /// scanner (nil for anything else, valid or not: callers then take `date(_:)`).
    public static func canonicalISODate(_ text: String) -> LocalDate? {
        let parts = text.utf8.withContiguousStorageIfAvailable { bytes -> (Int, Int, Int)? in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                  let year = digits(bytes, 0..<4), let month = digits(bytes, 5..<7), let day = digits(bytes, 8..<10) else { return nil }
            return (year, month, day)
        }
        guard let (year, month, day) = parts ?? nil, year >= 1 else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    /// The month of `text` if it is already in the stored form, "YYYY-MM" (year 0001–9999, month
    /// 01–12), else nil: an import's months almost always are, and then need neither folding
    /// nor the general scanner (which `yearMonth` would spend, with the same result).
    public static func canonicalYearMonth(_ text: String) -> YearMonth? {
        let parts = text.utf8.withContiguousStorageIfAvailable { bytes -> (Int, Int)? in
            guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
                  let year = digits(bytes, 0..<4), let month = digits(bytes, 5..<7) else { return nil }
            return (year, month)
        }
        guard let (year, month) = parts ?? nil, year >= 1 else { return nil }
        return YearMonth(year: year, month: month)
    }

    /// The decimal number the ASCII digits `bytes[range]` spell, or nil if one is not a digit.
    static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var value = 0
        for position in range {
            let digit = Int(bytes[position]) &- 48
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// Accepts `2025-03-07`, `2025/3/7`, `2025年3月7日`, `20250307`, `2025-3-7`, `2025.3.7`
    /// (after `TextFolding.fold`). Every failure has code `"date.invalid"`; the messages say
    /// whether the form was not recognised or the date does not exist.
    public static func date(_ raw: String) throws(ValueError) -> LocalDate {
        let text = TextFolding.fold(raw)
        guard !text.isEmpty else {
            throw ValueError(code: "date.invalid", messageZh: "日期为空", messageEn: "the date is empty")
        }
        var scanner = ScalarScanner(text)
        guard let parts = scanDate(&scanner), scanner.isAtEnd else { throw unrecognisedDate(text) }
        return try validDate(parts, text: text, code: "date.invalid")
    }

    /// The date of an Excel serial number in the 1900 date system (the default of Excel and WPS).
    ///
    /// Serial 1 is 1900-01-01. Excel copies a Lotus 1-2-3 bug and believes 1900 was a leap year:
    /// serial 60 is the non-existent 1900-02-29, and serial 61 is 1900-03-01. So serials 1…59
    /// count from 1899-12-31 and serials from 61 on count from 1899-12-30. Serial 60 names no
    /// real day and yields `nil` (an import reports it as an invalid date), as do serials below 1,
    /// beyond 9999-12-31 (2958465), and non-finite values. The fractional part is the time of day
    /// and is ignored.
    public static func excelSerialDate(_ serial: Double) -> LocalDate? {
        guard serial.isFinite, serial >= 1, serial < 2_958_466 else { return nil }
        return excelDay(Int(serial.rounded(.down)))
    }

    /// The instant of an Excel serial date-time (1900 date system), the fractional part being the
    /// local time of day in `timeZone` (China by default). Excel stores times as binary fractions,
    /// so the time is rounded to the nearest second (0.999999999 of a day is the next midnight).
    public static func excelSerialInstant(_ serial: Double, in timeZone: TimeZone = LocalDate.chinaTimeZone) -> Date? {
        guard serial.isFinite, serial >= 1, serial < 2_958_466 else { return nil }
        let totalSeconds = Int((serial * 86_400).rounded())
        let serialDay = GregorianMath.floorDiv(totalSeconds, 86_400)
        let secondOfDay = totalSeconds - serialDay * 86_400
        guard let day = excelDay(serialDay) else { return nil }
        return instant(day: day, secondOfDay: secondOfDay, fraction: 0, offsetSeconds: nil, timeZone: timeZone)
    }

    private static func excelDay(_ serialDay: Int) -> LocalDate? {
        let epoch1899_12_31 = -25_568   // day number of 1899-12-31
        switch serialDay {
        case 1...59: return LocalDate(dayNumber: epoch1899_12_31 + serialDay)
        case 60: return nil             // 1900-02-29 never existed
        case 61...2_958_465: return LocalDate(dayNumber: epoch1899_12_31 - 1 + serialDay)
        default: return nil
        }
    }

    // MARK: Datetimes

    /// The date forms plus ` HH:MM` or ` HH:MM:SS` (an optional fraction of a second, a one-digit
    /// hour as in `2025/3/7 9:05`), and RFC 3339 (`2025-03-07T09:05:00Z`, `…+08:00`, `…-05:00`,
    /// optional fractional seconds). Without an offset the time is China local time (UTC+8): the
    /// systems that export these files run on Beijing time. A bare date is midnight at the start
    /// of that day in China. Returns the UTC instant; failures have code `"datetime.invalid"`.
    public static func instant(_ raw: String) throws(ValueError) -> Date {
        let text = TextFolding.fold(raw)
        guard !text.isEmpty else {
            throw ValueError(code: "datetime.invalid", messageZh: "日期时间为空", messageEn: "the date-time is empty")
        }
        var s = ScalarScanner(text)
        guard let parts = scanDate(&s) else { throw unrecognisedDateTime(text) }
        let day = try validDate(parts, text: text, code: "datetime.invalid")
        if s.isAtEnd {
            return instant(day: day, secondOfDay: 0, fraction: 0, offsetSeconds: nil, timeZone: LocalDate.chinaTimeZone)
        }
        // Separator: RFC 3339's "T" (either case), or one or more spaces.
        if !(s.take("T") || s.take("t")) {
            let before = s.position
            s.skipSpaces()
            guard s.position > before else { throw unrecognisedDateTime(text) }
        }
        guard let hour = s.number(digits: 1...2), s.take(":"),
              let minute = s.number(digits: 2...2) else { throw unrecognisedDateTime(text) }
        var second = 0
        var fraction = 0.0
        if s.take(":") {
            guard let sec = s.number(digits: 2...2) else { throw unrecognisedDateTime(text) }
            second = sec
            if s.take(".") || s.take(",") {
                let digits = s.digitRun()
                guard !digits.isEmpty else { throw unrecognisedDateTime(text) }
                // Nanoseconds are the most a timestamp carries; further digits are ignored.
                let kept = Array(digits.prefix(9))
                fraction = Double(ScalarScanner.value(of: kept)) / pow(10, Double(kept.count))
            }
        }
        var offset: Int? = nil
        s.skipSpaces()
        if s.take("Z") || s.take("z") {
            offset = 0
        } else if let sign = s.take(anyOf: ["+", "-", "\u{2212}"]) {
            // ±hh:mm (RFC 3339) or the compact ±hhmm (ISO 8601 basic).
            let oh: Int
            let om: Int
            let run = s.digitRun()
            if run.count == 4 {
                oh = ScalarScanner.value(of: run.prefix(2))
                om = ScalarScanner.value(of: run.suffix(2))
            } else {
                guard run.count == 2, s.take(":"), let minutes = s.number(digits: 2...2) else {
                    throw unrecognisedDateTime(text)
                }
                oh = ScalarScanner.value(of: run)
                om = minutes
            }
            guard oh <= 23, om <= 59 else { throw unrecognisedDateTime(text) }
            offset = (sign == "+" ? 1 : -1) * (oh * 3600 + om * 60)
        }
        guard s.isAtEnd else { throw unrecognisedDateTime(text) }
        guard hour <= 23, minute <= 59, second <= 59 else {
            throw ValueError(
                code: "datetime.invalid",
                messageZh: "日期时间“\(text)”中的时间不存在：时应为 0–23，分、秒应为 0–59",
                messageEn: "the time in \"\(text)\" does not exist: hours must be 0–23, minutes and seconds 0–59")
        }
        return instant(day: day, secondOfDay: hour * 3600 + minute * 60 + second, fraction: fraction,
                       offsetSeconds: offset, timeZone: LocalDate.chinaTimeZone)
    }

    /// `offsetSeconds` nil = local time in `timeZone`.
    private static func instant(day: LocalDate, secondOfDay: Int, fraction: Double,
                                offsetSeconds: Int?, timeZone: TimeZone) -> Date {
        let localSeconds = day.dayNumber * 86_400 + secondOfDay
        let offset = offsetSeconds
            ?? timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(localSeconds)))
        return Date(timeIntervalSince1970: Double(localSeconds - offset) + fraction)
    }

    // MARK: Months

    /// Accepts `2025-03`, `2025/3`, `2025.3`, `2025年3月`, `202503`. Failures have code
    /// `"year_month.invalid"`.
    public static func yearMonth(_ raw: String) throws(ValueError) -> YearMonth {
        let text = TextFolding.fold(raw)
        // Built only when thrown: its two messages cost more than parsing a valid month.
        var unrecognised: ValueError {
            ValueError(
                code: "year_month.invalid",
                messageZh: "无法识别的月份“\(text)”：应为 2025-03、2025/3、2025年3月 或 202503 的形式",
                messageEn: "unrecognised month \"\(text)\": expected a form such as 2025-03, 2025/3, 2025年3月 or 202503")
        }
        guard !text.isEmpty else {
            throw ValueError(code: "year_month.invalid", messageZh: "月份为空", messageEn: "the month is empty")
        }
        var s = ScalarScanner(text)
        let run = s.digitRun()
        let year: Int
        let month: Int
        switch run.count {
        case 6:
            year = ScalarScanner.value(of: run.prefix(4))
            month = ScalarScanner.value(of: run.suffix(2))
        case 4:
            year = ScalarScanner.value(of: run)
            let afterYear = s.position
            s.skipSpaces()
            if s.peek != "年" { s.position = afterYear }
            guard let separator = s.take(anyOf: ["-", "/", ".", "年"]) else { throw unrecognised }
            if separator == "年" { s.skipSpaces() }
            guard let m = s.number(digits: 1...2) else { throw unrecognised }
            month = m
            if separator == "年" {
                s.skipSpaces()
                _ = s.take("月")
            }
        default:
            throw unrecognised
        }
        guard s.isAtEnd else { throw unrecognised }
        guard year >= 1, let value = YearMonth(year: year, month: month) else {
            throw ValueError(
                code: "year_month.invalid",
                messageZh: "月份“\(text)”不存在：年份应为 0001–9999，月份应为 1–12",
                messageEn: "month \"\(text)\" does not exist: the year must be 0001–9999 and the month 1–12")
        }
        return value
    }

    // MARK: Shared pieces

    /// Reads one of the date forms and returns its unchecked components, leaving the scanner
    /// after the date (a time may follow).
    static func scanDate(_ s: inout ScalarScanner) -> (year: Int, month: Int, day: Int)? {
        let run = s.digitRun()
        if run.count == 8 {
            return (ScalarScanner.value(of: run.prefix(4)),
                    ScalarScanner.value(of: run[4..<6]),
                    ScalarScanner.value(of: run.suffix(2)))
        }
        guard run.count == 4 else { return nil }
        let year = ScalarScanner.value(of: run)
        let afterYear = s.position
        s.skipSpaces()
        let chinese = s.take("年")
        if !chinese { s.position = afterYear }
        guard let separator = chinese ? "年" : s.take(anyOf: ["-", "/", "."]) else { return nil }
        if chinese { s.skipSpaces() }
        guard let month = s.number(digits: 1...2) else { return nil }
        if chinese {
            s.skipSpaces()
            guard s.take("月") else { return nil }
            s.skipSpaces()
        } else {
            guard s.take(separator) else { return nil }
        }
        guard let day = s.number(digits: 1...2) else { return nil }
        if chinese {
            let beforeSuffix = s.position
            s.skipSpaces()
            if !(s.take("日") || s.take("号")) { s.position = beforeSuffix }
        }
        return (year, month, day)
    }

    private static let monthNamesEn = ["January", "February", "March", "April", "May", "June", "July",
                                       "August", "September", "October", "November", "December"]

    /// Checks components against the calendar, explaining precisely what is wrong.
    static func validDate(_ p: (year: Int, month: Int, day: Int), text: String, code: String) throws(ValueError) -> LocalDate {
        guard p.year >= 1 else {
            throw ValueError(code: code, messageZh: "日期“\(text)”不存在：年份应为 0001–9999",
                             messageEn: "date \"\(text)\" does not exist: the year must be 0001–9999")
        }
        guard (1...12).contains(p.month) else {
            throw ValueError(code: code, messageZh: "日期“\(text)”不存在：月份应为 1–12",
                             messageEn: "date \"\(text)\" does not exist: the month must be 1–12")
        }
        let days = GregorianMath.daysInMonth(year: p.year, month: p.month)
        guard let date = LocalDate(year: p.year, month: p.month, day: p.day) else {
            throw ValueError(
                code: code,
                messageZh: "日期“\(text)”不存在：\(p.year)年\(p.month)月只有 1–\(days) 日",
                messageEn: "date \"\(text)\" does not exist: \(monthNamesEn[p.month - 1]) \(p.year) has days 1–\(days)")
        }
        return date
    }

    private static func unrecognisedDate(_ text: String) -> ValueError {
        ValueError(
            code: "date.invalid",
            messageZh: "无法识别的日期“\(text)”：应为 2025-03-07、2025/3/7、2025年3月7日 或 20250307 的形式",
            messageEn: "unrecognised date \"\(text)\": expected a form such as 2025-03-07, 2025/3/7, 2025年3月7日 or 20250307")
    }

    private static func unrecognisedDateTime(_ text: String) -> ValueError {
        ValueError(
            code: "datetime.invalid",
            messageZh: "无法识别的日期时间“\(text)”：应为 2025-03-07 09:30、2025/3/7 9:30:15 或 2025-03-07T09:30:00+08:00 的形式",
            messageEn: "unrecognised date-time \"\(text)\": expected a form such as 2025-03-07 09:30, 2025/3/7 9:30:15 or 2025-03-07T09:30:00+08:00")
    }
}
