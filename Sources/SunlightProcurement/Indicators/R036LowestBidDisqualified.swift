/// R036 — Lowest bid disqualified (最低价投标被否决).
///
/// Flags a process with at least one active award and at least one valid bid with an amount,
/// whose lowest submitted bid (main currency) is disqualified. Equal amounts: the first bid in
/// the data stays the lowest, as in Cardinal. Why: with price-only award criteria, rejecting the
/// cheapest offer is how a buyer steers the contract (最低价中标 被否决).
///
/// Currency as in `SecondLowestBidRatio`: Cardinal shares its first-seen currency; Sunlight
/// evaluates each currency separately and keeps the main one, resolved at the end.
struct R036LowestBidDisqualified: CardinalIndicator {
    let include: Set<String>
    let exclude: Set<String>
    private(set) var summary = IndicatorSummary(code: .r036)
    /// Sunlight mode: per currency, flagged processes (in order) and counts.
    private var flaggedByCurrency: [String: [String]] = [:]
    private var clearByCurrency: [String: Int] = [:]
    private var noValidByCurrency: [String: Int] = [:]

    init(settings: CardinalSettings) {
        include = pipeSeparated(settings.priceComparisonProcurementMethods)
        exclude = pipeSeparated(settings.noPriceComparisonProcurementMethods)
    }

    mutating func fold(_ process: ContractingProcess, _ context: inout FoldContext) {
        guard process.matchesProcurementMethodDetails(include: include, exclude: exclude) else {
            return summary.skip(.noPriceComparison)
        }
        guard let awards = process.awards else { return summary.skip(.noAwards) }
        guard awards.contains(where: { $0.status == "active" }) else { return summary.skip(.noActiveAward) }
        let priced = process.submittedBids.compactMap { bid -> (status: String, amount: Amount, currency: String)? in
            guard let status = bid.status, let value = bid.value, let amount = value.amount,
                  let currency = value.currency else { return nil }
            return (status, amount, currency)
        }
        if context.compat {
            var lowest: Double?
            var lowestDisqualified = false
            var hasValid = false
            var otherCurrency = false
            for bid in priced {
                guard bid.currency == context.cardinalMainCurrency(seeing: bid.currency) else {
                    otherCurrency = true
                    continue
                }
                if lowest == nil || bid.amount.value < lowest! {
                    lowest = bid.amount.value
                    lowestDisqualified = bid.status == "disqualified"
                }
                if bid.status == "valid" { hasValid = true }
            }
            if hasValid && lowestDisqualified {
                summary.flagged += 1
                context.results.set(.ocid, process.ocid, .r036, 1.0)
            } else if hasValid {
                summary.clear += 1
            } else {
                summary.skip(otherCurrency ? .otherCurrency : .noValidBidWithAmount)
            }
            return
        }
        var currencies: [String] = []
        for bid in priced where !currencies.contains(bid.currency) { currencies.append(bid.currency) }
        if let configured = context.sunlightCurrency {
            if !currencies.contains(configured) {
                return summary.skip(currencies.isEmpty ? .noValidBidWithAmount : .otherCurrency)
            }
            currencies = [configured]
        }
        if currencies.isEmpty { return summary.skip(.noValidBidWithAmount) }
        for currency in currencies {
            if context.sunlightCurrency == nil { context.observedCurrencies.insert(currency) }
            var lowest: ExactDecimal?
            var lowestDisqualified = false
            var hasValid = false
            for bid in priced where bid.currency == currency {
                if lowest == nil || bid.amount.exact < lowest! {
                    lowest = bid.amount.exact
                    lowestDisqualified = bid.status == "disqualified"
                }
                if bid.status == "valid" { hasValid = true }
            }
            if hasValid && lowestDisqualified {
                flaggedByCurrency[currency, default: []].append(process.ocid)
            } else if hasValid {
                clearByCurrency[currency, default: 0] += 1
            } else {
                noValidByCurrency[currency, default: 0] += 1
            }
        }
    }

    /// Sunlight mode: keep the main currency's results.
    mutating func resolve(currency: String?, _ context: inout FoldContext) {
        guard !context.compat else { return }
        if let currency {
            for ocid in flaggedByCurrency[currency] ?? [] {
                context.results.set(.ocid, ocid, .r036, 1.0)
            }
            summary.flagged += flaggedByCurrency[currency]?.count ?? 0
            summary.clear += clearByCurrency[currency] ?? 0
            if let n = noValidByCurrency[currency] { summary.skip(.noValidBidWithAmount, n) }
        }
    }
}
