import SunlightDomain

/// `benefit.company` 经商违规领取: a means-tested recipient or household member is linked to a
/// company established on or before the end of P and not deregistered/revoked before P.
///
/// "an empty established counts as established; deregistered/revoked with status_date ≥ the
/// first day of P still counts". A deregistered or revoked company without a status date is
/// not counted: nothing shows it was still in business during P.
public struct CompanyLinkedRecipientRule: SupervisionRule {
    public init() {}
    public var code: String { "benefit.company" }
    public var version: Int { 1 }
    public var titleZh: String { "经商违规领取" }
    public var titleEn: String { "Means-tested benefits to company owners" }
    public var explanationZh: String {
        "本人或同户成员担任企业法定代表人、股东、高管或监事的家庭，一般不符合低保、特困等经济状况核查条件。将发放名册与企业登记及股东、主要人员数据比对：发放期间内企业已成立且未注销、吊销即预警。"
    }
    public var explanationEn: String {
        "A household whose member is the legal representative, a shareholder, an executive or a supervisor of a company is generally not eligible for means-tested benefits. The roll is matched against company registrations and roles: if the company existed and was not deregistered or revoked during the period paid, the rule fires."
    }
    public var inputs: [String] { ["benefits", "companies", "company_roles", "households", "programs"] }
    public var parameters: [ParameterSpec] { [] }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.benefits, .companies]) { return result }
        var run = RuleRun(self, context)
        var cachedPerson: Int32 = -1
        var links: [(company: Int32, person: Int32, link: CompanyLink)] = []
        BenefitRoll.forEachSubject(data.benefits) { range in
            let first = data.benefits[range.lowerBound]
            guard data.programs.isMeansTested(first.program) else { return }
            guard first.idState == .parsed else {
                run.markNotComputable(zh: BenefitRoll.unreadableIDZh, en: BenefitRoll.unreadableIDEn)
                return
            }
            if cachedPerson != first.person {
                cachedPerson = first.person
                links = []
                for person in [first.person] + data.householdMembers(of: first.person) {
                    for (company, link) in data.companiesOfPerson.neighbours(person) { links.append((company, person, link)) }
                }
            }
            guard !links.isEmpty else { run.markClear(); return }
            var offending: [Int] = []
            var used: [Int] = []
            for i in range {
                let (firstDay, lastDay) = BenefitRoll.days(of: data.benefits[i].period)
                var hit = false
                for (k, l) in links.enumerated() {
                    let c = data.companies[Int(l.company)]
                    guard c.establishedDay <= lastDay else { continue }
                    if c.status.isGone && (c.statusDay == Day.none || c.statusDay < firstDay) { continue }
                    hit = true
                    if !used.contains(k) { used.append(k) }
                }
                if hit { offending.append(i) }
            }
            guard !offending.isEmpty else { run.markClear(); return }
            used.sort()
            let companies: [Evidence] = used.map { k in
                let l = links[k]
                let c = data.companies[Int(l.company)]
                return .pairs([
                    ("uscc", .string(data.text(c.uscc))), ("name", .string(data.text(c.name))),
                    ("person_id_number", .string(data.text(l.person))),
                    ("relation", .string(l.person == first.person ? "self" : "household_member")),
                    ("role", .string(l.link.code)), ("established", Display.dateEvidence(c.establishedDay)),
                    ("status", data.optionalText(c.statusText)), ("status_date", Display.dateEvidence(c.statusDay)),
                ])
            }
            let lead = links[used[0]]
            let company = data.companies[Int(lead.company)]
            let total = BenefitRoll.total(data, offending)
            let periods = BenefitRoll.distinctPeriods(data, offending)
            let program = data.text(first.program)
            let whoZh = lead.person == first.person ? "本人" : "家庭成员"
            let whoEn = lead.person == first.person ? "is" : "has a household member who is"
            run.flag(
                subject: BenefitRoll.subject(data, first), severity: .medium,
                zh: "\(BenefitRoll.whoZh(data, first))\(whoZh)为\(data.text(company.name))的\(lead.link.zh)，仍领取\(program) \(periods) 期，共 \(Display.yuan(total)) 元",
                en: "\(BenefitRoll.whoEn(data, first)) \(whoEn) \(lead.link.code) of \(data.text(company.name)) and received \(program) for \(periods) period(s), \(Display.yuan(total)) yuan in total",
                evidence: .pairs([
                    ("id_number", .string(data.text(first.person))), ("name", .string(data.text(first.name))),
                    ("program", .string(program)), ("companies", .array(companies)),
                    ("periods", .array(offending.map { BenefitRoll.periodLine(data, data.benefits[$0]) })),
                    ("period_count", .int(periods)), ("total", .yuan(total)),
                ]))
        }
        return run.result()
    }
}
