import Foundation
import SunlightDomain
import SunlightProcurement
import Testing
@testable import SunlightRules

/// OCDS processes feed the `bid.*` signals (data-contract.md, "OCDS mapping") and Cardinal's
/// indicators run as catalog rules with the Cardinal part of the rule settings.
@Suite struct OCDSRuleTests {
    /// One compiled release of a Chinese platform: two bidders named by their USCC through
    /// `parties[].identifier`, one by its OCDS id only; two bids made on one device.
    static let release = """
    {"ocid":"ocds-cn-0001","date":"2025-03-30T10:00:00+08:00","buyer":{"id":"CN-UNIT-330100","name":"某县教育局"},
     "parties":[{"id":"A","name":"甲公司","roles":["tenderer","supplier"],"identifier":{"scheme":"CN-USCC","id":"91110000600037341L"}},
                {"id":"B","name":"乙公司","roles":["tenderer"],"identifier":{"scheme":"CN-USCC","id":"91350100M000100Y43"}},
                {"id":"C","name":"丙公司","roles":["tenderer"]}],
     "tender":{"id":"T1","status":"complete","procurementMethod":"open","procurementMethodDetails":"公开招标",
               "tenderPeriod":{"startDate":"2025-03-01T09:00:00+08:00","endDate":"2025-03-10T09:00:00+08:00"},
               "value":{"amount":1000000,"currency":"CNY"},"numberOfTenderers":3},
     "bids":{"details":[
        {"id":"b1","status":"valid","date":"2025-03-09T10:00:00+08:00","value":{"amount":950000.5,"currency":"CNY"},
         "tenderers":[{"id":"A","name":"甲公司"}],"sunlight":{"device_id":"MAC-01","bond_account":"6222 0000 1111"}},
        {"id":"b2","status":"valid","date":"2025-03-09T11:00:00+08:00","value":{"amount":960000,"currency":"CNY"},
         "tenderers":[{"id":"B","name":"乙公司"}],"sunlight":{"device_id":"mac-01"}},
        {"id":"b3","status":"disqualified","value":{"amount":990000,"currency":"CNY"},"tenderers":[{"id":"C","name":"丙公司"}]}]},
     "awards":[{"id":"a1","status":"active","date":"2025-03-20T00:00:00+08:00","value":{"amount":950000.5,"currency":"CNY"},
                "suppliers":[{"id":"A","name":"甲公司"}]}]}
    """

    static func process() throws -> ContractingProcess {
        let line = release.replacingOccurrences(of: "\n", with: "")
        let (processes, _) = try OCDSReader(options: ReadOptions(threads: 1)).readAll(data: Data(line.utf8))
        return try #require(processes.first)
    }

    @Test func aProcessBecomesATenderAndItsBids() throws {
        let (tender, bids) = OCDSProcurementMapping.rows(try Self.process())
        let t = try #require(tender)
        #expect(t.tenderID == "ocds-cn-0001")
        #expect(t.buyerUnitCode == "CN-UNIT-330100")
        #expect(t.method == "open")
        #expect(t.ceiling == 100_000_000)
        #expect(t.publishedDate == LocalDate(year: 2025, month: 3, day: 1))
        #expect(t.awardDate == LocalDate(year: 2025, month: 3, day: 20))
        #expect(t.winnerUSCC == "91110000600037341L")
        #expect(t.awardAmount == 95_000_050)
        #expect(bids.map(\.bidderUSCC) == ["91110000600037341L", "91350100M000100Y43", "C"])
        #expect(bids.map(\.amount) == [95_000_050, 96_000_000, 99_000_000])
        #expect(bids.map(\.status) == ["valid", "valid", "disqualified"])
        #expect(bids[0].deviceID == "MAC-01" && bids[0].bondAccount == "6222 0000 1111")
        #expect(bids[2].deviceID == nil)
    }

