import Foundation
import SunlightDomain
import Testing
@testable import SunlightRules

struct BudgetRuleTests {
    @Test func projectCodeIsPartOfTheKeyOnlyForProjects() {
        let result = run(UnbudgetedSpendingRule()) { b in
            b.append(BudgetRow(year: 2025, unitCode: "U1", category: "project", projectCode: "P2", amount: yuan(100)))
            b.append(BudgetRow(year: 2025, unitCode: "U1", category: "general", projectCode: "X", amount: yuan(100)))
            b.append(payment("V1", "2025-03-01", amount: yuan(10), category: "project", project: "P1"))
            b.append(payment("V2", "2025-03-01", amount: yuan(10), category: "project", project: "P2"))
            b.append(payment("V3", "2025-03-01", amount: yuan(10), category: "general", project: "Y"))
            b.append(payment("V4", "2025-03-01", amount: yuan(10), category: nil))
            b.append(payment("V5", "2025-03-01", amount: yuan(10), category: "reception"))
        }
        #expect(result.subjects == ["U1|2025|project|P1", "U1|2025|reception"])
        #expect(result.clear == 2)
        #expect(result.finding("U1|2025|project|P1")?.evidence["payments_total"] == .string("10.00"))
    }

    @Test func zeroLineIsAnOverrunNotUnbudgeted() {
        let fill: (inout SupervisionDataBuilder) -> Void = { b in
            b.append(BudgetRow(year: 2025, unitCode: "U1", category: "general", amount: 0))
            b.append(payment("V1", "2025-03-01", amount: yuan(1), category: "general"))
        }
        #expect(run(UnbudgetedSpendingRule(), fill).flagged == 0)
        #expect(run(BudgetOverrunRule(), fill).subjects == ["U1|2025|general"])
    }

    @Test func summedLinesAndExactComparison() {
        let fill: (Int64) -> (inout SupervisionDataBuilder) -> Void = { spent in { b in
            b.append(BudgetRow(year: 2025, unitCode: "U1", category: "general", amount: yuan(60)))
            b.append(BudgetRow(year: 2025, unitCode: "U1", category: "general", amount: yuan(40)))
            b.append(payment("V1", "2025-03-01", amount: spent, category: "general"))
            b.append(payment("V2", "2024-03-01", amount: yuan(1), category: "general"))   // 2024: no line
        } }
        let atBudget = run(BudgetOverrunRule(), fill(yuan(100)))
        #expect(atBudget.flagged == 0)
        #expect(atBudget.clear == 1)
        #expect(atBudget.notComputable == 1)
        let over = run(BudgetOverrunRule(), fill(yuan(100) + 1))
        #expect(over.flagged == 1)
        #expect(over.findings.first?.evidence["budget"] == .string("100.00"))
        #expect(over.findings.first?.evidence["over_by"] == .string("0.01"))
        let tolerated = run(BudgetOverrunRule(), parameters: params("[budget.overrun]\ntolerance = 0.1"), fill(yuan(110)))
        #expect(tolerated.flagged == 0)
    }

    @Test func budgetsMissingMakesBudgetRulesNotComputable() {
        let result = run(UnbudgetedSpendingRule()) { b in b.append(payment("V1", "2025-03-01", amount: 1)) }
        #expect(result.status == .notComputable(reasonZh: "无法计算：未导入预算数据", reasonEn: "not computable: no budgets imported"))
    }

    @Test func threePublicNeedsBothYears() {
        let result = run(ThreePublicIncreaseRule()) { b in
            b.append(payment("A1", "2024-05-01", amount: yuan(100), category: "reception"))
            b.append(payment("A2", "2025-05-01", amount: yuan(60), category: "reception"))
            b.append(payment("A3", "2025-06-01", amount: yuan(60), category: "reception"))
            b.append(payment("B1", "2024-05-01", amount: yuan(100), category: "vehicles"))
            b.append(payment("B2", "2025-05-01", amount: yuan(100), category: "vehicles"))
            b.append(payment("C1", "2025-05-01", amount: yuan(100), category: "travel_abroad"))
            b.append(payment("D1", "2024-05-01", amount: yuan(1), category: "general"))
            b.append(payment("D2", "2025-05-01", amount: yuan(9), category: "general"))
        }
        #expect(result.subjects == ["U1|2025|reception"])
        #expect(result.findings.first?.evidence["previous_total"] == .string("100.00"))
        #expect(result.findings.first?.evidence["total"] == .string("120.00"))
        // 2024 reception and vehicles (no 2023) and 2025 travel_abroad (no 2024): not computable.
        #expect(result.notComputable == 3)
        #expect(result.clear == 1)
    }
}
