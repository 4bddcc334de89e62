import SunlightDomain

/// `benefit.ineligible_age` 年龄不符: the age at the first day of P, from the ID's birth date, is
/// below the program's min_age ("Ages are completed years on the first day of the period").
/// Only programs with a min_age are subjects.
public struct IneligibleAgeRule: SupervisionRule {
    public init() {}
    public var code: String { "benefit.ineligible_age" }
    public var version: Int { 1 }
    public var titleZh: String { "年龄不符" }
    public var titleEn: String { "Below the program's minimum age" }
    public var explanationZh: String {
        "高龄津贴等项目有最低年龄要求。按身份证号中的出生日期计算发放期间首日的周岁年龄，低于项目最低年龄的即预警，可能是虚报年龄或身份证号被冒用。"
    }
    public var explanationEn: String {
        "Some programs, such as the old-age allowance, have a minimum age. The age in completed years on the first day of the period, from the birth date in the ID number, is compared with it; a younger recipient suggests a false age or a misused ID."
    }
    public var inputs: [String] { ["benefits", "programs"] }
    public var parameters: [ParameterSpec] { [] }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.benefits]) { return result }
        var run = RuleRun(self, context)
        BenefitRoll.forEachSubject(data.benefits) { range in
            let first = data.benefits[range.lowerBound]
            guard let minAge = data.programs.minAge(first.program) else { return }
            guard first.idState == .parsed else {
                run.markNotComputable(zh: "身份证号无效或为空，无法确定出生日期", en: "the ID number is invalid or empty, so the birth date is unknown")
                return
            }
            let birth = Display.date(first.birthDay)
            var offending: [Int] = []
            var lines: [Evidence] = []
            for i in range {
                let row = data.benefits[i]
                let age = birth.completedYears(on: Display.month(row.period).firstDay)
                guard age < minAge else { continue }
                offending.append(i)
                lines.append(BenefitRoll.periodLine(data, row, [("age", .int(age))]))
            }
            guard !offending.isEmpty else { run.markClear(); return }
            let total = BenefitRoll.total(data, offending)
            let periods = BenefitRoll.distinctPeriods(data, offending)
            let program = data.text(first.program)
            let youngest = birth.completedYears(on: Display.month(data.benefits[offending[0]].period).firstDay)
            run.flag(
                subject: BenefitRoll.subject(data, first), severity: .medium,
                zh: "\(BenefitRoll.whoZh(data, first))出生于 \(birth.iso)，领取\(program)时仅 \(youngest) 周岁，低于最低年龄 \(minAge) 岁，涉及 \(periods) 期，共 \(Display.yuan(total)) 元",
                en: "\(BenefitRoll.whoEn(data, first)), born \(birth.iso), was \(youngest) when receiving \(program), below its minimum age of \(minAge), for \(periods) period(s), \(Display.yuan(total)) yuan in total",
                evidence: .pairs([
                    ("id_number", .string(data.text(first.person))), ("name", .string(data.text(first.name))),
                    ("program", .string(program)), ("birth_date", .string(birth.iso)), ("min_age", .int(minAge)),
                    ("periods", .array(lines)), ("period_count", .int(periods)), ("total", .yuan(total)),
                ]))
        }
        return run.result()
    }
}
