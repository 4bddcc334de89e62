import SunlightDomain

/// `bid.perennial_loser` 长期陪标: a bidder with ≥ min_bids bids and no win. Subject: bidder_uscc.
///
/// "Counts use bids not withdrawn." A win is a tender whose winner_uscc is the bidder. Every
/// counted bid counts, whether or not its tender was awarded yet (the text counts bids, not
/// lost tenders). Counts: every bidder of `bids` is a subject; one with a win, or with fewer
/// bids, is clear; one that reaches min_bids only with bids whose tender was not imported (so
/// whether it won them is unknown) cannot be judged.
public struct BidPerennialLoserRule: SupervisionRule {
    public init() {}
    public var code: String { "bid.perennial_loser" }
    public var version: Int { 1 }
    public var titleZh: String { "长期陪标" }
    public var titleEn: String { "Perennial losing bidder" }
    public var explanationZh: String {
        "企业多次投标却从未中标，可能是为他人“陪标”、凑足投标人数的专业陪标户。统计每家投标人未撤回的投标次数，达到规定次数且没有任何中标即预警，证据列出全部投标。"
    }
    public var explanationEn: String {
        "A company that bids again and again without ever winning may be a cover bidder, there to make up the number of bidders for someone else. Bids not withdrawn are counted per bidder; at the minimum number of bids with no win at all, the bidder is flagged with every bid listed."
    }
    public var inputs: [String] { ["bids", "tenders"] }
    public var parameters: [ParameterSpec] {
        [ParameterSpec(name: "min_bids", kind: .integer, defaultValue: "10", minimum: "1", maximum: "100000",
                       descriptionZh: "最少投标次数（不含撤回）", descriptionEn: "fewest bids (withdrawn ones not counted)")]
    }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.tenders, .bids]) { return result }
        var run = RuleRun(self, context)
        let minBids = context.parameters.integer(code, "min_bids")
        var wins: [Int32: Int] = [:]
        for t in data.tenders where t.winner >= 0 { wins[t.winner, default: 0] += 1 }
        BidderLedger.forEachBidder(data) { bidder, bids in
            guard bids.count >= minBids, wins[bidder] == nil else { run.markClear(); return }
            let known = bids.filter { BidderLedger.tender(data, $0) != nil }.count
            guard known >= minBids else {
                run.markNotComputable(zh: "部分投标的招标项目未导入，无法确定是否中标", en: "some bids' tenders were not imported, so wins are unknown")
                return
            }
            let written = bids.lazy.map { data.bids[$0].bidderName }.first { $0 >= 0 } ?? SymbolTable.none
            let buyers = Set(bids.compactMap { BidderLedger.tender(data, $0)?.buyer }).count
            run.flag(
                subject: data.text(bidder), severity: .medium,
                zh: "\(BidBook.bidderLabel(data, bidder, written))投标 \(bids.count) 次（涉及 \(buyers) 个招标人），从未中标",
                en: "\(BidBook.bidderLabelEn(data, bidder, written)) bid \(bids.count) times (\(buyers) buyer(s)) and never won",
                evidence: .pairs([
                    ("bidder_uscc", .string(data.text(bidder))), ("bidder_name", BidBook.bidderName(data, bidder, written)),
                    ("bid_count", .int(bids.count)), ("win_count", .int(0)), ("buyer_count", .int(buyers)),
                    ("min_bids", .int(minBids)), ("bids", .array(bids.map { BidderLedger.line(data, $0) })),
                ]))
        }
        return run.result()
    }
}
