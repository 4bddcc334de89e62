import SunlightDomain

/// Where a deadline stands on a given day, for lists and dashboards (临期、超期、按期办结).
public enum DeadlineStatus: Sendable, Equatable {
    /// More than the "due soon" number of working days left. `workingDaysLeft` counts the
    /// working days after today up to and including the due date; `daysLeft` calendar days.
    case upcoming(workingDaysLeft: Int, daysLeft: Int)
    /// Due within the configured number of working days (0 = due today).
    case dueSoon(workingDaysLeft: Int, daysLeft: Int)
    /// Not done and past the due date by `daysOverdue` calendar days.
    case overdue(daysOverdue: Int)
    /// Done on or before the due date.
    case met(daysToSpare: Int)
    /// Done after the due date.
    case metLate(daysLate: Int)
    /// The working days up to the due date cannot be counted: no calendar for `year` (before
    /// 2023 or after 2100; a year merely without its notice is counted provisionally — ask
    /// `DeadlineEngine.isProvisional(start:due:)`).
    case notComputable(year: Int)

    public var code: String {
        switch self {
        case .upcoming: "upcoming"
        case .dueSoon: "due_soon"
        case .overdue: "overdue"
        case .met: "met"
        case .metLate: "met_late"
        case .notComputable: "not_computable"
        }
    }

    public var label: BilingualText {
        switch self {
        case .upcoming(let w, _): BilingualText(zh: "未到期（剩 \(w) 个工作日）", en: "upcoming (\(w) working days left)")
        case .dueSoon(let w, _): BilingualText(zh: "临期（剩 \(w) 个工作日）", en: "due soon (\(w) working days left)")
        case .overdue(let d): BilingualText(zh: "已超期 \(d) 天", en: "overdue by \(d) days")
        case .met: BilingualText(zh: "按期办结", en: "met")
        case .metLate(let d): BilingualText(zh: "超期 \(d) 天办结", en: "met \(d) days late")
        case .notComputable(let y): BilingualText(zh: "无法计算：缺少 \(y) 年工作日历", en: "not computable: no calendar for \(y)")
        }
    }
}

extension DeadlineEngine {
    /// The status of a deadline due on `due`, seen on `today`, done on `completed` (if done).
    /// "Due soon" means at most `dueSoonWithin` working days left (default 3, ❓ — the regime's
    /// `DeadlineTable.dueSoonWorkingDays` is the configured value).
    public func status(due: LocalDate, today: LocalDate, completed: LocalDate? = nil,
                       dueSoonWithin: Int = 3) -> DeadlineStatus {
        if let completed {
            return completed <= due ? .met(daysToSpare: completed.days(until: due))
                                    : .metLate(daysLate: due.days(until: completed))
        }
        if today > due { return .overdue(daysOverdue: due.days(until: today)) }
        guard let working = calendar.workingDays(after: today, through: due) else {
            return .notComputable(year: firstGap(after: today, through: due)?.year ?? due.year)
        }
        let daysLeft = today.days(until: due)
        return working <= max(0, dueSoonWithin)
            ? .dueSoon(workingDaysLeft: working, daysLeft: daysLeft)
            : .upcoming(workingDaysLeft: working, daysLeft: daysLeft)
    }
}
