import Foundation
import SunlightDomain

/// An OCDS date-time as published, with the instant it denotes when it can be read.
///
/// Why keep both: Cardinal's R030 compares the *text* of two dates and R003 accepts only strict
/// RFC 3339; Sunlight compares instants and accepts what real publishers write (no offset, a bare
/// date, a space instead of `T`). Keeping `raw` lets `cardinal_compat` reproduce Cardinal exactly,
/// and `instant` (parsed once, in the reading threads) serves Sunlight mode.
public struct OCDSDate: Sendable, Hashable {
    /// The string exactly as in the data.
    public let raw: String
    /// Seconds since 1970-01-01T00:00:00Z, or nil if `raw` is not a recognisable date.
    /// Without an offset, a date-time is China local time (UTC+8, rules.md); a bare date is the
    /// start of that day in China.
    public let instant: Double?

    public init(raw: String) {
        self.raw = raw
        self.instant = OCDSDate.lenientInstant(raw)
    }

    /// The `Date` for `instant`.
    public var date: Date? { instant.map { Date(timeIntervalSince1970: $0) } }

    // MARK: Lenient (Sunlight)

    static let chinaOffsetSeconds = 8 * 3600

    /// ISO 8601 forms are parsed here directly (they are nearly all dates in OCDS); anything else
    /// (`2025/3/7`, `2025年3月7日 9:05`) goes to the domain's general parser.
    static func lenientInstant(_ raw: String) -> Double? {
        var copy = raw
        if let fast = copy.withUTF8({ isoInstant(UnsafeBufferPointer(rebasing: $0[...])) }) { return fast }
        // The general parser builds bilingual error messages when it fails: only ask it about
        // strings that could be dates (publishers often write "" for "no date").
        guard raw.utf8.count >= 6, raw.utf8.count <= 64, raw.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else {
            return nil
        }
        return try? DateParsing.instant(raw).timeIntervalSince1970
    }

