import Foundation
import Testing
@testable import SunlightProcurement

/// The stored form of a process (`StoredProcess`) must give the indicators exactly what reading
/// the file gave: a scan over the database is a scan over the file.
@Suite struct StoredProcessTests {
    @Test(arguments: Fixtures.cardinalNames)
    func storedProcessesGiveTheSameIndicators(_ name: String) throws {
        let settings = try CardinalSettings.parse(Fixtures.settingsText(for: name, compat: true))
        let data = try Data(contentsOf: Fixtures.jsonl(name))
        var options = ReadOptions(threads: 1)
        options.moveAuctions = settings.modifications?.moveAuctions ?? false
        let (processes, _) = try OCDSReader(options: options).readAll(data: data)
        let stored = try processes.map { try StoredProcess.decode(StoredProcess.encode($0)) }
        var direct = IndicatorEngine(settings: settings, collectMaps: true)
        direct.add(processes)
        var roundTripped = IndicatorEngine(settings: settings, collectMaps: true)
        roundTripped.add(stored)
        let a = try direct.finish(), b = try roundTripped.finish()
        #expect(a.cardinalJSON(includeMaps: true) == b.cardinalJSON(includeMaps: true))
        // Canonical: encoding the decoded process gives the same bytes again.
        for (p, q) in zip(processes, stored) { #expect(try StoredProcess.encode(p) == StoredProcess.encode(q)) }
    }

    @Test func numbersKeepTheirExactValueAndLiteralKind() throws {
        for text in ["100", "100.0", "-0.10", "1e3", "12345678901234567890.123", "0"] {
            let amount = try #require(Amount(text))
            let back = try JSONDecoder().decode(Amount.self, from: JSONEncoder().encode(amount))
            #expect(back.exact == amount.exact, "\(text)")
            #expect(back.isIntegerLiteral == amount.isIntegerLiteral, "\(text)")
            #expect(back.value == amount.value, "\(text)")
        }
    }

    @Test func datesKeepTheirPublishedText() throws {
        let date = OCDSDate(raw: "2025-03-07 09:05")
        let back = try JSONDecoder().decode(OCDSDate.self, from: JSONEncoder().encode(date))
        #expect(back.raw == "2025-03-07 09:05")
        #expect(back.instant == date.instant)
        #expect(date.instant != nil)
    }
}
