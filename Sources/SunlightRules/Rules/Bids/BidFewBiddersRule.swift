import SunlightDomain

/// `bid.few_bidders` 投标人不足三家: an `open` or `invited` tender is awarded with fewer than 3
/// bids (招标投标法 Art. 28: with fewer than three bidders the tender must be held again).
///
/// "Counts use bids not withdrawn"; "'Awarded' = a winner, award date or award amount is
/// present; a tender with no bid rows has 0 bids." Subjects: the tenders of `tenders`. A tender
/// of another method, or not (yet) awarded, is clear; one without a method cannot be judged, nor
/// can bids whose tender_id is not among the tenders (their method and award are unknown).
public struct BidFewBiddersRule: SupervisionRule {
    public init() {}
    public var code: String { "bid.few_bidders" }
    public var version: Int { 1 }
    public var titleZh: String { "投标人不足三家" }
    public var titleEn: String { "Tender awarded with fewer than three bidders" }
    public var explanationZh: String {
        "《招标投标法》第二十八条规定，投标人少于三个的，招标人应当依法重新招标。公开招标或邀请招标项目在有效（未撤回）投标不足三家的情况下确定了中标人，可能违反法定程序，也可能是事先安排的“围标”。"
    }
    public var explanationEn: String {
        "Under Article 28 of the Tendering and Bidding Law, a tender with fewer than three bidders must be held again. An open or invited tender awarded with fewer than three bids (withdrawn bids not counted) may have skipped the statutory procedure or been arranged in advance."
    }
    public var inputs: [String] { ["tenders", "bids"] }
    public var parameters: [ParameterSpec] {
        [ParameterSpec(name: "minimum", kind: .integer, defaultValue: "3", minimum: "1", maximum: "100",
                       descriptionZh: "公开、邀请招标的最少投标人数（不含撤回）", descriptionEn: "fewest bids (withdrawn ones not counted) an open or invited tender needs")]
    }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.tenders, .bids]) { return result }
        var run = RuleRun(self, context)
        let minimum = context.parameters.integer(code, "minimum")
        for g in data.bidGroups {
            guard let t = BidBook.tender(data, g) else {
                run.markNotComputable(zh: BidBook.orphanZh, en: BidBook.orphanEn)
                continue
            }
            guard t.method != .none else {
                run.markNotComputable(zh: "招标项目没有招标方式", en: "the tender has no method")
                continue
            }
            guard t.method.isTendering, t.isAwarded else { run.markClear(); continue }
            let counted = g.bids.filter { data.bids[$0].status.isCounted }
            guard counted.count < minimum else { run.markClear(); continue }
            let winner = t.winner >= 0 ? "，中标人\(BidBook.bidderLabel(data, t.winner))" : ""
            let winnerEn = t.winner >= 0 ? "; winner \(BidBook.bidderLabelEn(data, t.winner))" : ""
            run.flag(
                subject: BidBook.tenderID(data, g), severity: .high,
                zh: "\(BidBook.nameZh(data, g))（\(t.method == .open ? "公开招标" : "邀请招标")）仅有 \(counted.count) 家投标（不含撤回）仍确定中标\(winner)",
                en: "The \(BidBook.nameEn(data, g)) (\(data.text(t.methodText))) was awarded with only \(counted.count) bid(s) not withdrawn\(winnerEn)",
                evidence: .pairs(BidBook.tenderFields(data, g) + [
                    ("bids", .array(g.bids.map { i in
                        BidBook.bidLine(data, data.bids[i], [("counted", .bool(data.bids[i].status.isCounted))])
                    })),
                    ("bid_count", .int(counted.count)), ("minimum", .int(minimum)),
                ]))
        }
        return run.result()
    }
}
