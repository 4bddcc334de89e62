/// R024 — Price close to winning bid (次低价与中标价过于接近).
///
/// Flags a process whose gap between the winning bid and the second-lowest valid bid
/// (`SecondLowestBidRatio`) is at or below the lower fence Q1 − 1.5·IQR of all gaps (or the
/// configured `threshold`), and its winner and runner-up (value 0.0). Why: a colluding bidder
/// mimics competition with a cover bid just above its partner's.
///
/// Cardinal's guard, kept in both modes: nothing is flagged unless Q1 > 0 and the fence > 0 —
/// when a quarter of processes have no gap at all, the fence would flag most of them. Sunlight
/// reports that case as "not computable (degenerate fence)" instead of silence.
struct R024PriceCloseToWinningBid {
    let threshold: Double?
    private(set) var summary = IndicatorSummary(code: .r024)

    init(settings: CardinalSettings.FloatThreshold) {
        threshold = settings.threshold
    }

    mutating func finalize(entries: OrderedMap<String, SecondLowestBidRatio.Entry>, skips: [SkipReason: Int],
                           _ context: inout FoldContext) {
        for (reason, n) in skips { summary.skip(reason, n) }
        let lowerFence: Double
        let q1: Double
        var q3 = Double.nan
        if let threshold {
            (lowerFence, q1) = (threshold, 1.0) // Cardinal's dummy q1 passes the guard
        } else {
            let sorted = entries.orderedValues.map(\.ratio).sorted()
            q1 = Quartiles.quantile(sorted: sorted, 0.25)
            q3 = Quartiles.quantile(sorted: sorted, 0.75)
            context.results.setMeta(.r024, "q1", q1)
            context.results.setMeta(.r024, "q3", q3)
            lowerFence = Quartiles.lowerFence(q1: q1, q3: q3)
        }
        context.results.setMeta(.r024, "lower_fence", lowerFence)

        guard !entries.isEmpty else {
            summary.state = .notComputable(.noEvaluableSubjects(summary.skippedByFrequency.first?.reason))
            return
        }
        guard q1 > 0 && lowerFence > 0 else {
            summary.state = .notComputable(.degenerateFence(q1: q1, q3: q3, fence: lowerFence))
            return
        }
        for (ocid, entry) in entries.elements {
            if entry.ratio <= lowerFence {
                summary.flagged += 1
                context.results.set(.ocid, ocid, .r024, entry.ratio)
                for id in [entry.winner, entry.runnerUp] {
                    context.results.set(.tenderer, id, .r024, 0.0)
                    if context.collectMaps { context.results.maps.addFlaggedTenderer(.r024, ocid: ocid, id) }
                }
            } else {
                summary.clear += 1
            }
        }
    }
}
