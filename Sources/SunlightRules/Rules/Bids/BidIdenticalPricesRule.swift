import SunlightDomain

/// `bid.identical_prices` 报价相同: ≥ 2 distinct bidders bid the same amount (招标投标法实施条例
/// Art. 40(4): bids that are abnormally alike; Cardinal R028).
///
/// "Counts (…identical_prices…) use bids not withdrawn": a disqualified bid still counts, a
/// withdrawn one does not. Amounts are compared exactly, to the fen. Subjects: every tender; one
/// with fewer than 2 such bids is clear.
public struct BidIdenticalPricesRule: SupervisionRule {
    public init() {}
    public var code: String { "bid.identical_prices" }
    public var version: Int { 1 }
    public var titleZh: String { "报价相同" }
    public var titleEn: String { "Identical bid prices" }
    public var explanationZh: String {
        "不同投标人的投标报价精确到分完全相同，属于《招标投标法实施条例》第四十条第（四）项所列投标文件异常一致的情形，可能是串通投标。被否决的投标仍参与比对，撤回的投标不计。"
    }
    public var explanationEn: String {
        "Different bidders quoting exactly the same amount, to the fen, is one of the abnormal similarities listed in Article 40(4) of the Implementing Regulations and may indicate collusion. Disqualified bids are compared too; withdrawn ones are not."
    }
    public var inputs: [String] { ["bids", "tenders"] }
    public var parameters: [ParameterSpec] { [] }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.bids]) { return result }
        var run = RuleRun(self, context)
        for g in data.bidGroups {
            var counted = g.bids.filter { data.bids[$0].status.isCounted }
            guard counted.count >= 2 else { run.markClear(); continue }
            counted.sort { data.bids[$0].amount != data.bids[$1].amount ? data.bids[$0].amount < data.bids[$1].amount : $0 < $1 }
            var groups: [ArraySlice<Int>] = []
            var start = 0
            while start < counted.count {
                var end = start + 1
                while end < counted.count, data.bids[counted[end]].amount == data.bids[counted[start]].amount { end += 1 }
                if end - start >= 2 { groups.append(counted[start..<end]) }   // one bid per bidder: distinct bidders
                start = end
            }
            guard !groups.isEmpty else { run.markClear(); continue }
            let involved = groups.flatMap { $0 }
            let amount = Display.yuan(data.bids[groups[0].first!].amount)
            let names = groups[0].map { BidBook.bidderLabel(data, data.bids[$0].bidder, data.bids[$0].bidderName) }
            let namesEn = groups[0].map { BidBook.bidderLabelEn(data, data.bids[$0].bidder, data.bids[$0].bidderName) }
            run.flag(
                subject: BidBook.tenderID(data, g), severity: .medium,
                zh: "\(BidBook.nameZh(data, g))中\(names.joined(separator: "、"))报价均为 \(amount) 元\(groups.count > 1 ? "，另有 \(groups.count - 1) 组相同报价" : "")",
                en: "In \(BidBook.nameEn(data, g)), \(namesEn.joined(separator: ", ")) all bid \(amount) yuan\(groups.count > 1 ? "; \(groups.count - 1) more group(s) of identical bids" : "")",
                evidence: .pairs(BidBook.tenderFields(data, g) + [
                    ("identical", .array(groups.map { grp in
                        .pairs([("amount", .yuan(data.bids[grp.first!].amount)),
                                ("bidder_uscc", .array(grp.map { .string(data.text(data.bids[$0].bidder)) })),
                                ("bidder_count", .int(grp.count))])
                    })),
                    ("bids", .array(involved.map { BidBook.bidLine(data, data.bids[$0]) })),
                    ("bid_count", .int(counted.count)),
                ]))
        }
        return run.result()
    }
}
