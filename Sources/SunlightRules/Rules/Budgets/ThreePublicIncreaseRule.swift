import SunlightDomain

/// `budget.three_public_increase` 三公经费增长: for `travel_abroad`, `vehicles`, `reception`, the
/// year's payments total > the previous year's × (1 + tolerance), "both years present" = ≥ 1
/// payment of that category in each year. Subjects: (unit, year, category) with payments; those
/// without payments in the previous year cannot be judged.
public struct ThreePublicIncreaseRule: SupervisionRule {
    public init() {}
    public var code: String { "budget.three_public_increase" }
    public var version: Int { 1 }
    public var titleZh: String { "三公经费增长" }
    public var titleEn: String { "Increase in the three public expenses" }
    public var explanationZh: String {
        "“三公”经费（因公出国（境）、公务用车购置及运行、公务接待）要求只减不增。单位某类三公经费本年支付合计超过上年即预警。"
    }
    public var explanationEn: String {
        "The three public expenses (official travel abroad, official vehicles, official reception) may only go down. A unit whose payments in one of them exceed the previous year's total is flagged."
    }
    public var inputs: [String] { ["payments"] }
    public var parameters: [ParameterSpec] {
        [ParameterSpec(name: "tolerance", kind: .decimal, defaultValue: "0", minimum: "0", maximum: "100",
                       descriptionZh: "容差比例：本年超过 上年×(1+容差) 才预警", descriptionEn: "increase tolerated: fires above last year × (1 + tolerance)")]
    }

    static let categories = ["travel_abroad", "vehicles", "reception"]

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.payments]) { return result }
        var run = RuleRun(self, context)
        let tolerance = context.parameters.decimal(code, "tolerance")
        let wanted = Set(Self.categories.map { data.symbol($0) }.filter { $0 >= 0 })
        var totals: [BudgetKey: (total: Int64, count: Int)] = [:]
        for p in data.payments where wanted.contains(p.category) {
            let key = BudgetKey(unit: p.unit, year: Int32(Display.date(p.day).year), category: p.category, project: SymbolTable.none)
            totals[key, default: (0, 0)].total += p.amount
            totals[key]!.count += 1
        }
        for (key, current) in totals {
            var previousKey = key
            previousKey.year -= 1
            guard let previous = totals[previousKey] else {
                run.markNotComputable(zh: "上一年度没有该类支付", en: "no payments of the category in the previous year")
                continue
            }
            guard Exact.exceeds(current.total, base: previous.total, tolerance: tolerance) else { run.markClear(); continue }
            let category = data.text(key.category)
            let label = ["travel_abroad": "因公出国（境）费", "vehicles": "公务用车购置及运行费", "reception": "公务接待费"][category] ?? category
            run.flag(
                subject: key.subject(data), severity: .medium,
                zh: "\(data.unitZh(key.unit)) \(key.year) 年\(label) \(Display.yuan(current.total)) 元，高于上年的 \(Display.yuan(previous.total)) 元",
                en: "\(data.unitEn(key.unit)) spent \(Display.yuan(current.total)) yuan on \(category) in \(key.year), more than \(Display.yuan(previous.total)) yuan the year before",
                evidence: .pairs(key.evidence(data) + [
                    ("total", .yuan(current.total)), ("payment_count", .int(current.count)),
                    ("previous_year", .int(Int(key.year) - 1)), ("previous_total", .yuan(previous.total)),
                    ("previous_payment_count", .int(previous.count)), ("increase", .yuan(current.total - previous.total)),
                    ("tolerance", .string(tolerance.text)),
                ]))
        }
        return run.result()
    }
}
