import Foundation
import SunlightDomain
import SunlightRegime
import Testing

/// Expected dates worked out by hand from the calendar table of `regime.md`:
/// 2025: off 01-01, 01-28…02-04, 04-04…04-06, 05-01…05-05, 05-31…06-02, 10-01…10-08;
///       make-up workdays 01-26 (Sun), 02-08 (Sat), 04-27 (Sun), 09-28 (Sun), 10-11 (Sat).
/// 2026: off 01-01…01-03, 02-15…02-23, 04-04…04-06, 05-01…05-05, 06-19…06-21, 09-25…09-27,
///       10-01…10-07; make-up 01-04 (Sun), 02-14 (Sat), 02-28 (Sat), 05-09 (Sat), 09-20 (Sun),
///       10-10 (Sat).
@Suite struct WorkingDayDeadlineTests {
    @Test func springFestival2025() throws {
        // Real-name acceptance notice, 15 working days from receipt on Mon 2025-01-20:
        //  1 Tue 01-21  2 Wed 01-22  3 Thu 01-23  4 Fri 01-24   (Sat 01-25 off)
        //  5 Sun 01-26 (make-up)  6 Mon 01-27   — 01-28…02-04 Spring Festival —
        //  7 Wed 02-05  8 Thu 02-06  9 Fri 02-07  10 Sat 02-08 (make-up)  (Sun 02-09 off)
        // 11 Mon 02-10 12 Tue 02-11 13 Wed 02-12 14 Thu 02-13 15 Fri 02-14
        #expect(try due("report.acceptance_notice", from: "2025-01-20") == day("2025-02-14"))
        // 5 working days from Fri 2025-01-24: 01-26 (Sun, make-up), 01-27, then the holiday,
        // 02-05, 02-06, 02-07.
        #expect(try due("report.forward_upward", from: "2025-01-24") == day("2025-02-07"))
    }

    @Test func nationalDay2025() throws {
        // 15 working days from Fri 2025-09-26 (the example of the brief):
        //  1 Sun 09-28 (make-up)  2 Mon 09-29  3 Tue 09-30   — 10-01…10-08 off —
        //  4 Thu 10-09  5 Fri 10-10  6 Sat 10-11 (make-up)   (Sun 10-12 off)
        //  7 Mon 10-13 … 11 Fri 10-17, 12 Mon 10-20 13 Tue 10-21 14 Wed 10-22 15 Thu 10-23
        #expect(try due("report.acceptance_notice", from: "2025-09-26") == day("2025-10-23"))
        // Objection to a misrouted petition, 5 working days from Mon 2025-09-29:
        // 1 Tue 09-30, 2 Thu 10-09, 3 Fri 10-10, 4 Sat 10-11 (make-up), 5 Mon 10-13.
        #expect(try due("petition.object_misrouted", from: "2025-09-29") == day("2025-10-13"))
    }

    @Test func springFestival2026() throws {
        // Result notice, 15 working days from closure on Fri 2026-02-06:
        //  1 Mon 02-09 … 5 Fri 02-13, 6 Sat 02-14 (make-up)   — 02-15…02-23 off —
        //  7 Tue 02-24  8 Wed 02-25  9 Thu 02-26 10 Fri 02-27 11 Sat 02-28 (make-up)
        // (Sun 03-01 off) 12 Mon 03-02 13 Tue 03-03 14 Wed 03-04 15 Thu 03-05
        #expect(try due("report.result_notice", from: "2026-02-06") == day("2026-03-05"))
    }

    @Test func midAutumnAndNationalDay2026() throws {
        // From Fri 2026-09-18: (Sat 09-19 off) 1 Sun 09-20 (make-up) 2 Mon 09-21 3 Tue 09-22
        // 4 Wed 09-23 5 Thu 09-24 — 09-25…09-27 off — 6 Mon 09-28 7 Tue 09-29 8 Wed 09-30
        // — 10-01…10-07 off — 9 Thu 10-08 10 Fri 10-09 11 Sat 10-10 (make-up) (Sun 10-11 off)
        // 12 Mon 10-12 13 Tue 10-13 14 Wed 10-14 15 Thu 10-15
        #expect(try due("report.forward_upward", from: "2026-09-18") == day("2026-09-24"))
        #expect(try due("report.acceptance_notice", from: "2026-09-18") == day("2026-10-15"))
    }

