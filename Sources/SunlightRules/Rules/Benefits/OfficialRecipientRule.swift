import SunlightDomain

/// `benefit.official` 公职人员违规领取: a means-tested payment for period P to a publicly funded
/// person, or (with include_household) to a household member of one, active during P.
///
/// "Active during P = in post on at least one day of period P's month"; "Household members:
/// people sharing a household_id in households, plus the household_id written on the person's
/// benefit rows. A person is not their own household member."
public struct OfficialRecipientRule: SupervisionRule {
    public init() {}
    public var code: String { "benefit.official" }
    public var version: Int { 1 }
    public var titleZh: String { "公职人员违规领取" }
    public var titleEn: String { "Means-tested benefits to officials' households" }
    public var explanationZh: String {
        "低保、特困等经济状况核查类补助不应发给财政供养人员（公务员、事业人员、国企管理人员）或其家庭成员。将发放名册与人员、户籍数据比对：发放期间内本人或同户成员在职即预警，列出各期金额、在职人员及合计。"
    }
    public var explanationEn: String {
        "Means-tested benefits (minimum-living allowance, extreme-poverty support) should not go to publicly funded people (civil servants, institution staff, SOE managers) or their households. The roll is matched against people and household records: if the recipient or a household member was in post during the period paid, the rule fires, listing the periods, the officials and the total."
    }
    public var inputs: [String] { ["benefits", "people", "households", "programs"] }
    public var parameters: [ParameterSpec] {
        [ParameterSpec(name: "include_household", kind: .bool, defaultValue: "true",
                       descriptionZh: "是否同时核查同户家庭成员", descriptionEn: "also check the recipient's household members")]
    }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.benefits, .people]) { return result }
        var run = RuleRun(self, context)
        let includeHousehold = context.parameters.bool(code, "include_household")
        var cachedPerson: Int32 = -1
        var posts: [(post: Int32, member: Bool)] = []
        BenefitRoll.forEachSubject(data.benefits) { range in
            let first = data.benefits[range.lowerBound]
            guard data.programs.isMeansTested(first.program) else { return }
            guard first.idState == .parsed else {
                run.markNotComputable(zh: BenefitRoll.unreadableIDZh, en: BenefitRoll.unreadableIDEn)
                return
            }
            if cachedPerson != first.person {
                cachedPerson = first.person
                posts = data.postsOfPerson.values(first.person).map { ($0, false) }
                if includeHousehold {
                    for member in data.householdMembers(of: first.person) {
                        posts += data.postsOfPerson.values(member).map { ($0, true) }
                    }
                }
                posts = posts.filter { data.people[Int($0.post)].category.isPubliclyFunded }
            }
            guard !posts.isEmpty else { run.markClear(); return }
            var offending: [Int] = []
            var lines: [Evidence] = []
            var involved: [Int32] = []
            for i in range {
                let row = data.benefits[i]
                let (firstDay, lastDay) = BenefitRoll.days(of: row.period)
                let active = posts.filter { data.people[Int($0.post)].isActive(from: firstDay, through: lastDay) }
                guard !active.isEmpty else { continue }
                offending.append(i)
                for p in active where !involved.contains(p.post) { involved.append(p.post) }
                var ids: [String] = []
                for p in active {
                    let id = data.text(data.people[Int(p.post)].person)
                    if !ids.contains(id) { ids.append(id) }
                }
                lines.append(BenefitRoll.periodLine(data, row, [("official_id_numbers", .array(ids.map { .string($0) }))]))
            }
            guard !offending.isEmpty else { run.markClear(); return }
            let officials: [Evidence] = involved.sorted().map { index in
                let post = data.people[Int(index)]
                return .pairs([
                    ("id_number", .string(data.text(post.person))), ("name", .string(data.text(post.name))),
                    ("relation", .string(post.person == first.person ? "self" : "household_member")),
                    ("unit_code", .string(data.text(post.unit))), ("category", .string(data.text(post.categoryText))),
                    ("since", Display.dateEvidence(post.sinceDay)),
                    ("until", post.untilDay == Day.open ? .null : Display.dateEvidence(post.untilDay)),
                ])
            }
            let lead = data.people[Int(involved.sorted()[0])]
            let selfZh = lead.person == first.person ? "本人" : "家庭成员\(data.text(lead.name))"
            let selfEn = lead.person == first.person ? "who is" : "whose household member \(data.text(lead.name)) is"
            let total = BenefitRoll.total(data, offending)
            let periods = BenefitRoll.distinctPeriods(data, offending)
            let program = data.text(first.program)
            run.flag(
                subject: BenefitRoll.subject(data, first), severity: .high,
                zh: "\(BenefitRoll.whoZh(data, first))\(selfZh)为财政供养人员（\(data.unitZh(lead.unit))），仍领取\(program) \(periods) 期，共 \(Display.yuan(total)) 元",
                en: "\(BenefitRoll.whoEn(data, first)), \(selfEn) publicly funded (\(data.unitEn(lead.unit))), received \(program) for \(periods) period(s), \(Display.yuan(total)) yuan in total",
                evidence: .pairs([
                    ("id_number", .string(data.text(first.person))), ("name", .string(data.text(first.name))),
                    ("program", .string(program)), ("officials", .array(officials)), ("periods", .array(lines)),
                    ("period_count", .int(periods)), ("total", .yuan(total)),
                ]))
        }
        return run.result()
    }
}
