import Foundation
import SQLKit
import SunlightContract
import SunlightDomain
import SunlightRegime
import SunlightReports
import SunlightStorage
import SunlightTestSupport
import Testing

@Suite("Clues are disposed of through the regime's workflow, on its deadlines")
struct ClueStoreTests {
    struct Setup {
        let reports: ReportStore
        let clues: ClueStore
        let wang: Principal   // handler
        let zhao: Principal   // the commission's head (approver)
        let leader: Principal
    }

    static func setup(_ test: TestDatabase) async throws -> Setup {
        let vault = try await ReportVault.prepare(database: test.database, keyDirectory: test.directory.appendingPathComponent("keys"),
                                                  uploads: test.directory.appendingPathComponent("uploads"), ledgerKeys: test.ledger.keys, cost: .fast)
        let reports = ReportStore(recorder: test.recorder, vault: vault)
        let accounts = AccountStore(database: test.database, recorder: test.recorder, bcryptCost: 4)
        var principals: [Principal] = []
        for (name, role) in [("wang", SunlightDomain.Role.inspector), ("zhao", SunlightDomain.Role.inspector), ("li.leader", SunlightDomain.Role.leader)] {
            let user = try await accounts.createUser(username: name, password: "password-1234", role: role, unitCode: nil, by: .system())
            principals.append(user.principal)
        }
        return Setup(reports: reports, clues: ClueStore(recorder: test.recorder, reports: reports), wang: principals[0], zhao: principals[1],
                     leader: principals[2])
    }

