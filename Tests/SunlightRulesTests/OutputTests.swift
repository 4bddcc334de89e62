import Foundation
import SunlightDomain
import Testing
@testable import SunlightRules

struct OutputTests {
    @Test func jsonLineHasTheDocumentedShape() {
        let finding = Finding(
            rule: "benefit.deceased", subject: "360102195001010011|农村低保", severity: .high,
            summaryZh: "张三在死亡后仍领取", summaryEn: "Zhang \"San\"\npaid",
            evidence: ["total": .yuan(150000), "periods": [["period": "2024-04"]], "n": 3, "ok": true, "none": nil])
        #expect(finding.jsonLine() == #"{"rule":"benefit.deceased","subject":"360102195001010011|农村低保","severity":"high","summary_zh":"张三在死亡后仍领取","summary_en":"Zhang \"San\"\npaid","evidence":{"total":"1500.00","periods":[{"period":"2024-04"}],"n":3,"ok":true,"none":null}}"#)
    }

    @Test func escapingOfControlCharacters() {
        let value: Evidence = .string("a\\b\u{01}\t\u{7F}é")
        #expect(value.json() == "\"a\\\\b\\u0001\\t\u{7F}é\"")
        #expect(Evidence.pairs([("b", 1), ("a", 2)]).json() == #"{"b":1,"a":2}"#)
        #expect(Evidence.array([]).json() == "[]")
        #expect(Evidence.integer(-5).json() == "-5")
    }

    @Test func catalogCodesAreUniqueAndDescribed() {
        let codes = RuleCatalog.all.map(\.code)
        #expect(codes.count == 41 + 11)
        #expect(Set(codes).count == codes.count)
        #expect(codes.first == "benefit.deceased")
        #expect(codes[40] == "service.stalled")
        #expect(Array(codes.suffix(11)) == ["R003", "R018", "R024", "R025", "R028", "R030", "R035", "R036", "R038", "R048", "R058"])
        for rule in RuleCatalog.all {
            #expect(!rule.titleZh.isEmpty && !rule.titleEn.isEmpty && !rule.explanationZh.isEmpty && !rule.explanationEn.isEmpty)
            #expect(!rule.inputs.isEmpty)
            #expect(rule.inputs.allSatisfy { Dataset(rawValue: $0) != nil })
            #expect(RuleCatalog.rule(code: rule.code)?.code == rule.code)
            for spec in rule.parameters {
                // Every default is accepted by its own validation, in canonical form.
                #expect((try? spec.canonical(spec.defaultValue).get()) == spec.defaultValue)
            }
        }
    }

    @Test func emptyDataMakesEveryRuleNotComputable() {
        let results = scan(data: SupervisionData(), context: RuleContext(asOf: day("2025-06-30")))
        #expect(results.map(\.code) == RuleCatalog.all.map(\.code))
        for result in results {
            guard case .notComputable(let zh, let en) = result.status else {
                Issue.record("\(result.code) computed on empty data")
                continue
            }
            #expect(zh.hasPrefix("无法计算：未导入"))
            #expect(en.hasPrefix("not computable: no "))
        }
    }

    @Test func scanIsDeterministicAndInCatalogOrder() {
        var b = SupervisionDataBuilder()
        let person = rid("19500101")
        b.append(DeathRow(idNumber: person, deathDate: day("2024-01-15")))
        b.append(benefit(person, "2024-03"))
        b.append(benefit(person, "2024-03"))
        b.append(payment("V1", "2025-10-01", amount: yuan(960_000)))
        b.append(payment("V2", "2025-10-02", amount: yuan(960_000)))
        let data = b.build()
        let context = RuleContext(asOf: day("2025-12-31"))
        let reversed = Array(RuleCatalog.all.reversed())
        let first = RuleScanner().scan(data: data, rules: reversed, context: context)
        let second = RuleScanner().scan(data: data, rules: RuleCatalog.all, context: context)
        #expect(first.map(\.code) == RuleCatalog.all.map(\.code))
        #expect(first.map { $0.findings.map { $0.jsonLine() } } == second.map { $0.findings.map { $0.jsonLine() } })
        #expect(first.first { $0.code == "payment.holiday" }?.flagged == 2)
        #expect(first.first { $0.code == "payment.duplicate" }?.subjects == ["U1|V2"])
        #expect(first.first { $0.code == "benefit.duplicate" }?.flagged == 1)
    }

    @Test func datasetCountsAreReported() {
        var b = SupervisionDataBuilder()
        b.append(UnitRow(code: "U1", name: "财政局", kind: "department"))
        b.append(benefit(rid("19500101"), "2024-03"))
        let data = b.build()
        #expect(data.hasRows(.units))
        #expect(data.rowCount(.benefits) == 1)
        #expect(!data.hasRows(.deaths))
    }

    @Test func summariesNameTheUnit() {
        let result = run(HolidayPaymentRule()) { b in
            b.append(UnitRow(code: "U1", name: "财政局", kind: "department"))
            b.append(payment("V1", "2025-10-01", amount: yuan(12)))
        }
        #expect(result.findings.first?.summaryZh.contains("财政局（U1）") == true)
        #expect(result.findings.first?.summaryEn.contains("财政局 (U1)") == true)
    }
}
