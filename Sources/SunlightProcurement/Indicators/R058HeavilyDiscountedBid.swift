/// R058 — Heavily discounted bid (中标价大幅低于次低价).
///
/// Flags a process whose gap between the winning bid and the second-lowest valid bid
/// (`SecondLowestBidRatio`) is at or above the upper fence Q3 + 1.5·IQR (or the configured
/// `threshold`), and its winner (value 0.0). Why: an unethical bidder can win with a "lemon"
/// priced far below honest competitors when quality criteria are weak.
///
/// Cardinal's guard (fence > 0) is kept; Sunlight reports a failed guard as "not computable".
struct R058HeavilyDiscountedBid {
    let threshold: Double?
    private(set) var summary = IndicatorSummary(code: .r058)

    init(settings: CardinalSettings.FloatThreshold) {
        threshold = settings.threshold
    }

    mutating func finalize(entries: OrderedMap<String, SecondLowestBidRatio.Entry>, skips: [SkipReason: Int],
                           _ context: inout FoldContext) {
        for (reason, n) in skips { summary.skip(reason, n) }
        let upperFence: Double
        var q1 = Double.nan
        var q3 = Double.nan
        if let threshold {
            upperFence = threshold
        } else {
            let sorted = entries.orderedValues.map(\.ratio).sorted()
            q1 = Quartiles.quantile(sorted: sorted, 0.25)
            q3 = Quartiles.quantile(sorted: sorted, 0.75)
            context.results.setMeta(.r058, "q1", q1)
            context.results.setMeta(.r058, "q3", q3)
            upperFence = Quartiles.upperFence(q1: q1, q3: q3)
        }
        context.results.setMeta(.r058, "upper_fence", upperFence)

        guard !entries.isEmpty else {
            summary.state = .notComputable(.noEvaluableSubjects(summary.skippedByFrequency.first?.reason))
            return
        }
        guard upperFence > 0 else {
            summary.state = .notComputable(.degenerateFence(q1: q1, q3: q3, fence: upperFence))
            return
        }
        for (ocid, entry) in entries.elements {
            if entry.ratio >= upperFence {
                summary.flagged += 1
                context.results.set(.ocid, ocid, .r058, entry.ratio)
                context.results.set(.tenderer, entry.winner, .r058, 0.0)
                if context.collectMaps { context.results.maps.addFlaggedTenderer(.r058, ocid: ocid, entry.winner) }
            } else {
                summary.clear += 1
            }
        }
    }
}
