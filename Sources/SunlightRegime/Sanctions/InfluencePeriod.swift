import SunlightDomain

/// The days during which a sanction restricts the person (影响期): from its first day through
/// its last day, both included.
///
/// When it ends. 政务处分法 Art. 8: "政务处分期自政务处分决定生效之日起计算" — the period is
/// counted from the day the decision takes effect, that day included. A period of N months
/// therefore covers N whole months and ends the day before the same day of the month N months
/// later: 6 months from 2025-03-10 is 2025-03-10 … 2025-09-09. When that later month has no
/// such day (a period from 08-31, or from 02-29), the period ends on that month's last day,
/// as the Civil Code counts months (民法典 Art. 203: 没有对应日的，月末日为期间的最后一日):
/// 6 months from 2025-08-31 ends 2026-02-28; 12 months from 2024-02-29 ends 2025-02-28.
/// Party sanctions are counted the same way (🟡). The period is a sanction's own time, so it is
/// not moved off holidays: working days do not matter here.
public struct InfluencePeriod: Sendable, Codable, Equatable, Hashable {
    /// First day in force: the day the decision takes effect.
    public var start: LocalDate
    /// Last day in force (inclusive).
    public var lastDay: LocalDate

    public init(start: LocalDate, lastDay: LocalDate) {
        self.start = start
        self.lastDay = lastDay
    }

    /// N months from `effective`, ending as described above.
    public static func months(_ n: Int, from effective: LocalDate) -> InfluencePeriod {
        let later = effective.adding(months: n)
        // `adding(months:)` falls back to the month's last day when the day does not exist;
        // then that last day is the period's last day, otherwise the day before.
        let last = later.day == effective.day ? later.adding(days: -1) : later
        return InfluencePeriod(start: effective, lastDay: last)
    }

    /// Number of days in the period.
    public var days: Int { start.days(until: lastDay) + 1 }

    public func contains(_ date: LocalDate) -> Bool {
        start <= date && date <= lastDay
    }

    /// Days still to serve as of `date`, that day included: the whole period before it starts,
    /// 0 once it has ended. (On the last day, 1.)
    public func remainingDays(on date: LocalDate) -> Int {
        if date < start { return days }
        return max(0, date.days(until: lastDay) + 1)
    }

    public func status(on date: LocalDate) -> InfluenceStatus {
        if date < start { return .notYetEffective(daysUntil: date.days(until: start)) }
        if date > lastDay { return .ended(lastDay: lastDay) }
        return .inForce(remainingDays: remainingDays(on: date), lastDay: lastDay)
    }

    /// The same period lengthened by `days` at its end.
    public func extended(byDays days: Int) -> InfluencePeriod {
        InfluencePeriod(start: start, lastDay: lastDay.adding(days: days))
    }
}

/// Whether a sanction restricts the person on a given day.
public enum InfluenceStatus: Sendable, Equatable {
    case notYetEffective(daysUntil: Int)
    /// `remainingDays` includes the day asked about.
    case inForce(remainingDays: Int, lastDay: LocalDate)
    case ended(lastDay: LocalDate)
    /// Expulsion: no period, the relationship has ended.
    case permanent

    public var isInForce: Bool {
        switch self {
        case .inForce, .permanent: true
        case .notYetEffective, .ended: false
        }
    }
}
