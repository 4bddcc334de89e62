import SunlightDomain

/// `project.no_tender` 应招未招: contract_amount ≥ threshold and no tender_id (threshold
/// 4,000,000 yuan for works, 必须招标的工程项目规定). A project without a contract amount cannot
/// be judged.
public struct ProjectNoTenderRule: SupervisionRule {
    public init() {}
    public var code: String { "project.no_tender" }
    public var version: Int { 1 }
    public var titleZh: String { "应招未招" }
    public var titleEn: String { "Contract that should have been tendered" }
    public var explanationZh: String {
        "按《必须招标的工程项目规定》，施工单项合同估算价 400 万元以上的必须招标。合同金额达到限额却没有招标项目编号的，可能规避了招标。"
    }
    public var explanationEn: String {
        "Under the rules on projects that must be tendered, works contracts of 4 million yuan or more must be put out to tender. A contract at or above the threshold with no tender ID may have avoided tendering."
    }
    public var inputs: [String] { ["projects"] }
    public var parameters: [ParameterSpec] {
        [ParameterSpec(name: "threshold", kind: .decimal, defaultValue: "4000000", minimum: "0", minimumExclusive: true,
                       maxFractionDigits: 2, descriptionZh: "必须招标的合同金额下限（元）", descriptionEn: "contract amount from which tendering is required, in yuan")]
    }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.projects]) { return result }
        var run = RuleRun(self, context)
        let threshold = context.parameters.decimal(code, "threshold").fen
        for p in data.projects {
            guard let amount = p.contractAmount else {
                run.markNotComputable(zh: "项目没有合同金额", en: "the project has no contract amount")
                continue
            }
            guard amount >= threshold, ProjectFacts.isEmpty(p.tenderID) else { run.markClear(); continue }
            run.flag(
                subject: p.projectCode, severity: .high,
                zh: "项目“\(p.name)”（\(p.projectCode)）合同金额 \(Display.yuan(amount)) 元，达到 \(Display.yuan(threshold)) 元招标限额，但没有招标项目编号",
                en: "Project \"\(p.name)\" (\(p.projectCode)) has a contract of \(Display.yuan(amount)) yuan, at or above the \(Display.yuan(threshold)) yuan tendering threshold, but no tender ID",
                evidence: .pairs(ProjectFacts.basics(p) + [("contract_amount", .yuan(amount)), ("threshold", .yuan(threshold)),
                                                           ("tender_id", .null)]))
        }
        return run.result()
    }
}