    @Test func bidSignalsFireOnOCDSInput() throws {
        var builder = SupervisionDataBuilder()
        builder.append(try Self.process())
        let data = builder.build()
        let context = RuleContext(asOf: LocalDate(year: 2025, month: 12, day: 31)!)
        let device = BidSameDeviceRule().evaluate(data, context)
        #expect(device.findings.map(\.subject) == ["ocds-cn-0001"])
        let period = BidShortPeriodRule().evaluate(data, context)
        #expect(period.findings.map(\.subject) == ["ocds-cn-0001"])  // 9 days < 20
        let few = BidFewBiddersRule().evaluate(data, context)
        #expect(few.findings.isEmpty && few.clear == 1)  // three bids, none withdrawn
    }

    @Test func aCSVBidForTheSameTenderAndBidderWins() throws {
        var builder = SupervisionDataBuilder()
        builder.append(try Self.process())
        // The platform's bids file brings the device of bidder C: loaded after OCDS, it wins.
        builder.append(BidRow(tenderID: "ocds-cn-0001", bidderUSCC: "C", amount: 99_000_000, status: "valid", deviceID: "MAC-01"))
        let data = builder.build()
        let result = BidSameDeviceRule().evaluate(data, RuleContext(asOf: LocalDate(year: 2025, month: 12, day: 31)!))
        let finding = try #require(result.findings.first)
        #expect(finding.evidence.json().contains("\"C\""))
    }

    @Test func cardinalIndicatorsRunAsRules() throws {
        var builder = SupervisionDataBuilder()
        builder.append(try Self.process())
        let data = builder.build()
        let context = RuleContext(asOf: LocalDate(year: 2025, month: 12, day: 31)!)
        let r003 = CardinalIndicatorRule(.r003).evaluate(data, context)
        #expect(r003.status == .computed)
        #expect(r003.findings.map(\.subject) == ["ocds-cn-0001"])  // 9 days < 15
        // With the threshold at 5 days the same process is clear.
        let five = try RuleParameters(iniText: "[R003]\nthreshold = 5\n")
        let clear = CardinalIndicatorRule(.r003).evaluate(data, RuleContext(asOf: context.asOf, parameters: five))
        #expect(clear.findings.isEmpty && clear.clear == 1)
        #expect(clear.parameters["settings"] == "[R003]\nthreshold = 5\n")
        // Without OCDS: not computable, saying so.
        let none = CardinalIndicatorRule(.r003).evaluate(SupervisionDataBuilder().build(), context)
        #expect(none.status == .notComputable(reasonZh: "无法计算：未导入 OCDS 采购流程数据", reasonEn: "not computable: no OCDS processes imported"))
    }

    @Test func cardinalSectionsLiveInTheRuleSettings() throws {
        let text = "currency = CNY\n[payment.split]\nwindow_days = 45\n[defaults]\ncardinal_compat = true\n[R024]\nthreshold = 0.1\n"
        let parameters = try RuleParameters(iniText: text)
        #expect(parameters.value(rule: "payment.split", name: "window_days") == "45")
        #expect(parameters.cardinal.currency == "CNY")
        #expect(parameters.cardinal.cardinalCompat)
        #expect(parameters.cardinal.r024?.threshold == 0.1)
        #expect(parameters.cardinal.r003 == nil)  // Cardinal's rule: a section's presence enables
        #expect(try RuleParameters(iniText: parameters.iniText()) == parameters)
        // Cardinal's errors keep the line of the whole file.
        #expect(throws: ParameterError.self) { try RuleParameters(iniText: "[payment.split]\nwindow_days = 45\n[R003]\nthreshold = ten\n") }
        do {
            _ = try RuleParameters(iniText: "[payment.split]\nwindow_days = 45\n[R003]\nthreshold = ten\n")
        } catch {
            #expect(error.line == 4)
            #expect(error.messageEn.hasPrefix("line 4: "))
        }
    }
}
