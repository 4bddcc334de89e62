import Foundation
import SQLKit
import SunlightContract
import SunlightDomain
import SunlightImport
import SunlightReports
import SunlightStorage
import SunlightTestSupport
import Testing

/// Issue 18, findings 4–6: the person reported never reads, changes or unmasks the report, even
/// as an inspector, even when the report names them only by name and unit.
@Suite("Recusal by the registry, and every clue action through the scoped lookup")
struct ReportRecusalTests {
    /// 王建国, 局长 of 县财政局 (360426002), in the sample registry.
    static let wangJianguo = "360426197503120012"

    static func setup(_ test: TestDatabase) async throws -> ClueStoreTests.Setup {
        let importer = Importer(recorder: test.recorder)
        for dataset in [Registry.units, Registry.people] {
            #expect(try await importer.run(dataset, file: Fixtures.registry("\(dataset.name).csv"), by: .system()).status == .committed)
        }
        let s = try await ClueStoreTests.setup(test)
        // The inspector "wang" is 王建国 himself.
        try await test.database.withConnection { db in
            try await db.update("users").set("id_number", to: SQLBind(wangJianguo)).where("username", .equal, "wang").run()
        }
        return s
    }

    static func portalReport(_ s: ClueStoreTests.Setup, name: String, unit: String, post: String = "") async throws -> SubmittedReport {
        try await s.reports.submit(
            ReportSubmission(anonymous: false, reporterName: "张三", reporterPhone: "13800000000", subjectName: name, subjectUnit: unit,
                             subjectPost: post, text: "\(name)在工程验收中收受工程老板红包，数额较大"),
            channel: .portal, type: .accusation, issueReceipt: true, receivedOn: "2026-12-01", by: ReportStore.publicPortal)
    }

    @Test(arguments: TestBackend.available)
    func aReportNamingAnInspectorIsHiddenFromThemUntilAnotherConfirmsOrClears(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let s = try await Self.setup(test)
            let named = try await Self.portalReport(s, name: "王建国", unit: "德安县财政局")
            let surname = try await Self.portalReport(s, name: "王局长", unit: "县财政局")
            let other = try await Self.portalReport(s, name: "李秀英", unit: "县财政局")
            for report in [named, surname] {
                #expect(try await s.reports.isAbout(report.id, principal: s.wang))
                #expect(try await !s.reports.isAbout(report.id, principal: s.zhao))
            }
            #expect(try await !s.reports.isAbout(other.id, principal: s.wang))
            let own = try await s.reports.ownSubjectKey(of: s.wang)
            var query = ReportQuery()
            query.excludingSubject = own
            let listed = try await s.reports.list(query).reports.map(\.id)
            #expect(listed == [other.id])
            // A clue taken in by zhao stays hidden from wang, and so do its deadlines.
            let clueID = try await s.clues.open(fromReport: named.id, by: s.zhao)
            await #expect(throws: RecordNotFound.self) { try await s.clues.get(clueID, for: s.wang) }
            #expect(try await s.clues.list(for: s.wang).allSatisfy { $0.id != clueID })
            // The candidate cannot review their own matter; zhao confirms.
            await #expect(throws: RecordNotFound.self) { try await s.reports.reviewSubject(reportID: named.id, confirm: nil, by: s.wang) }
            let candidates = try await s.reports.subjectCandidates(reportID: named.id)
            #expect(candidates.map(\.name) == ["王建国"] && candidates.first?.basis == .nameAndUnit)
            try await s.reports.reviewSubject(reportID: named.id, confirm: candidates[0].personID, by: s.zhao)
            #expect(try await s.reports.isAbout(named.id, principal: s.wang), "confirmed: bound to him for good")
            #expect(try await s.clues.get(clueID, for: s.zhao).subjectIDNumber == Self.wangJianguo)
            // Cleared ("none of them"): the report is open to wang again.
            try await s.reports.reviewSubject(reportID: surname.id, confirm: nil, by: s.zhao)
            #expect(try await !s.reports.isAbout(surname.id, principal: s.wang))
        }
    }

    @Test(arguments: TestBackend.available)
    func clueActionsLoadTheClueThroughTheScopedLookup(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let s = try await Self.setup(test)
            let report = try await Self.portalReport(s, name: "王建国", unit: "县财政局")
            let clueID = try await s.clues.open(fromReport: report.id, by: s.zhao)
            try await s.clues.act(clueID, action: "assign", handler: "zhao", by: s.zhao)
            let deadlines = try await s.clues.deadlines(clueID: clueID)
            let open = try #require(deadlines.first { $0.metOn == nil })
            await #expect(throws: RecordNotFound.self) { try await s.clues.markMet(deadline: open.id, ofClue: clueID, note: "x", by: s.wang) }
            await #expect(throws: RecordNotFound.self) { try await s.clues.noticeSent(clueID: clueID, by: s.wang) }
            await #expect(throws: RecordNotFound.self) {
                try await s.clues.pause(deadline: open.id, ofClue: clueID, from: LocalDate(iso: "2026-12-02")!, through: LocalDate(iso: "2026-12-03")!,
                                        reason: "x", by: s.wang)
            }
            let elsewhere = try await Self.portalReport(s, name: "李秀英", unit: "县财政局")
            await #expect(throws: RecordNotFound.self) { try await s.clues.link(report: elsewhere.id, to: clueID, by: s.wang) }
            // A deadline of another clue, named under this clue's URL, is not found either.
            let otherClue = try await s.clues.open(fromReport: elsewhere.id, by: s.zhao)
            await #expect(throws: RecordNotFound.self) { try await s.clues.markMet(deadline: open.id, ofClue: otherClue, note: "x", by: s.zhao) }
            // Nothing was changed by any of it.
            let after = try await s.clues.deadlines(clueID: clueID)
            #expect(after.map(\.metOn) == deadlines.map(\.metOn))
            #expect(after.map(\.dueOn) == deadlines.map(\.dueOn))
            #expect(try await s.reports.detail(elsewhere.id).clueID == otherClue)
        }
    }

    @Test(arguments: TestBackend.available)
    func anIdentityDecisionBelongsToTheReportInItsURL(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let s = try await Self.setup(test)
            let aboutWang = try await Self.portalReport(s, name: "王建国", unit: "县财政局")
            let unrelated = try await Self.portalReport(s, name: "李秀英", unit: "县财政局")
            let request = try await s.reports.requestIdentity(reportID: aboutWang.id, reason: "核实", by: s.zhao)
            // wang may read the unrelated report, and posts the decision under its URL.
            await #expect(throws: RecordNotFound.self) {
                try await s.reports.decideIdentity(requestID: request, ofReport: unrelated.id, approve: true, by: s.wang)
            }
            await #expect(throws: RecordNotFound.self) {
                try await s.reports.decideIdentity(requestID: request, ofReport: aboutWang.id, approve: true, by: s.wang)
            }
            #expect(try await s.reports.identityRequests(reportID: aboutWang.id).allSatisfy { $0.decidedBy == nil })
        }
    }
}
