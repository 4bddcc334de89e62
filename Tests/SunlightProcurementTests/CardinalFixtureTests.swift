import Foundation
import Testing
@testable import SunlightProcurement

/// Cardinal 0.0.8's own indicator fixtures, reproduced exactly under `cardinal_compat = true`,
/// with the settings Cardinal's test harness derives from each file name.
@Suite struct CardinalFixtureTests {
    @Test func fixturesArePresent() {
        #expect(Fixtures.cardinalNames.count == 15, "\(Fixtures.cardinal.path)")
    }

    @Test(arguments: Fixtures.cardinalNames)
    func reproducesCardinal(_ name: String) throws {
        let settings = try CardinalSettings.parse(Fixtures.settingsText(for: name, compat: true))
        let data = try Data(contentsOf: Fixtures.jsonl(name))
        let results = try runIndicators(data, settings: settings)
        let expected = try resultTable(String(contentsOf: Fixtures.expected(name), encoding: .utf8))
        let actual = try resultTable(results.cardinalJSON(includeMeta: false))
        #expect(actual == expected, "\(name): \(results.cardinalJSON(includeMeta: false))")
    }

    /// Sunlight's corrected mode gives the same answer on every fixture but R038's, where
    /// Cardinal counts bids against a minimum documented as contracting processes.
    @Test(arguments: Fixtures.cardinalNames)
    func sunlightModeAgreesExceptR038(_ name: String) throws {
        let settings = try CardinalSettings.parse(Fixtures.settingsText(for: name, compat: false))
        let data = try Data(contentsOf: Fixtures.jsonl(name))
        let results = try runIndicators(data, settings: settings)
        let expected = try resultTable(String(contentsOf: Fixtures.expected(name), encoding: .utf8))
        let actual = try resultTable(results.cardinalJSON(includeMeta: false))
        if name == "R038" {
            // Buyer B and procuring entity P each have one (non-cancelled) process: below the
            // minimum of two processes, so the population is empty.
            #expect(actual == [:])
            #expect(results.summary(.r038)?.state == .notComputable(.emptyPopulation))
        } else {
            #expect(actual == expected, "\(name): \(results.cardinalJSON(includeMeta: false))")
        }
    }
}
