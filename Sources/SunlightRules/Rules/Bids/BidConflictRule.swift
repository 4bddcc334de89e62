import SunlightDomain

/// `bid.conflict` 投标人关联招标人: a bidder in a tender is linked to an official of the buyer
/// unit, or to a close relative of one. Subject: tender_id.
///
/// "Linked to a company: companies.legal_rep_id_number, or a natural person in any
/// company_roles row of it (supervisor included)." "The official is active on the bid's
/// submitted_at, else the tender's published_date; buyer unit exactly" (no descent in the unit
/// tree). "Close relatives are mutual." "Evidence signals use every bid row." The search runs
/// from the bidder to its people, their close relatives and their posts, so it costs a few
/// lookups per bid. Counts: a tender with a link is flagged; one without is clear; a tender
/// known only from `bids` (buyer unknown), or where a bid has no date to judge the post by, and
/// no link was found, cannot be judged.
public struct BidConflictRule: SupervisionRule {
    public init() {}
    public var code: String { "bid.conflict" }
    public var version: Int { 1 }
    public var titleZh: String { "投标人关联招标人" }
    public var titleEn: String { "Bidder linked to the buyer's officials" }
    public var explanationZh: String {
        "投标人的法定代表人、股东、高管或监事是招标单位在职公职人员本人或其近亲属（配偶、子女、父母、兄弟姐妹、子女配偶），存在利益冲突和利益输送风险，需要核实招标过程中是否履行回避程序。任职状态按投标递交时间判断，没有递交时间的按招标公告日期。"
    }
    public var explanationEn: String {
        "A bidder whose legal representative, shareholder, executive or supervisor is a serving official of the buying unit, or a close relative of one (spouse, child, parent, sibling, child's spouse), is a conflict of interest; whether the official recused themselves from the tender should be checked. The official's post is judged on the date the bid was submitted, else on the date the tender was published."
    }
    public var inputs: [String] { ["tenders", "bids", "people", "relatives", "companies", "company_roles"] }
    public var parameters: [ParameterSpec] { [] }

    struct Path: Equatable {
        var bid: Int
        var holder: Int32
        var links: CompanyLinkSet
        var relation: KinRelation?   // the holder's relation to the official; nil = the official
        var official: Int32
        var post: Int32
        var day: Int32
        var submitted: Bool          // judged on submitted_at (else on published_date)
    }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.tenders, .bids, .people, .companies, .companyRoles]) {
            return result
        }
        var run = RuleRun(self, context)
        var paths: [Path] = []
        for g in data.bidGroups {
            guard !g.bids.isEmpty else { run.markClear(); continue }
            guard let t = BidBook.tender(data, g) else {
                run.markNotComputable(zh: BidBook.orphanZh, en: BidBook.orphanEn)
                continue
            }
            paths.removeAll(keepingCapacity: true)
            var undated = 0
            for i in g.bids {
                let b = data.bids[i]
                let submitted = b.submittedDay != Day.none
                let day = submitted ? b.submittedDay : t.publishedDay
                guard day != Day.none else { undated += 1; continue }
                for (holder, links) in data.linksOfUSCC.neighbours(b.bidder) {
                    var candidates: [(official: Int32, relation: KinRelation?)] = [(holder, nil)]
                    for (relative, relation) in data.relatives.neighbours(holder) {
                        // `relation` is the relative's relation to the holder; the holder's to the official is its inverse.
                        candidates.append((relative, relation.inverse))
                    }
                    for candidate in candidates {
                        for post in data.postsOfPerson.values(candidate.official) {
                            let p = data.people[Int(post)]
                            guard p.category.isOfficial, p.unit == t.buyer, p.isActive(on: day) else { continue }
                            if paths.contains(where: { $0.bid == i && $0.holder == holder && $0.official == candidate.official }) { continue }
                            paths.append(Path(bid: i, holder: holder, links: links, relation: candidate.relation,
                                              official: candidate.official, post: post, day: day, submitted: submitted))
                        }
                    }
                }
            }
            if paths.isEmpty {
                if undated > 0 {
                    run.markNotComputable(zh: "投标没有递交时间且招标项目没有公告日期", en: "a bid has no submission time and the tender no published date")
                } else {
                    run.markClear()
                }
                continue
            }
            flag(data, g, t, paths, &run)
        }
        return run.result()
    }

    private func flag(_ data: SupervisionData, _ g: BidGroup, _ t: TenderRecord, _ paths: [Path], _ run: inout RuleRun) {
        let lead = paths[0]
        let b = data.bids[lead.bid]
        let post = data.people[Int(lead.post)]
        let officialID = data.text(lead.official)
        let official = "\(data.text(post.name))（\(Display.shortID(officialID))）"
        let officialEn = "\(data.text(post.name)) (\(Display.shortID(officialID)))"
        let whoZh = lead.relation.map { "的\($0.zh)" } ?? "本人"
        let whoEn = lead.relation.map { "the \($0.en) of " } ?? ""
        let more = paths.count > 1 ? "（共 \(paths.count) 条关联）" : ""
        let moreEn = paths.count > 1 ? " (\(paths.count) links in all)" : ""
        var involved: [Int] = []
        for p in paths where !involved.contains(p.bid) { involved.append(p.bid) }
        involved.sort()
        run.flag(
            subject: BidBook.tenderID(data, g), severity: .high,
            zh: "\(BidBook.nameZh(data, g))的投标人\(BidBook.bidderLabel(data, b.bidder, b.bidderName))的\(lead.links.zh)为招标人公职人员\(official)\(whoZh)\(more)",
            en: "Bidder \(BidBook.bidderLabelEn(data, b.bidder, b.bidderName)) in \(BidBook.nameEn(data, g)) has as \(lead.links.codes.joined(separator: "/")) \(whoEn)\(officialEn), an official of the buyer\(moreEn)",
            evidence: .pairs(BidBook.tenderFields(data, g) + [
                ("links", .array(paths.map { p in
                    let bid = data.bids[p.bid]
                    let o = data.people[Int(p.post)]
                    return .pairs([
                        ("bidder_uscc", .string(data.text(bid.bidder))), ("bidder_name", BidBook.bidderName(data, bid.bidder, bid.bidderName)),
                        ("holder_id_number", .string(data.text(p.holder))), ("holder_name", BidBook.personName(data, p.holder)),
                        ("roles", .array(p.links.codes.map { .string($0) })),
                        ("holder_relation_to_official", .string(p.relation?.code ?? "self")),
                        ("official_id_number", .string(data.text(p.official))), ("official_name", .string(data.text(o.name))),
                        ("official_unit_code", .string(data.text(o.unit))), ("official_category", .string(data.text(o.categoryText))),
                        ("official_since", Display.dateEvidence(o.sinceDay)),
                        ("official_until", o.untilDay == Day.open ? .null : Display.dateEvidence(o.untilDay)),
                        ("active_on", .string(Display.date(p.day).iso)),
                        ("active_on_source", .string(p.submitted ? "submitted_at" : "published_date")),
                    ])
                })),
                ("bids", .array(involved.map { BidBook.bidLine(data, data.bids[$0]) })),
                ("bid_count", .int(g.bids.count)),
            ]))
    }
}
