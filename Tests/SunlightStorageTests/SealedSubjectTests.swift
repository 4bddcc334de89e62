import Crypto
import Foundation
import SQLKit
import SunlightContract
import SunlightReports
import SunlightStorage
import SunlightTestSupport
import Testing

/// Issue 18, "also broken": the reported person's name, unit and post were stored in the clear
/// beside sealed text. They are sealed under the report's key now, and matched — recusal,
/// repeats, search, the clue's subject — through keyed hashes and the resolved unit code.
@Suite("Report subjects are sealed and matched by keyed hashes")
struct SealedSubjectTests {
    static func report(_ s: ClueStoreTests.Setup, name: String, unit: String, post: String = "", text: String? = nil) async throws -> SubmittedReport {
        try await s.reports.submit(ReportSubmission(subjectName: name, subjectUnit: unit, subjectPost: post,
                                                    text: text ?? "\(name)在工程验收中收受工程老板红包，数额较大"),
                                   channel: .portal, type: .accusation, issueReceipt: true, receivedOn: "2026-12-01", by: ReportStore.publicPortal)
    }

    static func row(_ test: TestDatabase, _ id: Int64) async throws -> any SQLRow {
        try await test.database.withConnection { db in
            try #require(try await db.select().column(SQLLiteral.all).from("reports").where("id", .equal, id).first())
        }
    }

    @Test(arguments: TestBackend.available)
    func theSubjectIsSealedAndStillFoundByNameUnitAndRepeat(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let s = try await ReportRecusalTests.setup(test)
            let first = try await Self.report(s, name: "王建国", unit: "县财政局", post: "局长")
            let repeatReport = try await Self.report(s, name: "王 建国", unit: "县财政局", text: "再次反映：王建国收受红包的问题至今没有处理")
            let other = try await Self.report(s, name: "李秀英", unit: "县交通运输局")
            // At rest: no name, unit or post; keyed hashes that are not a plain SHA-256 of the name.
            let row = try await Self.row(test, first.id)
            #expect(try row.decode(column: "subject_name", as: String.self).isEmpty)
            #expect(try row.decode(column: "subject_unit", as: String.self).isEmpty)
            #expect(try row.decode(column: "subject_post", as: String.self).isEmpty)
            let sealed = try #require(try row.decode(column: "sealed_subject", as: String?.self))
            #expect(!sealed.contains("王建国"))
            let nameKey = try #require(try row.decode(column: "subject_name_key", as: String?.self))
            let plain = SHA256.hash(data: Data("王建国".utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(nameKey != plain && nameKey.count == 64)
            // Folding makes "王 建国" the same name; the unit resolved to the registry's code.
            #expect(try await Self.row(test, repeatReport.id).decode(column: "subject_name_key", as: String?.self) == nameKey)
            #expect(try row.decode(column: "subject_unit_code", as: String?.self) == "360426002")
            // Opened for the inspector.
            let detail = try await s.reports.detail(first.id)
            #expect(detail.subjectName == "王建国" && detail.subjectUnit == "县财政局" && detail.subjectPost == "局长")
            // Search: the full name (folded), the unit's registry name in part — never a fragment of a name.
            func found(_ q: String) async throws -> Set<Int64> {
                var query = ReportQuery()
                query.q = q
                return Set(try await s.reports.list(query).reports.map(\.id))
            }
            #expect(try await found("王建国") == [first.id, repeatReport.id])
            #expect(try await found("王  建国") == [first.id, repeatReport.id])
            #expect(try await found("王").isEmpty)
            #expect(try await found("财政") == [first.id, repeatReport.id])
            #expect(try await found("李秀英") == [other.id])
            // The list shows the opened names.
            let listed = try await s.reports.list(ReportQuery()).reports
            #expect(Set(listed.map(\.subjectName)) == ["王建国", "王 建国", "李秀英"])
            // Repeats: the same person is found through the keyed name.
            let similar = try await s.reports.similar(to: repeatReport.id)
            #expect(similar.first?.summary.id == first.id && similar.first?.sameSubject == true)
            #expect(!similar.contains { $0.summary.id == other.id && $0.sameSubject })
            // A clue shows its report's subject and keeps only the keyed ID and the unit code.
            let clueID = try await s.clues.open(fromReport: other.id, by: s.zhao)
            let clue = try await s.clues.get(clueID, for: s.zhao)
            #expect(clue.subjectName == "李秀英" && clue.subjectUnit == "县交通运输局")
            let clueRow = try await test.database.withConnection { db in
                try #require(try await db.select().column(SQLLiteral.all).from("clues").where("id", .equal, clueID).first())
            }
            #expect(try clueRow.decode(column: "subject_name", as: String.self).isEmpty)
            #expect(try clueRow.decode(column: "subject_report_id", as: Int64?.self) == other.id)
        }
    }

    @Test(arguments: TestBackend.available)
    func aConfirmedSubjectBindsTheClueAndTheIntegrityFileByKeyedID(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let s = try await ReportRecusalTests.setup(test)
            let report = try await Self.report(s, name: "王建国", unit: "县财政局")
            let clueID = try await s.clues.open(fromReport: report.id, by: s.zhao)
            let candidates = try await s.reports.subjectCandidates(reportID: report.id)
            #expect(candidates.map(\.name) == ["王建国"])
            // The candidates table holds keyed IDs, not registry rows.
            let stored = try await test.database.withConnection { db in
                try await db.select().column("person_key").from("subject_candidates").where("report_id", .equal, report.id).all()
                    .map { try $0.decode(column: "person_key", as: String.self) }
            }
            #expect(stored.count == 1 && !stored[0].contains(ReportRecusalTests.wangJianguo))
            try await s.reports.reviewSubject(reportID: report.id, confirm: candidates[0].personID, by: s.zhao)
            #expect(try await s.clues.get(clueID, for: s.zhao).subjectIDNumber == ReportRecusalTests.wangJianguo)
            #expect(try await s.clues.clues(about: ReportRecusalTests.wangJianguo, for: s.zhao).map(\.id) == [clueID])
            #expect(try await s.clues.clues(about: ReportRecusalTests.wangJianguo, for: s.wang).isEmpty)
            let row = try await Self.row(test, report.id)
            #expect(try row.decode(column: "subject_id_number", as: String?.self) == nil)
        }
    }

