import SunlightDomain

/// `budget.overrun` 超预算支出: payments total > budget × (1 + tolerance), exactly in fen.
/// Subjects: payment keys with a budget line (summed); keys without one are `budget.unbudgeted`'s
/// and not computable here.
public struct BudgetOverrunRule: SupervisionRule {
    public init() {}
    public var code: String { "budget.overrun" }
    public var version: Int { 1 }
    public var titleZh: String { "超预算支出" }
    public var titleEn: String { "Spending over budget" }
    public var explanationZh: String {
        "单位某年度某类支出（项目支出按项目）的实际支付合计超过预算安排（可设容差），需要核实是否履行了预算调整程序。"
    }
    public var explanationEn: String {
        "A unit's payments in a year and spending category (per project for project spending) total more than the budget (plus any tolerance); whether the budget was properly adjusted should be checked."
    }
    public var inputs: [String] { ["payments", "budgets"] }
    public var parameters: [ParameterSpec] {
        [ParameterSpec(name: "tolerance", kind: .decimal, defaultValue: "0", minimum: "0", maximum: "100",
                       descriptionZh: "容差比例：合计超过 预算×(1+容差) 才预警", descriptionEn: "fraction over budget tolerated: fires above budget × (1 + tolerance)")]
    }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.payments, .budgets]) { return result }
        var run = RuleRun(self, context)
        let tolerance = context.parameters.decimal(code, "tolerance")
        let budgets = SpendingByKey.budgets(data)
        for (key, spending) in SpendingByKey.collect(data) {
            guard let budget = budgets[key] else {
                run.markNotComputable(zh: "没有对应的预算行（见 budget.unbudgeted）", en: "no budget line (see budget.unbudgeted)")
                continue
            }
            guard Exact.exceeds(spending.total, base: budget, tolerance: tolerance) else { run.markClear(); continue }
            let what = data.text(key.category) + (key.project >= 0 ? "（\(data.text(key.project))）" : "")
            let whatEn = data.text(key.category) + (key.project >= 0 ? " (\(data.text(key.project)))" : "")
            let over = spending.total - budget
            run.flag(
                subject: key.subject(data), severity: .high,
                zh: "\(data.unitZh(key.unit)) \(key.year) 年 \(what) 支付 \(Display.yuan(spending.total)) 元，超出预算 \(Display.yuan(budget)) 元 \(Display.yuan(over)) 元",
                en: "\(data.unitEn(key.unit)) paid \(Display.yuan(spending.total)) yuan for \(whatEn) in \(key.year), \(Display.yuan(over)) yuan over its budget of \(Display.yuan(budget)) yuan",
                evidence: .pairs(key.evidence(data) + [("budget", .yuan(budget)), ("tolerance", .string(tolerance.text)),
                                                       ("over_by", .yuan(over))] + spending.voucherEvidence(data)))
        }
        return run.result()
    }
}
