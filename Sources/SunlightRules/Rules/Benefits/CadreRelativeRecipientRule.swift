import SunlightDomain

/// `benefit.cadre_relative` 优亲厚友: a recipient in village V is a close relative or household
/// member of a `village_cadre` of V active during P. Severity medium: a lead for review.
///
/// "the recipient's village is the row's village_code, else their household's; a cadre is a
/// village_cadre whose unit_code is that village"; all programs are looked at.
public struct CadreRelativeRecipientRule: SupervisionRule {
    public init() {}
    public var code: String { "benefit.cadre_relative" }
    public var version: Int { 1 }
    public var titleZh: String { "优亲厚友" }
    public var titleEn: String { "Benefits to village cadres' relatives" }
    public var explanationZh: String {
        "村干部近亲属（配偶、子女、父母、兄弟姐妹、子女配偶）或同户成员在本村领取惠民资金，需核实是否履行了公示和回避程序。这是需要复核的线索，并不表示违规。"
    }
    public var explanationEn: String {
        "A close relative (spouse, child, parent, sibling, child's spouse) or household member of a village cadre receiving benefits in the cadre's own village should be checked for proper publicity and recusal. It is a lead for review, not a finding of wrongdoing."
    }
    public var inputs: [String] { ["benefits", "people", "relatives", "households"] }
    public var parameters: [ParameterSpec] { [] }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.benefits, .people]) { return result }
        if !data.hasRows(.relatives) && !data.hasRows(.households) {
            return RuleRun.missingInputs(self, data, context, required: [.relatives, .households])!
        }
        var run = RuleRun(self, context)
        var cachedPerson: Int32 = -1
        var kin: [Int32: String] = [:]   // person → the recipient's relation to that person
        var personVillage: Int32 = -1
        BenefitRoll.forEachSubject(data.benefits) { range in
            let first = data.benefits[range.lowerBound]
            guard first.idState == .parsed else {
                run.markNotComputable(zh: BenefitRoll.unreadableIDZh, en: BenefitRoll.unreadableIDEn)
                return
            }
            if cachedPerson != first.person {
                cachedPerson = first.person
                kin = [:]
                for member in data.householdMembers(of: first.person) { kin[member] = "household_member" }
                // The edge's payload is the relative's relation to the recipient; the recipient's
                // relation to the relative (the cadre) is its inverse.
                for (relative, relation) in data.relatives.neighbours(first.person) { kin[relative] = relation.inverse.code }
                personVillage = -1
                for household in data.householdsOfPerson.values(first.person) {
                    if let village = data.householdVillage[household] { personVillage = village; break }
                }
            }
            var offending: [Int] = []
            var lines: [Evidence] = []
            var cadres: [(post: Int32, relation: String)] = []
            var villages: [Int32] = []
            var knownVillage = false
            for i in range {
                let row = data.benefits[i]
                var village = row.village
                if village < 0, row.household >= 0 { village = data.householdVillage[row.household] ?? -1 }
                if village < 0 { village = personVillage }
                guard village >= 0 else { continue }
                knownVillage = true
                let (firstDay, lastDay) = BenefitRoll.days(of: row.period)
                var ids: [String] = []
                for post in data.cadresOfVillage.values(village) {
                    let cadre = data.people[Int(post)]
                    guard cadre.person != first.person, let relation = kin[cadre.person],
                          cadre.isActive(from: firstDay, through: lastDay) else { continue }
                    if !cadres.contains(where: { $0.post == post }) { cadres.append((post, relation)) }
                    let id = data.text(cadre.person)
                    if !ids.contains(id) { ids.append(id) }
                }
                guard !ids.isEmpty else { continue }
                offending.append(i)
                if !villages.contains(village) { villages.append(village) }
                lines.append(BenefitRoll.periodLine(data, row, [("village_code", .string(data.text(village))),
                                                                ("cadre_id_numbers", .array(ids.map { .string($0) }))]))
            }
            guard knownVillage else {
                run.markNotComputable(zh: "无法确定领取人所在村（发放记录和户籍均无村社区编码）",
                                      en: "the recipient's village is unknown (no village_code on the rows or the household)")
                return
            }
            guard !offending.isEmpty else { run.markClear(); return }
            let lead = data.people[Int(cadres[0].post)]
            let relationZh = Self.relationZh(cadres[0].relation)
            let total = BenefitRoll.total(data, offending)
            let periods = BenefitRoll.distinctPeriods(data, offending)
            let program = data.text(first.program)
            run.flag(
                subject: BenefitRoll.subject(data, first), severity: .medium,
                zh: "\(BenefitRoll.whoZh(data, first))是\(data.unitZh(lead.unit))村干部\(data.text(lead.name))的\(relationZh)，在本村领取\(program) \(periods) 期，共 \(Display.yuan(total)) 元",
                en: "\(BenefitRoll.whoEn(data, first)), \(Self.relationEn(cadres[0].relation)) of village cadre \(data.text(lead.name)) of \(data.unitEn(lead.unit)), received \(program) there for \(periods) period(s), \(Display.yuan(total)) yuan in total",
                evidence: .pairs([
                    ("id_number", .string(data.text(first.person))), ("name", .string(data.text(first.name))),
                    ("program", .string(program)), ("village_codes", .array(villages.map { .string(data.text($0)) })),
                    ("cadres", .array(cadres.map { c in
                        let post = data.people[Int(c.post)]
                        return .pairs([("id_number", .string(data.text(post.person))), ("name", .string(data.text(post.name))),
                                       ("unit_code", .string(data.text(post.unit))),
                                       ("recipient_is", .string(c.relation)),
                                       ("since", Display.dateEvidence(post.sinceDay)),
                                       ("until", post.untilDay == Day.open ? .null : Display.dateEvidence(post.untilDay))])
                    })),
                    ("periods", .array(lines)), ("period_count", .int(periods)), ("total", .yuan(total)),
                ]))
        }
        return run.result()
    }

    /// The recipient's relation to the cadre (the relative's side of the edge).
    private static func relationZh(_ code: String) -> String {
        code == "household_member" ? "同户成员" : (KinRelation(code: code)?.zh ?? (code == "spouse_parent" ? "配偶父母" : code))
    }

    private static func relationEn(_ code: String) -> String {
        code == "household_member" ? "a household member" : (KinRelation(code: code).map { "the " + $0.en } ?? (code == "spouse_parent" ? "a parent-in-law" : code))
    }
}
