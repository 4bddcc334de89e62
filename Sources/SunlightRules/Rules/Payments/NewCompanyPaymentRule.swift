import SunlightDomain

/// `payment.new_company` 新设企业收款: the payee company was established ≤ days before the
/// payment and amount ≥ min_amount.
///
/// "payee found by payee_code = USCC; fires when (payment date − established) ≤ days, including
/// payments dated before the company existed." Subjects: every payment; a payee company without
/// an established date cannot be judged.
public struct NewCompanyPaymentRule: SupervisionRule {
    public init() {}
    public var code: String { "payment.new_company" }
    public var version: Int { 1 }
    public var titleZh: String { "新设企业收款" }
    public var titleEn: String { "Large payments to newly established companies" }
    public var explanationZh: String {
        "成立不久的企业即收取大额财政资金，可能是为承接业务而临时设立的关联企业或空壳公司。收款方统一社会信用代码与企业登记比对，成立不足规定天数（含支付时尚未成立）且金额达到下限的支付即预警。"
    }
    public var explanationEn: String {
        "A company receiving a large public payment soon after it was set up may be a shell or a related company created for the job. The payee's unified social credit code is matched with company registrations; a payment of at least the minimum amount within the given days of establishment (or before it) is flagged."
    }
    public var inputs: [String] { ["payments", "companies"] }
    public var parameters: [ParameterSpec] {
        [ParameterSpec(name: "days", kind: .integer, defaultValue: "180", minimum: "0", maximum: "36600",
                       descriptionZh: "成立至支付的最多天数（含）", descriptionEn: "most days from establishment to payment (inclusive)"),
         ParameterSpec(name: "min_amount", kind: .decimal, defaultValue: "100000", minimum: "0", maxFractionDigits: 2,
                       descriptionZh: "最低支付金额（元）", descriptionEn: "smallest payment considered, in yuan")]
    }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.payments, .companies]) { return result }
        var run = RuleRun(self, context)
        let days = context.parameters.integer(code, "days")
        let minAmount = context.parameters.decimal(code, "min_amount").fen
        for p in data.payments {
            guard p.amount >= minAmount, let company = PaymentLedger.company(data, p) else { run.markClear(); continue }
            guard company.establishedDay != Day.none else {
                run.markNotComputable(zh: "收款企业缺少成立日期", en: "the payee company has no established date")
                continue
            }
            let age = Int(p.day) - Int(company.establishedDay)
            guard age <= days else { run.markClear(); continue }
            let established = Display.date(company.establishedDay).iso
            let whenZh = age >= 0 ? "成立仅 \(age) 天" : "成立前 \(-age) 天"
            let whenEn = age >= 0 ? "only \(age) day(s) after it was established" : "\(-age) day(s) before it was established"
            run.flag(
                subject: PaymentLedger.subject(data, p), severity: .medium,
                zh: "\(data.unitZh(p.unit))凭证 \(data.text(p.voucher)) 向\(data.text(company.name))支付 \(Display.yuan(p.amount)) 元，该企业\(established)成立，支付时\(whenZh)",
                en: "\(data.unitEn(p.unit)) voucher \(data.text(p.voucher)) paid \(Display.yuan(p.amount)) yuan to \(data.text(company.name)) \(whenEn) (\(established))",
                evidence: PaymentLedger.voucherEvidence(data, p, [
                    ("company_name", .string(data.text(company.name))), ("uscc", .string(data.text(company.uscc))),
                    ("established", .string(established)), ("days_since_established", .int(age)),
                    ("days", .int(days)), ("min_amount", .yuan(minAmount)),
                ]))
        }
        return run.result()
    }
}
