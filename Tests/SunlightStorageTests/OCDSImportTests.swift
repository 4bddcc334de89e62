import Foundation
import SQLKit
import SunlightDomain
import SunlightImport
import SunlightProcurement
import SunlightRules
import SunlightStorage
import SunlightTestSupport
import Testing

/// `sunlight import ocds` and the scans over what it stored: the real samples import, re-import
/// unchanged, and give the same Cardinal results from the database as from the files.
@Suite("OCDS import and scan")
struct OCDSImportTests {
    static func importSamples(_ test: TestDatabase) async throws -> [ImportReport] {
        let importer = OCDSImporter(recorder: test.recorder)
        var reports: [ImportReport] = []
        for file in try Fixtures.ocdsSamples() {
            reports.append(try await importer.run(file: file, by: .system("test")))
        }
        return reports
    }

    /// The samples read straight from the files, in the same order.
    static func fileProcesses() throws -> [ContractingProcess] {
        var all: [ContractingProcess] = []
        for file in try Fixtures.ocdsSamples() {
            all += try OCDSReader(options: ReadOptions(threads: 1)).readAll(file: file).0
        }
        return all
    }

    @Test(arguments: TestBackend.available)
    func realSamplesImportIdempotentlyAndScanAsTheFilesDo(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let files = try Fixtures.ocdsSamples()
            #expect(files.count > 50)
            let first = try await Self.importSamples(test)
            #expect(first.allSatisfy { $0.status == .committed })
            let expected = try Self.fileProcesses()
            #expect(first.reduce(0) { $0 + $1.inserted } == Set(expected.map(\.ocid)).count)
            let again = try await Self.importSamples(test)
            #expect(again.allSatisfy { $0.inserted == 0 && $0.updated == 0 && $0.unchanged == $0.rowsRead })

            // Cardinal's output from the database equals Cardinal's output from the files.
            let stored = try await OCDSProcessStore.processes(in: test.database)
            var fromDatabase = IndicatorEngine(settings: CardinalSettings())
            fromDatabase.add(stored)
            var fromFiles = IndicatorEngine(settings: CardinalSettings())
            fromFiles.add(expected)
            let cardinal = try fromFiles.finish().cardinalJSON()
            #expect(try fromDatabase.finish().cardinalJSON() == cardinal)
            #expect(cardinal.contains("\"R003\":1.0"))

            // The scan's R-rule findings are Cardinal's flagged processes.
            let outcome = try await ScanService(recorder: test.recorder)
                .run(ScanRequest(asOf: LocalDateFixture.day, rules: ["R003", "R018"]), by: .system("test"))
            var engine = IndicatorEngine(settings: CardinalSettings())
            engine.add(expected)
            let results = try engine.finish()
            for result in outcome.results {
                let code = try #require(IndicatorCode(rawValue: result.code))
                let flagged = results.results(.ocid).filter { $0.values[code] != nil }.map(\.id).sorted()
                #expect(result.findings.map(\.subject) == flagged.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
                #expect(!flagged.isEmpty)
            }
            let stats = try await FindingStore(recorder: test.recorder).list(FindingQuery(rule: "R003", perPage: 500), reach: .everywhere)
            #expect(stats.total == outcome.results.first { $0.code == "R003" }?.findings.count)
        }
    }

    @Test(arguments: TestBackend.available)
    func anInvalidLineRejectsTheFileWithItsLineUnlessSkipped(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let file = test.directory.appendingPathComponent("bad.jsonl")
            try """
            {"ocid":"ocds-x-1","tender":{"id":"1"}}
            {"ocid":"ocds-x-2", "tender": {
            {"ocid":"ocds-x-3","tender":{"id":"3"}}

            """.write(to: file, atomically: true, encoding: .utf8)
            let importer = OCDSImporter(recorder: test.recorder)
            let rejected = try await importer.run(file: file, by: .system("test"))
            #expect(rejected.status == .rejected)
            #expect(rejected.fileError?.line == 2)
            #expect(rejected.fileError?.code == "ocds.invalidJSON")
            #expect(try await OCDSProcessStore.count(in: test.database) == 0)

            let skipped = try await importer.run(file: file, options: ImportOptions(skipInvalid: true), by: .system("test"))
            #expect(skipped.status == .committedWithRejects)
            #expect(skipped.inserted == 2)
            #expect(skipped.errors.map(\.line) == [2])
            #expect(try await OCDSProcessStore.count(in: test.database) == 2)

            let notOCDS = test.directory.appendingPathComponent("other.json")
            try #"{"name": "not a release", "items": [1, 2]}"#.write(to: notOCDS, atomically: true, encoding: .utf8)
            let wrong = try await importer.run(file: notOCDS, options: ImportOptions(skipInvalid: true), by: .system("test"))
            #expect(wrong.status == .rejected)
            #expect(wrong.fileError?.code == "ocds.notOCDS")

            // Every stored process is in the ledger, and the ledger still verifies.
            let report = try await LedgerVerifier(ledger: test.ledger).verify()
            #expect(report.isValid, "\(report.problems)")
            let entries = try await test.database.withConnection { db in
                try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("ledger_entries")
                    .where("object_type", .equal, "ocds_processes").first()?.decode(column: "n", as: Int.self)
            }
            #expect(entries == 2)

            // A process edited, or one added, with raw SQL is caught by `verify`.
            try await test.database.withConnection { db in
                try await db.raw("UPDATE ocds_processes SET process = process || ' ' WHERE ocid = 'ocds-x-3'").run()
                try await db.raw("""
                    INSERT INTO ocds_processes (ocid, process, record_hash, created_at, updated_at)
                    VALUES ('ocds-x-9', '{}', 'x', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
                    """).run()
            }
            let tampered = try await LedgerVerifier(ledger: test.ledger).verify()
            #expect(tampered.problems.contains { $0.contains("ocds-x-3") && $0.contains("edited outside Sunlight") }, "\(tampered.problems)")
            #expect(tampered.problems.contains { $0.contains("ocds-x-9") && $0.contains("inserted outside Sunlight") })
            #expect(tampered.problems.count == 2)

            // A scan refuses rows it cannot read rather than call them clear.
            try await test.database.withConnection { db in
                try await db.raw("UPDATE ocds_processes SET process = 'not json' WHERE ocid = 'ocds-x-9'").run()
            }
            await #expect(throws: UnreadableRowsError(table: "ocds_processes", count: 1)) {
                try await ScanService(recorder: test.recorder).run(ScanRequest(asOf: LocalDateFixture.day, save: false), by: .system("test"))
            }
        }
    }
}

enum LocalDateFixture {
    static let day = LocalDate(year: 2026, month: 3, day: 31)!
}
