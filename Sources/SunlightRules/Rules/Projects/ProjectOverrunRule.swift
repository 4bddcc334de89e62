import SunlightDomain

/// `project.overrun` 超概算: max(contract_amount, final_amount) > approved_budget × (1 +
/// tolerance). "compares exact amounts (10 % over = no, 10.01 % = yes)". A project with neither
/// amount cannot be judged.
public struct ProjectOverrunRule: SupervisionRule {
    public init() {}
    public var code: String { "project.overrun" }
    public var version: Int { 1 }
    public var titleZh: String { "超概算" }
    public var titleEn: String { "Project over its approved budget" }
    public var explanationZh: String {
        "合同金额或决算金额超过批复概算一定比例（默认 10%）的项目，应当重新报批概算；未报批即超支可能存在虚增工程量或变更失控。"
    }
    public var explanationEn: String {
        "A project whose contract or final amount exceeds the approved budget by more than the tolerance (10 % by default) should have had its budget re-approved; otherwise quantities may have been inflated or changes left unchecked."
    }
    public var inputs: [String] { ["projects"] }
    public var parameters: [ParameterSpec] {
        [ParameterSpec(name: "tolerance", kind: .decimal, defaultValue: "0.1", minimum: "0", maximum: "100",
                       descriptionZh: "容差比例：超过 概算×(1+容差) 才预警", descriptionEn: "fraction over budget tolerated: fires above budget × (1 + tolerance)")]
    }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.projects]) { return result }
        var run = RuleRun(self, context)
        let tolerance = context.parameters.decimal(code, "tolerance")
        for p in data.projects {
            guard let amount = [p.contractAmount, p.finalAmount].compactMap({ $0 }).max() else {
                run.markNotComputable(zh: "项目没有合同金额或决算金额", en: "the project has neither a contract nor a final amount")
                continue
            }
            guard Exact.exceeds(amount, base: p.approvedBudget, tolerance: tolerance) else { run.markClear(); continue }
            let basis = amount == p.finalAmount ? "final_amount" : "contract_amount"
            let over = amount - p.approvedBudget
            run.flag(
                subject: p.projectCode, severity: .medium,
                zh: "项目“\(p.name)”（\(p.projectCode)）\(basis == "final_amount" ? "决算" : "合同")金额 \(Display.yuan(amount)) 元，超出批复概算 \(Display.yuan(p.approvedBudget)) 元 \(Display.yuan(over)) 元",
                en: "Project \"\(p.name)\" (\(p.projectCode)) has a \(basis == "final_amount" ? "final" : "contract") amount of \(Display.yuan(amount)) yuan, \(Display.yuan(over)) yuan over its approved budget of \(Display.yuan(p.approvedBudget)) yuan",
                evidence: .pairs(ProjectFacts.basics(p) + [
                    ("approved_budget", .yuan(p.approvedBudget)), ("contract_amount", ProjectFacts.amount(p.contractAmount)),
                    ("final_amount", ProjectFacts.amount(p.finalAmount)), ("compared", .string(basis)),
                    ("tolerance", .string(tolerance.text)), ("over_by", .yuan(over)),
                ]))
        }
        return run.result()
    }
}