    static func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    @Test(arguments: TestBackend.available)
    func aRealNameReportGoesFromReceiptToAFourFormsOutcome(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let s = try await Self.setup(test)
            // Received on 2025-09-26, the Friday before National Day 2025.
            let submitted = try await s.reports.submit(
                ReportSubmission(anonymous: false, reporterName: "张三", reporterPhone: "13800000000", subjectName: "周某某",
                                 subjectUnit: "城关镇", text: "周某某收受工程老板红包，数额较大"),
                channel: .portal, type: .accusation, issueReceipt: true, receivedOn: "2025-09-26", by: ReportStore.publicPortal)
            let clueID = try await s.clues.open(fromReport: submitted.id, by: s.wang)
            #expect(try await s.reports.follow(submitted.receipt!)?.status == .accepted)
            let deadlines = try await s.clues.deadlines(clueID: clueID, today: Self.day("2025-09-29"))
            let byRule = Dictionary(uniqueKeysWithValues: deadlines.map { ($0.ruleCode, $0) })
            // 15 working days from 09-26: 09-28 (Sun, make-up) 1, 09-29…09-30 2–3, holiday 10-01…10-08,
            // 10-09 4, 10-10 5, 10-11 (Sat, make-up) 6, 10-13…10-17 7–11, 10-20…10-23 12–15 → 2025-10-23.
            #expect(byRule["report.acceptance_notice"]?.dueOn == "2025-10-23")
            // One month from 09-26 is 10-26, a Sunday → next working day 10-27.
            #expect(byRule["clue.disposition_proposal"]?.dueOn == "2025-10-27")
            // Assign, propose, and the proposer cannot approve their own proposal.
            try await s.clues.act(clueID, action: "assign", handler: "wang", today: Self.day("2025-09-29"), by: s.zhao)
            try await s.clues.act(clueID, action: "propose", note: "建议初步核实", today: Self.day("2025-10-09"), by: s.wang)
            await #expect(throws: ClueError.self) {
                try await s.clues.act(clueID, action: "approve_preliminary_verification", today: Self.day("2025-10-09"), by: s.wang)
            }
            try await s.clues.act(clueID, action: "approve_preliminary_verification", today: Self.day("2025-10-10"), by: s.zhao)
            try await s.clues.noticeSent(clueID: clueID, on: Self.day("2025-10-10"), by: s.wang)
            try await s.clues.act(clueID, action: "report_result", note: "核实属实，建议立案", today: Self.day("2025-11-20"), by: s.wang)
            try await s.clues.act(clueID, action: "open_investigation", today: Self.day("2025-11-21"), by: s.leader)
            try await s.clues.act(clueID, action: "report_result", note: "建议给予记过处分", today: Self.day("2026-01-20"), by: s.wang)
            let outcome = OutcomeInput(personName: "周某某", measure: "gov.demerit", effectiveOn: "2026-01-22")
            let clue = try await s.clues.act(clueID, action: "decide_outcome", outcomes: [outcome], today: Self.day("2026-01-22"), by: s.zhao)
            #expect(clue.state == .outcomeDecided)
            let outcomes = try await s.clues.outcomes(clueID: clueID)
            #expect(outcomes.count == 1 && outcomes[0].form == 2 && outcomes[0].influenceUntil == "2027-01-21")
            // Every deadline was met in time; the result notice now runs from the decision.
            let after = try await s.clues.deadlines(clueID: clueID, today: Self.day("2026-01-22"))
            let status = Dictionary(uniqueKeysWithValues: after.map { ($0.ruleCode, $0) })
            #expect(status["clue.disposition_proposal"]?.metOn == "2025-10-09")
            if case .met = status["clue.disposition_proposal"]?.status {} else { Issue.record("proposal deadline not met") }
            if case .met = status["report.acceptance_notice"]?.status {} else { Issue.record("acceptance notice not met") }
            #expect(status["report.result_notice"]?.metOn == nil && status["report.result_notice"]?.dueOn != nil)
            #expect(try await s.reports.follow(submitted.receipt!)?.status == .concluded)
            // The statistics count it the same way on both backends.
            let stats = try await s.clues.statistics(today: "2026-01-22")
            #expect(stats.bySource.map(\.0) == ["portal"] && stats.bySource.map(\.1) == [1])
            #expect(stats.byForm.map(\.0) == [2] && stats.bySanction.map(\.0) == ["gov.demerit"])
            #expect(stats.byState.map(\.0) == ["outcome_decided"] && stats.deadlinesMissed == 0 && stats.deadlinesDue >= 2, "\(stats.byState) \(stats.deadlinesMissed)/\(stats.deadlinesDue) \(stats.byForm) \(after.map { ($0.ruleCode, $0.dueOn ?? "", $0.metOn ?? "") })")
            // The ledger holds every step, without the notes' text.
            let steps = try await test.database.withConnection { db in
                try await db.select().column("details").from("ledger_entries").where("action", .equal, "disposition").all()
                    .map { try $0.decode(column: "details", as: String.self) }
            }
            #expect(steps.count == 9 && !steps.joined().contains("记过"))
        }
    }

    @Test func forbiddenStepsAndOutcomesAreRefused() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            let s = try await Self.setup(test)
            let submitted = try await s.reports.submit(ReportSubmission(subjectName: "李四", text: "李四在工程验收中收受好处"), channel: .letter,
                                                       type: .accusation, issueReceipt: false, by: s.wang)
            let clueID = try await s.clues.open(fromReport: submitted.id, by: s.wang)
            // Not from `received`: propose before assigning.
            await #expect(throws: ClueError.self) { try await s.clues.act(clueID, action: "propose", note: "x", by: s.wang) }
            // A leader does not handle.
            await #expect(throws: ClueError.self) { try await s.clues.act(clueID, action: "assign", handler: "wang", by: s.leader) }
            try await s.clues.act(clueID, action: "assign", handler: "wang", by: s.zhao)
            try await s.clues.act(clueID, action: "propose", note: "谈话函询", by: s.wang)
            try await s.clues.act(clueID, action: "approve_talk_or_letter", by: s.zhao)
            try await s.clues.act(clueID, action: "report_result", note: "说明清楚", by: s.wang)
            // After a talk or letter only form 1 is possible.
            let sanction = OutcomeInput(personName: "李四", measure: "gov.warning", effectiveOn: "2026-03-02")
            await #expect(throws: ClueError.self) { try await s.clues.act(clueID, action: "decide_outcome", outcomes: [sanction], by: s.zhao) }
            #expect(try await s.clues.get(clueID, for: s.wang).state == .talkOrLetter)
            let talk = OutcomeInput(personName: "李四", measure: "reminder_talk", effectiveOn: "2026-03-02")
            #expect(try await s.clues.act(clueID, action: "decide_outcome", outcomes: [talk], by: s.zhao).state == .outcomeDecided)
            // Final: nothing more.
            await #expect(throws: ClueError.self) { try await s.clues.act(clueID, action: "assign", handler: "zhao", by: s.zhao) }
        }
    }

    @Test func aHandlerRecusesAndTheReportedPersonNeverSeesTheClue() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            let s = try await Self.setup(test)
            // wang's spouse is 11010519491231002X; the subject of the report.
            let subjectID = "11010519491231002X", wangID = "360426199101010071"
            try await test.database.withConnection { db in
                try await db.update("users").set("id_number", to: SQLBind(wangID)).where("username", .equal, "wang").run()
            }
            try await test.recorder.write(by: .system()) { tx in
                var relative = Record()
                relative["id_number"] = .text(wangID)
                relative["relative_id_number"] = .text(subjectID)
                relative["relation"] = .text("spouse")
                try await tx.save([relative], in: Registry.relatives)
            }
            let submitted = try await s.reports.submit(ReportSubmission(subjectName: "王妻", text: "王妻在工程验收中收受好处"), channel: .visit,
                                                       type: .accusation, issueReceipt: false, subjectIDNumber: subjectID, by: s.zhao)
            let clueID = try await s.clues.open(fromReport: submitted.id, by: s.zhao)
            do {
                try await s.clues.act(clueID, action: "assign", handler: "wang", by: s.zhao)
                Issue.record("a relative was assigned")
            } catch let error as ClueError {
                #expect(error.code == "clue.recusal" && error.messageZh.contains("近亲属"))
            }
            // Reported person with an account: the clue does not exist for them.
            try await test.database.withConnection { db in
                try await db.update("users").set("id_number", to: SQLBind(subjectID)).where("username", .equal, "li.leader").run()
            }
            await #expect(throws: RecordNotFound.self) { _ = try await s.clues.get(clueID, for: s.leader) }
            #expect(try await s.clues.list(for: s.leader).isEmpty)
            #expect(try await s.clues.list(for: s.zhao).count == 1)
        }
    }

    @Test func extensionsNeedAnotherPersonAndMoveTheDueDate() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            let s = try await Self.setup(test)
            let submitted = try await s.reports.submit(ReportSubmission(subjectName: "李四", text: "上级交办：李四违规发放津贴"), channel: .transferFromAbove,
                                                       type: .accusation, issueReceipt: false, receivedOn: "2026-01-30", by: s.wang)
            let clueID = try await s.clues.open(fromReport: submitted.id, by: s.wang)
            try await s.clues.act(clueID, action: "assign", handler: "wang", by: s.zhao)
            let assigned = try #require(try await s.clues.deadlines(clueID: clueID).first { $0.ruleCode == "report.assigned_case" })
            // 3 months from 2026-01-30 → 04-30 (Thursday, a working day).
            #expect(assigned.dueOn == "2026-04-30")
            await #expect(throws: ClueError.self) { try await s.clues.extend(deadline: assigned.id, ofClue: clueID, amount: 3, reason: "案情复杂", by: s.wang) }
            try await s.clues.extend(deadline: assigned.id, ofClue: clueID, amount: 3, reason: "案情复杂，经主要负责人批准", by: s.zhao)
            let extended = try #require(try await s.clues.deadlines(clueID: clueID).first { $0.ruleCode == "report.assigned_case" })
            // 6 months from 01-30 → 07-30 (Thursday).
            #expect(extended.dueOn == "2026-07-30" && extended.extensions.first?.approver == "zhao")
            // This transfer had no real-name reporter with a receipt: nobody to tell, no message.
            #expect(try await s.reports.detail(submitted.id).messages.isEmpty)
        }
    }

    @Test func aRealNameReporterIsToldOfAnExtension() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            let s = try await Self.setup(test)
            let submitted = try await s.reports.submit(
                ReportSubmission(anonymous: false, reporterName: "张三", reporterPhone: "13800000000", subjectName: "李四",
                                 text: "申诉：李四拖欠工程款不予处理"),
                channel: .portal, type: .claim, issueReceipt: true, receivedOn: "2026-03-02", by: ReportStore.publicPortal)
            let clueID = try await s.clues.open(fromReport: submitted.id, by: s.wang)
            try await s.clues.act(clueID, action: "assign", handler: "wang", by: s.zhao)
            // A claim gets a written opinion within 60 days of acceptance; +30 with approval (Art. 34).
            let opinion = try #require(try await s.clues.deadlines(clueID: clueID).first { $0.ruleCode == "petition.claim_opinion" })
            try await s.clues.extend(deadline: opinion.id, ofClue: clueID, amount: 30, reason: "需要现场核查", by: s.zhao)
            let extended = try #require(try await s.clues.deadlines(clueID: clueID).first { $0.id == opinion.id })
            let view = try #require(try await s.reports.follow(submitted.receipt!))
            #expect(view.messages.count == 1 && view.messages[0].text.contains(extended.dueOn!))
            #expect(!view.messages[0].text.contains("现场核查"))   // the reason stays internal
        }
    }

    /// Takes a new clue about `person` through investigation to `outcome`.
    static func decide(_ s: Setup, subjectID: String, outcome: OutcomeInput) async throws -> Int64 {
        let submitted = try await s.reports.submit(ReportSubmission(subjectName: outcome.personName, text: "反映\(outcome.personName)违反廉洁纪律"),
                                                   channel: .letter, type: .accusation, issueReceipt: false, subjectIDNumber: subjectID, by: s.wang)
        let clueID = try await s.clues.open(fromReport: submitted.id, by: s.wang)
        try await s.clues.act(clueID, action: "assign", handler: "wang", by: s.zhao)
        try await s.clues.act(clueID, action: "propose", note: "建议立案", by: s.wang)
        try await s.clues.act(clueID, action: "approve_investigation", by: s.zhao)
        try await s.clues.act(clueID, action: "report_result", note: "建议给予处分", by: s.wang)
        try await s.clues.act(clueID, action: "decide_outcome", outcomes: [outcome], by: s.zhao)
        return clueID
    }

    @Test func aNewPartySanctionAddsTheUnservedRemainderAndAppealsHaveDeadlines() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            let s = try await Self.setup(test)
            let person = "360426199101010071"
            // 警告 from 2026-01-10: twelve months, through 2027-01-09.
            _ = try await Self.decide(s, subjectID: person, outcome: OutcomeInput(personName: "赵某", personIDNumber: person,
                                                                                 measure: "party.warning", effectiveOn: "2026-01-10"))
            #expect(try await s.clues.outcomes(personIDNumber: person).first?.influenceUntil == "2027-01-09")
            // 严重警告 from 2026-07-10: 18 months through 2028-01-09, plus the 184 unserved days of
            // the warning (2026-07-10 … 2027-01-09) → 2028-07-11 (2028 is a leap year).
            let second = try await Self.decide(s, subjectID: person, outcome: OutcomeInput(personName: "赵某", personIDNumber: person,
                                                                                          measure: "party.serious_warning", effectiveOn: "2026-07-10"))
            #expect(try await s.clues.outcomes(clueID: second).first?.influenceUntil == "2028-07-11")
            // 复审 must be asked within a month of receiving the decision, and is decided within a month.
            await #expect(throws: ClueError.self) {
                try await s.clues.recordAppeal(clueID: second, kind: .firstReview, decisionReceivedOn: Self.day("2026-07-10"),
                                               requestedOn: Self.day("2026-08-20"), by: s.wang)
            }
            try await s.clues.recordAppeal(clueID: second, kind: .firstReview, decisionReceivedOn: Self.day("2026-07-10"),
                                           requestedOn: Self.day("2026-08-05"), by: s.wang)
            let appeal = try #require(try await s.clues.deadlines(clueID: second).first { $0.ruleCode == "appeal.first_review_decision" })
            // One month from 2026-08-05 → 2026-09-05, a Saturday → Monday 2026-09-07.
            #expect(appeal.dueOn == "2026-09-07")
            try await s.clues.markMet(deadline: appeal.id, ofClue: second, on: Self.day("2026-09-01"), note: "维持原决定", by: s.wang)
            let met = try #require(try await s.clues.deadlines(clueID: second, today: Self.day("2026-09-02")).first { $0.id == appeal.id })
            if case .met = met.status {} else { Issue.record("appeal decision not met: \(String(describing: met.status))") }
        }
    }

    @Test func aFindingBecomesAClueKeepingTheLink() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            let s = try await Self.setup(test)
            let findingID: Int64 = try await test.database.withConnection { db in
                try await db.raw("""
                    INSERT INTO scan_runs (started_at, finished_at, as_of, actor, parameters, dataset_fingerprints, rules_run, findings_current)
                    VALUES ('2026-03-31T00:00:00Z', '2026-03-31T00:00:01Z', '2026-03-31', 'test', '{}', '{}', 1, 1)
                    """).run()
                try await db.raw("""
                    INSERT INTO findings (rule, subject, severity, unit_code, period, summary_zh, summary_en, evidence, evidence_hash, status,
                                          is_current, first_scan_id, last_scan_id, created_at, updated_at)
                    VALUES ('benefit.deceased', '360426199101010071|low_income|2025-06', 'high', '360426100', '2025-06',
                            '死亡后仍领取低保', 'benefits paid after death', '{}', 'x', 'open', TRUE, 1, 1, '2026-03-31', '2026-03-31')
                    """).run()
                return try await db.select().column("id").from("findings").first()!.decode(column: "id", as: Int64.self)
            }
            let clueID = try await s.clues.open(fromFinding: findingID, by: s.wang)
            let clue = try await s.clues.get(clueID, for: s.wang)
            #expect(clue.findingID == findingID && clue.source == "finding")
            let report = try await s.reports.detail(try await s.clues.reportIDs(of: clueID)[0])
            #expect(report.findingID == findingID && report.text.contains("死亡后仍领取低保"))
        }
    }

    @Test func severalViolationsAreCombinedUnderArticle15() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            let s = try await Self.setup(test)
            let person = "360426199101010071"
            // Two 记过 (12 months each) and a 警告: the 记过 is carried out; 12…24 months may be set.
            let tooLong = OutcomeInput(personName: "钱某", personIDNumber: person, measure: "gov.warning", months: 30, effectiveOn: "2026-04-01",
                                       combinedWith: ["gov.demerit", "gov.demerit"])
            do {
                _ = try await Self.decide(s, subjectID: person, outcome: tooLong)
                Issue.record("30 months accepted")
            } catch let error as ClueError {
                #expect(error.code == "sanction.combined_period_above_sum")
            }
            var fine = tooLong
            fine.months = 20
            let clueID = try await Self.decide(s, subjectID: "11010519491231002X", outcome: fine)
            let outcome = try #require(try await s.clues.outcomes(clueID: clueID).first)
            // 20 months from 2026-04-01 run through 2027-11-30.
            #expect(outcome.measure == "gov.demerit" && outcome.sanctionMonths == 20 && outcome.influenceUntil == "2027-11-30")
            #expect(outcome.note?.contains("gov.warning+gov.demerit+gov.demerit") == true)
        }
    }
}

