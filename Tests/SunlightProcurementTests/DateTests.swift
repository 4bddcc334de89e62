import Foundation
import Testing
@testable import SunlightProcurement

@Suite struct DateTests {
    /// 2024-03-15T00:00:00Z.
    let midnightUTC = 1_710_460_800.0

    @Test func mixedFormatsAreTheSameInstant() {
        let forms = [
            "2024-03-15T08:00:00+08:00", "2024-03-15T00:00:00Z", "2024-03-15T00:00:00.000Z", "2024-03-15t00:00:00z",
            "2024-03-15T08:00:00", "2024-03-15 08:00:00", "2024-03-15T08:00", "2024-03-15T03:00:00+0300",
            "2024-03-14T19:00:00-05:00", "2024-03-15T08:00:00+08", "2024/3/15 8:00",
        ]
        for form in forms {
            #expect(OCDSDate(raw: form).instant == midnightUTC, "\(form)")
        }
        // A bare date is the start of that day in China.
        #expect(OCDSDate(raw: "2024-03-15").instant == midnightUTC - 8 * 3600)
        #expect(OCDSDate(raw: "2024-03-15T00:00:00.250Z").instant == midnightUTC + 0.25)
        #expect(OCDSDate(raw: "not a date").instant == nil)
        #expect(OCDSDate(raw: "2024-02-30").instant == nil)
        #expect(OCDSDate(raw: "").instant == nil)
    }

    @Test func strictRFC3339IsChronos() {
        #expect(OCDSDate.rfc3339("2024-03-15T00:00:00Z")?.seconds == Int64(midnightUTC))
        #expect(OCDSDate.rfc3339("2024-03-15 08:00:00+08:00")?.seconds == Int64(midnightUTC))
        #expect(OCDSDate.rfc3339("2024-03-15T00:00:00.1234567891Z")?.nanoseconds == 123_456_789)
        #expect(OCDSDate.rfc3339("2024-03-15T23:59:60Z")?.nanoseconds == 1_000_000_000) // leap second
        #expect(OCDSDate.rfc3339("2024-03-15T00:00:00\u{2212}01:00")?.seconds == Int64(midnightUTC) + 3600)
        for rejected in ["2024-03-15", "2024-03-15T00:00:00", "2024-03-15T00:00Z", "2024-03-15T00:00:00+0800",
                         "2024-03-15T24:00:00Z", "2024-02-30T00:00:00Z", "invalid", "2024-03-15T00:00:00Z "] {
            #expect(OCDSDate.rfc3339(rejected) == nil, "\(rejected)")
        }
    }

    @Test func wholeDaysTruncateTowardZero() throws {
        let start = try #require(OCDSDate.rfc3339("2000-01-01T18:00:00Z"))
        #expect(OCDSDate.wholeDays(from: start, to: try #require(OCDSDate.rfc3339("2000-01-16T17:59:59Z"))) == 14)
        #expect(OCDSDate.wholeDays(from: start, to: try #require(OCDSDate.rfc3339("2000-01-16T18:00:00Z"))) == 15)
        #expect(OCDSDate.wholeDays(from: start, to: try #require(OCDSDate.rfc3339("2000-01-01T06:00:00Z"))) == 0)
        #expect(OCDSDate.wholeDays(from: start, to: try #require(OCDSDate.rfc3339("1999-12-30T17:59:59.5Z"))) == -2)
    }
}
