import Foundation
import Testing
@testable import SunlightProcurement

@Suite struct BenchAndDifferencesTests {
    @Test func benchReportsBytesProcessesAndTimes() throws {
        let figures = try ProcurementBench.run(file: Fixtures.jsonl("R024"))
        let size = try FileManager.default.attributesOfItem(atPath: Fixtures.jsonl("R024").path)[.size] as? Int
        #expect(figures.bytes == size)
        #expect(figures.processes == 22)
        #expect(figures.totalSeconds >= figures.indicatorSeconds)
        #expect(figures.readSeconds >= 0 && figures.indicatorSeconds >= 0)
        #expect(figures.megabytesPerSecond > 0)
        #expect(figures.description.contains("22 processes"))
    }

    @Test func cardinalRunReadsAndComputes() throws {
        var settings = try CardinalSettings.parse(Fixtures.settingsText(for: "R035", compat: true))
        settings.cardinalCompat = true
        let (results, read) = try CardinalRun.run(file: Fixtures.jsonl("R035"), settings: settings)
        #expect(read.processes == 12)
        #expect(results.value(.ocid, "F2", .r035) == 2)
        #expect(results.cardinalCompat)
    }

    @Test func differencesAreDocumentedInBothLanguages() {
        let ids = Differences.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for d in Differences.all {
            #expect(!d.titleZh.isEmpty && !d.titleEn.isEmpty && !d.cardinalZh.isEmpty && !d.cardinalEn.isEmpty
                    && !d.sunlightZh.isEmpty && !d.sunlightEn.isEmpty, "\(d.id)")
        }
        for id in ["r030-instants", "currency-fixed", "r038-minimum-processes", "r048-degenerate-fence", "tri-state"] {
            #expect(Differences.difference(id) != nil, "\(id)")
        }
        #expect(Differences.affecting(.r030).map(\.id).contains("r030-instants"))
        #expect(Differences.all.filter { $0.scope == .sunlightModeOnly }.allSatisfy { !$0.indicators.isEmpty })
    }

    @Test func indicatorTitlesAndGroups() {
        for code in IndicatorCode.allCases {
            #expect(!code.titleZh.isEmpty && !code.titleEn.isEmpty && !code.groups.isEmpty)
        }
        #expect(IndicatorCode.r038.groups == [.buyer, .procuringEntity, .tenderer])
    }
}
