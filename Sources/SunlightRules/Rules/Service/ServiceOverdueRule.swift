import SunlightDomain

/// `service.overdue` 超时办结: working days from received_at (exclusive) to completed_at
/// (inclusive) > time_limit_days, "on the local (China) date". Subjects: cases with a
/// completed_at; a case whose days the calendar does not cover cannot be judged.
public struct ServiceOverdueRule: SupervisionRule {
    public init() {}
    public var code: String { "service.overdue" }
    public var version: Int { 1 }
    public var titleZh: String { "超时办结" }
    public var titleEn: String { "Service case completed late" }
    public var explanationZh: String {
        "政务服务事项应在承诺时限（工作日）内办结。从受理次日起至办结当日按国务院节假日安排计算工作日，超过承诺时限即预警，反映慢作为问题。"
    }
    public var explanationEn: String {
        "Government service matters must be completed within the promised number of working days. Working days are counted from the day after receipt through the day of completion on the State Council calendar; exceeding the limit is flagged as slow handling."
    }
    public var inputs: [String] { ["service_cases"] }
    public var parameters: [ParameterSpec] { [] }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.serviceCases]) { return result }
        var run = RuleRun(self, context)
        let counter = WorkingDayCounter(context.calendar)
        for c in data.serviceCases where c.completedDay != Day.none {
            let received = Display.date(c.receivedDay), completed = Display.date(c.completedDay)
            guard let used = counter.workingDays(after: received, through: completed) else {
                run.markNotComputable(zh: "办理期间超出节假日日历覆盖的年份", en: "the case's dates are outside the holiday calendar")
                continue
            }
            guard used > Int(c.timeLimitDays) else { run.markClear(); continue }
            ServiceCases.flag(data, c, used: used, end: completed, endKey: "completed_date", &run,
                              zh: "于 \(completed.iso) 办结，用时 \(used) 个工作日，超过承诺时限 \(c.timeLimitDays) 个工作日",
                              en: "was completed on \(completed.iso) after \(used) working days, beyond its limit of \(c.timeLimitDays)")
        }
        return run.result()
    }
}

enum ServiceCases {
    static func flag(_ data: SupervisionData, _ c: ServiceCaseRecord, used: Int, end: LocalDate, endKey: String,
                     _ run: inout RuleRun, zh: String, en: String) {
        let received = Display.date(c.receivedDay)
        run.flag(
            subject: data.text(c.caseNo), severity: run.rule.code == "service.stalled" ? .medium : .low,
            zh: "\(data.unitZh(c.unit))办件 \(data.text(c.caseNo))（\(data.text(c.matter))）\(received.iso) 受理，\(zh)",
            en: "\(data.unitEn(c.unit)) case \(data.text(c.caseNo)) (\(data.text(c.matter))), received \(received.iso), \(en)",
            evidence: .pairs([
                ("case_no", .string(data.text(c.caseNo))), ("matter", .string(data.text(c.matter))),
                ("unit_code", .string(data.text(c.unit))), ("status", data.optionalText(c.status)),
                ("received_date", .string(received.iso)), (endKey, .string(end.iso)),
                ("working_days", .int(used)), ("time_limit_days", .int(Int(c.timeLimitDays))),
                ("over_by", .int(used - Int(c.timeLimitDays))),
            ]))
    }
}
