import SunlightDomain

/// A stretch of days during which a deadline's clock stands still, e.g. the time a hearing
/// takes under 信访 Art. 36 ("听证所需时间不计算在前款规定的期限内").
///
/// Both ends are included: a hearing from 05-06 through 05-08 pauses three days.
public struct ClockPause: Sendable, Codable, Equatable {
    /// First paused day.
    public var from: LocalDate
    /// Last paused day (inclusive).
    public var through: LocalDate
    /// Why the clock stopped, as recorded by the handler ("复核听证").
    public var reason: String

    public init(from: LocalDate, through: LocalDate, reason: String) {
        self.from = from
        self.through = through
        self.reason = reason
    }

    /// Number of calendar days paused (0 for a reversed range, which validation rejects).
    public var days: Int { max(0, from.days(until: through) + 1) }
}

/// The union of several pauses as disjoint, sorted day-number intervals, so that overlapping
/// pauses are counted once and a long pause costs no more than a short one.
struct PausedDays: Sendable {
    private let intervals: [ClosedRange<Int>]

    init(_ pauses: [ClockPause]) {
        let ranges = pauses.filter { $0.from <= $0.through }
            .map { $0.from.dayNumber...$0.through.dayNumber }
            .sorted { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<Int>] = []
        for range in ranges {
            if let last = merged.last, range.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        intervals = merged
    }

    var isEmpty: Bool { intervals.isEmpty }

    func contains(_ date: LocalDate) -> Bool {
        let n = date.dayNumber
        return intervals.contains { $0.contains(n) }
    }

    /// Paused days in (after, through]: the day the clock starts from is never counted.
    func count(after start: LocalDate, through end: LocalDate) -> Int {
        let lo = start.dayNumber + 1
        let hi = end.dayNumber
        guard lo <= hi else { return 0 }
        return intervals.reduce(0) { sum, range in
            let a = max(lo, range.lowerBound), b = min(hi, range.upperBound)
            return sum + max(0, b - a + 1)
        }
    }
}
