/// A calendar month, such as the period of a benefit roll (`2025-03`).
///
/// Benefit rolls, budgets and death-grace rules reason in whole months; keeping the month as its
/// own type avoids pretending that a period is "the first day of the month".
public struct YearMonth: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard LocalDate.supportedYears.contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    init(uncheckedYear year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// Strict `YYYY-MM`, as stored. Lenient input forms belong to `DateParsing.yearMonth`.
    public init?(text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
              bytes.enumerated().allSatisfy({ $0.offset == 4 || ($0.element >= 48 && $0.element <= 57) })
        else { return nil }
        let y = bytes[0..<4].reduce(0) { $0 * 10 + Int($1 - 48) }
        let m = bytes[5..<7].reduce(0) { $0 * 10 + Int($1 - 48) }
        self.init(year: y, month: m)
    }

    /// `"2025-03"` (four-digit year for 0000…9999).
    public var text: String {
        String(firstDay.iso.dropLast(3))
    }

    public var description: String { text }

    public var firstDay: LocalDate { LocalDate(uncheckedYear: year, month: month, day: 1) }

    public var lastDay: LocalDate {
        LocalDate(uncheckedYear: year, month: month, day: GregorianMath.daysInMonth(year: year, month: month))
    }

    public var numberOfDays: Int { GregorianMath.daysInMonth(year: year, month: month) }

    public func contains(_ date: LocalDate) -> Bool {
        date.year == year && date.month == month
    }

    public func adding(months: Int) -> YearMonth {
        let index = year * 12 + (month - 1) + months
        return YearMonth(uncheckedYear: GregorianMath.floorDiv(index, 12), month: GregorianMath.floorMod(index, 12) + 1)
    }

    /// Signed number of months from `self` to `other`: 2025-01 → 2025-03 is 2.
    public func months(until other: YearMonth) -> Int {
        (other.year * 12 + other.month) - (year * 12 + month)
    }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    /// Codable as the `YYYY-MM` string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let value = YearMonth(text: raw) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a month YYYY-MM, got \"\(raw)\"")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
