/// R028 — Identical bid prices (投标报价相同).
///
/// Flags a process in which submitted bids from *different* sets of tenderers have the same
/// amount in the same currency, and those tenderers (value 1.0). A tenderer may repeat its own
/// price. Why: a corrupt buyer can leak a competitor's price to the favoured bidder; colluding
/// bidders copy each other's offers (招标投标法实施条例 Art. 40(4): 投标报价呈规律性差异 / 相同).
///
/// Cardinal compares `f64` amounts; Sunlight compares the exact decimals written in the data, so
/// two amounts equal only after rounding to binary are not "identical".
struct R028IdenticalBidPrices: CardinalIndicator {
    let include: Set<String>
    let exclude: Set<String>
    private(set) var summary = IndicatorSummary(code: .r028)

    init(settings: CardinalSettings) {
        include = pipeSeparated(settings.priceComparisonProcurementMethods)
        exclude = pipeSeparated(settings.noPriceComparisonProcurementMethods)
    }

    private struct Price: Hashable {
        let compatAmount: Double
        let exactAmount: ExactDecimal?
        let currency: String
    }

    mutating func fold(_ process: ContractingProcess, _ context: inout FoldContext) {
        guard process.matchesProcurementMethodDetails(include: include, exclude: exclude) else {
            return summary.skip(.noPriceComparison)
        }
        guard process.bids != nil else { return summary.skip(.noBids) }
        var prices: [Price: Set<String>] = [:]
        var priced = 0
        var flagged = false
        for bid in process.submittedBids {
            guard let tenderers = bid.tenderers, let value = bid.value, let amount = value.amount,
                  let currency = value.currency else { continue }
            let ids = Set(tenderers.compactMap(\.id))
            guard !ids.isEmpty else { continue }
            priced += 1
            // OrderedFloat semantics in Cardinal: 0.0 == -0.0.
            let price = context.compat
                ? Price(compatAmount: amount.value == 0 ? 0 : amount.value, exactAmount: nil, currency: currency)
                : Price(compatAmount: 0, exactAmount: amount.exact, currency: currency)
            if let other = prices[price], ids != other {
                flagged = true
                context.results.set(.ocid, process.ocid, .r028, 1.0)
                for id in ids.union(other) {
                    context.results.set(.tenderer, id, .r028, 1.0)
                    if context.collectMaps { context.results.maps.addFlaggedTenderer(.r028, ocid: process.ocid, id) }
                }
            }
            // Re-assigned every time, as in Cardinal (the value is always 1.0, so it is harmless).
            prices[price] = ids
        }
        if flagged {
            summary.flagged += 1
        } else if priced > 0 {
            summary.clear += 1
        } else {
            summary.skip(.noPricedBids)
        }
    }
}
