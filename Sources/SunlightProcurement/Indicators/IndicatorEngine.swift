/// Runs the enabled Cardinal indicators over contracting processes streamed in input order.
///
/// ```swift
/// var engine = IndicatorEngine(settings: settings)
/// _ = try OCDSReader(options: engine.readOptions).read(file: url) { engine.add($0) }
/// let results = try engine.finish()
/// print(results.cardinalJSON())
/// ```
///
/// Per-process indicators fold each process as it arrives; population indicators (R024, R025,
/// R038, R048, R058) keep per-organisation tallies and compute quartiles in `finish`. Memory is
/// proportional to organisations and (for R024/R058) processes with a price gap — not to input
/// size. Processes are seen in Cardinal's order of operations: prepared, then dropped if the
/// tender is cancelled or its `procurementMethodDetails` is excluded, then the second-lowest-bid
/// ratio, then R003 … R058 in code order (Cardinal's "first seen" currency depends on it).
public struct IndicatorEngine: Sendable {
    public let settings: CardinalSettings
    private let preparation: Preparation
    private let excluded: Set<String>
    private var context: FoldContext
    private var ratio: SecondLowestBidRatio?
    private var r003: R003ShortSubmissionPeriod?
    private var r018: R018SingleBidReceived?
    private var r024: R024PriceCloseToWinningBid?
    private var r025: R025ExcessiveUnsuccessfulBids?
    private var r028: R028IdenticalBidPrices?
    private var r030: R030LateBidWon?
    private var r035: R035AllExceptWinningBidDisqualified?
    private var r036: R036LowestBidDisqualified?
    private var r038: R038ExcessiveDisqualifiedBids?
    private var r048: R048HeterogeneousSupplier?
    private var r058: R058HeavilyDiscountedBid?
    /// Processes dropped before any indicator, by reason (cancelled, excluded).
    private var dropped: [SkipReason: Int] = [:]
    private var processes = 0

    /// - Parameter collectMaps: also build Cardinal's `--map` output (`IndicatorResults.maps`).
    public init(settings: CardinalSettings, collectMaps: Bool = false) {
        self.settings = settings
        preparation = Preparation(settings: settings)
        excluded = pipeSeparated(settings.excludedProcurementMethodDetails)
        context = FoldContext(compat: settings.cardinalCompat,
                              results: IndicatorResults(cardinalCompat: settings.cardinalCompat),
                              collectMaps: collectMaps,
                              configuredCurrency: settings.currency,
                              sunlightCurrency: settings.currency ?? settings.defaults?.currency,
                              cardinalCurrency: nil)
        if settings.r024 != nil || settings.r058 != nil { ratio = SecondLowestBidRatio(settings: settings) }
        r003 = settings.r003.map(R003ShortSubmissionPeriod.init)
        r018 = settings.r018.map(R018SingleBidReceived.init)
        r024 = settings.r024.map(R024PriceCloseToWinningBid.init)
        r025 = settings.r025.map(R025ExcessiveUnsuccessfulBids.init)
        r028 = settings.r028 ? R028IdenticalBidPrices(settings: settings) : nil
        r030 = settings.r030 ? R030LateBidWon() : nil
        r035 = settings.r035.map(R035AllExceptWinningBidDisqualified.init)
        r036 = settings.r036 ? R036LowestBidDisqualified(settings: settings) : nil
        r038 = settings.r038.map(R038ExcessiveDisqualifiedBids.init)
        r048 = settings.r048.map(R048HeterogeneousSupplier.init)
        r058 = settings.r058.map(R058HeavilyDiscountedBid.init)
    }

    /// The reading options these settings imply (`move_auctions`).
    public var readOptions: ReadOptions {
        ReadOptions(moveAuctions: settings.modifications?.moveAuctions ?? false)
    }

    public mutating func add(_ batch: [ContractingProcess]) {
        for process in batch { add(process) }
    }

    public mutating func add(_ process: ContractingProcess) {
        processes += 1
        if preparation.isIdentity {
            fold(process)
        } else {
            var prepared = process
            preparation.apply(&prepared)
            fold(prepared)
        }
    }

    private mutating func fold(_ process: ContractingProcess) {
        if process.isCancelled {
            dropped[.tenderCancelled, default: 0] += 1
            return
        }
        if !process.matchesProcurementMethodDetails(include: [], exclude: excluded) {
            dropped[.excludedProcurementMethodDetails, default: 0] += 1
            return
        }
        if context.collectMaps && (r025 != nil || r038 != nil || r048 != nil) {
            for bid in process.submittedBids {
                for t in bid.tenderers ?? [] {
                    if let id = t.id { context.results.maps.ocidTenderer[process.ocid, default: []].insert(id) }
                }
            }
        }
        ratio?.fold(process, &context)
        r003?.fold(process, &context)
        r018?.fold(process, &context)
        r025?.fold(process, &context)
        r028?.fold(process, &context)
        r030?.fold(process, &context)
        r035?.fold(process, &context)
        r036?.fold(process, &context)
        r038?.fold(process, &context)
        r048?.fold(process, &context)
    }

    /// Computes the population indicators and returns everything.
    ///
    /// Throws `IndicatorError.mixedCurrencies` in Sunlight mode when the price indicators saw
    /// several currencies and no currency is configured.
    public consuming func finish() throws(IndicatorError) -> IndicatorResults {
        try finishInPlace()
    }

    private mutating func finishInPlace() throws(IndicatorError) -> IndicatorResults {
        let compat = context.compat
        let priceIndicators = ratio != nil || r036 != nil
        let currency: String?
        if compat {
            currency = context.cardinalCurrency
        } else if priceIndicators {
            currency = try context.resolvedSunlightCurrency()
        } else {
            currency = nil
        }
        context.results.mainCurrency = priceIndicators ? currency : nil
        context.results.processes = processes

        let resolved = ratio?.resolved(currency: currency, compat: compat)
        if var r024 {
            r024.finalize(entries: resolved!.entries, skips: resolved!.skips, &context)
            self.r024 = r024
        }
        try r025?.finalize(&context)
        r036?.resolve(currency: currency, &context)
        try r038?.finalize(&context)
        try r048?.finalize(&context)
        if var r058 {
            r058.finalize(entries: resolved!.entries, skips: resolved!.skips, &context)
            self.r058 = r058
        }

        var summaries: [IndicatorSummary] = []
        func add(_ summary: IndicatorSummary?, perProcess: Bool) {
            guard var summary else { return }
            for (reason, n) in dropped { summary.skip(reason, n) }
            if perProcess { summary.concludePerProcess() }
            summaries.append(summary)
        }
        add(r003?.summary, perProcess: true)
        add(r018?.summary, perProcess: true)
        add(r024?.summary, perProcess: false)
        add(r025?.summary, perProcess: false)
        add(r028?.summary, perProcess: true)
        add(r030?.summary, perProcess: true)
        add(r035?.summary, perProcess: true)
        add(r036?.summary, perProcess: true)
        add(r038?.summary, perProcess: false)
        add(r048?.summary, perProcess: false)
        add(r058?.summary, perProcess: false)
        context.results.summaries = summaries
        return context.results
    }
}
