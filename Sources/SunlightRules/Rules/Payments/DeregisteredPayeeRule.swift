import SunlightDomain

/// `payment.deregistered_payee` 向注销企业付款: payee company deregistered or revoked with
/// `status_date` strictly before the payment date. Subjects: every payment; a deregistered or
/// revoked payee without a status date cannot be judged.
public struct DeregisteredPayeeRule: SupervisionRule {
    public init() {}
    public var code: String { "payment.deregistered_payee" }
    public var version: Int { 1 }
    public var titleZh: String { "向注销企业付款" }
    public var titleEn: String { "Payments to deregistered companies" }
    public var explanationZh: String {
        "已注销或被吊销营业执照的企业不能再正常经营，向其付款可能是虚构业务或套取资金。收款方统一社会信用代码与企业登记比对，状态日期早于支付日期即预警。"
    }
    public var explanationEn: String {
        "A company that was deregistered or had its licence revoked can no longer trade; paying it may mean a fictitious transaction. The payee's unified social credit code is matched with company registrations; a status date before the payment date makes the rule fire."
    }
    public var inputs: [String] { ["payments", "companies"] }
    public var parameters: [ParameterSpec] { [] }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.payments, .companies]) { return result }
        var run = RuleRun(self, context)
        for p in data.payments {
            guard let company = PaymentLedger.company(data, p), company.status.isGone else { run.markClear(); continue }
            guard company.statusDay != Day.none else {
                run.markNotComputable(zh: "收款企业已注销或吊销但缺少状态日期", en: "the payee company is deregistered or revoked but has no status date")
                continue
            }
            guard company.statusDay < p.day else { run.markClear(); continue }
            let statusDate = Display.date(company.statusDay).iso
            let statusZh = company.status == .revoked ? "吊销" : "注销"
            let statusEn = company.status == .revoked ? "revoked" : "deregistered"
            run.flag(
                subject: PaymentLedger.subject(data, p), severity: .high,
                zh: "\(data.unitZh(p.unit))凭证 \(data.text(p.voucher))（\(PaymentLedger.date(p).iso)）向已于 \(statusDate) \(statusZh)的\(data.text(company.name))支付 \(Display.yuan(p.amount)) 元",
                en: "\(data.unitEn(p.unit)) voucher \(data.text(p.voucher)) (\(PaymentLedger.date(p).iso)) paid \(Display.yuan(p.amount)) yuan to \(data.text(company.name)), \(statusEn) on \(statusDate)",
                evidence: PaymentLedger.voucherEvidence(data, p, [
                    ("company_name", .string(data.text(company.name))), ("uscc", .string(data.text(company.uscc))),
                    ("status", .string(statusEn)), ("status_date", .string(statusDate)),
                ]))
        }
        return run.result()
    }
}