    @Test func theStartDayIsNotCounted() throws {
        // Received on a working Monday: 5 working days end on the next Monday, not Friday.
        #expect(try due("report.register_forwarded", from: "2025-03-03") == day("2025-03-10"))
        // Received on a holiday: counting starts with the first working day after it.
        // From 2025-10-03: 1 Thu 10-09, 2 Fri 10-10, 3 Sat 10-11, 4 Mon 10-13, 5 Tue 10-14.
        #expect(try due("report.register_forwarded", from: "2025-10-03") == day("2025-10-14"))
    }
}

@Suite struct CalendarDayAndMonthDeadlineTests {
    @Test func calendarDayDeadlineOnAHolidayMovesToTheNextWorkingDay() throws {
        // Art. 22: 15 days from 2025-09-20 = 10-05, inside National Day → Thu 10-09.
        let result = try engine.due(rule("petition.register_route"), from: day("2025-09-20"))
        guard case .due(let d) = result else { Issue.record("expected a due date"); return }
        #expect(d.date == day("2025-10-09"))
        #expect(d.unadjusted == day("2025-10-05"))
        #expect(d.movedToNextWorkingDay)
        // 15 days from 2026-02-01 = 02-16, inside Spring Festival 2026 → Tue 02-24.
        #expect(try due("petition.acknowledge", from: "2026-02-01") == day("2026-02-24"))
        // 15 days from 2026-02-13 = Sat 02-28, a make-up workday: it stays.
        #expect(try due("petition.acknowledge", from: "2026-02-13") == day("2026-02-28"))
        // 30 days from 2025-03-07 = Sun 04-06, inside Qingming (04-04…04-06) → Mon 04-07.
        #expect(try due("petition.review_opinion", from: "2025-03-07") == day("2025-04-07"))
        // An ordinary weekend: 15 days from Fri 2025-03-07 = Sat 03-22 → Mon 03-24.
        #expect(try due("petition.acknowledge", from: "2025-03-07") == day("2025-03-24"))
    }

    @Test func claimOpinionWithItsExtension() throws {
        // Art. 34: 60 days from acceptance on 2025-08-05: 08-05 + 26 = 08-31, + 30 = 09-30,
        // + 4 = 10-04 (a holiday) → Thu 10-09.
        #expect(try due("petition.claim_opinion", from: "2025-08-05") == day("2025-10-09"))
        // Extended by 30 days with the head's approval: 90 days from 08-05 = Mon 11-03.
        let approved = DeadlineExtension(approver: "王局长", reason: "涉及多个部门，情况复杂")
        #expect(try due("petition.claim_opinion", from: "2025-08-05", extensions: [approved]) == day("2025-11-03"))
        // An explicit 10-day extension: 70 days = 10-14 (Tue).
        let short = DeadlineExtension(amount: 10, approver: "王局长", reason: "补充材料")
        #expect(try due("petition.claim_opinion", from: "2025-08-05", extensions: [short]) == day("2025-10-14"))
        // 10 + 20 = the full 30: allowed, same as one 30-day extension.
        let rest = DeadlineExtension(amount: 20, approver: "王局长", reason: "再次延长")
        #expect(try due("petition.claim_opinion", from: "2025-08-05", extensions: [short, rest]) == day("2025-11-03"))
    }

