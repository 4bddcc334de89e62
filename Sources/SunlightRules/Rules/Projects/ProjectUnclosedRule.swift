import SunlightDomain

/// `project.unclosed` 验收未销号: status `accepted`, no closed_date, accepted_date + days < as-of
/// ("project.unclosed is strict"). An accepted project without an accepted_date cannot be judged;
/// projects in any other status are clear.
public struct ProjectUnclosedRule: SupervisionRule {
    public init() {}
    public var code: String { "project.unclosed" }
    public var version: Int { 1 }
    public var titleZh: String { "验收未销号" }
    public var titleEn: String { "Accepted project not closed" }
    public var explanationZh: String {
        "项目竣工验收后应及时办理决算和销号。验收超过规定天数仍未销号，可能存在结余资金未清理、决算拖延等问题。"
    }
    public var explanationEn: String {
        "After acceptance a project should be settled and closed promptly. One still open long after acceptance may hide unsettled accounts or leftover funds."
    }
    public var inputs: [String] { ["projects"] }
    public var parameters: [ParameterSpec] {
        [ParameterSpec(name: "days", kind: .integer, defaultValue: "365", minimum: "0", maximum: "36600",
                       descriptionZh: "验收后应销号的天数", descriptionEn: "days after acceptance by which the project should be closed")]
    }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.projects]) { return result }
        var run = RuleRun(self, context)
        let days = context.parameters.integer(code, "days")
        for p in data.projects {
            guard p.status == "accepted", p.closedDate == nil else { run.markClear(); continue }
            guard let accepted = p.acceptedDate else {
                run.markNotComputable(zh: "已验收项目缺少验收日期", en: "the accepted project has no accepted date")
                continue
            }
            guard accepted.adding(days: days) < context.asOf else { run.markClear(); continue }
            let elapsed = accepted.days(until: context.asOf)
            run.flag(
                subject: p.projectCode, severity: .low,
                zh: "项目“\(p.name)”（\(p.projectCode)）于 \(accepted.iso) 验收，至 \(context.asOf.iso) 已 \(elapsed) 天仍未销号",
                en: "Project \"\(p.name)\" (\(p.projectCode)) was accepted on \(accepted.iso) and is still not closed \(elapsed) days later (\(context.asOf.iso))",
                evidence: .pairs(ProjectFacts.basics(p) + [("status", .string("accepted")), ("accepted_date", .string(accepted.iso)),
                                                           ("as_of", .string(context.asOf.iso)), ("days_since_accepted", .int(elapsed)),
                                                           ("days", .int(days))]))
        }
        return run.result()
    }
}
