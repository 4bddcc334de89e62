import Foundation
import Testing
@testable import SunlightProcurement

/// Each documented difference from Cardinal: Cardinal's answer under `cardinal_compat = true`,
/// Sunlight's by default.
@Suite struct SunlightModeTests {
    func settings(_ ini: String, compat: Bool) throws -> CardinalSettings {
        var s = try CardinalSettings.parse(ini)
        s.cardinalCompat = compat
        return s
    }

    func table(_ jsonl: String, _ ini: String, compat: Bool) throws -> ResultTable {
        try resultTable(runIndicators(jsonl, settings: settings(ini, compat: compat)).cardinalJSON(includeMeta: false))
    }

    @Test func r030ComparesInstantsNotStrings() throws {
        // 10:00 at UTC+8 is 02:00Z, before the 09:00Z deadline; as text "10" > "09".
        let data = """
        {"ocid":"offsets","tender":{"tenderPeriod":{"endDate":"2024-03-15T09:00:00Z"}},"bids":{"details":[{"status":"valid","date":"2024-03-15T10:00:00+08:00","tenderers":[{"id":"W"}]}]},"awards":[{"status":"active","suppliers":[{"id":"W"}]}]}
        {"ocid":"late","tender":{"tenderPeriod":{"endDate":"2024-03-15"}},"bids":{"details":[{"status":"valid","date":"2024-03-15T00:00:01+08:00","tenderers":[{"id":"L"}]}]},"awards":[{"status":"active","suppliers":[{"id":"L"}]}]}
        """
        #expect(try table(data, "[R030]", compat: true) == ["OCID": ["offsets": ["R030": 1]], "Tenderer": ["W": ["R030": 1]]]
                    .merging(["OCID": ["late": ["R030": 1]]]) { a, b in a.merging(b) { x, _ in x } }
                    .merging(["Tenderer": ["L": ["R030": 1]]]) { a, b in a.merging(b) { x, _ in x } })
        #expect(try table(data, "[R030]", compat: false) == ["OCID": ["late": ["R030": 1]], "Tenderer": ["L": ["R030": 1]]])
    }

    static let twoCurrencies = """
    {"ocid":"usd","bids":{"details":[{"status":"disqualified","value":{"amount":1,"currency":"USD"}},{"status":"valid","value":{"amount":2,"currency":"USD"}}]},"awards":[{"status":"active"}]}
    {"ocid":"cad","bids":{"details":[{"status":"disqualified","value":{"amount":1,"currency":"CAD"}},{"status":"valid","value":{"amount":2,"currency":"CAD"}}]},"awards":[{"status":"active"}]}
    """

    @Test func cardinalTakesTheFirstCurrencySeen() throws {
        #expect(try table(Self.twoCurrencies, "[R036]", compat: true) == ["OCID": ["usd": ["R036": 1]]])
    }

    @Test func severalCurrenciesWithoutSettingIsAnErrorNamingThem() throws {
        do {
            _ = try runIndicators(Self.twoCurrencies, settings: settings("[R036]", compat: false))
            Issue.record("expected mixed currencies")
        } catch let error as IndicatorError {
            #expect(error.code == "indicators.mixed_currencies")
            #expect(error.currencies == ["CAD", "USD"])
            #expect(error.messageZh.contains("CAD, USD"))
            #expect(error.messageEn.contains("CAD, USD"))
        }
    }

    @Test func configuredCurrencyIsUsedAndOthersCounted() throws {
        let results = try runIndicators(Self.twoCurrencies, settings: settings("currency = CAD\n[R036]", compat: false))
        #expect(try resultTable(results.cardinalJSON(includeMeta: false)) == ["OCID": ["cad": ["R036": 1]]])
        #expect(results.mainCurrency == "CAD")
        #expect(results.summary(.r036)?.skipped[.otherCurrency] == 1)
        // [defaults] currency serves as the setting in Sunlight mode.
        let viaDefaults = try runIndicators(Self.twoCurrencies, settings: settings("[defaults]\ncurrency = USD\n[R036]", compat: false))
        #expect(viaDefaults.mainCurrency == "USD")
        // A single currency needs no setting.
        let single = try runIndicators(Self.twoCurrencies.components(separatedBy: "\n")[0], settings: settings("[R036]", compat: false))
        #expect(single.mainCurrency == "USD")
        #expect(single.value(.ocid, "usd", .r036) == 1)
    }

    @Test func r048DegenerateFenceIsGuarded() throws {
        var lines: [String] = []
        for i in 0..<5 {
            lines.append("{\"ocid\":\"\(i)\",\"awards\":[{\"status\":\"active\",\"suppliers\":[{\"id\":\"S\(i)\"}],\"items\":[{\"classification\":{\"id\":\"1000\"}}]}]}")
        }
        let data = lines.joined(separator: "\n")
        let ini = "[R048]\nminimum_contracting_processes = 1"
        // Every variety is 1: Q1 = Q3 = fence = 1, so Cardinal flags every supplier.
        #expect(try table(data, ini, compat: true)["Tenderer"]?.count == 5)
        let sunlight = try runIndicators(data, settings: settings(ini, compat: false))
        #expect(sunlight.groups[.tenderer] == nil)
        #expect(sunlight.summary(.r048)?.state == .notComputable(.degenerateFence(q1: 1, q3: 1, fence: 1)))
        // A configured threshold is used as given.
        #expect(try table(data, ini + "\nthreshold = 1", compat: false)["Tenderer"]?.count == 5)
    }

    @Test func r038MinimumCountsProcessesNotBids() throws {
        // Buyer B: one process with four bids (two disqualified); buyers C, D: two processes each.
        let data = """
        {"ocid":"1","buyer":{"id":"B"},"bids":{"details":[{"status":"disqualified"},{"status":"disqualified"},{"status":"valid"},{"status":"valid"}]}}
        {"ocid":"2","buyer":{"id":"C"},"bids":{"details":[{"status":"valid"}]}}
        {"ocid":"3","buyer":{"id":"C"},"bids":{"details":[{"status":"valid"}]}}
        {"ocid":"4","buyer":{"id":"D"},"bids":{"details":[{"status":"valid"}]}}
        {"ocid":"5","buyer":{"id":"D"},"bids":{"details":[{"status":"disqualified"}]}}
        """
        let ini = "[R038]\nthreshold = 0.4"
        #expect(try table(data, ini, compat: true)["Buyer"] == ["B": ["R038": 0.5], "D": ["R038": 0.5]])
        #expect(try table(data, ini, compat: false)["Buyer"] == ["D": ["R038": 0.5]])
    }

    @Test func r003ReadsDatesCardinalSkips() throws {
        let data = """
        {"ocid":"date only","tender":{"tenderPeriod":{"startDate":"2024-03-01","endDate":"2024-03-10"}}}
        {"ocid":"no offset","tender":{"tenderPeriod":{"startDate":"2024-03-01 09:00:00","endDate":"2024-03-30 17:00:00"}}}
        {"ocid":"rfc3339","tender":{"tenderPeriod":{"startDate":"2024-03-01T00:00:00Z","endDate":"2024-03-05T00:00:00+08:00"}}}
        """
        #expect(try table(data, "[R003]", compat: true) == ["OCID": ["rfc3339": ["R003": 1]]])
        #expect(try table(data, "[R003]", compat: false) == ["OCID": ["rfc3339": ["R003": 1], "date only": ["R003": 1]]])
        let compat = try runIndicators(data, settings: settings("[R003]", compat: true))
        #expect(compat.summary(.r003)?.skipped[.unparseableDate] == 2)
    }

    @Test func r018ReadsTheNumberOfTenderersAsANumber() throws {
        let data = "{\"ocid\":\"x\",\"tender\":{\"procurementMethod\":\"open\",\"numberOfTenderers\":1.0}}"
        #expect(try table(data, "[R018]", compat: true) == [:])
        #expect(try table(data, "[R018]", compat: false) == ["OCID": ["x": ["R018": 1]]])
    }

    @Test func r028ComparesExactAmounts() throws {
        // Both amounts are the same Double, but not the same number.
        let data = """
        {"ocid":"x","bids":{"details":[{"status":"valid","value":{"amount":1.00000000000000001,"currency":"CNY"},"tenderers":[{"id":"A"}]},{"status":"valid","value":{"amount":1,"currency":"CNY"},"tenderers":[{"id":"B"}]}]}}
        {"ocid":"y","bids":{"details":[{"status":"valid","value":{"amount":250000.00,"currency":"CNY"},"tenderers":[{"id":"A"}]},{"status":"valid","value":{"amount":2.5e5,"currency":"CNY"},"tenderers":[{"id":"B"}]}]}}
        """
        #expect(try table(data, "[R028]", compat: true)["OCID"]?.keys.sorted() == ["x", "y"])
        #expect(try table(data, "[R028]", compat: false)["OCID"]?.keys.sorted() == ["y"])
    }

    @Test func zeroWinningBidIsKeptOutOfTheRatios() throws {
        var lines: [String] = []
        let pairs = [(0, 5), (100, 110), (100, 111), (100, 112), (100, 113), (100, 114), (100, 115), (100, 600)]
        for (i, (w, l)) in pairs.enumerated() {
            lines.append("{\"ocid\":\"\(i)\",\"bids\":{\"details\":[{\"status\":\"valid\",\"tenderers\":[{\"id\":\"W\"}],\"value\":{\"amount\":\(w),\"currency\":\"CNY\"}},{\"status\":\"valid\",\"tenderers\":[{\"id\":\"L\"}],\"value\":{\"amount\":\(l),\"currency\":\"CNY\"}}]},\"awards\":[{\"status\":\"active\",\"suppliers\":[{\"id\":\"W\"}]}]}")
        }
        let data = lines.joined(separator: "\n")
        // Cardinal: the zero bid's infinite ratio widens the fence past the real outlier, and is
        // itself "flagged" with a value serde_json writes as null.
        let compat = try runIndicators(data, settings: settings("[R058]", compat: true))
        #expect(compat.value(.ocid, "0", .r058) == .infinity)
        #expect(compat.value(.ocid, "7", .r058) == nil)
        #expect(compat.cardinalJSON(includeMeta: false).contains("\"0\":{\"R058\":null}"))
        let sunlight = try runIndicators(data, settings: settings("[R058]", compat: false))
        #expect(sunlight.summary(.r058)?.skipped[.zeroWinningBid] == 1)
        #expect(sunlight.value(.ocid, "7", .r058) == 5)
        #expect(sunlight.value(.ocid, "0", .r058) == nil)
    }

    @Test func triStateTellsNoDataFromNoFlags() throws {
        let data = """
        {"ocid":"a","tender":{"procurementMethod":"open","numberOfTenderers":4,"tenderPeriod":{"startDate":"2024-01-01T00:00:00Z","endDate":"2024-02-01T00:00:00Z"}}}
        {"ocid":"b","tender":{"status":"cancelled"}}
        """
        let results = try runIndicators(data, settings: CardinalSettings())
        #expect(results.groups.isEmpty)
        #expect(results.summary(.r003)?.state == .computed)
        #expect(results.summary(.r003)?.clear == 1)
        #expect(results.summary(.r003)?.skipped[.tenderCancelled] == 1)
        #expect(results.summary(.r018)?.clear == 1)
        let r028 = try #require(results.summary(.r028))
        #expect(r028.state == .notComputable(.noEvaluableSubjects(.noBids)))
        #expect(r028.flagged == 0 && r028.clear == 0)
        if case let .notComputable(reason) = r028.state {
            #expect(reason.messageZh.contains("没有投标明细"))
            #expect(reason.messageEn.contains("no bid details"))
        }
        #expect(results.summaries.count == 11)
        #expect(results.summaries.filter { $0.state != .computed }.map(\.code) ==
                [.r024, .r025, .r028, .r030, .r035, .r036, .r038, .r048, .r058])
    }

    @Test func noSettingsFileRunsEverythingButCompatSettingsRunOnlySections() throws {
        #expect(try runIndicators("{\"ocid\":\"a\"}", settings: CardinalSettings()).summaries.count == 11)
        #expect(try runIndicators("{\"ocid\":\"a\"}", settings: settings("[R024]", compat: true)).summaries.map(\.code) == [.r024])
    }

    @Test func prepareSectionsApplyWhileReading() throws {
        let data = """
        {"ocid":"x","buyer":{"id":"1"},"tender":{"procurementMethodDetails":"Licitación - Obras"},"bids":{"details":[{"status":"Descalificada","value":{"amount":0,"currency":"USD"},"tenderers":[{"id":"7"}]},{"value":{"amount":5},"tenderers":[{"id":"8"}]},{"status":"Descalificada","value":{"amount":3,"currency":"USD"},"tenderers":[{"id":"placeholder"}]}]},"awards":[{"id":"A","status":"active","suppliers":[{"id":"8"}]}],"contracts":[{"awardID":"A","status":"cancelled"}]}
        """
        let ini = """
        [defaults]
        currency = USD
        bid_status = valid
        [redactions]
        amount = 0
        organization_id = placeholder
        [codelists.bid_status]
        Descalificada = disqualified
        [modifications]
        prefix_buyer_or_procuring_entity_id = UC-
        prefix_tenderer_or_supplier_id = RPE-
        split_procurement_method_details = -
        [exclusions]
        procurement_method_details = Licitación
        [R036]
        """
        // Excluded after splitting "Licitación - Obras" at "-".
        #expect(try runIndicators(data, settings: settings(ini, compat: true)).summary(.r036)?.skipped[.excludedProcurementMethodDetails] == 1)
        let kept = ini.replacingOccurrences(of: "procurement_method_details = Licitación", with: "procurement_method_details = Other")
        // Redacted 0, defaulted currency/status, re-mapped "Descalificada": lowest = 3 (disqualified) → flagged.
        #expect(try table(data, kept, compat: true) == ["OCID": ["x": ["R036": 1]]])
        var engine = IndicatorEngine(settings: try settings(kept + "\n[corrections]\naward_status_by_contract_status = true", compat: true))
        _ = try OCDSReader(options: ReadOptions(threads: 1)).read(data: Data(data.utf8)) { engine.add($0) }
        // The award's only contract is cancelled, so the award is too: no active award.
        #expect(try engine.finish().summary(.r036)?.skipped[.noActiveAward] == 1)
    }

    @Test func mapsLinkFlaggedTenderersToProcesses() throws {
        let data = try Data(contentsOf: Fixtures.jsonl("R028"))
        let results = try runIndicators(data, settings: try settings("[R028]\n[R038]", compat: true), collectMaps: true)
        #expect(results.maps.ocidTendererByIndicator[.r028]?["F"] == ["D", "V"])
        #expect(results.maps.ocidTenderer["F"] == ["D", "V"])
        #expect(results.cardinalJSON(includeMaps: true).contains("\"ocid_tenderer_r028\":{\"F\":[\"D\",\"V\"]"))
    }
}
