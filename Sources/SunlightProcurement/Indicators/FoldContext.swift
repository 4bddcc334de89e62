/// State shared by the indicators while the processes stream past, in input order.
struct FoldContext {
    let compat: Bool
    var results: IndicatorResults
    let collectMaps: Bool
    /// Top-level `currency` (Cardinal's only currency setting).
    let configuredCurrency: String?
    /// Sunlight's main currency setting: `currency`, else `[defaults] currency`.
    let sunlightCurrency: String?
    /// Cardinal's `item.currency`: the setting, or else the first currency a price indicator sees
    /// (shared by the second-lowest-bid ratio and R036, in that order within a process).
    var cardinalCurrency: String?
    /// Sunlight: currencies of the bids the price indicators would compare.
    var observedCurrencies: Set<String> = []

    /// Cardinal's `item.currency.get_or_insert_with(|| settings.currency or this currency)`.
    mutating func cardinalMainCurrency(seeing currency: String) -> String {
        if let c = cardinalCurrency { return c }
        let c = configuredCurrency ?? currency
        cardinalCurrency = c
        return c
    }

    /// Sunlight's main currency, resolved once all processes are seen.
    func resolvedSunlightCurrency() throws(IndicatorError) -> String? {
        if let sunlightCurrency { return sunlightCurrency }
        if observedCurrencies.count > 1 { throw IndicatorError.mixedCurrencies(observedCurrencies.sorted()) }
        return observedCurrencies.first
    }
}

/// One indicator's streaming computation.
protocol CardinalIndicator {
    var summary: IndicatorSummary { get }
    /// Sees one process (already prepared, not cancelled, not excluded).
    mutating func fold(_ process: ContractingProcess, _ context: inout FoldContext)
    /// Writes population-based results once every process has been seen.
    mutating func finalize(_ context: inout FoldContext) throws(IndicatorError)
}

extension CardinalIndicator {
    mutating func finalize(_ context: inout FoldContext) throws(IndicatorError) {}
}

extension IndicatorSummary {
    /// Sets `notComputable` when nothing at all was evaluated (per-process indicators).
    mutating func concludePerProcess() {
        if flagged + clear == 0 {
            state = .notComputable(.noEvaluableSubjects(skippedByFrequency.first?.reason))
        }
    }
}