    @Test func extensionsAreChecked() {
        let start = day("2025-08-05")
        let ok = DeadlineExtension(approver: "王局长", reason: "情况复杂")
        // "延长期限不得超过30日": a second 30 days is refused.
        #expect(code { try engine.due(rule("petition.claim_opinion"), from: start, extensions: [ok, ok]) }
                == "deadline.extension_over_limit")
        #expect(code { try engine.due(rule("petition.claim_opinion"), from: start,
                                      extensions: [DeadlineExtension(approver: " ", reason: "x")]) }
                == "deadline.extension_unapproved")
        #expect(code { try engine.due(rule("petition.claim_opinion"), from: start,
                                      extensions: [DeadlineExtension(approver: "王局长", reason: "")]) }
                == "deadline.extension_reason_missing")
        #expect(code { try engine.due(rule("petition.claim_opinion"), from: start,
                                      extensions: [DeadlineExtension(amount: 0, approver: "王局长", reason: "x")]) }
                == "deadline.extension_amount")
        // Art. 22 has no extension.
        #expect(code { try engine.due(rule("petition.register_route"), from: start, extensions: [ok]) }
                == "deadline.no_extension")
        #expect(code { try engine.due("no.such_rule", in: regime.deadlines, from: start) } == "deadline.unknown_rule")
    }

    @Test func monthDeadlines() throws {
        // Proposal within 1 month of receipt on 01-31: no 02-31, so the month's last day.
        #expect(try due("clue.disposition_proposal", from: "2025-01-31") == day("2025-02-28"))   // Fri
        #expect(try due("clue.disposition_proposal", from: "2024-01-31") == day("2024-02-29"))   // leap year, Thu
        // 2026-02-28 is a Saturday but a make-up workday: it stays.
        #expect(try due("clue.disposition_proposal", from: "2026-01-31") == day("2026-02-28"))
        // 复核 decided within 2 months of 2025-08-01 = 10-01 (holiday) → 10-09.
        #expect(try due("appeal.second_review_decision", from: "2025-08-01") == day("2025-10-09"))
        // 复审 requested within 1 month of receiving the decision on 2025-04-30 = 05-30 (Fri).
        #expect(try due("appeal.first_review_request", from: "2025-04-30") == day("2025-05-30"))
        // ...and from 2025-04-01: 05-01, Labour Day (05-01…05-05) → Tue 05-06.
        #expect(try due("appeal.first_review_request", from: "2025-04-01") == day("2025-05-06"))
    }

    @Test func assignedCaseExtendedByMonths() throws {
        // 交办件: 3 months from 2025-06-30 = Tue 09-30.
        #expect(try due("report.assigned_case", from: "2025-06-30") == day("2025-09-30"))
        let head = DeadlineExtension(approver: "纪委书记", reason: "案情复杂，已报上级")
        // + 3 months with the head's approval: 6 months = Tue 12-30.
        #expect(try due("report.assigned_case", from: "2025-06-30", extensions: [head]) == day("2025-12-30"))
        // A further 3 months approved by the higher body (not a capped extension): 9 months = Mon 2026-03-30.
        let higher = DeadlineExtension(amount: 3, approver: "市纪委", reason: "上级批准再延长")
        #expect(try due("report.assigned_case", from: "2025-06-30", extensions: [head, higher]) == day("2026-03-30"))
        // The total is counted once from the start: 01-31 + 6 months = 07-31 (Thu), whereas
        // 01-31 + 3 = 04-30, + 3 = 07-30 would lose a day.
        #expect(try due("report.assigned_case", from: "2025-01-31", extensions: [head]) == day("2025-07-31"))
    }
}

@Suite struct PausedDeadlineTests {
    // 信访 Art. 36: the re-review opinion within 30 days of the request; hearing time excluded.
    // Without a pause, 30 days from Mon 2025-03-03 = Wed 04-02.

    @Test func withoutPause() throws {
        #expect(try due("petition.rereview_opinion", from: "2025-03-03") == day("2025-04-02"))
    }

