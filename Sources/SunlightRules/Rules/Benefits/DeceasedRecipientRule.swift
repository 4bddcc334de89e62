import SunlightDomain

/// `benefit.deceased` 死亡人员冒领: benefits paid for periods after the recipient's death.
///
/// "month arithmetic — period month > death month + grace; several death rows for one ID: the
/// earliest" (rules.md). A death on the last day of March with grace 0 makes April the first
/// offending period; March itself is never offending.
public struct DeceasedRecipientRule: SupervisionRule {
    public init() {}
    public var code: String { "benefit.deceased" }
    public var version: Int { 1 }
    public var titleZh: String { "死亡人员冒领" }
    public var titleEn: String { "Benefits paid after death" }
    public var explanationZh: String {
        "将惠民资金发放名册与死亡及户籍注销数据比对：发放期间晚于死亡月份（加宽限月数）的仍在领取，可能是家属冒领或未及时停发。每人每个项目一条预警，列出死亡后各期金额及合计。"
    }
    public var explanationEn: String {
        "Matches benefit rolls against death and deregistration records: a payment for a period after the month of death (plus the grace months) suggests someone else is collecting it or the payment was not stopped. One finding per person and program, listing every period paid after death and the total."
    }
    public var inputs: [String] { ["benefits", "deaths"] }
    public var parameters: [ParameterSpec] {
        [ParameterSpec(name: "grace_months", kind: .integer, defaultValue: "0", minimum: "0", maximum: "120",
                       descriptionZh: "死亡月份之后仍可发放的月数（如当月死亡、次月停发则为 0）",
                       descriptionEn: "months after the month of death that may still be paid")]
    }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.benefits, .deaths]) { return result }
        var run = RuleRun(self, context)
        let grace = Int32(context.parameters.integer(code, "grace_months"))
        BenefitRoll.forEachSubject(data.benefits) { range in
            let first = data.benefits[range.lowerBound]
            guard first.idState == .parsed else {
                run.markNotComputable(zh: BenefitRoll.unreadableIDZh, en: BenefitRoll.unreadableIDEn)
                return
            }
            guard let deathDay = data.earliestDeath[first.person] else { run.markClear(); return }
            let death = Display.date(deathDay)
            let deathMonth = MonthIndex.of(year: death.year, month: death.month)
            let offending = range.filter { data.benefits[$0].period > deathMonth + grace }
            guard !offending.isEmpty else { run.markClear(); return }
            let total = BenefitRoll.total(data, offending)
            let periods = BenefitRoll.distinctPeriods(data, offending)
            let program = data.text(first.program)
            run.flag(
                subject: BenefitRoll.subject(data, first), severity: .high,
                zh: "\(BenefitRoll.whoZh(data, first))在死亡（\(death.iso)）后仍领取\(program) \(periods) 期，共 \(Display.yuan(total)) 元",
                en: "\(BenefitRoll.whoEn(data, first)) still received \(program) for \(periods) period(s) after death (\(death.iso)), \(Display.yuan(total)) yuan in total",
                evidence: .pairs([
                    ("id_number", .string(data.text(first.person))), ("name", .string(data.text(first.name))),
                    ("program", .string(program)), ("death_date", .string(death.iso)), ("grace_months", .int(Int(grace))),
                    ("periods", .array(offending.map { BenefitRoll.periodLine(data, data.benefits[$0]) })),
                    ("period_count", .int(periods)), ("total", .yuan(total)),
                ]))
        }
        return run.result()
    }
}
