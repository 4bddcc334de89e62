import Foundation
import SunlightDemo
import SunlightRules
@testable import SunlightStorage
import SunlightTestSupport
import Testing

/// The scan's loader reads SQLite rows in place (`SQLiteRawStoredRow`); through SQLiteNIO it
/// must have read the same rows, fingerprints and findings.
@Suite("Scan loading")
struct SupervisionLoaderTests {
    @Test func rowsReadInPlaceAreTheRowsSQLiteNIOReads() async throws {
        try await TestDatabase.with { test async throws in
            _ = try await DemoCountyScanTests.load(test)
            let loader = SupervisionLoader(database: test.database)
            let raw = try await loader.load(rawRows: true)
            let nio = try await loader.load(rawRows: false)
            #expect(raw.fingerprints == nio.fingerprints)
            #expect(raw.rowCounts == nio.rowCounts)
            #expect(raw.rowCounts["benefits", default: 0] > 0)
            let context = RuleContext(asOf: DemoGenerator.asOf)
            func findings(_ loaded: LoadedSupervisionData) -> [String] {
                RuleScanner().scan(data: loaded.data, context: context).flatMap { result in
                    ["\(result.code) \(result.status) \(result.flagged) \(result.clear) \(result.notComputable)"]
                        + result.findings.map { "\($0.rule) \($0.subject) \($0.evidence)" }
                }
            }
            let rawFindings = findings(raw)
            #expect(rawFindings.count > RuleCatalog.all.count)
            #expect(rawFindings == findings(nio))
        }
    }
}