    @Test func hearingTimeIsAddedInCalendarDays() throws {
        // Hearing 03-10…03-14: 5 paused days → 04-07 (Mon, working).
        let result = try engine.due(rule("petition.rereview_opinion"), from: day("2025-03-03"),
                                    pauses: [pause("2025-03-10", "2025-03-14")])
        guard case .due(let d) = result else { Issue.record("expected a due date"); return }
        #expect(d.date == day("2025-04-07"))
        #expect(d.pausedDays == 5)
        // 2 paused days → 04-04, Qingming (04-04…04-06) → Mon 04-07.
        #expect(try due("petition.rereview_opinion", from: "2025-03-03",
                        pauses: [pause("2025-03-10", "2025-03-11")]) == day("2025-04-07"))
        // Overlapping pauses count once: 03-10…03-16 = 7 days → 04-09 (Wed).
        #expect(try due("petition.rereview_opinion", from: "2025-03-03",
                        pauses: [pause("2025-03-10", "2025-03-14"), pause("2025-03-12", "2025-03-16")]) == day("2025-04-09"))
    }

    @Test func onlyPausesWhileTheClockRunsCount() throws {
        // After the deadline: the clock had run out; nothing changes.
        #expect(try due("petition.rereview_opinion", from: "2025-03-03",
                        pauses: [pause("2025-04-10", "2025-04-11")]) == day("2025-04-02"))
        // Before the start: nothing changes.
        #expect(try due("petition.rereview_opinion", from: "2025-03-03",
                        pauses: [pause("2025-02-20", "2025-03-03")]) == day("2025-04-02"))
        // Straddling the due date: 04-01 and 04-02 push the date to 04-04, which takes in 04-03
        // too → 30th unpaused day = 04-05 (Sat, Qingming) → Mon 04-07; 3 days paused.
        let result = try engine.due(rule("petition.rereview_opinion"), from: day("2025-03-03"),
                                    pauses: [pause("2025-04-01", "2025-04-03")])
        guard case .due(let d) = result else { Issue.record("expected a due date"); return }
        #expect(d.unadjusted == day("2025-04-05"))
        #expect(d.date == day("2025-04-07"))
        #expect(d.pausedDays == 3)
    }

    @Test func workingDayRuleMovesByTheWorkingDaysInsideThePause() throws {
        // A local working-day rule that allows pauses: 5 working days from Mon 2025-03-03 is
        // Mon 03-10. A pause Wed 03-05…Sun 03-09 holds 3 working days (03-05, 03-06, 03-07):
        // 1 Tue 03-04, paused…, 2 Mon 03-10, 3 Tue 03-11, 4 Wed 03-12, 5 Thu 03-13.
        let local = DeadlineRule(code: "local.pausable", area: .report, title: BilingualText(zh: "测试", en: "test"),
                                 basis: BilingualText(zh: "测试", en: "test"), runsFrom: .received, amount: 5,
                                 unit: .workingDays, allowsPause: true, status: .unverified)
        let result = try engine.due(local, from: day("2025-03-03"), pauses: [pause("2025-03-05", "2025-03-09")])
        guard case .due(let d) = result else { Issue.record("expected a due date"); return }
        #expect(d.date == day("2025-03-13"))
        #expect(d.pausedDays == 3)
        // A month rule moves by the paused calendar days: 1 month from 2025-03-03 = 04-03;
        // pause 03-10…03-12 (3 days) → 04-06 (Qingming) → 04-07.
        var monthly = local
        monthly.unit = .months
        monthly.amount = 1
        #expect(try engine.due(monthly, from: day("2025-03-03"), pauses: [pause("2025-03-10", "2025-03-12")]).date
                == day("2025-04-07"))
    }

    @Test func pausesAreChecked() {
        #expect(code { try engine.due(rule("petition.claim_opinion"), from: day("2025-03-03"),
                                      pauses: [pause("2025-03-10", "2025-03-11")]) } == "deadline.pause_not_allowed")
        #expect(code { try engine.due(rule("petition.rereview_opinion"), from: day("2025-03-03"),
                                      pauses: [pause("2025-03-11", "2025-03-10")]) } == "deadline.pause_invalid")
    }
}

@Suite struct NotComputableTests {
    @Test func onlyDaysNoCalendarCanJudgeAreNotComputable() throws {
        // Counting working days through November 2022, before the first shipped notice (and
        // before the amended 办法 the provisional years follow).
        let result = try engine.due(rule("report.forward_upward"), from: day("2022-11-01"))
        #expect(result == .notComputable(year: 2022))
        #expect(result.date == nil)
        #expect(!result.provisional)
        #expect(result.problem?.en == "not computable: the calendar has no table for 2022")
        #expect(result.problem?.zh.contains("2022") == true)
        // But 15 calendar days from 2022-12-20 = 2023-01-04, a working day in a covered year.
        #expect(try due("petition.register_route", from: "2022-12-20") == day("2023-01-04"))
        // Past 2100, where the provisional years end.
        #expect(try engine.due(rule("report.acceptance_notice"), from: day("2100-12-20")) == .notComputable(year: 2101))
    }
}

/// 2026 is the last shipped notice: deadlines running into 2027 are computed on the provisional
/// 2027 (statutory holidays and 补假, no 调休) and say so until the notice is entered.
@Suite struct ProvisionalDeadlineTests {
    private func dueDate(_ result: DeadlineResult) throws -> DueDate {
        guard case .due(let due) = result else { throw CancellationError() }
        return due
    }

