import SunlightDomain

/// `bid.near_ceiling` 贴近最高限价: ≥ 2 valid bids and every valid bid ≥ 98 % of the ceiling.
///
/// "Price tests use valid or empty-status bids"; compared exactly (amount × 10⁶ ≥ ceiling ×
/// ratio × 10⁶), so a bid at exactly 98 % counts. Subjects: every tender; one with fewer than 2
/// valid bids is clear; one with 2 or more but no ceiling (or no `tenders` row) cannot be judged.
public struct BidNearCeilingRule: SupervisionRule {
    public init() {}
    public var code: String { "bid.near_ceiling" }
    public var version: Int { 1 }
    public var titleZh: String { "贴近最高限价" }
    public var titleEn: String { "All bids close to the price ceiling" }
    public var explanationZh: String {
        "竞争充分时，投标报价通常分散在最高投标限价以下。全部有效投标都贴近最高限价（不低于限价的 98%），说明投标人之间可能没有真实竞争，存在围标、陪标或限价泄露的风险。"
    }
    public var explanationEn: String {
        "Under real competition bids spread out below the price ceiling. When every valid bid sits at 98 % of the ceiling or above, the bidders may not be competing at all: a bid ring, cover bids or a leaked ceiling."
    }
    public var inputs: [String] { ["tenders", "bids"] }
    public var parameters: [ParameterSpec] {
        [ParameterSpec(name: "ratio", kind: .decimal, defaultValue: "0.98", minimum: "0", minimumExclusive: true, maximum: "1",
                       descriptionZh: "有效报价不低于最高限价的比例", descriptionEn: "share of the ceiling every valid bid reaches")]
    }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.tenders, .bids]) { return result }
        var run = RuleRun(self, context)
        let ratio = context.parameters.decimal(code, "ratio")
        for g in data.bidGroups {
            var priced = g.bids.filter { data.bids[$0].status.isPriced }
            guard priced.count >= 2 else { run.markClear(); continue }
            guard let t = BidBook.tender(data, g) else {
                run.markNotComputable(zh: BidBook.orphanZh, en: BidBook.orphanEn)
                continue
            }
            guard let ceiling = t.ceiling, ceiling > 0 else {
                run.markNotComputable(zh: "招标项目没有最高限价", en: "the tender has no price ceiling")
                continue
            }
            guard priced.allSatisfy({ Exact.compare(data.bids[$0].amount, times: FixedDecimal.scale, ceiling, times: ratio.micros) >= 0 }) else {
                run.markClear()
                continue
            }
            priced.sort { data.bids[$0].amount != data.bids[$1].amount ? data.bids[$0].amount < data.bids[$1].amount : $0 < $1 }
            let lowest = data.bids[priced[0]].amount
            let threshold = Self.threshold(ceiling, ratio)
            let share = BidBook.ratio(lowest, ceiling)
            let percent = FixedDecimal(micros: ratio.micros * 100).text + "%"
            let lowestPercent = BidBook.ratio(lowest * 100, ceiling, digits: 2) + "%"
            run.flag(
                subject: BidBook.tenderID(data, g), severity: .medium,
                zh: "\(BidBook.nameZh(data, g))的 \(priced.count) 个有效报价均不低于最高限价 \(Display.yuan(ceiling)) 元的 \(percent)（最低 \(Display.yuan(lowest)) 元，为限价的 \(lowestPercent)）",
                en: "The \(priced.count) valid bids of \(BidBook.nameEn(data, g)) are all at or above \(percent) of the \(Display.yuan(ceiling)) yuan ceiling (the lowest, \(Display.yuan(lowest)) yuan, is \(lowestPercent))",
                evidence: .pairs(BidBook.tenderFields(data, g) + [
                    ("ratio", .string(ratio.text)), ("threshold", .yuan(threshold)),
                    ("bids", .array(priced.map { i in
                        BidBook.bidLine(data, data.bids[i], [("ratio_to_ceiling", .string(BidBook.ratio(data.bids[i].amount, ceiling)))])
                    })),
                    ("bid_count", .int(priced.count)), ("lowest_ratio", .string(share)),
                ]))
        }
        return run.result()
    }

    /// ceiling × ratio rounded up to the fen: the smallest amount that reaches it.
    static func threshold(_ ceiling: Int64, _ ratio: FixedDecimal) -> Int64 {
        let product = ceiling.multipliedFullWidth(by: ratio.micros)
        let (q, r) = FixedDecimal.scale.dividingFullWidth((high: product.high, low: product.low))
        return r > 0 ? q + 1 : q
    }
}
