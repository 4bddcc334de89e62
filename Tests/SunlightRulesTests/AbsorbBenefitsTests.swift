import Foundation
import SunlightDomain
import Testing
@testable import SunlightRules

/// A scan reads the benefit rolls into a builder of their own and the first builder takes them
/// in (`absorbBenefits`): the rules must find exactly what one builder holding every row finds.
@Suite("Benefits read by a second builder")
struct AbsorbBenefitsTests {
    static let deceased = rid("19500101", 1), official = rid("19600101", 2), driver = rid("19700101", 3)
    static let sharers = [rid("19800101", 4), rid("19800102", 5), rid("19800103", 6), rid("19800104", 7)]
    static let twice = rid("19900101", 8), upgraded = rid("19450101", 9)
    /// `upgraded` as its 15-digit form: matched to the registry after the 15 → 18 upgrade.
    static let fifteen = "360102" + "450101" + "009"

    /// Everything but the benefits: people, deaths, a car, relatives, households.
    static func registry(_ b: inout SupervisionDataBuilder) {
        b.append(UnitRow(code: "U1", name: "民政局", kind: "department"))
        b.append(PersonRow(idNumber: official, name: "李四", unitCode: "U1", category: "civil_servant", since: day("2015-01-01")))
        b.append(PersonRow(idNumber: upgraded, name: "周九", unitCode: "U1", category: "village_cadre", since: day("2015-01-01")))
        b.append(RelativeRow(idNumber: upgraded, relativeIDNumber: sharers[0], relation: "child"))
        b.append(DeathRow(idNumber: deceased, deathDate: day("2025-01-10")))
        b.append(VehicleRow(plate: "赣A12345", ownerIDNumber: driver, vehicleType: "小型轿车", registered: day("2020-05-01")))
        for (i, id) in sharers.enumerated() { b.append(HouseholdRow(householdID: "H\(i)", idNumber: id, villageCode: "V1")) }
    }

    static func benefits() -> [BenefitRow] {
        var rows: [BenefitRow] = []
        for period in ["2025-03", "2025-04", "2025-05"] {
            rows.append(benefit(deceased, period, name: "王五"))
            rows.append(benefit(official, period, name: "李四"))
            rows.append(benefit(driver, period, name: "赵六"))
            for (i, id) in sharers.enumerated() {
                rows.append(benefit(id, period, name: "孙\(i)", household: "H\(i)", village: "V1", account: "6222-0001"))
            }
            rows.append(benefit(fifteen, period, program: "特困供养", name: "周九", account: "6222 0009"))
            rows.append(benefit("12345", period, name: "无名"))
        }
        rows.append(benefit(twice, "2025-04", name: "钱七"))
        rows.append(benefit(twice, "2025-04", name: "钱七"))
        return rows
    }

    static func findings(_ data: SupervisionData) -> [String: (lines: [String], counts: [Int])] {
        let context = RuleContext(asOf: day("2025-12-31"))
        var out: [String: (lines: [String], counts: [Int])] = [:]
        for rule in RuleCatalog.all where rule.code.hasPrefix("benefit.") || rule.code == "conflict.payee" {
            let result = rule.evaluate(data, context)
            out[rule.code] = (result.findings.map { $0.jsonLine() }.sorted(), [result.flagged, result.clear, result.notComputable])
        }
        return out
    }

    @Test func absorbedBenefitsGiveTheFindingsOfOneBuilder() {
        var one = SupervisionDataBuilder()
        Self.registry(&one)
        for row in Self.benefits() { one.append(row) }

        var first = SupervisionDataBuilder()
        Self.registry(&first)
        var second = SupervisionDataBuilder()
        for row in Self.benefits() { second.append(row) }
        first.absorbBenefits(of: second)

        let expected = Self.findings(one.build())
        let absorbed = Self.findings(first.build())
        #expect(expected.keys.sorted() == absorbed.keys.sorted())
        for (code, result) in expected {
            #expect(absorbed[code]?.lines == result.lines, "\(code)")
            #expect(absorbed[code]?.counts == result.counts, "\(code)")
        }
        // The data set fires enough rules for the comparison to mean something.
        let fired = expected.filter { !$0.value.lines.isEmpty }.keys.sorted()
        #expect(fired.count >= 5, "\(fired)")
    }

    @Test func absorbingNoBenefitsChangesNothing() {
        var first = SupervisionDataBuilder()
        Self.registry(&first)
        first.absorbBenefits(of: SupervisionDataBuilder())
        let deceased = RuleCatalog.rule(code: "benefit.deceased")!.evaluate(first.build(), RuleContext(asOf: day("2025-12-31")))
        // Still "no benefits imported", not "0 benefits read".
        #expect(deceased.status != .computed)
    }
}