    @Test func deadlinesAcrossTheYearEndAreComputableAndProvisional() throws {
        // 交办件 from 2026-10-15: 3 months = Friday 2027-01-15, a working day.
        let assigned = try dueDate(engine.due(rule("report.assigned_case"), from: day("2026-10-15")))
        #expect(assigned.date == day("2027-01-15"))
        #expect(assigned.provisional)
        #expect(assigned.provisionalYears == [2027])
        #expect(assigned.provisionalNote?.en.contains("notice for 2027 is not entered") == true)
        #expect(assigned.provisionalNote?.zh.contains("2027") == true)
        // 15 working days from Sunday 2026-12-20: 12-21…12-31 (9), 01-01 New Year's Day,
        // 01-04…01-08 (14), Monday 01-11 (15).
        let acceptance = try engine.due(rule("report.acceptance_notice"), from: day("2026-12-20"))
        #expect(acceptance.date == day("2027-01-11"))
        #expect(acceptance.provisional)
        #expect(acceptance.problem == nil)
        // 15 calendar days from 2026-12-20 = Monday 2027-01-04, a working day.
        let routed = try dueDate(engine.due(rule("petition.register_route"), from: day("2026-12-20")))
        #expect(routed.date == day("2027-01-04"))
        #expect(!routed.movedToNextWorkingDay)
        #expect(routed.provisional)
        // 15 calendar days from 2026-12-17 = 2027-01-01, New Year's Day → Monday 01-04.
        let moved = try dueDate(engine.due(rule("petition.register_route"), from: day("2026-12-17")))
        #expect(moved.date == day("2027-01-04"))
        #expect(moved.unadjusted == day("2027-01-01"))
        #expect(moved.provisional)
        // 15 calendar days from 2026-12-16 = Thursday 12-31: only 2026 decided it.
        let inside = try dueDate(engine.due(rule("petition.register_route"), from: day("2026-12-16")))
        #expect(inside.date == day("2026-12-31"))
        #expect(!inside.provisional)
        // A working-day deadline wholly inside 2026.
        let november = try engine.due(rule("report.acceptance_notice"), from: day("2026-11-02"))
        #expect(november.date?.year == 2026)
        #expect(!november.provisional)
    }

    @Test func provisionalHolidaysAreCounted() throws {
        // 15 working days from Monday 2027-01-25 on the provisional 2027: 01-26…01-29 (4),
        // 02-01…02-04 (8), 除夕 02-05 … 补假 02-10 off, 02-11, 02-12 (10), 02-15…02-19 (15).
        let result = try dueDate(engine.due(rule("report.acceptance_notice"), from: day("2027-01-25")))
        #expect(result.date == day("2027-02-19"))
        #expect(result.provisional)
    }

    @Test func enteringTheNoticeMakesItExact() throws {
        // A 2027 notice as the State Council might publish it (made up for the test): 春节 break
        // 02-05…02-13 with make-up workdays Sunday 01-31 and Saturday 02-20.
        let notice = try CalendarYear.parse(year: 2027, holidays: "01-01…01-03, 02-05…02-13", makeUpWorkdays: "01-31, 02-20")
        let exact = DeadlineEngine(calendar: WorkingDayCalendar.shipped.adding(notice))
        // 01-26…01-29 (4), Sun 01-31 (5), 02-01…02-04 (9), 02-15…02-19 (14), Sat 02-20 (15).
        let result = try dueDate(exact.due(rule("report.acceptance_notice"), from: day("2027-01-25")))
        #expect(result.date == day("2027-02-20"))
        #expect(!result.provisional)
        #expect(result.provisionalNote == nil)
        #expect(try exact.due(rule("report.assigned_case"), from: day("2026-10-15")).provisional == false)
        // On read: a stored deadline is provisional for the calendar in force.
        #expect(engine.isProvisional(start: day("2026-12-20"), due: day("2027-01-11")))
        #expect(!exact.isProvisional(start: day("2026-12-20"), due: day("2027-01-11")))
        #expect(!engine.isProvisional(start: day("2026-11-02"), due: day("2026-11-23")))
    }

    @Test func dueDatesWrittenBeforeTheFlagStillDecode() throws {
        let old = #"{"date":"2025-10-09","ruleCode":"x","start":"2025-09-26","unit":"working_days","baseAmount":5,"extensionAmount":0,"pausedDays":0,"unadjusted":"2025-10-09"}"#
        let decoded = try JSONDecoder().decode(DueDate.self, from: Data(old.utf8))
        #expect(decoded.date == day("2025-10-09"))
        #expect(!decoded.provisional)
        let provisional = try dueDate(engine.due(rule("report.acceptance_notice"), from: day("2026-12-20")))
        let roundTrip = try JSONDecoder().decode(DueDate.self, from: JSONEncoder().encode(provisional))
        #expect(roundTrip == provisional)
    }
}
