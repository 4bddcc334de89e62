import SunlightDomain

/// `payment.threshold_edge` 贴线支付: amount in [threshold × (1 − δ), threshold), category
/// `general` or `project`. "uses the split threshold: [950,000.00, 1,000,000.00) by default."
/// Subjects: payments of those two categories. The bound is computed exactly, in fen.
public struct ThresholdEdgePaymentRule: SupervisionRule {
    public init() {}
    public var code: String { "payment.threshold_edge" }
    public var version: Int { 1 }
    public var titleZh: String { "贴线支付" }
    public var titleEn: String { "Payments just below the threshold" }
    public var explanationZh: String {
        "单笔金额略低于采购限额（默认 95 万至 100 万元之间）的一般公用或项目支出，可能是刻意压低金额以规避采购程序。"
    }
    public var explanationEn: String {
        "General or project spending just below the procurement threshold (by default between 950,000 and 1,000,000 yuan) may have been sized to avoid procurement."
    }
    public var inputs: [String] { ["payments"] }
    public var parameters: [ParameterSpec] {
        [ParameterSpec(name: "delta", kind: .decimal, defaultValue: "0.05", minimum: "0", minimumExclusive: true,
                       maximum: "1", maximumExclusive: true,
                       descriptionZh: "贴线幅度 δ：金额在 [限额×(1−δ), 限额) 内即预警（限额取 payment.split 的 threshold）",
                       descriptionEn: "δ: amounts in [threshold × (1 − δ), threshold) fire (threshold of payment.split)")]
    }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.payments]) { return result }
        var run = RuleRun(self, context)
        let threshold = PaymentLedger.splitThreshold(context)
        let delta = context.parameters.decimal(code, "delta")
        let general = data.symbol("general"), project = data.symbol("project")
        // amount ≥ threshold·(1 − δ)  ⇔  amount·10⁶ ≥ threshold·(10⁶ − δ·10⁶)
        let factor = FixedDecimal.scale - delta.micros
        for p in data.payments where p.category >= 0 && (p.category == general || p.category == project) {
            let inBand = p.amount < threshold && Exact.compare(p.amount, times: FixedDecimal.scale, threshold, times: factor) >= 0
            guard inBand else { run.markClear(); continue }
            let gap = threshold - p.amount
            run.flag(
                subject: PaymentLedger.subject(data, p), severity: .low,
                zh: "\(data.unitZh(p.unit))凭证 \(data.text(p.voucher)) 向\(data.text(p.payeeName))支付 \(Display.yuan(p.amount)) 元，仅比 \(Display.yuan(threshold)) 元限额低 \(Display.yuan(gap)) 元",
                en: "\(data.unitEn(p.unit)) voucher \(data.text(p.voucher)) paid \(Display.yuan(p.amount)) yuan to \(data.text(p.payeeName)), only \(Display.yuan(gap)) yuan below the \(Display.yuan(threshold)) yuan threshold",
                evidence: PaymentLedger.voucherEvidence(data, p, [("threshold", .yuan(threshold)), ("delta", .string(delta.text)),
                                                                 ("below_threshold_by", .yuan(gap))]))
        }
        return run.result()
    }
}
