import Foundation
import SQLKit
import SunlightContract
import SunlightRegime
import SunlightReports
import SunlightStorage
import SunlightTestSupport
import Testing

@Suite("Reports are sealed at rest and followed with the receipt code")
struct ReportStoreTests {
    static func store(_ test: TestDatabase) async throws -> ReportStore {
        let vault = try await ReportVault.prepare(database: test.database, keyDirectory: test.directory.appendingPathComponent("keys"),
                                                  uploads: test.directory.appendingPathComponent("uploads"), ledgerKeys: test.ledger.keys, cost: .fast)
        return ReportStore(recorder: test.recorder, vault: vault)
    }

    static let inspector = Principal(userID: 2, username: "wang", role: .inspector, unitCode: nil)
    static let chief = Principal(userID: 3, username: "zhao", role: .inspector, unitCode: nil)

    /// Every byte of the database file(s) and every upload, as one blob to grep.
    static func rawBytes(_ test: TestDatabase) throws -> Data {
        var all = Data()
        let enumerator = FileManager.default.enumerator(at: test.directory, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if url.path.contains("/keys/") { continue }   // the office key file lives elsewhere in production
            if let data = try? Data(contentsOf: url) { all.append(data) }
        }
        return all
    }

    @Test(arguments: TestBackend.available)
    func aPlantedSentenceIsNowhereInTheDatabaseOrUploads(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let store = try await Self.store(test)
            let sentence = "城关镇书记周某某收受承包商红包八万元藏于办公室铁皮柜"
            let secretName = "举报人欧阳春花"
            let fileText = "附件里的秘密：财政局账外账存放在二楼档案室"
            let submitted = try await store.submit(
                ReportSubmission(anonymous: false, reporterName: secretName, reporterPhone: "13912345678", contact: "城关镇幸福路十八号",
                                 subjectName: "周某某", subjectUnit: "城关镇", subjectPost: "党委书记", text: sentence, when: "2025年春节前"),
                channel: .portal, type: .accusation,
                files: [IncomingFile(name: "账外账线索.txt", contentType: "text/plain", data: Data(fileText.utf8))],
                issueReceipt: true, by: ReportStore.publicPortal)
            let receipt = try #require(submitted.receipt)
            _ = try await store.addFromReporter(receipt, text: "补充：红包在腊月二十八送出")
            if backend == .sqlite {
                // Force the WAL into the main file too, then grep every byte on disk.
                try await test.database.withConnection { db in try await db.raw("PRAGMA wal_checkpoint(TRUNCATE)").run() }
                let raw = try Self.rawBytes(test)
                for secret in [sentence, secretName, "13912345678", "幸福路", fileText, "账外账线索", "腊月二十八", receipt.digits,
                               "周某某", "党委书记", "城关镇"] {
                    #expect(raw.range(of: Data(secret.utf8)) == nil, "found in the clear: \(secret)")
                }
            } else {
                // PostgreSQL's files are not ours to read: check every text column instead.
                let dump = try await test.database.withConnection { db in
                    try await db.raw("SELECT row_to_json(r)::text AS j FROM reports r UNION ALL SELECT row_to_json(m)::text FROM report_messages m UNION ALL SELECT row_to_json(f)::text FROM report_files f UNION ALL SELECT row_to_json(l)::text FROM ledger_entries l")
                        .all().map { try $0.decode(column: "j", as: String.self) }.joined()
                }
                for secret in [sentence, secretName, "13912345678", "幸福路", "账外账线索", "腊月二十八", receipt.digits,
                               "周某某", "党委书记", "城关镇"] {
                    #expect(!dump.contains(secret), "found in the clear: \(secret)")
                }
                let uploads = try Self.rawBytes(test)
                #expect(uploads.range(of: Data(fileText.utf8)) == nil)
            }
            // …and the office key opens it all.
            let detail = try await store.detail(submitted.id)
            #expect(detail.text == sentence && detail.when == "2025年春节前" && detail.subjectName == "周某某")
            #expect(detail.messages.map(\.text) == ["补充：红包在腊月二十八送出"])
            let file = try #require(try await store.file(detail.files[0].id, reportID: submitted.id))
            #expect(file.0.name == "账外账线索.txt" && String(decoding: file.1, as: UTF8.self) == fileText)
        }
    }

    @Test(arguments: TestBackend.available)
    func theReceiptCodeFollowsTheReportAndAWrongOneFindsNothing(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let store = try await Self.store(test)
            let submitted = try await store.submit(ReportSubmission(subjectName: "李四", subjectUnit: "交通局", text: "交通局李四在工程验收中收受好处"),
                                                   channel: .portal, type: .accusation, issueReceipt: true, by: ReportStore.publicPortal)
            let receipt = try #require(submitted.receipt)
            var view = try #require(try await store.follow(receipt))
            #expect(view.reference == submitted.reference && view.status == .received && view.messages.isEmpty)
            try await store.reply(reportID: submitted.id, text: "请补充具体时间和工程名称", by: Self.inspector)
            #expect(try await store.addFromReporter(receipt, text: "2024年5月，城南道路工程"))
            view = try #require(try await store.follow(receipt))
            #expect(view.messages.map(\.author) == [.handler, .reporter])
            #expect(view.messages.map(\.text) == ["请补充具体时间和工程名称", "2024年5月，城南道路工程"])
            var wrong = Array(receipt.digits)
            wrong[15] = wrong[15] == "9" ? "8" : "9"
            #expect(try await store.follow(ReceiptCode(String(wrong))!) == nil)
            #expect(try await store.addFromReporter(ReceiptCode(String(wrong))!, text: "x") == false)
            // Ledger: received, handler replied, reporter added — hashes and steps only.
            let steps = try await test.database.withConnection { db in
                try await db.select().column("details").from("ledger_entries").where("object_type", .equal, "reports").orderBy("seq").all()
                    .map { try $0.decode(column: "details", as: String.self) }
            }
            #expect(steps.count == 3 && steps[0].contains("\"received\"") && steps[2].contains("reporter_added"))
        }
    }

    @Test func badInputWritesNothing() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            let store = try await Self.store(test)
            await #expect(throws: ReportInputError.self) {
                _ = try await store.submit(ReportSubmission(text: "太短"), channel: .portal, type: .accusation, issueReceipt: true,
                                           by: ReportStore.publicPortal)
            }
            let tooMany = (0..<6).map { IncomingFile(name: "\($0).txt", contentType: "text/plain", data: Data("x".utf8)) }
            await #expect(throws: ReportError.self) {
                _ = try await store.submit(ReportSubmission(subjectName: "李四", text: "交通局李四在工程验收中收受好处"), channel: .portal,
                                           type: .accusation, files: tooMany, issueReceipt: true, by: ReportStore.publicPortal)
            }
            let count = try await test.database.withConnection { db in
                try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("reports").first()!.decode(column: "n", as: Int.self)
            }
            #expect(count == 0)
            let uploads = try FileManager.default.contentsOfDirectory(atPath: test.directory.appendingPathComponent("uploads").path)
            #expect(uploads.isEmpty)
        }
    }

    @Test func seeingTheReporterNeedsASecondPersonAndIsLogged() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            let store = try await Self.store(test)
            let submitted = try await store.submit(
                ReportSubmission(anonymous: false, reporterName: "张三", reporterPhone: "13800000000", subjectName: "李四",
                                 text: "交通局李四在工程验收中收受好处"),
                channel: .letter, type: .accusation, issueReceipt: false, by: Self.inspector)
            #expect(submitted.receipt == nil)
            await #expect(throws: ReportError.self) { _ = try await store.revealIdentity(reportID: submitted.id, by: Self.inspector) }
            let request = try await store.requestIdentity(reportID: submitted.id, reason: "需核实举报人身份以便约谈", by: Self.inspector)
            await #expect(throws: ReportError.self) { try await store.decideIdentity(requestID: request, ofReport: submitted.id, approve: true, by: Self.inspector) }
            try await store.decideIdentity(requestID: request, ofReport: submitted.id, approve: true, by: Self.chief)
            // The approver did not ask: they still cannot look.
            await #expect(throws: ReportError.self) { _ = try await store.revealIdentity(reportID: submitted.id, by: Self.chief) }
            let identity = try #require(try await store.revealIdentity(reportID: submitted.id, by: Self.inspector))
            #expect(identity.name == "张三" && identity.phone == "13800000000")
            let viewed = try await test.database.withConnection { db in
                try await db.select().column("actor").from("ledger_entries").where("action", .equal, "identity").all().count
            }
            #expect(viewed == 3)   // requested, approved, viewed
        }
    }

    @Test func anotherInstallationsKeyCannotOpenReports() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            let store = try await Self.store(test)
            let submitted = try await store.submit(ReportSubmission(subjectName: "李四", text: "交通局李四在工程验收中收受好处"),
                                                   channel: .portal, type: .accusation, issueReceipt: true, by: ReportStore.publicPortal)
            let stranger = try await ReportVault.prepare(database: test.database, keyDirectory: test.directory.appendingPathComponent("other-keys"),
                                                         uploads: test.directory.appendingPathComponent("uploads"), ledgerKeys: test.ledger.keys, cost: .fast)
            let other = ReportStore(recorder: test.recorder, vault: stranger)
            await #expect(throws: ReportError.self) { _ = try await other.detail(submitted.id) }
        }
    }
}
