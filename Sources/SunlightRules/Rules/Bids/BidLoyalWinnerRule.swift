import SunlightDomain

/// `bid.loyal_winner` 萝卜招标: a bidder with ≥ min_bids bids, all at one buyer, and a win rate
/// ≥ rate. Subject: bidder_uscc.
///
/// "Counts use bids not withdrawn." The win rate is (counted bids whose tender's winner is the
/// bidder) / (counted bids), compared exactly. Counts: every bidder of `bids`; fewer bids, more
/// than one buyer or a lower rate is clear; a bidder with enough bids some of whose tenders were
/// not imported (buyer unknown) cannot be judged.
public struct BidLoyalWinnerRule: SupervisionRule {
    public init() {}
    public var code: String { "bid.loyal_winner" }
    public var version: Int { 1 }
    public var titleZh: String { "萝卜招标" }
    public var titleEn: String { "Tailored tenders: one buyer's loyal winner" }
    public var explanationZh: String {
        "企业只在同一个招标人处投标且几乎每次中标，可能是招标条件为其“量身定做”（萝卜招标），或与招标人存在利益关系。统计未撤回的投标：次数达到规定、全部在同一招标人、中标率不低于规定比例即预警。"
    }
    public var explanationEn: String {
        "A company that only ever bids at one buyer and nearly always wins may be benefiting from tenders tailored to it, or from ties with the buyer. Counting bids not withdrawn: at the minimum number of bids, all at one buyer, with a win rate at or above the rate, the bidder is flagged."
    }
    public var inputs: [String] { ["bids", "tenders"] }
    public var parameters: [ParameterSpec] {
        [ParameterSpec(name: "min_bids", kind: .integer, defaultValue: "5", minimum: "1", maximum: "100000",
                       descriptionZh: "最少投标次数（不含撤回）", descriptionEn: "fewest bids (withdrawn ones not counted)"),
         ParameterSpec(name: "rate", kind: .decimal, defaultValue: "0.8", minimum: "0", minimumExclusive: true, maximum: "1",
                       descriptionZh: "最低中标率", descriptionEn: "lowest win rate")]
    }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.tenders, .bids]) { return result }
        var run = RuleRun(self, context)
        let minBids = context.parameters.integer(code, "min_bids")
        let rate = context.parameters.decimal(code, "rate")
        BidderLedger.forEachBidder(data) { bidder, bids in
            guard bids.count >= minBids else { run.markClear(); return }
            let tenders = bids.map { BidderLedger.tender(data, $0) }
            guard tenders.allSatisfy({ $0 != nil }) else {
                run.markNotComputable(zh: "部分投标的招标项目未导入，无法确定招标人", en: "some bids' tenders were not imported, so the buyers are unknown")
                return
            }
            let buyer = tenders[0]!.buyer
            guard tenders.allSatisfy({ $0!.buyer == buyer }) else { run.markClear(); return }
            let wins = tenders.filter { $0!.winner == bidder }.count
            guard Exact.compare(Int64(wins), times: FixedDecimal.scale, Int64(bids.count), times: rate.micros) >= 0 else {
                run.markClear()
                return
            }
            let written = bids.lazy.map { data.bids[$0].bidderName }.first { $0 >= 0 } ?? SymbolTable.none
            let winRate = BidBook.ratio(Int64(wins), Int64(bids.count))
            run.flag(
                subject: data.text(bidder), severity: .medium,
                zh: "\(BidBook.bidderLabel(data, bidder, written))投标 \(bids.count) 次全部在\(data.unitZh(buyer))，中标 \(wins) 次，中标率 \(winRate)",
                en: "\(BidBook.bidderLabelEn(data, bidder, written)) bid \(bids.count) times, all at \(data.unitEn(buyer)), and won \(wins) (win rate \(winRate))",
                evidence: .pairs([
                    ("bidder_uscc", .string(data.text(bidder))), ("bidder_name", BidBook.bidderName(data, bidder, written)),
                    ("buyer_unit_code", .string(data.text(buyer))), ("bid_count", .int(bids.count)), ("win_count", .int(wins)),
                    ("win_rate", .string(winRate)), ("min_bids", .int(minBids)), ("rate", .string(rate.text)),
                    ("bids", .array(bids.map { BidderLedger.line(data, $0) })),
                ]))
        }
        return run.result()
    }
}
