import Foundation
import SunlightDomain
import Testing
@testable import SunlightRules

struct ProjectRuleTests {
    private func project(_ code: String, budget: Int64 = yuan(1_000_000), funding: String? = "财政", tender: String? = nil,
                         contract: Int64? = nil, final: Int64? = nil, approvedScale: String? = nil, actualScale: String? = nil,
                         status: String? = nil, accepted: LocalDate? = nil, closed: LocalDate? = nil) -> ProjectRow {
        ProjectRow(projectCode: code, name: "道路工程", unitCode: "U1", approvedBudget: budget, fundingSource: funding,
                   tenderID: tender, contractAmount: contract, finalAmount: final, approvedScale: approvedScale,
                   actualScale: actualScale, status: status, acceptedDate: accepted, closedDate: closed)
    }

    @Test func overrunTenPercentNoTenPointZeroOneYes() {
        let result = run(ProjectOverrunRule()) { b in
            b.append(project("P1", contract: yuan(1_100_000)))
            b.append(project("P2", contract: yuan(1_000_000), final: yuan(1_100_100)))
            b.append(project("P3"))
        }
        #expect(result.subjects == ["P2"])
        #expect(result.findings.first?.evidence["compared"] == .string("final_amount"))
        #expect(result.clear == 1)
        #expect(result.notComputable == 1)
    }

    @Test func noFunding() {
        let result = run(ProjectNoFundingRule()) { b in
            b.append(project("P1", funding: nil, tender: "T1"))
            b.append(project("P2", funding: "  ", status: "building"))
            b.append(project("P3", funding: nil, status: "planned"))
            b.append(project("P4", funding: nil, contract: 1))
            b.append(project("P5", tender: "T5"))
        }
        #expect(result.subjects == ["P1", "P2", "P4"])
        #expect(result.clear == 2)
    }

    @Test func scaleIncreaseComparesLeadingNumbersWithSameUnit() {
        let result = run(ProjectScaleIncreaseRule()) { b in
            b.append(project("P1", approvedScale: "1,200 平方米", actualScale: "1200.5平方米"))
            b.append(project("P2", approvedScale: "5 公里", actualScale: "6 千米"))
            b.append(project("P3", approvedScale: "10 km", actualScale: "10 km"))
            b.append(project("P4", approvedScale: "约10公里", actualScale: "12公里"))
        }
        #expect(result.subjects == ["P1"])
        #expect(result.clear == 1)
        #expect(result.notComputable == 2)
    }

    @Test func noTenderAtThreshold() {
        let result = run(ProjectNoTenderRule()) { b in
            b.append(project("P1", contract: yuan(4_000_000)))
            b.append(project("P2", contract: yuan(4_000_000) - 1))
            b.append(project("P3", tender: "T3", contract: yuan(9_000_000)))
        }
        #expect(result.subjects == ["P1"])
    }

    @Test func unclosedIsStrict() {
        let fill: (inout SupervisionDataBuilder) -> Void = { b in
            b.append(project("P1", status: "accepted", accepted: day("2024-01-01")))
            b.append(project("P2", status: "accepted", accepted: day("2024-01-01"), closed: day("2024-06-01")))
            b.append(project("P3", status: "accepted"))
        }
        // 2024-01-01 + 365 days = 2024-12-31 (leap year).
        #expect(run(ProjectUnclosedRule(), asOf: "2024-12-31", fill).flagged == 0)
        let later = run(ProjectUnclosedRule(), asOf: "2025-01-01", fill)
        #expect(later.subjects == ["P1"])
        #expect(later.notComputable == 1)
        #expect(later.clear == 1)
    }

    @Test func noProjectsIsNotComputable() {
        let result = run(ProjectUnclosedRule()) { _ in }
        #expect(result.status == .notComputable(reasonZh: "无法计算：未导入项目数据", reasonEn: "not computable: no projects imported"))
    }
}
