import Foundation
import SQLKit
import SunlightDemo
import SunlightImport
import SunlightRules
import SunlightStorage
import SunlightTestSupport
import Testing

/// The synthetic county end to end: generate, import every dataset, scan, and hold each rule to
/// the county's truth file — every planted case found, no near-miss flagged.
@Suite("Demo county: every rule finds its planted cases")
struct DemoCountyScanTests {
    struct TruthLine: Decodable {
        let rule: String
        let subject: String
        let expect: String
        let note: String?
    }

    /// Generates the small county into the test directory and imports it.
    static func load(_ test: TestDatabase, seed: UInt64 = 7) async throws -> [TruthLine] {
        let directory = test.directory.appendingPathComponent("demo")
        try DemoGenerator.generate(size: .small, seed: seed, to: directory)
        let reports = try await DirectoryImport(importer: Importer(recorder: test.recorder)).run(directory, by: .system("test"))
        for report in reports {
            #expect(report.status == .committed,
                    "\(report.dataset): \(report.errors.prefix(5).map(\.reportLine)) \(String(describing: report.fileError))")
        }
        #expect(reports.count == 16)
        let lines = try String(contentsOf: directory.appendingPathComponent("truth.jsonl"), encoding: .utf8)
            .split(separator: "\n").dropFirst()
        return try lines.map { try JSONDecoder().decode(TruthLine.self, from: Data($0.utf8)) }
    }

    static func scan(_ test: TestDatabase, save: Bool = true) async throws -> ScanOutcome {
        try await ScanService(recorder: test.recorder).run(ScanRequest(asOf: DemoGenerator.asOf, save: save), by: .system("test"))
    }

    @Test(arguments: TestBackend.available)
    func everyRuleFindsItsPlantedCasesAndNoNearMiss(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let truth = try await Self.load(test)
            let outcome = try await Self.scan(test)
            var found: Set<String> = []
            // The synthetic county publishes no OCDS: Cardinal's indicators are held to Cardinal's
            // own fixtures (CardinalFixtureTests) and the real samples (OCDSImportTests) instead.
            for result in outcome.results where !Self.isCardinal(result.code) {
                #expect(result.status == .computed, "\(result.code) was not computable: \(result.status)")
                for finding in result.findings { found.insert(finding.rule + " " + finding.subject) }
            }
            let engineRules = Set(RuleCatalog.all.map(\.code).filter { !Self.isCardinal($0) })
            let relevant = truth.filter { engineRules.contains($0.rule) }
            for rule in engineRules.sorted() {
                #expect(relevant.contains { $0.rule == rule && $0.expect == "flag" }, "no planted case for \(rule)")
                #expect(relevant.contains { $0.rule == rule && $0.expect == "clear" }, "no near-miss for \(rule)")
            }
            for line in relevant {
                let hit = found.contains(line.rule + " " + line.subject)
                if line.expect == "flag" {
                    #expect(hit, "planted case missed: \(line.rule) \(line.subject) (\(line.note ?? ""))")
                } else {
                    #expect(!hit, "near-miss flagged: \(line.rule) \(line.subject) (\(line.note ?? ""))")
                }
            }
            // Everything was kept: one current finding per (rule, subject), placed where it can be.
            let stored = try await FindingStore(recorder: test.recorder).list(FindingQuery(perPage: 1), reach: .everywhere)
            #expect(stored.total == found.count)
        }
    }

    static func isCardinal(_ code: String) -> Bool { RuleCatalog.rule(code: code) is CardinalIndicatorRule }

    /// The same data gives byte-identical findings on SQLite and PostgreSQL.
    @Test(.enabled(if: TestBackend.available.contains(.postgres)))
    func sqliteAndPostgresGiveIdenticalFindings() async throws {
        var outputs: [[String]] = []
        for backend in [TestBackend.sqlite, .postgres] {
            try await TestDatabase.with(backend) { test async throws in
                _ = try await Self.load(test)
                let outcome = try await Self.scan(test, save: false)
                outputs.append(outcome.results.flatMap { $0.findings.map { $0.jsonLine() } })
            }
        }
        #expect(outputs[0].count > 50)
        #expect(outputs[0] == outputs[1])
    }

    /// A scan that fails while saving leaves the previous scan's findings and reviews as they were.
    @Test func anInterruptedScanLeavesThePreviousFindingsIntact() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            _ = try await Self.load(test)
            _ = try await Self.scan(test)
            let store = FindingStore(recorder: test.recorder)
            let before = try await store.list(FindingQuery(perPage: 500), reach: .everywhere)
            let first = try #require(before.items.first)
            _ = try await store.review(id: first.id, action: .dismiss, reason: "核实无误 checked", by: .system("inspector"))
            // Change the data, so a later scan would change the findings…
            try await test.database.withConnection { db in try await db.delete(from: "deaths").run() }
            let failing = ScanService(recorder: Recorder(database: test.database, sink: FailingSink()))
            await #expect(throws: FailingSink.Failure.self) {
                _ = try await failing.run(ScanRequest(asOf: DemoGenerator.asOf), by: .system("test"))
            }
            // …but this one failed while saving, so nothing changed.
            let after = try await store.list(FindingQuery(perPage: 500), reach: .everywhere)
            #expect(after.total == before.total)
            #expect(try await store.get(id: first.id, reach: .everywhere)?.status == .dismissed)
            let scans = try await test.database.withConnection { db in
                try await db.select().column("id").from("scan_runs").all().count
            }
            #expect(scans == 1)
        }
    }

    struct FailingSink: ChangeSink {
        struct Failure: Error {}
        func append(_ changes: [Change], on db: any SQLDatabase) async throws { throw Failure() }
    }
}
