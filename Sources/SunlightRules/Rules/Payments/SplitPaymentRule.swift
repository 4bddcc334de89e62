import SunlightDomain

/// `payment.split` 拆分支付规避采购: per unit and payee, payments below the threshold chained by
/// gaps ≤ window; a chain of ≥ 2 payments summing to ≥ threshold. Subject
/// `unit_code|payee|first date`.
///
/// "chains are built from payments below the threshold only; a payment at or above it neither
/// joins nor breaks a chain; gaps ≤ window inclusive; sum ≥ threshold inclusive". Subjects are
/// the maximal chains (a lone payment is a chain of one, and clear).
public struct SplitPaymentRule: SupervisionRule {
    public init() {}
    public var code: String { "payment.split" }
    public var version: Int { 1 }
    public var titleZh: String { "拆分支付规避采购" }
    public var titleEn: String { "Split payments avoiding procurement" }
    public var explanationZh: String {
        "把一笔达到采购限额的支出拆成多笔限额以下的小额支付，可以规避政府采购或招标程序。同一单位向同一收款方的限额以下支付，相邻两笔间隔不超过窗口天数的连成一串；一串两笔以上、合计达到限额即预警。"
    }
    public var explanationEn: String {
        "Splitting a purchase that reaches the procurement threshold into several smaller payments avoids tendering. Payments of one unit to one payee below the threshold are chained when consecutive ones are at most the window apart; a chain of two or more that together reach the threshold is flagged."
    }
    public var inputs: [String] { ["payments"] }
    public var parameters: [ParameterSpec] {
        [ParameterSpec(name: "window_days", kind: .integer, defaultValue: "30", minimum: "0", maximum: "3660",
                       descriptionZh: "同一串中相邻两笔支付的最大间隔天数（含）", descriptionEn: "largest gap in days between consecutive payments of a chain (inclusive)"),
         ParameterSpec(name: "threshold", kind: .decimal, defaultValue: "1000000", minimum: "0", minimumExclusive: true,
                       maxFractionDigits: 2,
                       descriptionZh: "采购限额（元）；单笔低于此额的才参与拆分判断", descriptionEn: "procurement threshold in yuan; only payments below it can be a split")]
    }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.payments]) { return result }
        var run = RuleRun(self, context)
        let window = Int32(context.parameters.integer(code, "window_days"))
        let threshold = PaymentLedger.splitThreshold(context)
        var chain: [Int] = []
        PaymentLedger.forEachPayee(data.payments) { range in
            chain.removeAll(keepingCapacity: true)
            for i in range where data.payments[i].amount < threshold {
                if let last = chain.last, data.payments[i].day - data.payments[last].day > window {
                    judge(data, chain, threshold, &run)
                    chain.removeAll(keepingCapacity: true)
                }
                chain.append(i)
            }
            if !chain.isEmpty { judge(data, chain, threshold, &run) }
        }
        return run.result()
    }

    private func judge(_ data: SupervisionData, _ chain: [Int], _ threshold: Int64, _ run: inout RuleRun) {
        let total = chain.reduce(Int64(0)) { $0 + data.payments[$1].amount }
        guard chain.count >= 2, total >= threshold else { run.markClear(); return }
        let first = data.payments[chain[0]], last = data.payments[chain[chain.count - 1]]
        let firstDate = PaymentLedger.date(first).iso, lastDate = PaymentLedger.date(last).iso
        let payee = data.text(first.payee)
        run.flag(
            subject: data.text(first.unit) + "|" + payee + "|" + firstDate, severity: .high,
            zh: "\(data.unitZh(first.unit))在 \(firstDate) 至 \(lastDate) 向\(data.text(first.payeeName))分 \(chain.count) 笔支付共 \(Display.yuan(total)) 元，单笔均低于 \(Display.yuan(threshold)) 元限额，合计达到限额",
            en: "\(data.unitEn(first.unit)) paid \(data.text(first.payeeName)) \(Display.yuan(total)) yuan in \(chain.count) payments between \(firstDate) and \(lastDate), each below the \(Display.yuan(threshold)) yuan threshold, together reaching it",
            evidence: .pairs([
                ("unit_code", .string(data.text(first.unit))), ("payee", .string(payee)),
                ("payee_name", .string(data.text(first.payeeName))), ("first_date", .string(firstDate)),
                ("last_date", .string(lastDate)), ("threshold", .yuan(threshold)),
                ("payments", .array(chain.map { PaymentLedger.line(data, data.payments[$0]) })),
                ("count", .int(chain.count)), ("total", .yuan(total)),
            ]))
    }
}
