import Foundation
import SunlightReports
import SunlightStorage
import SunlightTestSupport
import Testing

/// Issue 18: an anonymous report has no one to tell, so it gets none of the written-notice
/// deadlines a real-name report gets (检举控告工作规则: 15 working days to tell the reporter it was
/// accepted; 信访工作条例 Art. 23: 15 days to tell the petitioner in writing).
@Suite("Anonymous reports have no notice deadlines")
struct AnonymousReportDeadlineTests {
    @Test(arguments: TestBackend.available)
    func anAnonymousReportOpensNoNoticeDeadline(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let s = try await ClueStoreTests.setup(test)
            let anonymous = try await s.reports.submit(
                ReportSubmission(anonymous: true, subjectName: "周某某", subjectUnit: "城关镇", text: "周某某收受工程老板红包，数额较大"),
                channel: .portal, type: .accusation, issueReceipt: true, receivedOn: "2026-12-01", by: ReportStore.publicPortal)
            let named = try await s.reports.submit(
                ReportSubmission(anonymous: false, reporterName: "张三", reporterPhone: "13800000000", subjectName: "周某某",
                                 subjectUnit: "城关镇", text: "周某某收受工程老板红包，数额较大"),
                channel: .portal, type: .accusation, issueReceipt: true, receivedOn: "2026-12-01", by: ReportStore.publicPortal)
            let anonymousClue = try await s.clues.open(fromReport: anonymous.id, by: s.wang)
            let namedClue = try await s.clues.open(fromReport: named.id, by: s.wang)
            let notices: Set<String> = ["report.acceptance_notice", "report.result_notice", "petition.acknowledge"]
            let anonymousRules = Set(try await s.clues.deadlines(clueID: anonymousClue).map(\.ruleCode))
            let namedRules = Set(try await s.clues.deadlines(clueID: namedClue).map(\.ruleCode))
            #expect(anonymousRules.isDisjoint(with: notices), "\(anonymousRules)")
            #expect(namedRules.contains("report.acceptance_notice"))
            // Received 2026-12-01: the notice is due within 2026 (notice entered), the one-month
            // proposal on 2027-01-04, counted on 2027's provisional calendar and marked so.
            let namedDeadlines = try await s.clues.deadlines(clueID: namedClue)
            let notice = try #require(namedDeadlines.first { $0.ruleCode == "report.acceptance_notice" })
            #expect(!notice.provisional)
            let proposal = try #require(namedDeadlines.first { $0.ruleCode == "clue.disposition_proposal" })
            #expect(proposal.dueOn != nil)
            #expect(proposal.provisional)
        }
    }

    /// Entering 2027's notice counts the open deadlines that touched 2027 again: the one-month
    /// proposal from 2026-12-01 falls on 2027-01-01 (a holiday) → the next working day, which
    /// the notice moves (here: 01-01…01-05 off → 01-06), and it is provisional no more.
    @Test(arguments: TestBackend.available)
    func enteringTheNoticeRecountsOpenDeadlines(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let s = try await ClueStoreTests.setup(test)
            let named = try await s.reports.submit(
                ReportSubmission(anonymous: false, reporterName: "张三", reporterPhone: "13800000000", subjectName: "周某某",
                                 subjectUnit: "城关镇", text: "周某某收受工程老板红包，数额较大"),
                channel: .portal, type: .accusation, issueReceipt: true, receivedOn: "2026-12-01", by: ReportStore.publicPortal)
            let clueID = try await s.clues.open(fromReport: named.id, by: s.wang)
            let before = try #require(try await s.clues.deadlines(clueID: clueID).first { $0.ruleCode == "clue.disposition_proposal" })
            #expect(before.dueOn == "2027-01-04" && before.provisional)
            _ = try await CalendarStore(recorder: test.recorder).add(year: 2027, holidays: "01-01…01-05", makeUpWorkdays: "", by: .system())
            let recounted = try await ClueStore.recountOpenDeadlines(touching: 2027, recorder: test.recorder, by: .system())
            #expect(recounted == 1)
            let after = try #require(try await s.clues.deadlines(clueID: clueID).first { $0.ruleCode == "clue.disposition_proposal" })
            #expect(after.dueOn == "2027-01-06")
            #expect(!after.provisional)
            #expect(try await s.clues.events(clueID).contains { $0.action == "recount" })
        }
    }
}
