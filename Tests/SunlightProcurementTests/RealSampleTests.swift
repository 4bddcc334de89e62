import Foundation
import Testing
@testable import SunlightProcurement

/// The real OCDS samples (Ukraine's Prozorro, Moldova's MTender): pretty-printed single records
/// and releases, as published.
@Suite struct RealSampleTests {
    static func files(_ country: String, _ kind: String) -> [URL] {
        let dir = Fixtures.ocds.appendingPathComponent(country).appendingPathComponent(kind)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { dir.appendingPathComponent($0) }
    }

    static let all = ["ukraine", "moldova"].flatMap { c in ["records", "releases"].flatMap { files(c, $0) } }

    @Test func samplesArePresent() {
        #expect(Self.files("ukraine", "records").count == 11)
        #expect(Self.files("ukraine", "releases").count == 11)
        #expect(Self.files("moldova", "records").count == 51)
        #expect(Self.files("moldova", "releases").count == 51)
    }

    @Test func everySampleReadsAsOneProcess() throws {
        var bids = 0
        var awards = 0
        var parties = 0
        for url in Self.all {
            let (processes, summary) = try OCDSReader().readAll(file: url)
            #expect(summary.layout == .document, "\(url.lastPathComponent)")
            #expect(processes.count == 1, "\(url.lastPathComponent)")
            let p = try #require(processes.first)
            #expect(p.ocid.hasPrefix("ocds-be6bcu-UA-") || p.ocid.hasPrefix("ocds-ngfbwp-"))
            #expect(url.lastPathComponent.hasPrefix(p.ocid))
            #expect(p.buyer?.id != nil || p.ocid.hasPrefix("ocds-be6bcu"))
            bids += p.bids?.count ?? 0
            awards += p.awards?.count ?? 0
            parties += p.parties.count
        }
        #expect(bids == 24)      // 12 in the Ukrainian records' compiled releases, 12 in their releases
        #expect(awards > 40)
        #expect(parties > 100)
    }

    @Test func ukrainianRecordHasBidsTenderersAndDates() throws {
        let url = Self.files("ukraine", "records").first { $0.lastPathComponent.hasPrefix("ocds-be6bcu-UA-2016-06-08-000504-c") }!
        let (processes, _) = try OCDSReader().readAll(file: url)
        let p = try #require(processes.first)
        #expect(p.bids?.count == 5)
        // Prozorro (2016) writes bid status "active" and identifies tenderers by `identifier`
        // only, without `id`: Cardinal's `prepare` would report both.
        #expect(p.bids?.allSatisfy { $0.status == "active" && $0.tenderers?.count == 1 } == true)
        #expect(p.bids?.compactMap(\.value?.currency).allSatisfy { $0 == "UAH" } == true)
        #expect(p.tender?.tenderPeriodEnd?.instant != nil)
        #expect(p.tender?.procuringEntity?.id != nil)
    }

    /// A record's embedded releases, compiled by Sunlight, agree with the publisher's own
    /// compiled release on everything the indicators read.
    @Test(arguments: RealSampleTests.files("ukraine", "records") + RealSampleTests.files("moldova", "records").prefix(10))
    func compilingReleasesMatchesThePublishersCompiledRelease(_ url: URL) throws {
        let data = try Data(contentsOf: url)
        let (published, _) = try OCDSReader().readAll(data: data)
        guard case let .object(members) = try JSONValue.parse(String(decoding: data, as: UTF8.self)) else {
            Issue.record("not an object")
            return
        }
        let withoutCompiled = JSONValue.object(members.filter { $0.key != "compiledRelease" && $0.key != "versionedRelease" })
        // These records lack `ocid`, so the reader sees a package of one release: same result.
        let (compiled, _) = try OCDSReader().readAll(data: Data(withoutCompiled.jsonText.utf8))
        let a = try #require(published.first)
        let b = try #require(compiled.first)
        #expect(a.ocid == b.ocid)
        #expect(a.buyer == b.buyer)
        #expect(a.tender?.status == b.tender?.status)
        #expect(a.tender?.tenderPeriodEnd == b.tender?.tenderPeriodEnd)
        #expect(a.bids?.map(\.id) == b.bids?.map(\.id))
        #expect(a.awards?.map(\.status) == b.awards?.map(\.status))
        #expect(a.parties.map(\.id) == b.parties.map(\.id))
    }

    @Test func indicatorsRunOverTheSamples() throws {
        // One JSON Lines file of every sample, compacted.
        var lines: [String] = []
        for url in Self.all {
            lines.append(try JSONValue.parse(String(contentsOf: url, encoding: .utf8)).jsonText)
        }
        let results = try runIndicators(Data(lines.joined(separator: "\n").utf8), settings: CardinalSettings(),
                                        readOptions: ReadOptions(threads: 2))
        #expect(results.processes == 124)
        #expect(results.summaries.count == 11)
        // The samples have tender periods: R003 is judged for most processes.
        let r003 = try #require(results.summary(.r003))
        #expect(r003.flagged + r003.clear > 60)
        #expect(results.mainCurrency == "UAH")
        // Most samples have no awards or no bids: the bid indicators say so instead of staying silent.
        #expect(results.summary(.r024)?.state == .notComputable(.noEvaluableSubjects(.noAwards)))
        #expect(results.summary(.r028)?.skipped[.noBids] ?? 0 > 100)
        let compat = try runIndicators(Data(lines.joined(separator: "\n").utf8), settings: {
            var s = CardinalSettings()
            s.cardinalCompat = true
            return s
        }())
        #expect(compat.processes == 124)
    }
}
