import Foundation

/// A calendar date without time zone.
///
/// Government records carry dates as dates (a birth date, a payment date, the day a case was
/// received). Storing them as `Date` instants would let a time-zone conversion move them to the
/// previous or next day, so they are kept as year, month and day in the proleptic Gregorian
/// calendar, and only turned into instants where a rule really needs a time of day.
public struct LocalDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Years accepted by the component initialiser; wide enough for any real record while keeping
    /// day-number arithmetic far from integer overflow.
    static let supportedYears = -1_000_000...1_000_000

    /// `nil` for dates that do not exist, such as 2025-02-30 or 2025-13-01.
    public init?(year: Int, month: Int, day: Int) {
        guard Self.supportedYears.contains(year), (1...12).contains(month),
              day >= 1, day <= GregorianMath.daysInMonth(year: year, month: month) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Strict ISO form `YYYY-MM-DD` (as stored and as written in JSON). Lenient input forms belong
    /// to `DateParsing.date`. Years outside 0000…9999 use the ISO 8601 expanded form with an
    /// explicit sign (`+10000-01-01`), so that `iso` always round-trips.
    public init?(iso: String) {
        var bytes = Array(iso.utf8)
        var sign = 1
        var expanded = false
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            sign = first == UInt8(ascii: "-") ? -1 : 1
            expanded = true
            bytes.removeFirst()
        }
        let yearLength = bytes.count - 6
        guard yearLength >= 4, expanded || yearLength == 4, yearLength <= 7,
              bytes[yearLength] == UInt8(ascii: "-"), bytes[yearLength + 3] == UInt8(ascii: "-"),
              let y = Self.digits(bytes[0..<yearLength]),
              let m = Self.digits(bytes[(yearLength + 1)..<(yearLength + 3)]),
              let d = Self.digits(bytes[(yearLength + 4)...]) else { return nil }
        let year = sign * y
        // The expanded form is only the spelling of years that the plain form cannot hold.
        if expanded && (0...9999).contains(year) { return nil }
        self.init(year: year, month: m, day: d)
    }

    private static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var value = 0
        for b in bytes {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
        }
        return value
    }

    /// `"2025-03-07"`.
    public var iso: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        if (0...9999).contains(year) {
            let y = String(year)
            return String(repeating: "0", count: 4 - y.count) + y + "-" + m + "-" + d
        }
        let y = String(abs(year))
        let padded = String(repeating: "0", count: max(0, 4 - y.count)) + y
        return (year < 0 ? "-" : "+") + padded + "-" + m + "-" + d
    }

    public var description: String { iso }

    /// Days since 1970-01-01 (negative before it). The basis of all date arithmetic.
    public var dayNumber: Int { GregorianMath.dayNumber(year: year, month: month, day: day) }

    public init(dayNumber: Int) {
        let c = GregorianMath.civil(dayNumber: dayNumber)
        self.year = c.year
        self.month = c.month
        self.day = c.day
    }

    public func adding(days: Int) -> LocalDate {
        LocalDate(dayNumber: dayNumber + days)
    }

    /// The same day of the month `months` months later (or earlier, if negative); when that month
    /// is shorter, its last day — so 2025-01-31 + 1 month = 2025-02-28. This is how the
    /// regulations count deadlines "within N months".
    public func adding(months: Int) -> LocalDate {
        let index = year * 12 + (month - 1) + months
        let newYear = GregorianMath.floorDiv(index, 12)
        let newMonth = GregorianMath.floorMod(index, 12) + 1
        let newDay = min(day, GregorianMath.daysInMonth(year: newYear, month: newMonth))
        return LocalDate(uncheckedYear: newYear, month: newMonth, day: newDay)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday. (1970-01-01 was a Thursday.)
    public var weekday: Int {
        GregorianMath.floorMod(dayNumber + 3, 7) + 1
    }

    /// Monday to Friday. Whether it is a *working* day is for `WorkingDayCalendar` to say.
    public var isWeekend: Bool { weekday >= 6 }

    public var yearMonth: YearMonth {
        YearMonth(uncheckedYear: year, month: month)
    }

    /// China Standard Time, a fixed UTC+8 (China has no daylight saving time), used to decide
    /// which calendar day an instant belongs to.
    public static let chinaTimeZone: TimeZone = TimeZone(secondsFromGMT: 8 * 3600)!

    /// The calendar day on which `instant` falls in `timeZone`.
    public init(instant: Date, in timeZone: TimeZone = LocalDate.chinaTimeZone) {
        let offset = Double(timeZone.secondsFromGMT(for: instant))
        let local = (instant.timeIntervalSince1970 + offset) / 86_400
        self.init(dayNumber: Int(local.rounded(.down)))
    }

    /// Today's date in `timeZone` (China by default, whatever the server's own zone is).
    public static func today(in timeZone: TimeZone = chinaTimeZone) -> LocalDate {
        LocalDate(instant: Date(), in: timeZone)
    }

    /// The instant at which this day starts in `timeZone` (00:00 local time).
    public func startInstant(in timeZone: TimeZone = LocalDate.chinaTimeZone) -> Date {
        let utcMidnight = Double(dayNumber) * 86_400
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: utcMidnight))
        return Date(timeIntervalSince1970: utcMidnight - Double(offset))
    }

    /// Signed number of days from `self` to `other` (positive when `other` is later).
    public func days(until other: LocalDate) -> Int {
        other.dayNumber - dayNumber
    }

    /// Completed years of age on `date` for someone born on `self` (negative never; 0 before the
    /// first birthday). Someone born on 29 February completes a year on 1 March in common years.
    public func completedYears(on date: LocalDate) -> Int {
        var years = date.year - year
        if (date.month, date.day) < (month, day) { years -= 1 }
        return max(0, years)
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Codable as the ISO string, which is how dates appear in JSON and in the database.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected an ISO date YYYY-MM-DD, got \"\(text)\"")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    /// For components already known to be valid.
    init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether `year` is a leap year in the Gregorian calendar.
    public static func isLeapYear(_ year: Int) -> Bool { GregorianMath.isLeapYear(year) }

    /// Number of days in the month (0 for a month outside 1…12).
    public static func daysInMonth(year: Int, month: Int) -> Int {
        GregorianMath.daysInMonth(year: year, month: month)
    }
}
