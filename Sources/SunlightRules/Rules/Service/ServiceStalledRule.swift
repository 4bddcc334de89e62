import SunlightDomain

/// `service.stalled` 超时未办结: status `open`, and working days from received_at (exclusive) to
/// as-of (inclusive) > time_limit_days. "'open' = status open, or no status and no
/// completed_at." Subjects: open cases.
public struct ServiceStalledRule: SupervisionRule {
    public init() {}
    public var code: String { "service.stalled" }
    public var version: Int { 1 }
    public var titleZh: String { "超时未办结" }
    public var titleEn: String { "Open service case past its limit" }
    public var explanationZh: String {
        "尚未办结的政务服务办件，从受理次日起至核查基准日的工作日数已超过承诺时限，反映不作为、慢作为问题。挂起的办件不计。"
    }
    public var explanationEn: String {
        "An open service case whose working days from the day after receipt through the as-of date already exceed its promised limit shows inaction or slow handling. Suspended cases are not counted."
    }
    public var inputs: [String] { ["service_cases"] }
    public var parameters: [ParameterSpec] { [] }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.serviceCases]) { return result }
        var run = RuleRun(self, context)
        let counter = WorkingDayCounter(context.calendar)
        let openSymbol = data.symbol("open")
        for c in data.serviceCases {
            let isOpen = (c.status >= 0 && c.status == openSymbol) || (c.status < 0 && c.completedDay == Day.none)
            guard isOpen else { continue }
            let received = Display.date(c.receivedDay)
            guard let used = counter.workingDays(after: received, through: context.asOf) else {
                run.markNotComputable(zh: "办理期间超出节假日日历覆盖的年份", en: "the case's dates are outside the holiday calendar")
                continue
            }
            guard used > Int(c.timeLimitDays) else { run.markClear(); continue }
            ServiceCases.flag(data, c, used: used, end: context.asOf, endKey: "as_of", &run,
                              zh: "至 \(context.asOf.iso) 已 \(used) 个工作日仍未办结，超过承诺时限 \(c.timeLimitDays) 个工作日",
                              en: "still open on \(context.asOf.iso) after \(used) working days, beyond its limit of \(c.timeLimitDays)")
        }
        return run.result()
    }
}
