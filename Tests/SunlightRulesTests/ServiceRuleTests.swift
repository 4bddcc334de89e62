import Foundation
import SunlightDomain
import Testing
@testable import SunlightRules

struct ServiceRuleTests {
    /// An instant at China local time `iso` + minutes.
    private func at(_ iso: String, minutes: Int = 0) -> Date {
        day(iso).startInstant().addingTimeInterval(Double(minutes * 60))
    }

    @Test func receivedIsExclusiveCompletedInclusiveOnChinaDate() {
        // Received 2025-09-30 00:30 China time = 2025-09-29 16:30 UTC. Counting from the UTC date
        // would add 2025-09-30 as a working day.
        let received = at("2025-09-30", minutes: 30)
        let result = run(ServiceOverdueRule()) { b in
            // 10-01…10-08 are holidays: (09-30, 10-09] holds one working day.
            b.append(ServiceCaseRow(caseNo: "C1", matter: "营业执照", unitCode: "U1", receivedAt: received,
                                    completedAt: at("2025-10-09", minutes: 23 * 60 + 59), timeLimitDays: 1))
            b.append(ServiceCaseRow(caseNo: "C2", matter: "营业执照", unitCode: "U1", receivedAt: received,
                                    completedAt: at("2025-10-10", minutes: 10), timeLimitDays: 1))
            b.append(ServiceCaseRow(caseNo: "C3", matter: "营业执照", unitCode: "U1", receivedAt: at("2029-12-30"),
                                    completedAt: at("2030-01-10"), timeLimitDays: 1))
        }
        #expect(result.subjects == ["C2"])
        #expect(result.findings.first?.evidence["working_days"] == .integer(2))
        #expect(result.findings.first?.evidence["received_date"] == .string("2025-09-30"))
        #expect(result.clear == 1)
        #expect(result.notComputable == 1)
    }

    @Test func makeUpWorkdayCounts() {
        // Received Friday 2025-09-26; Sunday 09-28 is a make-up workday: (09-26, 09-29] = 2 days.
        let result = run(ServiceOverdueRule()) { b in
            b.append(ServiceCaseRow(caseNo: "C1", matter: "m", unitCode: "U1", receivedAt: at("2025-09-26", minutes: 600),
                                    completedAt: at("2025-09-29", minutes: 600), timeLimitDays: 1))
        }
        #expect(result.findings.first?.evidence["working_days"] == .integer(2))
    }

    @Test func stalledCountsOpenCasesToAsOf() {
        let fill: (inout SupervisionDataBuilder) -> Void = { b in
            b.append(ServiceCaseRow(caseNo: "C1", matter: "m", unitCode: "U1", receivedAt: at("2025-03-03"),
                                    timeLimitDays: 5, status: "open"))
            b.append(ServiceCaseRow(caseNo: "C2", matter: "m", unitCode: "U1", receivedAt: at("2025-03-03"),
                                    timeLimitDays: 5))
            b.append(ServiceCaseRow(caseNo: "C3", matter: "m", unitCode: "U1", receivedAt: at("2025-03-03"),
                                    timeLimitDays: 5, status: "suspended"))
            b.append(ServiceCaseRow(caseNo: "C4", matter: "m", unitCode: "U1", receivedAt: at("2025-03-03"),
                                    completedAt: at("2025-03-04"), timeLimitDays: 5))
        }
        // Monday 03-03 received: (03-03, 03-10] = 5 working days; (03-03, 03-11] = 6.
        #expect(run(ServiceStalledRule(), asOf: "2025-03-10", fill).flagged == 0)
        let late = run(ServiceStalledRule(), asOf: "2025-03-11", fill)
        #expect(late.subjects == ["C1", "C2"])
        #expect(late.findings.first?.severity == .medium)
        #expect(run(ServiceStalledRule(), asOf: "2030-03-11", fill).notComputable == 2)
    }
}