/// Issue 19, finding 6: the workflow step was checked before the transaction and the update
/// did not check that the clue was still in that step, so two concurrent decisions on one
/// proposal could both succeed. Now the step is a compare-and-set inside the transaction.
@Suite("Concurrent clue steps")
struct ClueConcurrencyTests {
    @Test(arguments: TestBackend.available)
    func concurrentConflictingDecisionsLetExactlyOneWin(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let s = try await ClueStoreTests.setup(test)
            let submitted = try await s.reports.submit(
                ReportSubmission(subjectName: "周某某", subjectUnit: "城关镇", text: "周某某收受工程老板红包，数额较大"),
                channel: .portal, type: .accusation, issueReceipt: false, receivedOn: "2026-12-01", by: ReportStore.publicPortal)
            let clueID = try await s.clues.open(fromReport: submitted.id, by: s.wang)
            try await s.clues.act(clueID, action: "assign", handler: "wang", by: s.zhao)
            try await s.clues.act(clueID, action: "propose", note: "谈话函询", by: s.wang)
            // Eight approvers' clicks at once, on two different decisions.
            let attempts: [(String, Principal)] = (0..<8).map { i in
                (i % 2 == 0 ? "approve_talk_or_letter" : "approve_preliminary_verification", i % 4 < 2 ? s.zhao : s.leader)
            }
            let clues = s.clues
            let wins = try await withThrowingTaskGroup(of: String?.self) { group in
                for (action, who) in attempts {
                    group.addTask {
                        do {
                            _ = try await clues.act(clueID, action: action, by: who)
                            return action
                        } catch let error as ClueError {
                            // The loser sees either the compare-and-set or the workflow refusing the
                            // step from the state the winner left.
                            #expect(error.code == "clue.changed" || error.code.hasPrefix("workflow."), "\(error.code)")
                            return nil
                        }
                    }
                }
                var wins: [String] = []
                for try await win in group { if let win { wins.append(win) } }
                return wins
            }
            #expect(wins.count == 1)
            let events = try await s.clues.events(clueID).filter { $0.action.hasPrefix("approve_") }
            #expect(events.count == 1 && events.first?.action == wins.first)
            let clue = try await s.clues.get(clueID, for: s.zhao)
            #expect(clue.proposer == nil && clue.state.rawValue != "proposed")
        }
    }
}
