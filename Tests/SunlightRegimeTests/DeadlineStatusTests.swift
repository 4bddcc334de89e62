import SunlightDomain
import SunlightRegime
import Testing

@Suite struct DeadlineStatusTests {
    let due = day("2025-10-09")   // Thu, the first working day after National Day 2025

    @Test func dueSoonCountsWorkingDaysNotCalendarDays() {
        // From Tue 09-30, nine calendar days but one working day (10-09) remain.
        #expect(engine.status(due: due, today: day("2025-09-30")) == .dueSoon(workingDaysLeft: 1, daysLeft: 9))
        // From Fri 09-26: 09-28 (make-up), 09-29, 09-30, 10-09 = 4 working days > 3.
        #expect(engine.status(due: due, today: day("2025-09-26")) == .upcoming(workingDaysLeft: 4, daysLeft: 13))
        // With K = 5 the same day is "due soon".
        #expect(engine.status(due: due, today: day("2025-09-26"), dueSoonWithin: 5) == .dueSoon(workingDaysLeft: 4, daysLeft: 13))
        // On the day itself.
        #expect(engine.status(due: due, today: due) == .dueSoon(workingDaysLeft: 0, daysLeft: 0))
    }

    @Test func overdueMetAndLate() {
        #expect(engine.status(due: due, today: day("2025-10-10")) == .overdue(daysOverdue: 1))
        #expect(engine.status(due: due, today: day("2025-10-20")).code == "overdue")
        #expect(engine.status(due: due, today: day("2025-10-20"), completed: day("2025-10-09")) == .met(daysToSpare: 0))
        #expect(engine.status(due: due, today: day("2025-10-20"), completed: day("2025-09-30")) == .met(daysToSpare: 9))
        #expect(engine.status(due: due, today: day("2025-10-20"), completed: day("2025-10-11")) == .metLate(daysLate: 2))
    }

    @Test func provisionalYearsAreCountedOnlyUncoveredOnesAreNot() {
        // 2027 has no notice yet: counted on the provisional 2027.
        let status = engine.status(due: day("2027-03-01"), today: day("2026-12-01"))
        #expect(status.code == "upcoming")
        if case .upcoming(let working, let days) = status {
            #expect(days == 90)
            #expect(working == engine.calendar.workingDays(after: day("2026-12-01"), through: day("2027-03-01")))
        }
        #expect(engine.isProvisional(start: day("2026-12-01"), due: day("2027-03-01")))
        // Past the provisional years (2025…2100).
        #expect(engine.status(due: day("2101-01-10"), today: day("2100-12-01")) == .notComputable(year: 2101))
    }

    @Test func labels() {
        let statuses: [DeadlineStatus] = [.upcoming(workingDaysLeft: 5, daysLeft: 7), .dueSoon(workingDaysLeft: 1, daysLeft: 1),
                                          .overdue(daysOverdue: 2), .met(daysToSpare: 0), .metLate(daysLate: 1),
                                          .notComputable(year: 2027)]
        #expect(statuses.map(\.code) == ["upcoming", "due_soon", "overdue", "met", "met_late", "not_computable"])
        for status in statuses { #expect(status.label.isComplete) }
        #expect(DeadlineStatus.overdue(daysOverdue: 2).label.zh == "已超期 2 天")
    }
}
