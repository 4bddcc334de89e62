import SunlightDomain

/// `conflict.payee` 关联方收款: a unit pays a company linked to one of its own officials (active
/// at the payment date) or to a close relative of one; or pays the official or their close
/// relative in person; also when the official is the payment's approver, whatever their unit.
///
/// "'its own officials' = unit_code equal to the paying unit (no descent in the unit tree); 'in
/// person' = payee_code is the official's or the relative's ID; one finding per (official,
/// payee)." The payee company is found by payee_code = USCC. The search runs from the payee
/// back to officials (payee → linked people → their close relatives → their posts), so it costs
/// a few lookups per payment however large the units are. Counts: each (official, payee) finding
/// is flagged; each payment that links to no official is clear.
public struct ConflictPayeeRule: SupervisionRule {
    public init() {}
    public var code: String { "conflict.payee" }
    public var version: Int { 1 }
    public var titleZh: String { "关联方收款" }
    public var titleEn: String { "Payments to officials' related parties" }
    public var explanationZh: String {
        "单位向本单位在职公职人员或其近亲属本人、或其担任法定代表人、股东、高管、监事的企业付款，或由与收款方有上述关系的公职人员审批付款，存在利益输送风险，需要核实是否履行回避程序。证据列出关联路径、凭证及合计。"
    }
    public var explanationEn: String {
        "A unit paying one of its own serving officials or a close relative of one, or a company in which they are legal representative, shareholder, executive or supervisor — or a payment approved by an official so related to the payee — risks a conflict of interest; recusal should be checked. The evidence gives the link path, the vouchers and the total."
    }
    public var inputs: [String] { ["payments", "people", "relatives", "companies", "company_roles"] }
    public var parameters: [ParameterSpec] { [] }

    /// How the payee leads to the official.
    struct Path: Equatable {
        var company: Int32          // company index, or -1 when paid in person
        var holder: Int32           // the person linked to the company / paid in person
        var link: CompanyLink?
        var relation: KinRelation?  // the holder's relation to the official; nil = the official
        var approver: Bool          // found through the approver rather than the paying unit
    }

