import SunlightDomain

/// `bid.common_owner` 投标人关联: ≥ 2 distinct bidders share a natural-person shareholder, legal
/// representative or executive (招标投标法实施条例 Art. 34: units with the same responsible
/// person, or in a controlling or management relationship, may not bid for the same lot).
///
/// "bid.common_owner counts shareholders, legal representatives and executives only. Corporate
/// holders (holder_uscc) link no person." The roles may differ (one bidder's legal
/// representative being the other's executive counts). "Evidence signals use every bid row."
/// Counts: a tender with fewer than 2 bidders is clear; one where fewer than 2 bidders have any
/// registered legal representative, shareholder or executive cannot be judged.
public struct BidCommonOwnerRule: SupervisionRule {
    public init() {}
    public var code: String { "bid.common_owner" }
    public var version: Int { 1 }
    public var titleZh: String { "投标人关联" }
    public var titleEn: String { "Bidders with a common owner or manager" }
    public var explanationZh: String {
        "《招标投标法实施条例》第三十四条规定，单位负责人为同一人或者存在控股、管理关系的不同单位，不得参加同一标段投标。将投标人与企业登记及股东、主要人员数据比对：两家以上投标人有同一自然人担任法定代表人、股东或高管（职务可以不同）即预警；仅有共同监事或法人股东的不计。"
    }
    public var explanationEn: String {
        "Article 34 of the Implementing Regulations bars units with the same responsible person, or in a controlling or management relationship, from bidding for the same lot. Bidders are matched with company registrations and roles: two or more bidders with one natural person as legal representative, shareholder or executive (in any combination) are flagged; a shared supervisor or corporate shareholder alone does not count."
    }
    public var inputs: [String] { ["bids", "tenders", "companies", "company_roles", "people"] }
    public var parameters: [ParameterSpec] { [] }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.bids, .companies, .companyRoles]) { return result }
        var run = RuleRun(self, context)
        var links: [(person: Int32, bid: Int, roles: CompanyLinkSet)] = []
        for g in data.bidGroups {
            guard g.bids.count >= 2 else { run.markClear(); continue }
            links.removeAll(keepingCapacity: true)
            var known = 0
            for i in g.bids {
                var any = false
                for (person, roles) in data.linksOfUSCC.neighbours(data.bids[i].bidder) where roles.isOwner {
                    links.append((person, i, roles))
                    any = true
                }
                if any { known += 1 }
            }
            guard known >= 2 else {
                run.markNotComputable(zh: "投标人没有登记的法定代表人、股东或高管", en: "the bidders have no registered legal representative, shareholder or executive")
                continue
            }
            links.sort { $0.person != $1.person ? data.text($0.person).utf8.lexicographicallyPrecedes(data.text($1.person).utf8) : $0.bid < $1.bid }
            var shared: [ArraySlice<(person: Int32, bid: Int, roles: CompanyLinkSet)>] = []
            var start = 0
            while start < links.count {
                var end = start + 1
                while end < links.count, links[end].person == links[start].person { end += 1 }
                if end - start >= 2 { shared.append(links[start..<end]) }   // one row per (bidder, person): distinct bidders
                start = end
            }
            guard !shared.isEmpty else { run.markClear(); continue }
            flag(data, g, shared, &run)
        }
        return run.result()
    }

    private func flag(_ data: SupervisionData, _ g: BidGroup,
                      _ shared: [ArraySlice<(person: Int32, bid: Int, roles: CompanyLinkSet)>], _ run: inout RuleRun) {
        var involved: [Int] = []
        for s in shared { for l in s where !involved.contains(l.bid) { involved.append(l.bid) } }
        involved.sort()
        let lead = shared[0]
        let person = data.text(lead.first!.person)
        let name = BidBook.personName(data, lead.first!.person).stringValue
        let who = name.map { "\($0)（\(Display.shortID(person))）" } ?? Display.shortID(person)
        let whoEn = name.map { "\($0) (\(Display.shortID(person)))" } ?? Display.shortID(person)
        let rolesZh = lead.map { "\(BidBook.bidderLabel(data, data.bids[$0.bid].bidder, data.bids[$0.bid].bidderName))的\($0.roles.ownerZh)" }
        let rolesEn = lead.map { "\($0.roles.ownerCodes.joined(separator: "/")) of \(BidBook.bidderLabelEn(data, data.bids[$0.bid].bidder, data.bids[$0.bid].bidderName))" }
        let more = shared.count > 1 ? "等 \(shared.count) 人" : ""
        let moreEn = shared.count > 1 ? "; \(shared.count) people in all" : ""
        run.flag(
            subject: BidBook.tenderID(data, g), severity: .high,
            zh: "\(BidBook.nameZh(data, g))中 \(involved.count) 家投标人有共同的法定代表人、股东或高管：\(who)\(more)，为\(rolesZh.joined(separator: "、"))",
            en: "\(involved.count) bidders in \(BidBook.nameEn(data, g)) share a legal representative, shareholder or executive: \(whoEn) is \(rolesEn.joined(separator: ", "))\(moreEn)",
            evidence: .pairs(BidBook.tenderFields(data, g) + [
                ("people", .array(shared.map { s in
                    let p = s.first!.person
                    return .pairs([("id_number", .string(data.text(p))), ("name", BidBook.personName(data, p)),
                                   ("bidder_uscc", .array(s.map { .string(data.text(data.bids[$0.bid].bidder)) })),
                                   ("bidder_count", .int(s.count))])
                })),
                ("links", .array(shared.flatMap { s in
                    s.map { l in
                        let b = data.bids[l.bid]
                        return .pairs([("id_number", .string(data.text(l.person))), ("bidder_uscc", .string(data.text(b.bidder))),
                                       ("bidder_name", BidBook.bidderName(data, b.bidder, b.bidderName)),
                                       ("roles", .array(l.roles.ownerCodes.map { .string($0) }))])
                    }
                })),
                ("bids", .array(involved.map { BidBook.bidLine(data, data.bids[$0]) })),
                ("bid_count", .int(g.bids.count)),
            ]))
    }
}
