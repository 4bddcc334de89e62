/// The relative gap between the winning bid and the lowest losing valid bid, per process — the
/// input of R024 (gap too small) and R058 (gap too large). Cardinal's `SecondLowestBidRatio`.
///
/// A process contributes when its awards are all final, exactly one is active, that award has
/// exactly one supplier, the supplier and at least one other tenderer made valid single-tenderer
/// bids with amounts in the main currency, and the winning bid is the lowest (the award criterion
/// is assumed to be price only; otherwise the gap means nothing). The winner's lowest bid is
/// taken if it bid several times. Ratio = (runner-up − winner) / winner, in `Double` as Cardinal.
///
/// Currency — Cardinal: the `currency` setting, else the first currency any price indicator
/// sees; bids in other currencies are dropped with a log line. Sunlight: the setting (or
/// `[defaults] currency`); without one, the ratio is computed per currency and the single
/// currency present is used at the end — several currencies is an error, never a silent choice.
/// Sunlight compares amounts exactly (`ExactDecimal`) and skips a zero winning bid (whose ratio
/// would be infinite or NaN) instead of passing it to the quartiles.
struct SecondLowestBidRatio {
    struct Entry: Sendable {
        let ratio: Double
        let winner: String
        let runnerUp: String
    }

    let include: Set<String>
    let exclude: Set<String>
    /// Cardinal mode: one map (currency resolved on the fly).
    private(set) var entries = OrderedMap<String, Entry>()
    /// Sunlight mode: one map per currency.
    private(set) var entriesByCurrency: [String: OrderedMap<String, Entry>] = [:]
    /// Process-level skips, shared by R024 and R058 (per currency in Sunlight mode: a process
    /// skipped for its only currency counts once).
    private(set) var skips: [SkipReason: Int] = [:]
    private var skipsByCurrency: [String: [SkipReason: Int]] = [:]

    init(settings: CardinalSettings) {
        include = pipeSeparated(settings.priceComparisonProcurementMethods)
        exclude = pipeSeparated(settings.noPriceComparisonProcurementMethods)
    }

    private mutating func skip(_ reason: SkipReason) { skips[reason, default: 0] += 1 }

    mutating func fold(_ process: ContractingProcess, _ context: inout FoldContext) {
        guard process.matchesProcurementMethodDetails(include: include, exclude: exclude) else {
            return skip(.noPriceComparison)
        }
        let active: [Award]
        let bids: [Bid]
        switch process.awardFinality {
        case .missing: return skip(process.awards == nil ? .noAwards : .noBids)
        case .notFinal: return skip(.awardNotFinal)
        case let .final(a, b): (active, bids) = (a, b)
        }
        guard active.count == 1 else { return skip(.notOneActiveAward) }
        guard let suppliers = active[0].suppliers, suppliers.count == 1, let supplier = suppliers[0].id else {
            return skip(.notOneSupplier)
        }
        let priced = PricedValidBid.of(bids)
        if context.compat {
            foldCardinal(process.ocid, supplier: supplier, priced: priced, &context)
        } else {
            foldSunlight(process.ocid, supplier: supplier, priced: priced, &context)
        }
    }

    /// Cardinal, step for step: `f64` comparisons, strict `<` (the first of equal bids stays).
    private mutating func foldCardinal(_ ocid: String, supplier: String, priced: [PricedValidBid], _ context: inout FoldContext) {
        var winner: (id: String, amount: Double)?
        var loser: (id: String, amount: Double)?
        var otherCurrency = false
        for bid in priced {
            guard bid.currency == context.cardinalMainCurrency(seeing: bid.currency) else {
                otherCurrency = true
                continue
            }
            let amount = bid.amount.value
            if bid.tenderer == supplier {
                if winner == nil || amount < winner!.amount { winner = (bid.tenderer, amount) }
            } else if loser == nil || amount < loser!.amount {
                loser = (bid.tenderer, amount)
            }
        }
        guard let winner, let loser else { return skip(otherCurrency ? .otherCurrency : .noWinningAndLosingValidBids) }
        guard loser.amount >= winner.amount else { return skip(.winnerNotLowest) }
        entries[ocid] = Entry(ratio: (loser.amount - winner.amount) / winner.amount, winner: winner.id, runnerUp: loser.id)
    }

    /// Sunlight: exact comparisons, per currency unless the currency is configured.
    private mutating func foldSunlight(_ ocid: String, supplier: String, priced: [PricedValidBid], _ context: inout FoldContext) {
        var currencies: [String] = []
        for bid in priced where !currencies.contains(bid.currency) { currencies.append(bid.currency) }
        if let configured = context.sunlightCurrency {
            if !currencies.isEmpty && !currencies.contains(configured) { return skip(.otherCurrency) }
            currencies = [configured]
        }
        if currencies.isEmpty { return skip(.noWinningAndLosingValidBids) }
        for currency in currencies {
            if context.sunlightCurrency == nil { context.observedCurrencies.insert(currency) }
            var winner: PricedValidBid?
            var loser: PricedValidBid?
            for bid in priced where bid.currency == currency {
                if bid.tenderer == supplier {
                    if winner == nil || bid.amount.exact < winner!.amount.exact { winner = bid }
                } else if loser == nil || bid.amount.exact < loser!.amount.exact {
                    loser = bid
                }
            }
            let reason: SkipReason?
            if let winner, let loser {
                if loser.amount.exact < winner.amount.exact {
                    reason = .winnerNotLowest
                } else if winner.amount.exact.isZero {
                    reason = .zeroWinningBid
                } else {
                    reason = nil
                    let ratio = (loser.amount.value - winner.amount.value) / winner.amount.value
                    entriesByCurrency[currency, default: OrderedMap()][ocid] =
                        Entry(ratio: ratio, winner: winner.tenderer, runnerUp: loser.tenderer)
                }
            } else {
                reason = .noWinningAndLosingValidBids
            }
            if let reason { skipsByCurrency[currency, default: [:]][reason, default: 0] += 1 }
        }
    }

    /// The ratios to use, once the main currency is known, and the skips that go with them.
    func resolved(currency: String?, compat: Bool) -> (entries: OrderedMap<String, Entry>, skips: [SkipReason: Int]) {
        if compat { return (entries, skips) }
        var all = skips
        if let currency {
            for (reason, n) in skipsByCurrency[currency] ?? [:] { all[reason, default: 0] += n }
            return (entriesByCurrency[currency] ?? OrderedMap(), all)
        }
        return (OrderedMap(), all)
    }
}
