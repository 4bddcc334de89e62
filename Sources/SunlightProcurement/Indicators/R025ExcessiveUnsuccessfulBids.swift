/// R025 — Excessive unsuccessful bids (投标多而中标少).
///
/// For each tenderer, the ratio of processes won to processes with a valid bid from it (counted
/// once per process), over processes whose awards are final with exactly one active award to
/// exactly one supplier. A tenderer is flagged if its number of such processes is at or above
/// the `percentile`-th percentile (default 75) of all tenderers' numbers, and its ratio is at or
/// below the lower fence Q1 − 1.5·IQR of all ratios (or `threshold`). Why: a colluding bidder
/// mimics competition by bidding often and losing on purpose (陪标).
///
/// Cardinal's guard (Q1 > 0 and fence > 0) is kept; Sunlight reports a failed guard.
struct R025ExcessiveUnsuccessfulBids: CardinalIndicator {
    let percentile: Int
    let threshold: Double?
    private var tenderers = OrderedMap<String, (wins: Int, bids: Int)>()
    private(set) var summary = IndicatorSummary(code: .r025)

    init(settings: CardinalSettings.R025) {
        percentile = settings.percentile ?? 75
        threshold = settings.threshold
    }

    mutating func fold(_ process: ContractingProcess, _ context: inout FoldContext) {
        let active: [Award]
        let bids: [Bid]
        switch process.awardFinality {
        case .missing: return summary.skip(process.awards == nil ? .noAwards : .noBids)
        case .notFinal: return summary.skip(.awardNotFinal)
        case let .final(a, b): (active, bids) = (a, b)
        }
        guard active.count == 1 else { return summary.skip(.notOneActiveAward) }
        guard let suppliers = active[0].suppliers, suppliers.count == 1, let supplier = suppliers[0].id else {
            return summary.skip(.notOneSupplier)
        }
        var seen: [String] = []
        for bid in bids where bid.status == "valid" {
            guard let list = bid.tenderers, list.count == 1, let id = list[0].id, !seen.contains(id) else { continue }
            seen.append(id)
        }
        for id in seen {
            tenderers.update(id, default: (0, 0)) { $0.wins += id == supplier ? 1 : 0; $0.bids += 1 }
        }
    }

    mutating func finalize(_ context: inout FoldContext) throws(IndicatorError) {
        let values = tenderers.orderedValues
        let upperFence = Quartiles.quantile(values.map { Double($0.bids) }, Double(percentile) / 100)
        let lowerFence: Double
        let q1: Double
        var q3 = Double.nan
        if let threshold {
            (lowerFence, q1) = (threshold, 1.0)
        } else {
            let sorted = values.map { Double($0.wins) / Double($0.bids) }.sorted()
            q1 = Quartiles.quantile(sorted: sorted, 0.25)
            q3 = Quartiles.quantile(sorted: sorted, 0.75)
            context.results.setMeta(.r025, "q1", q1)
            context.results.setMeta(.r025, "q3", q3)
            lowerFence = Quartiles.lowerFence(q1: q1, q3: q3)
        }
        context.results.setMeta(.r025, "upper_fence", upperFence)
        context.results.setMeta(.r025, "lower_fence", lowerFence)

        guard !tenderers.isEmpty else {
            summary.state = .notComputable(.noEvaluableSubjects(summary.skippedByFrequency.first?.reason))
            return
        }
        guard q1 > 0 && lowerFence > 0 else {
            summary.state = .notComputable(.degenerateFence(q1: q1, q3: q3, fence: lowerFence))
            return
        }
        for (id, f) in tenderers.elements {
            let ratio = Double(f.wins) / Double(f.bids)
            if Double(f.bids) >= upperFence && ratio <= lowerFence {
                summary.flagged += 1
                context.results.set(.tenderer, id, .r025, ratio)
            } else {
                summary.clear += 1
            }
        }
    }
}
