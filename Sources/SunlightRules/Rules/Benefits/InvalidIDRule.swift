import SunlightDomain

/// `benefit.invalid_id` 身份证号无效: the id_number fails GB 11643 or has no real birth date.
///
/// "Valid = 17 digits + check character right + a real birth date between 1900-01-01 and the
/// as-of date. benefit.invalid_id's 'raw id' is the folded form as stored (a 15-digit ID stays
/// 15); empty IDs are not findings." Subjects are distinct (raw id, program); a raw ID that is
/// valid is clear.
public struct InvalidIDRule: SupervisionRule {
    public init() {}
    public var code: String { "benefit.invalid_id" }
    public var version: Int { 1 }
    public var titleZh: String { "身份证号无效" }
    public var titleEn: String { "Invalid ID number" }
    public var explanationZh: String {
        "发放名册中的身份证号不符合国家标准 GB 11643（位数、校验位错误或出生日期不存在），可能是录入错误，也可能是虚构的领取人。每个号码每个项目一条预警，列出各期金额及合计。"
    }
    public var explanationEn: String {
        "An ID number on the roll that fails the national standard GB 11643 (wrong length, wrong check character, or a birth date that does not exist) may be a typing error or a fictitious recipient. One finding per ID number and program, listing every period and the total."
    }
    public var inputs: [String] { ["benefits"] }
    public var parameters: [ParameterSpec] { [] }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.benefits]) { return result }
        var run = RuleRun(self, context)
        let asOfDay = Int32(context.asOf.dayNumber)
        BenefitRoll.forEachSubject(data.benefits) { range in
            // Within one (person, program) run the raw spellings are few (an 18-digit ID and its
            // 15-digit form); each raw spelling is its own subject.
            var raws: [Int32] = []
            for i in range where !raws.contains(data.benefits[i].rawID) { raws.append(data.benefits[i].rawID) }
            for raw in raws.sorted() {
                let rows = range.filter { data.benefits[$0].rawID == raw }
                let first = data.benefits[rows[0]]
                switch first.idState {
                case .empty: continue
                case .parsed where first.birthDay <= asOfDay:
                    run.markClear()
                    continue
                default: break
                }
                let rawText = data.text(raw)
                let reasonZh: String, reasonEn: String, reasonCode: String
                if let error = data.idErrors[raw] {
                    (reasonZh, reasonEn, reasonCode) = (error.messageZh, error.messageEn, error.code)
                } else {
                    let birth = Display.date(first.birthDay).iso
                    reasonCode = "id_number.birth_date"
                    reasonZh = "身份证号码“\(rawText)”中的出生日期 \(birth) 晚于核查基准日 \(context.asOf.iso)"
                    reasonEn = "ID number \"\(rawText)\" has birth date \(birth), after the as-of date \(context.asOf.iso)"
                }
                let total = BenefitRoll.total(data, rows)
                let periods = BenefitRoll.distinctPeriods(data, rows)
                let program = data.text(first.program)
                run.flag(
                    subject: rawText + "|" + program, severity: .medium,
                    zh: "\(data.text(first.name))的身份证号“\(rawText)”无效，仍领取\(program) \(periods) 期，共 \(Display.yuan(total)) 元",
                    en: "\(data.text(first.name))'s ID number \"\(rawText)\" is invalid, yet received \(program) for \(periods) period(s), \(Display.yuan(total)) yuan in total",
                    evidence: .pairs([
                        ("id_number", .string(rawText)), ("name", .string(data.text(first.name))), ("program", .string(program)),
                        ("reason_code", .string(reasonCode)), ("reason_zh", .string(reasonZh)), ("reason_en", .string(reasonEn)),
                        ("periods", .array(rows.map { BenefitRoll.periodLine(data, data.benefits[$0]) })),
                        ("period_count", .int(periods)), ("total", .yuan(total)),
                    ]))
            }
        }
        return run.result()
    }
}
