import SunlightDomain

/// `project.no_funding` 无资金来源: funding_source empty while the project has a tender, a
/// contract, or status past `planned` — 没有资金来源的项目一律不准招投标.
public struct ProjectNoFundingRule: SupervisionRule {
    public init() {}
    public var code: String { "project.no_funding" }
    public var version: Int { 1 }
    public var titleZh: String { "无资金来源" }
    public var titleEn: String { "Project without a funding source" }
    public var explanationZh: String {
        "没有资金来源的项目一律不准招投标。项目未落实资金来源却已招标、签订合同或开工建设，容易形成政府拖欠和隐性债务。"
    }
    public var explanationEn: String {
        "A project without a funding source may not be tendered. One that has a tender, a contract or has moved past planning without a funding source risks arrears and hidden debt."
    }
    public var inputs: [String] { ["projects"] }
    public var parameters: [ParameterSpec] { [] }

    static let pastPlanned: Set<String> = ["tendering", "building", "accepted", "closed"]

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.projects]) { return result }
        var run = RuleRun(self, context)
        for p in data.projects {
            guard ProjectFacts.isEmpty(p.fundingSource) else { run.markClear(); continue }
            var signs: [String] = [], signsZh: [String] = []
            if !ProjectFacts.isEmpty(p.tenderID) { signs.append("tender"); signsZh.append("已招标") }
            if p.contractAmount != nil { signs.append("contract"); signsZh.append("已签合同") }
            if let status = p.status, Self.pastPlanned.contains(status) { signs.append("status"); signsZh.append("状态为 \(status)") }
            guard !signs.isEmpty else { run.markClear(); continue }
            run.flag(
                subject: p.projectCode, severity: .high,
                zh: "\(ProjectFacts.unitZh(data, p))项目“\(p.name)”（\(p.projectCode)）无资金来源，却\(signsZh.joined(separator: "、"))",
                en: "Project \"\(p.name)\" (\(p.projectCode)) of \(ProjectFacts.unitEn(data, p)) has no funding source but has \(signs.joined(separator: ", "))",
                evidence: .pairs(ProjectFacts.basics(p) + [
                    ("signs", .array(signs.map { .string($0) })), ("tender_id", .text(p.tenderID)),
                    ("contract_amount", ProjectFacts.amount(p.contractAmount)), ("status", .text(p.status)),
                    ("approved_budget", .yuan(p.approvedBudget)),
                ]))
        }
        return run.result()
    }
}
