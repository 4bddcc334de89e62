import SunlightDomain

/// `payment.holiday` 节假日支付: the payment date is not a working day (State Council calendar,
/// make-up workdays included). Severity low. "dates outside the shipped calendar are not judged
/// (not computable for them)."
public struct HolidayPaymentRule: SupervisionRule {
    public init() {}
    public var code: String { "payment.holiday" }
    public var version: Int { 1 }
    public var titleZh: String { "节假日支付" }
    public var titleEn: String { "Payments on non-working days" }
    public var explanationZh: String {
        "按国务院节假日安排（含调休上班日），在周末或法定节假日办理的支付不在正常办公时间内，需要核实审批流程是否完整。这是提示性线索。"
    }
    public var explanationEn: String {
        "Under the State Council holiday calendar (make-up workdays included), a payment dated on a weekend or public holiday was made outside office days; its approval should be checked. A low-severity lead."
    }
    public var inputs: [String] { ["payments"] }
    public var parameters: [ParameterSpec] { [] }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.payments]) { return result }
        var run = RuleRun(self, context)
        var cache: [Int32: Bool?] = [:]
        for p in data.payments {
            let working: Bool?
            if let known = cache[p.day] {
                working = known
            } else {
                working = context.calendar.isWorkingDay(Display.date(p.day))
                cache[p.day] = working
            }
            guard let working else {
                run.markNotComputable(zh: "支付日期所在年份不在节假日日历中", en: "the payment date's year is not in the holiday calendar")
                continue
            }
            guard !working else { run.markClear(); continue }
            let date = PaymentLedger.date(p)
            let kind = date.isWeekend ? "weekend" : "public_holiday"
            let kindZh = date.isWeekend ? "周末" : "法定节假日"
            let kindEn = date.isWeekend ? "a weekend day" : "a public holiday"
            run.flag(
                subject: PaymentLedger.subject(data, p), severity: .low,
                zh: "\(data.unitZh(p.unit))凭证 \(data.text(p.voucher)) 于\(kindZh) \(date.iso) 向\(data.text(p.payeeName))支付 \(Display.yuan(p.amount)) 元",
                en: "\(data.unitEn(p.unit)) voucher \(data.text(p.voucher)) paid \(Display.yuan(p.amount)) yuan to \(data.text(p.payeeName)) on \(date.iso), \(kindEn)",
                evidence: PaymentLedger.voucherEvidence(data, p, [("day_kind", .string(kind)), ("weekday", .int(date.weekday))]))
        }
        return run.result()
    }
}
