/// Tri-state account of one indicator: how many subjects were flagged, clear, or could not be
/// judged and why — and whether the indicator could be computed at all.
///
/// Why: Cardinal's output only lists flags. An empty result cannot tell "nothing suspicious"
/// from "the data has no bids" or "the fence was degenerate", and an auditor would read silence
/// as a clean bill. rules.md: "silence never hides missing data".
public struct IndicatorSummary: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        /// Computed: `flagged` and `clear` are meaningful.
        case computed
        /// Could not be computed for any subject.
        case notComputable(NotComputableReason)
    }

    public let code: IndicatorCode
    public internal(set) var state: State = .computed
    /// Subjects (processes, tenderers, buyers…) with a result in Cardinal's output.
    public internal(set) var flagged = 0
    /// Subjects evaluated and not flagged.
    public internal(set) var clear = 0
    /// Subjects (usually processes) not evaluated, by reason.
    public internal(set) var skipped: [SkipReason: Int] = [:]

    init(code: IndicatorCode) {
        self.code = code
    }

    mutating func skip(_ reason: SkipReason, _ count: Int = 1) {
        skipped[reason, default: 0] += count
    }

    /// Skip reasons, most frequent first.
    public var skippedByFrequency: [(reason: SkipReason, count: Int)] {
        skipped.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.rawValue < $1.key.rawValue }
            .map { ($0.key, $0.value) }
    }
}

/// Why an indicator produced nothing at all.
public enum NotComputableReason: Sendable, Equatable {
    /// No subject could be evaluated; the most frequent skip reason, if any.
    case noEvaluableSubjects(SkipReason?)
    /// The population for the quartiles was empty (after minimum counts).
    case emptyPopulation
    /// The fence could not separate outliers (e.g. Q1 ≤ 0, or IQR = 0); values in the meta.
    case degenerateFence(q1: Double, q3: Double, fence: Double)

    public var messageZh: String {
        switch self {
        case let .noEvaluableSubjects(reason):
            return "没有任何可评估的对象" + (reason.map { "（主要原因：\($0.messageZh)）" } ?? "（没有数据）")
        case .emptyPopulation:
            return "达到最低数量要求的对象为零，无法计算四分位数"
        case let .degenerateFence(q1, q3, fence):
            return "四分位数退化（Q1 = \(q1)，Q3 = \(q3)，界限 = \(fence)），无法区分异常值"
        }
    }

    public var messageEn: String {
        switch self {
        case let .noEvaluableSubjects(reason):
            return "no subject could be evaluated" + (reason.map { " (mainly: \($0.messageEn))" } ?? " (no data)")
        case .emptyPopulation:
            return "no subject reaches the minimum counts, so there are no quartiles"
        case let .degenerateFence(q1, q3, fence):
            return "degenerate quartiles (Q1 = \(q1), Q3 = \(q3), fence = \(fence)): outliers cannot be told apart"
        }
    }
}

/// Why one subject (a process, a bid, an organisation) was not evaluated by an indicator.
public enum SkipReason: String, Sendable, CaseIterable, Codable {
    case tenderCancelled = "tender_cancelled"
    case excludedProcurementMethodDetails = "excluded_procurement_method_details"
    case noPriceComparison = "no_price_comparison"
    case procurementMethodOutOfScope = "procurement_method_out_of_scope"
    case noTender = "no_tender"
    case missingTenderPeriod = "missing_tender_period"
    case unparseableDate = "unparseable_date"
    case missingNumberOfTenderers = "missing_number_of_tenderers"
    case noBids = "no_bids"
    case noAwards = "no_awards"
    case awardNotFinal = "award_not_final"
    case notOneActiveAward = "not_one_active_award"
    case notOneSupplier = "not_one_supplier"
    case noWinningAndLosingValidBids = "no_winning_and_losing_valid_bids"
    case winnerNotLowest = "winner_not_lowest"
    case otherCurrency = "other_currency"
    case zeroWinningBid = "zero_winning_bid"
    case noActiveAward = "no_active_award"
    case noValidBidWithAmount = "no_valid_bid_with_amount"
    case noSubmittedBids = "no_submitted_bids"
    case noPricedBids = "no_priced_bids"
    case notOneValidTenderer = "not_one_valid_tenderer"
    case belowMinimumCount = "below_minimum_count"
    case noClassifiedItems = "no_classified_items"

    public var messageZh: String {
        switch self {
        case .tenderCancelled: return "招标已取消"
        case .excludedProcurementMethodDetails: return "采购方式明细在排除清单中"
        case .noPriceComparison: return "该采购方式不比较价格"
        case .procurementMethodOutOfScope: return "采购方式不在指标范围内"
        case .noTender: return "没有招标信息"
        case .missingTenderPeriod: return "缺少投标期起止时间"
        case .unparseableDate: return "日期无法识别"
        case .missingNumberOfTenderers: return "缺少投标人数"
        case .noBids: return "没有投标明细"
        case .noAwards: return "没有授标信息"
        case .awardNotFinal: return "授标尚未最终确定"
        case .notOneActiveAward: return "有效授标不止一个（或没有）"
        case .notOneSupplier: return "授标供应商不止一个（或没有）"
        case .noWinningAndLosingValidBids: return "缺少中标与未中标的有效报价"
        case .winnerNotLowest: return "中标价不是最低价（非价格评标）"
        case .otherCurrency: return "报价币种不是主币种"
        case .zeroWinningBid: return "中标报价为零"
        case .noActiveAward: return "没有有效授标"
        case .noValidBidWithAmount: return "没有带金额的有效投标"
        case .noSubmittedBids: return "没有已提交的投标"
        case .noPricedBids: return "没有带金额和投标人的投标"
        case .notOneValidTenderer: return "有效投标人不是恰好一个"
        case .belowMinimumCount: return "数量低于最低要求"
        case .noClassifiedItems: return "授标标的没有分类编码"
        }
    }

    public var messageEn: String {
        switch self {
        case .tenderCancelled: return "tender cancelled"
        case .excludedProcurementMethodDetails: return "procurement method details excluded by settings"
        case .noPriceComparison: return "procurement method without price comparison"
        case .procurementMethodOutOfScope: return "procurement method out of the indicator's scope"
        case .noTender: return "no tender"
        case .missingTenderPeriod: return "tender period start or end missing"
        case .unparseableDate: return "unreadable date"
        case .missingNumberOfTenderers: return "number of tenderers missing"
        case .noBids: return "no bid details"
        case .noAwards: return "no awards"
        case .awardNotFinal: return "an award is not final"
        case .notOneActiveAward: return "not exactly one active award"
        case .notOneSupplier: return "not exactly one supplier on the award"
        case .noWinningAndLosingValidBids: return "no valid winning and losing bids with prices"
        case .winnerNotLowest: return "the winning bid is not the lowest (non-price criteria)"
        case .otherCurrency: return "bid in another currency than the main one"
        case .zeroWinningBid: return "winning bid amount is zero"
        case .noActiveAward: return "no active award"
        case .noValidBidWithAmount: return "no valid bid with an amount"
        case .noSubmittedBids: return "no submitted bids"
        case .noPricedBids: return "no bids with amount and tenderers"
        case .notOneValidTenderer: return "not exactly one valid tenderer"
        case .belowMinimumCount: return "below the minimum count"
        case .noClassifiedItems: return "no classified awarded items"
        }
    }
}