    struct Accumulator {
        var official: Int32
        var payee: Int32
        var post: Int32
        var paths: [Path] = []
        var payments: [Int32] = []
        var total: Int64 = 0
    }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.payments, .people]) { return result }
        var run = RuleRun(self, context)
        var found: [UInt64: Accumulator] = [:]
        var holders: [(person: Int32, company: Int32, link: CompanyLink?)] = []
        for (index, p) in data.payments.enumerated() {
            holders.removeAll(keepingCapacity: true)
            if p.payeeCode >= 0, let company = data.companyByUSCC[p.payeeCode] {
                for (person, link) in data.personsOfCompany.neighbours(company) { holders.append((person, company, link)) }
            }
            if p.payeePerson >= 0 { holders.append((p.payeePerson, -1, nil)) }
            var linked = false
            for holder in holders {
                var candidates: [(official: Int32, relation: KinRelation?)] = [(holder.person, nil)]
                for (relative, relation) in data.relatives.neighbours(holder.person) {
                    // `relation` is the relative's relation to the holder; the holder's to the official is its inverse.
                    candidates.append((relative, relation.inverse))
                }
                for candidate in candidates {
                    for postIndex in data.postsOfPerson.values(candidate.official) {
                        let post = data.people[Int(postIndex)]
                        guard post.category.isOfficial, post.isActive(on: p.day) else { continue }
                        let ownUnit = post.unit == p.unit
                        let approver = p.approver >= 0 && p.approver == candidate.official
                        guard ownUnit || approver else { continue }
                        linked = true
                        let key = UInt64(UInt32(bitPattern: candidate.official)) << 32 | UInt64(UInt32(bitPattern: p.payee))
                        var acc = found[key] ?? Accumulator(official: candidate.official, payee: p.payee, post: postIndex)
                        let path = Path(company: holder.company, holder: holder.person, link: holder.link,
                                        relation: candidate.relation, approver: !ownUnit)
                        if !acc.paths.contains(path) { acc.paths.append(path) }
                        if acc.payments.last != Int32(index) {
                            acc.payments.append(Int32(index))
                            acc.total += p.amount
                        }
                        found[key] = acc
                    }
                }
            }
            if !linked { run.markClear() }
        }
        for acc in found.values { flag(data, acc, &run) }
        return run.result()
    }

    private func flag(_ data: SupervisionData, _ acc: Accumulator, _ run: inout RuleRun) {
        let post = data.people[Int(acc.post)]
        let officialID = data.text(acc.official)
        let payee = data.text(acc.payee)
        let first = data.payments[Int(acc.payments[0])]
        let path = acc.paths[0]
        let whoZh = path.relation.map { "其\($0.zh)" } ?? "本人"
        let whoEn = path.relation.map { "their \($0.en)" } ?? "the official"
        let linkZh: String, linkEn: String
        if path.company >= 0 {
            let company = data.text(data.companies[Int(path.company)].name)
            linkZh = "\(whoZh)担任\(path.link?.zh ?? "")的\(company)"
            linkEn = "\(company), where \(whoEn) is \(path.link?.code ?? "linked")"
        } else {
            linkZh = "\(whoZh)个人"
            linkEn = "\(whoEn) in person"
        }
        let roleZh = path.approver ? "审批人" : "本单位公职人员"
        let roleEn = path.approver ? "approver" : "official of the paying unit"
        let sorted = acc.payments.sorted { a, b in
            let x = data.payments[Int(a)], y = data.payments[Int(b)]
            return x.day != y.day ? x.day < y.day : (x.unit != y.unit ? x.unit < y.unit : Display.naturalLess(data.text(x.voucher), data.text(y.voucher)))
        }
        run.flag(
            subject: officialID + "|" + payee, severity: .high,
            zh: "\(data.unitZh(first.unit))向\(roleZh)\(data.text(post.name))（\(Display.shortID(officialID))）\(linkZh)支付 \(acc.payments.count) 笔，共 \(Display.yuan(acc.total)) 元",
            en: "\(data.unitEn(first.unit)) made \(acc.payments.count) payment(s), \(Display.yuan(acc.total)) yuan in total, to \(linkEn); the official is \(data.text(post.name)) (\(Display.shortID(officialID))), \(roleEn)",
            evidence: .pairs([
                ("official", .pairs([("id_number", .string(officialID)), ("name", .string(data.text(post.name))),
                                     ("unit_code", .string(data.text(post.unit))), ("category", .string(data.text(post.categoryText)))])),
                ("payee", .string(payee)), ("payee_name", .string(data.text(first.payeeName))),
                ("links", .array(acc.paths.map { pathEvidence(data, $0) })),
                ("payments", .array(sorted.map { i in
                    let p = data.payments[Int(i)]
                    return .pairs([("unit_code", .string(data.text(p.unit))), ("voucher_no", .string(data.text(p.voucher))),
                                   ("date", .string(Display.date(p.day).iso)), ("amount", .yuan(p.amount)),
                                   ("approver_id_number", data.optionalText(p.approver))])
                })),
                ("payment_count", .int(acc.payments.count)), ("total", .yuan(acc.total)),
            ]))
    }

    private func pathEvidence(_ data: SupervisionData, _ path: Path) -> Evidence {
        var fields: [(String, Evidence)] = [("via", .string(path.approver ? "approver" : "paying_unit"))]
        if path.company >= 0 {
            let company = data.companies[Int(path.company)]
            fields += [("kind", .string("company")), ("company_uscc", .string(data.text(company.uscc))),
                       ("company_name", .string(data.text(company.name))), ("role", .string(path.link?.code ?? ""))]
        } else {
            fields.append(("kind", .string("in_person")))
        }
        fields.append(("holder_id_number", .string(data.text(path.holder))))
        fields.append(("holder_relation_to_official", .string(path.relation?.code ?? "self")))
        return .pairs(fields)
    }
}
