import SunlightDomain

/// `bid.rotation` 轮流坐庄: the same set of ≥ 3 bidders (exactly that set) bids in ≥ 3 tenders of
/// one buyer, with ≥ 2 different winners among them. Subject: `buyer_unit_code|usccs` with the
/// bidders' USCCs in ASCII order joined by `+`.
///
/// "Counts use bids not withdrawn": a tender's set is its bidders whose bids were not
/// withdrawn. "The set is compared exactly; winners need not be in the set." Tenders without a
/// winner still count as tenders of the set. Counts: each (buyer, set) of ≥ 3 bidders seen in
/// some tender is a subject; tenders with ≥ 3 bidders but no `tenders` row (buyer unknown)
/// cannot be judged.
public struct BidRotationRule: SupervisionRule {
    public init() {}
    public var code: String { "bid.rotation" }
    public var version: Int { 1 }
    public var titleZh: String { "轮流坐庄" }
    public var titleEn: String { "Bid rotation" }
    public var explanationZh: String {
        "同一招标人的多个项目总是由同一组投标人（完全相同的三家以上）参与投标，而中标人在其中轮换，是串通投标中“轮流坐庄”的典型特征：投标人事先约定每次由谁中标，其余陪标。"
    }
    public var explanationEn: String {
        "When one buyer's tenders keep drawing exactly the same group of three or more bidders while the winner changes from tender to tender, the bidders may be taking turns: agreeing in advance who wins each time while the others bid as cover."
    }
    public var inputs: [String] { ["tenders", "bids"] }
    public var parameters: [ParameterSpec] { [] }

    static let minimumBidders = 3
    static let minimumTenders = 3
    static let minimumWinners = 2

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.tenders, .bids]) { return result }
        var run = RuleRun(self, context)
        var sets: [String: [Int]] = [:]
        var order: [String] = []
        for (k, g) in data.bidGroups.enumerated() {
            let bidders = g.bids.filter { data.bids[$0].status.isCounted }.map { data.text(data.bids[$0].bidder) }
            guard bidders.count >= Self.minimumBidders else { continue }
            guard let t = BidBook.tender(data, g) else {
                run.markNotComputable(zh: BidBook.orphanZh, en: BidBook.orphanEn)
                continue
            }
            // Bids of a tender are kept in byte order of the USCC, one per bidder.
            let key = data.text(t.buyer) + "|" + bidders.joined(separator: "+")
            if sets[key] == nil { order.append(key) }
            sets[key, default: []].append(k)
        }
        for key in order {
            let groups = sets[key]!
            var winners: [Int32] = []
            for k in groups {
                let w = BidBook.tender(data, data.bidGroups[k])!.winner
                if w >= 0 && !winners.contains(w) { winners.append(w) }
            }
            guard groups.count >= Self.minimumTenders, winners.count >= Self.minimumWinners else { run.markClear(); continue }
            flag(data, key, groups, winners, &run)
        }
        return run.result()
    }

    private func flag(_ data: SupervisionData, _ key: String, _ groupIndices: [Int], _ winners: [Int32], _ run: inout RuleRun) {
        let groups = groupIndices.map { data.bidGroups[$0] }.sorted { a, b in
            let x = BidBook.tender(data, a)!.publishedDay, y = BidBook.tender(data, b)!.publishedDay
            return x != y ? x < y : data.text(a.tender).utf8.lexicographicallyPrecedes(data.text(b.tender).utf8)
        }
        let first = groups[0]
        let buyer = BidBook.tender(data, first)!.buyer
        let members = first.bids.filter { data.bids[$0].status.isCounted }.map { data.bids[$0] }
        let memberSet = Set(members.map(\.bidder))
        var winCount: [Int32: Int] = [:]
        for g in groups { let w = BidBook.tender(data, g)!.winner; if w >= 0 { winCount[w, default: 0] += 1 } }
        let names = members.map { BidBook.bidderLabel(data, $0.bidder, $0.bidderName) }
        let namesEn = members.map { BidBook.bidderLabelEn(data, $0.bidder, $0.bidderName) }
        let outside = winners.filter { !memberSet.contains($0) }
        run.flag(
            subject: key, severity: .high,
            zh: "\(data.unitZh(buyer))的 \(groups.count) 个招标项目均由同一组 \(members.count) 家投标人（\(names.joined(separator: "、"))）投标，\(winners.count) 家先后中标",
            en: "\(groups.count) tenders of \(data.unitEn(buyer)) drew exactly the same \(members.count) bidders (\(namesEn.joined(separator: ", "))), with \(winners.count) different winners",
            evidence: .pairs([
                ("buyer_unit_code", .string(data.text(buyer))),
                ("bidders", .array(members.map { b in
                    .pairs([("bidder_uscc", .string(data.text(b.bidder))), ("bidder_name", BidBook.bidderName(data, b.bidder, b.bidderName)),
                            ("win_count", .int(winCount[b.bidder] ?? 0))])
                })),
                ("tenders", .array(groups.map { g in
                    let t = BidBook.tender(data, g)!
                    let winnerBid = g.bids.first { data.bids[$0].bidder == t.winner }
                    return .pairs([("tender_id", .string(data.text(g.tender))), ("title", data.optionalText(t.title)),
                                   ("method", data.optionalText(t.methodText)), ("published_date", Display.dateEvidence(t.publishedDay)),
                                   ("award_date", Display.dateEvidence(t.awardDay)), ("winner_uscc", data.optionalText(t.winner)),
                                   ("winner_name", t.winner >= 0 ? BidBook.bidderName(data, t.winner, winnerBid.map { data.bids[$0].bidderName } ?? SymbolTable.none) : .null),
                                   ("winner_in_set", .bool(memberSet.contains(t.winner))), ("award_amount", BidBook.money(t.awardAmount)),
                                   ("bid_count", .int(g.bids.filter { data.bids[$0].status.isCounted }.count))])
                })),
                ("tender_count", .int(groups.count)), ("winner_count", .int(winners.count)),
                ("winners_outside_set", .array(outside.map { .string(data.text($0)) })),
            ]))
    }
}
