import Foundation
import SunlightDomain
import Testing
@testable import SunlightRules

struct ConflictPayeeTests {
    let official = rid("19700101", 1)
    let child = rid("19950101", 2)
    let outsider = rid("19800101", 3)
    let uscc = "91360100MA0000000A"

    private func basics(_ b: inout SupervisionDataBuilder, since: LocalDate? = nil, until: LocalDate? = nil) {
        b.append(PersonRow(idNumber: official, name: "赵局长", unitCode: "U1", category: "civil_servant", since: since, until: until))
        b.append(CompanyRow(uscc: uscc, name: "关联公司", legalRepIDNumber: official))
    }

    @Test func ownUnitPaysOfficialsCompanyOneFindingPerOfficialAndPayee() {
        let result = run(ConflictPayeeRule()) { b in
            basics(&b)
            b.append(payment("V1", "2025-03-01", payee: "关联公司", code: uscc, amount: yuan(100)))
            b.append(payment("V2", "2025-04-01", payee: "关联公司", code: uscc, amount: yuan(50)))
            b.append(payment("V3", "2025-04-01", unit: "U2", payee: "关联公司", code: uscc, amount: yuan(70)))
        }
        #expect(result.subjects == [official + "|" + uscc])
        let f = result.findings.first
        #expect(f?.evidence["total"] == .string("150.00"))
        #expect(f?.evidence["payments"]?.elements.compactMap { $0["voucher_no"]?.stringValue } == ["V1", "V2"])
        #expect(f?.evidence["links"]?.elements.first?["role"] == .string("legal_rep"))
        #expect(result.clear == 1)   // U2's payment: not U1's official, not the approver
    }

    @Test func approverOfAnotherUnitCounts() {
        let result = run(ConflictPayeeRule()) { b in
            basics(&b)
            b.append(payment("V3", "2025-04-01", unit: "U2", payee: "关联公司", code: uscc, amount: yuan(70), approver: official))
        }
        #expect(result.flagged == 1)
        #expect(result.findings.first?.evidence["links"]?.elements.first?["via"] == .string("approver"))
    }

    @Test func inactiveOfficialIsClear() {
        let result = run(ConflictPayeeRule()) { b in
            basics(&b, since: day("2025-03-02"))
            b.append(payment("V1", "2025-03-01", payee: "关联公司", code: uscc, amount: yuan(100)))
        }
        #expect(result.flagged == 0)
        #expect(result.clear == 1)
    }

    @Test func closeRelativeLinkedCompanyAndInPersonPayment() {
        let result = run(ConflictPayeeRule()) { b in
            b.append(PersonRow(idNumber: official, name: "赵局长", unitCode: "U1", category: "civil_servant"))
            // Written from the child's side: mutual.
            b.append(RelativeRow(idNumber: child, relativeIDNumber: official, relation: "parent"))
            b.append(CompanyRow(uscc: uscc, name: "子女公司"))
            b.append(CompanyRoleRow(uscc: uscc, holderIDNumber: child, role: "shareholder"))
            b.append(payment("V1", "2025-03-01", payee: "子女公司", code: uscc, amount: yuan(100)))
            b.append(payment("V2", "2025-03-01", payee: "赵某", code: child, amount: yuan(5)))
            b.append(payment("V3", "2025-03-01", payee: "路人", code: outsider, amount: yuan(5)))
        }
        #expect(result.subjects == [official + "|" + child, official + "|" + uscc].sorted())
        let link = result.finding(official + "|" + uscc)?.evidence["links"]?.elements.first
        #expect(link?["holder_relation_to_official"] == .string("child"))
        #expect(result.finding(official + "|" + child)?.evidence["links"]?.elements.first?["kind"] == .string("in_person"))
        #expect(result.clear == 1)
    }

    @Test func otherCategoryIsNotAnOfficial() {
        let result = run(ConflictPayeeRule()) { b in
            b.append(PersonRow(idNumber: official, name: "临时工", unitCode: "U1", category: "other"))
            b.append(payment("V1", "2025-03-01", payee: "某", code: official, amount: yuan(5)))
        }
        #expect(result.flagged == 0)
    }
}