    /// Rows written before migration 13 (subject in the clear, candidates by registry row) are
    /// moved at start-up: sealed, indexed, candidates re-keyed — and recusal holds throughout.
    @Test(arguments: TestBackend.available)
    func legacyPlaintextSubjectsAreSealedAtStartUp(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let s = try await ReportRecusalTests.setup(test)
            let report = try await Self.report(s, name: "王建国", unit: "县财政局", post: "局长")
            let clueID = try await s.clues.open(fromReport: report.id, by: s.zhao)
            // Turn the rows back into what a session-11 database holds.
            try await test.database.withConnection { db in
                try await db.raw("""
                    UPDATE reports SET subject_name = '王建国', subject_unit = '县财政局', subject_post = '局长', sealed_subject = NULL, \
                    subject_name_key = NULL, subject_unit_key = NULL, subject_id_key = NULL, subject_unit_code = NULL WHERE id = \(bind: report.id)
                    """).run()
                try await db.raw("""
                    UPDATE clues SET subject_name = '王建国', subject_unit = '县财政局', subject_post = '局长', subject_report_id = NULL, \
                    unit_code = NULL WHERE id = \(bind: clueID)
                    """).run()
                try await db.raw("DELETE FROM subject_candidates").run()
                try await db.raw("""
                    INSERT INTO report_subject_candidates (report_id, person_id, basis) \
                    SELECT \(bind: report.id), id, 'name_unit' FROM people WHERE id_number = \(bind: ReportRecusalTests.wangJianguo)
                    """).run()
            }
            #expect(try await s.clues.get(clueID, for: s.zhao).subjectName == "王建国", "legacy rows still read")
            let result = try await s.reports.sealLegacySubjects()
            #expect(result.clues == 1 && result.reportsSealed == 1 && result.candidatesMoved == 1 && result.reportsIndexedOnly == 0)
            let row = try await Self.row(test, report.id)
            #expect(try row.decode(column: "subject_name", as: String.self).isEmpty)
            #expect(try row.decode(column: "sealed_subject", as: String?.self) != nil)
            #expect(try row.decode(column: "subject_unit_code", as: String?.self) == "360426002")
            #expect(try await s.reports.detail(report.id).subjectPost == "局长")
            #expect(try await s.clues.get(clueID, for: s.zhao).subjectName == "王建国")
            #expect(try await s.clues.get(clueID, for: s.zhao).unitCode == "360426002")
            // Still hidden from the person it may be about.
            #expect(try await s.reports.isAbout(report.id, principal: s.wang))
            await #expect(throws: RecordNotFound.self) { try await s.clues.get(clueID, for: s.wang) }
            let leftover = try await test.database.withConnection { db in
                try await db.select().column("id").from("report_subject_candidates").all().count
            }
            #expect(leftover == 0)
            // A second start finds nothing to do.
            #expect(try await s.reports.sealLegacySubjects() == ReportStore.LegacySubjectsResult())
        }
    }
}
