import SunlightDomain

/// `budget.unbudgeted` 无预算支出: payments exist for a unit-year-category (and project) with no
/// budget line (无预算不开支). Subjects: the payment keys. A line of 0 is a line (that is an
/// overrun, not unbudgeted).
public struct UnbudgetedSpendingRule: SupervisionRule {
    public init() {}
    public var code: String { "budget.unbudgeted" }
    public var version: Int { 1 }
    public var titleZh: String { "无预算支出" }
    public var titleEn: String { "Spending without a budget line" }
    public var explanationZh: String {
        "“无预算不开支”：单位某年度某类支出（项目支出按项目）没有任何预算安排却发生了支付，属于预算外开支。"
    }
    public var explanationEn: String {
        "\"No budget, no spending\": payments of a unit in a year and spending category (per project for project spending) for which no budget line exists at all."
    }
    public var inputs: [String] { ["payments", "budgets"] }
    public var parameters: [ParameterSpec] { [] }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.payments, .budgets]) { return result }
        var run = RuleRun(self, context)
        let budgets = SpendingByKey.budgets(data)
        for (key, spending) in SpendingByKey.collect(data) {
            guard budgets[key] == nil else { run.markClear(); continue }
            let what = data.text(key.category) + (key.project >= 0 ? "（\(data.text(key.project))）" : "")
            let whatEn = data.text(key.category) + (key.project >= 0 ? " (\(data.text(key.project)))" : "")
            run.flag(
                subject: key.subject(data), severity: .high,
                zh: "\(data.unitZh(key.unit)) \(key.year) 年 \(what) 无预算安排，却支付 \(spending.payments.count) 笔共 \(Display.yuan(spending.total)) 元",
                en: "\(data.unitEn(key.unit)) paid \(Display.yuan(spending.total)) yuan in \(spending.payments.count) payment(s) for \(whatEn) in \(key.year) with no budget line",
                evidence: .pairs(key.evidence(data) + spending.voucherEvidence(data)))
        }
        return run.result()
    }
}