    /// `YYYY-MM-DD`, optionally followed by `T`/`t`/space, `HH:MM[:SS[.fraction]]` and an
    /// optional `Z`, `±HH:MM`, `±HHMM` or `±HH`. Returns nil for anything else.
    static func isoInstant(_ s: UnsafeBufferPointer<UInt8>) -> Double? {
        guard s.count >= 10, let year = digits(s, 0, 4), s[4] == UInt8(ascii: "-"),
              let month = digits(s, 5, 2), s[7] == UInt8(ascii: "-"), let day = digits(s, 8, 2),
              let date = LocalDate(year: year, month: month, day: day) else { return nil }
        let dayStart = Double(date.dayNumber) * 86_400
        if s.count == 10 { return dayStart - Double(chinaOffsetSeconds) }
        let sep = s[10]
        guard sep == UInt8(ascii: "T") || sep == UInt8(ascii: "t") || sep == UInt8(ascii: " "),
              s.count >= 16, let hour = digits(s, 11, 2), s[13] == UInt8(ascii: ":"),
              let minute = digits(s, 14, 2), hour <= 23, minute <= 59 else { return nil }
        var i = 16
        var second = 0
        var fraction = 0.0
        if i < s.count && s[i] == UInt8(ascii: ":") {
            guard let sec = digits(s, i + 1, 2), sec <= 60 else { return nil }
            second = sec
            i += 3
            if i < s.count && (s[i] == UInt8(ascii: ".") || s[i] == UInt8(ascii: ",")) {
                i += 1
                var scale = 0.1
                let first = i
                while i < s.count, s[i] >= UInt8(ascii: "0"), s[i] <= UInt8(ascii: "9") {
                    fraction += Double(s[i] - UInt8(ascii: "0")) * scale
                    scale /= 10
                    i += 1
                }
                guard i > first else { return nil }
            }
        }
        var offset = chinaOffsetSeconds
        if i < s.count {
            let c = s[i]
            if c == UInt8(ascii: "Z") || c == UInt8(ascii: "z") {
                offset = 0
                i += 1
            } else if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                let sign = c == UInt8(ascii: "-") ? -1 : 1
                guard let oh = digits(s, i + 1, 2), oh <= 23 else { return nil }
                i += 3
                var om = 0
                if i < s.count && s[i] == UInt8(ascii: ":") {
                    guard let m = digits(s, i + 1, 2) else { return nil }
                    om = m
                    i += 3
                } else if let m = digits(s, i, 2) {
                    om = m
                    i += 2
                }
                guard om <= 59 else { return nil }
                offset = sign * (oh * 3600 + om * 60)
            } else {
                return nil
            }
        }
        guard i == s.count else { return nil }
        let local = dayStart + Double(hour * 3600 + minute * 60 + second)
        return local - Double(offset) + fraction
    }

    @inline(__always) private static func digits(_ s: UnsafeBufferPointer<UInt8>, _ at: Int, _ count: Int) -> Int? {
        guard at >= 0, at + count <= s.count else { return nil }
        var value = 0
        for k in at..<(at + count) {
            let b = s[k]
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
        }
        return value
    }

    // MARK: Strict RFC 3339 (Cardinal)

    /// The instant as chrono's `DateTime::parse_from_rfc3339` reads it, which Cardinal's R003
    /// uses: `YYYY-MM-DD`, `T`/`t`/space, `HH:MM:SS`, optional fraction (digits past nine
    /// ignored), then `Z`/`z` or `±HH:MM` (U+2212 allowed as minus). A leap second (`:60`)
    /// becomes second 59 plus one second of nanoseconds, as in chrono. Nil when chrono fails.
    public static func rfc3339(_ raw: String) -> (seconds: Int64, nanoseconds: Int64)? {
        var copy = raw
        return copy.withUTF8 { rfc3339(UnsafeBufferPointer(rebasing: $0[...])) }
    }

    static func rfc3339(_ s: UnsafeBufferPointer<UInt8>) -> (seconds: Int64, nanoseconds: Int64)? {
        guard s.count >= 19, let year = digits(s, 0, 4), s[4] == UInt8(ascii: "-"),
              let month = digits(s, 5, 2), s[7] == UInt8(ascii: "-"), let day = digits(s, 8, 2),
              let date = LocalDate(year: year, month: month, day: day) else { return nil }
        let sep = s[10]
        guard sep == UInt8(ascii: "T") || sep == UInt8(ascii: "t") || sep == UInt8(ascii: " "),
              let hour = digits(s, 11, 2), s[13] == UInt8(ascii: ":"),
              let minute = digits(s, 14, 2), s[16] == UInt8(ascii: ":"),
              var second = digits(s, 17, 2) else { return nil }
        var nanos: Int64 = 0
        if second == 60 {
            second = 59
            nanos = 1_000_000_000
        }
        var i = 19
        if i < s.count && s[i] == UInt8(ascii: ".") {
            i += 1
            var value: Int64 = 0
            var count = 0
            while i < s.count, s[i] >= UInt8(ascii: "0"), s[i] <= UInt8(ascii: "9") {
                if count < 9 {
                    value = value * 10 + Int64(s[i] - UInt8(ascii: "0"))
                    count += 1
                }
                i += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<9 { value *= 10 }
            nanos += value
        }
        guard hour <= 23, minute <= 59, second <= 59 else { return nil }
        guard i < s.count else { return nil }
        var offset = 0
        let c = s[i]
        if c == UInt8(ascii: "Z") || c == UInt8(ascii: "z") {
            i += 1
        } else {
            var sign = 0
            if c == UInt8(ascii: "+") {
                sign = 1
                i += 1
            } else if c == UInt8(ascii: "-") {
                sign = -1
                i += 1
            } else if s.count - i >= 3, c == 0xE2, s[i + 1] == 0x88, s[i + 2] == 0x92 { // U+2212
                sign = -1
                i += 3
            } else {
                return nil
            }
            guard let oh = digits(s, i, 2), i + 2 < s.count, s[i + 2] == UInt8(ascii: ":"),
                  let om = digits(s, i + 3, 2), om <= 59 else { return nil }
            i += 5
            offset = sign * (oh * 3600 + om * 60)
            // chrono's FixedOffset accepts strictly less than one day.
            guard abs(offset) < 86_400 else { return nil }
        }
        guard i == s.count else { return nil }
        let local = Int64(date.dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return (local - Int64(offset), nanos)
    }

    /// Whole days from `start` to `end`, truncated toward zero like chrono's `num_days()`.
    static func wholeDays(from start: (seconds: Int64, nanoseconds: Int64),
                          to end: (seconds: Int64, nanoseconds: Int64)) -> Int64 {
        // Seconds and nanoseconds separately: a nanosecond total overflows Int64 past 292 years.
        let nanos = end.nanoseconds - start.nanoseconds
        var seconds = end.seconds - start.seconds + nanos / 1_000_000_000
        let remainder = nanos % 1_000_000_000
        if seconds > 0 && remainder < 0 { seconds -= 1 } else if seconds < 0 && remainder > 0 { seconds += 1 }
        return seconds / 86_400 // Swift division truncates toward zero, like Rust's
    }
}
