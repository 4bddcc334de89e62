import Foundation
import SunlightDomain
@testable import SunlightRules

/// A valid resident ID for a birth date `YYYYMMDD` and a sequence number.
func rid(_ birth: String, _ seq: Int = 1, region: String = "360102") -> String {
    let digits = String(seq)
    let first17 = region + birth + String(repeating: "0", count: 3 - digits.count) + digits
    return first17 + String(ResidentID.checkCharacter(for: first17)!)
}

func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }
func month(_ text: String) -> YearMonth { YearMonth(text: text)! }
func yuan(_ yuan: Int64) -> Int64 { yuan * 100 }

/// Builds data with `fill` and runs one rule.
func run(_ rule: any SupervisionRule, asOf: String = "2025-12-31", parameters: RuleParameters = .defaults,
         _ fill: (inout SupervisionDataBuilder) -> Void) -> RuleResult {
    var builder = SupervisionDataBuilder()
    fill(&builder)
    return rule.evaluate(builder.build(), RuleContext(asOf: day(asOf), parameters: parameters))
}

func params(_ ini: String) -> RuleParameters {
    do { return try RuleParameters(iniText: ini) } catch { fatalError("bad test settings: \(error.messageEn)") }
}

extension RuleResult {
    var subjects: [String] { findings.map(\.subject) }
    func finding(_ subject: String) -> Finding? { findings.first { $0.subject == subject } }
}

extension Evidence {
    /// Strings of an array of strings.
    var strings: [String] { elements.compactMap(\.stringValue) }
}

/// A benefit row with the usual defaults.
func benefit(_ id: String, _ period: String, program: String = "农村低保", name: String = "张三", amount: Int64 = 30000,
             household: String? = nil, village: String? = nil, account: String? = nil) -> BenefitRow {
    BenefitRow(program: program, period: month(period), idNumber: id, name: name, householdID: household,
               villageCode: village, amount: amount, account: account)
}

func payment(_ voucher: String, _ date: String, unit: String = "U1", payee: String = "某某公司", code: String? = nil,
             account: String? = nil, amount: Int64, category: String? = "general", project: String? = nil,
             approver: String? = nil) -> PaymentRow {
    PaymentRow(voucherNo: voucher, unitCode: unit, date: day(date), payeeName: payee, payeeCode: code, payeeAccount: account,
               amount: amount, category: category, projectCode: project, approverIDNumber: approver)
}
