import Foundation
import SQLKit
import SunlightContract
import SunlightImport
import SunlightStorage
import SunlightTestSupport
import Testing

@Suite("Importing government data")
struct GovernmentDataImportTests {
    static func write(_ text: String, _ name: String, in test: TestDatabase) throws -> URL {
        let url = test.directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    static func benefitRows(_ test: TestDatabase) async throws -> [String] {
        try await test.database.withConnection { db in
            try await db.select().columns("program", "period", "id_number", "amount").from("benefits")
                .orderBy("period").orderBy("id_number").orderBy("amount").all().map { row in
                    "\(try row.decode(column: "program", as: String.self)) \(try row.decode(column: "period", as: String.self)) "
                        + "\(try row.decode(column: "id_number", as: String.self)) \(try row.decode(column: "amount", as: Int64.self))"
                }
        }
    }

    /// The contract: importing a roll replaces it; the same person twice in a roll is kept; an
    /// ID failing its checksum is kept (it is evidence); re-importing is idempotent.
    @Test(arguments: TestBackend.available)
    func benefitRollsAreReplacedWholeAndKeepDoublePaymentsAndBadIDs(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let importer = Importer(recorder: test.recorder)
            let first = try Self.write("""
                项目,发放期间,身份证号,姓名,金额
                农村低保,2025-01,11010519491231002X,甲,300
                农村低保,2025-01,11010519491231002X,甲,300
                农村低保,2025-01,110105194912310021,乙,250.5
                农村低保,2025-02,11010519491231002X,甲,300
                """, "b1.csv", in: test)
            let report = try await importer.run(GovernmentData.benefits, file: first, by: .system())
            #expect(report.status == .committed, "\(report.errors.map(\.reportLine))")
            #expect(report.inserted == 4)
            #expect(try await Self.benefitRows(test) == [
                "农村低保 2025-01 110105194912310021 25050",
                "农村低保 2025-01 11010519491231002X 30000",
                "农村低保 2025-01 11010519491231002X 30000",
                "农村低保 2025-02 11010519491231002X 30000",
            ])

            let again = try await importer.run(GovernmentData.benefits, file: first, by: .system())
            #expect(again.inserted == 0 && again.updated == 0 && again.deleted == 0 && again.unchanged == 4)

            // A new January roll: one of the double payments and the bad ID are gone; February is untouched.
            let second = try Self.write("""
                program,period,id_number,name,amount
                农村低保,2025-01,11010519491231002X,甲,320
                """, "b2.csv", in: test)
            let replaced = try await importer.run(GovernmentData.benefits, file: second, by: .system())
            #expect(replaced.status == .committed)
            #expect(replaced.updated == 1 && replaced.deleted == 2 && replaced.inserted == 0)
            #expect(try await Self.benefitRows(test) == [
                "农村低保 2025-01 11010519491231002X 32000",
                "农村低保 2025-02 11010519491231002X 30000",
            ])
            let deletions = try await test.database.withConnection { db in
                try await db.select().column("seq").from("ledger_entries").where("object_type", .equal, "benefits")
                    .where("action", .equal, "delete").all().count
            }
            #expect(deletions == 2)
        }
    }

    /// A roll import replaces the roll for every village, so only county-wide roles may do it;
    /// evidence from other systems is never edited by hand.
    @Test func rollsAndGovernmentDataFollowTheirOwnAccessRules() {
        #expect(!AccessPolicy.allows(.unitOfficer, .importFile, on: GovernmentData.benefits))
        #expect(AccessPolicy.allows(.unitOfficer, .importFile, on: GovernmentData.payments))
        #expect(!AccessPolicy.allows(.unitOfficer, .read, on: GovernmentData.deaths))
        #expect(AccessPolicy.allows(.inspector, .importFile, on: GovernmentData.benefits))
        for dataset in GovernmentData.all {
            #expect(!AccessPolicy.allows(.admin, .write, on: dataset), "\(dataset.name) is import-only")
        }
    }

    @Test func invalidIDsAreKeptOnlyWhereTheContractSays() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            let importer = Importer(recorder: test.recorder)
            let payments = try Self.write("""
                voucher_no,unit_code,date,payee_name,payee_code,amount,approver_id_number
                JZ-1,360426002,2025/3/7,某公司,110105194912310021,"1,200.00",110105194902300028
                """, "p.csv", in: test)
            let paid = try await importer.run(GovernmentData.payments, file: payments, by: .system())
            #expect(paid.status == .committed, "\(paid.errors.map(\.reportLine))")
            let deaths = try Self.write("id_number,death_date\n110105194912310021,2025-01-03\n", "d.csv", in: test)
            let died = try await importer.run(GovernmentData.deaths, file: deaths, by: .system())
            #expect(died.status == .rejected && died.errors.first?.code == "id_number.checksum")
        }
    }

    @Test func budgetLinesNeedAProjectCodeOnlyForProjects() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            let file = try Self.write("""
                年度,单位编码,支出类别,预算金额
                2025,360426002,公务接待,50000
                2025,360426002,general,1000000
                """, "budgets.csv", in: test)
            let report = try await Importer(recorder: test.recorder).run(GovernmentData.budgets, file: file, by: .system())
            #expect(report.status == .committed && report.inserted == 2, "\(report.errors.map(\.reportLine)) \(String(describing: report.fileError))")
        }
    }
}
